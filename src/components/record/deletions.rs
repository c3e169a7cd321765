//! The record's table of every deletion: 25 rows a page on screen while the record is open,
//! every row on paper. Linked only by the live tools (`paged::show_paged`).

use closure::escalation::describe_time_seconds;
use closure::report::{DeletionOutcome, Report};
use yew::prelude::*;

use super::paged::use_paged;
use crate::components::common::format::in_steps;
use crate::components::common::{table_scroll, ByPtr};
use crate::services::clock;

#[derive(Properties, PartialEq)]
pub(super) struct DeletionTableProps {
    pub report: ByPtr<Report>,
    /// Every row (the record is being printed), else one page of them with the page controls.
    pub every: bool,
}

/// The page controls' name, for screen readers.
const PAGES_LABEL: &str = "Pages of every deletion";

/// Every deletion with its times, operation id and outcome: on screen in the record, a page at
/// a time, and on paper, all of them. Props compare by identity, so a re-render of the page does
/// not rebuild the table.
#[component]
pub(super) fn DeletionTable(props: &DeletionTableProps) -> Html {
    let records = &props.report.deletions.records;
    let (shown, pager) = use_paged(records.len(), props.every, PAGES_LABEL.into());
    let rows = &records[shown];
    // In resources, as the record's "Deletions" and the ledger count them, and in steps, as the
    // rows here and in the downloads are: "Every deletion: 2,010 resources, in 2,000 steps".
    let heading = in_steps(
        "Every deletion",
        records.len(),
        props.report.deletions.counts.resources(),
    );
    let time = |at: Option<i64>| cell_time(at, clock::utc_offset_minutes);
    html! {
        <section class="ob-report-part ob-report-deletions">
            <h4 id="ob-record-deletions">{ heading }</h4>
            { table_scroll("Every deletion".into(), html! {
                <table class="ob-record-table" aria-labelledby="ob-record-deletions">
                    <thead>
                        <tr>
                            <th scope="col">{ "Resource" }</th>
                            <th scope="col">{ "Data center" }</th>
                            <th scope="col">{ "Delete sent" }</th>
                            <th scope="col">{ "Operation id" }</th>
                            <th scope="col">{ "Outcome" }</th>
                            <th scope="col">{ "Seen" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|d| html! {
                            <tr data-outcome={d.outcome.label()}>
                                <td>{ format!("{} {}", d.resource.kind.label(), d.name) }</td>
                                <td>{ d.data_center.clone().unwrap_or_else(|| "account-wide".to_string()) }</td>
                                <td>{ time(d.requested_at) }</td>
                                <td class="ob-record-op">{ match (&d.operation_id, &d.outcome) {
                                    (Some(id), _) => id.clone(),
                                    // Removed with no queue operation: the API answered the delete itself.
                                    (None, DeletionOutcome::Removed) if d.requested_at.is_some() => "none: answered at once".to_string(),
                                    (None, _) => "none".to_string(),
                                } }</td>
                                <td>{ match &d.outcome {
                                    DeletionOutcome::Removed => "removed".to_string(),
                                    DeletionOutcome::Failed(why) => format!("failed: {why}"),
                                    DeletionOutcome::Remaining(why) => format!("still there: {why}"),
                                } }</td>
                                <td>{ time(d.finished_at) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }) }
            { pager }
        </section>
    }
}

/// A time in the table: in UTC and where the customer is (`offset_at`, minutes east of UTC at
/// that instant), as the summary above and the screens write times; the downloads keep UTC
/// alone, they are read by machines. "—" where there is none (the delete was not sent, the
/// resource not seen gone). A time that was recorded but is out of range reads "unknown time",
/// as the summary writes it (`describe_time`): the event happened, unlike a "—".
fn cell_time(at: Option<i64>, offset_at: impl Fn(i64) -> i32) -> String {
    at.map_or_else(
        || "—".to_string(),
        |at| describe_time_seconds(at, offset_at(at)),
    )
}

#[cfg(test)]
mod tests {
    use super::cell_time;

    /// A time missing is "—", one out of range is "unknown time" (as the record's summary
    /// writes it), any other in UTC and at the customer's offset.
    #[test]
    fn a_cell_says_whether_its_time_is_missing_or_unreadable() {
        assert_eq!(cell_time(None, |_| 60), "—");
        assert_eq!(cell_time(Some(i64::MAX), |_| 60), "unknown time");
        assert_eq!(
            cell_time(Some(1_000), |_| 60),
            "1970-01-01 00:00:01 UTC (1970-01-01 01:00:01 at UTC+01:00)"
        );
    }
}
