//! The inventory page's entry point: the data's age and exports, what could not be read, the
//! cost views, the resource table, step 2's marks, manual items and exclusions.

use std::rc::Rc;

use closure::scan::Part;
use closure::{Inventory, InventoryDiff};
use yew::prelude::*;

use crate::components::common::ByPtr;

use super::accrual::AccrualView;
use super::age::DataAge;
use super::chart::HourlyChart;
use super::exclusions::Exclusions;
use super::export::ExportButtons;
use super::gaps::InvoiceGaps;
use super::manual::ManualItems;
use super::retrieve::RetrieveData;
use super::summary::CostSummary;
use super::table::ResourceTable;
use super::unread::unread_parts;
use crate::components::common::format::{count, plural};
use crate::components::common::pager::{use_paging, LIST_PAGE};

#[derive(Properties, PartialEq)]
pub struct InventoryViewProps {
    pub inventory: ByPtr<Inventory>,
    /// Changes since the previous scan, to highlight.
    #[prop_or_default]
    pub diff: Option<Rc<InventoryDiff>>,
    /// When the data was read (epoch ms), to show its age.
    pub scanned_at: i64,
    /// A round of a deletion run is being driven in this tab (the minute's refresh waits).
    pub driving: bool,
    /// Re-read one part that failed.
    pub on_retry: Callback<Part>,
    /// Told whether step 2 is complete (every data-bearing resource marked), on mount and
    /// whenever that changes.
    #[prop_or_default]
    pub on_marked: Callback<(Rc<closure::marks::DataMarks>, bool)>,
    /// Told the answers about the manual items, on mount and at every change.
    #[prop_or_default]
    pub on_manual: Callback<Rc<closure::manual_marks::ManualMarks>>,
}

#[component]
pub fn InventoryView(props: &InventoryViewProps) -> Html {
    let inventory = &props.inventory;
    let alias = inventory.account.clone();
    // The page of the parts that could not be read.
    let unread_paging = use_paging(inventory.unread.len(), LIST_PAGE);
    html! {
        <div class="ob-inventory" data-testid="inventory">
            <div class="ob-inv-head">
                <DataAge scanned_at={props.scanned_at} driving={props.driving} />
                <ExportButtons inventory={inventory.clone()} scanned_at={props.scanned_at} />
            </div>
            { unread_parts(inventory, &props.on_retry, &unread_paging) }
            if let Some(diff) = props.diff.as_ref().filter(|d| !d.is_empty()) {
                <p class="ob-inv-diff" role="status" data-testid="inventory-diff">{ diff_sentence(diff) }</p>
            }
            if !inventory.notes.is_empty() {
                <details class="ob-inv-notes">
                    <summary>{ format!("How the scan read this account ({})", plural(inventory.notes.len(), "note", "notes")) }</summary>
                    <ul>{ for inventory.notes.iter().map(|n| html! { <li>{ n }</li> }) }</ul>
                </details>
            }
            <CostSummary inventory={inventory.clone()} />
            <AccrualView inventory={inventory.clone()} scanned_at={props.scanned_at} />
            <HourlyChart inventory={inventory.clone()} />
            <InvoiceGaps inventory={inventory.clone()} />
            <ResourceTable inventory={inventory.clone()} diff={props.diff.clone()} />
            <RetrieveData key={alias.clone()} inventory={inventory.clone()} on_marked={props.on_marked.clone()} />
            <ManualItems key={alias.clone()} items={inventory.manual.clone()} alias={alias.clone()} on_marked={props.on_manual.clone()} />
            <Exclusions inventory={inventory.clone()} />
        </div>
    }
}

/// What changed since the last scan, counted as the rest of the page counts ("1,200 new").
fn diff_sentence(diff: &InventoryDiff) -> String {
    format!(
        "Since the last scan: {} new, {} changed, {} gone. New and changed rows are marked in the \
         table.",
        count(diff.added.len()),
        count(diff.changed.len()),
        count(diff.removed.len()),
    )
}

#[cfg(test)]
mod tests {
    use closure::{ResourceId, ResourceKind};

    use super::*;

    /// Written with the separator, as the table's "Showing 1–25 of 10,000" is (it once said
    /// "10000 gone").
    #[test]
    fn what_changed_since_the_last_scan_is_counted_as_the_table_counts() {
        let ids = |n: usize| {
            (0..n)
                .map(|i| ResourceId::new(ResourceKind::Server, format!("va1web{i:05}")))
                .collect::<Vec<_>>()
        };
        let diff = InventoryDiff {
            added: ids(1_200),
            removed: ids(10_000),
            changed: Vec::new(),
        };
        assert_eq!(
            diff_sentence(&diff),
            "Since the last scan: 1,200 new, 0 changed, 10,000 gone. New and changed rows are \
             marked in the table."
        );
    }
}
