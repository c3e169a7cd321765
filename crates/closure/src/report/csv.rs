//! The report as CSV for a spreadsheet: one header line, then one row per resource before,
//! resource after, deletion, exclusion, manual item and data-retrieval mark, told apart by the
//! `section` column. Cells go through [`csv_field`] (RFC 4180 quoting, formula injection
//! neutralised); lines end with CRLF. Times are UTC, ISO 8601.

use chrono::{DateTime, SecondsFormat};

use super::input::DeletionOutcome;
use super::model::Report;
use crate::inventory::export::csv_field;
use crate::inventory::{Keep, Resource};
use crate::EpochMs;

/// The header, in column order.
pub const COLUMNS: [&str; 11] = [
    "section",
    "kind",
    "id",
    "name",
    "data_center",
    "status",
    "detail",
    "requested_at",
    "finished_at",
    "operation_id",
    "hourly_usd",
];

/// The `section` values, in the order rows appear.
pub const SECTIONS: [&str; 6] = ["before", "after", "deletion", "exclusion", "manual", "data"];

/// One row per item of every list section (see the module docs); `\r\n`-terminated lines.
pub fn to_csv(report: &Report) -> String {
    let mut out = line(COLUMNS.map(String::from));
    for (section, inventory) in [
        ("before", &report.inventory_before),
        ("after", &report.inventory_after),
    ] {
        for r in inventory.iter().flat_map(|i| &i.resources) {
            out.push_str(&line(resource_row(section, r)));
        }
    }
    for d in &report.deletions.records {
        let detail = match &d.outcome {
            DeletionOutcome::Failed(reason) | DeletionOutcome::Remaining(reason) => reason.clone(),
            DeletionOutcome::Removed => String::new(),
        };
        out.push_str(&line([
            "deletion".into(),
            d.resource.kind.label().into(),
            shown_id(&d.resource),
            d.name.clone(),
            d.data_center.clone().unwrap_or_default(),
            d.outcome.label().into(),
            detail,
            time(d.requested_at),
            time(d.finished_at),
            d.operation_id.clone().unwrap_or_default(),
            String::new(),
        ]));
    }
    for e in &report.exclusions {
        out.push_str(&line(plain_row(
            "exclusion",
            e.resource.kind.label(),
            &shown_id(&e.resource),
            &e.name,
            e.data_center.as_deref(),
            "kept",
            &e.why,
        )));
    }
    for m in &report.manual {
        let status = match m.answer {
            Some(answer) => answer.label(),
            None if m.done => "done",
            None => "not done",
        };
        out.push_str(&line(plain_row(
            "manual",
            "manual item",
            &m.key,
            &m.title,
            None,
            status,
            &m.what_to_do,
        )));
    }
    for d in &report.data_retrieval {
        out.push_str(&line(plain_row(
            "data",
            d.resource.kind.label(),
            &shown_id(&d.resource),
            &d.name,
            d.data_center.as_deref(),
            d.mark.label(),
            "",
        )));
    }
    out
}

/// The id as the record shows it: a sub-account's resource after its alias (`DEMS/…`).
fn shown_id(id: &crate::inventory::ResourceId) -> String {
    if id.account.is_empty() {
        id.id.clone()
    } else {
        format!("{}/{}", id.account, id.id)
    }
}

fn resource_row(section: &str, r: &Resource) -> [String; 11] {
    let detail = match &r.keep {
        None => String::new(),
        Some(Keep::SystemGroup) => "kept: system group".into(),
        Some(Keep::FreePrimaryNetwork { .. }) => "kept: free primary network".into(),
    };
    [
        section.into(),
        r.id.kind.label().into(),
        shown_id(&r.id),
        r.name.clone(),
        r.data_center.clone().unwrap_or_default(),
        r.state.label(),
        detail,
        String::new(),
        String::new(),
        String::new(),
        r.cost.hourly.map(|h| format!("{h:.5}")).unwrap_or_default(),
    ]
}

fn plain_row(
    section: &str,
    kind: &str,
    id: &str,
    name: &str,
    data_center: Option<&str>,
    status: &str,
    detail: &str,
) -> [String; 11] {
    [
        section.into(),
        kind.into(),
        id.into(),
        name.into(),
        data_center.unwrap_or_default().into(),
        status.into(),
        detail.into(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

fn line(cells: [String; 11]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| csv_field(c)).collect();
    format!("{}\r\n", cells.join(","))
}

/// `2026-11-29T14:05:00Z`; empty when absent or out of range.
fn time(at: Option<EpochMs>) -> String {
    at.and_then(DateTime::from_timestamp_millis)
        .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}
