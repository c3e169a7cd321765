//! Every resource in one table that stays responsive at 10,000+ rows: the selection is a memo
//! keyed on the inventory and the filter, and only one page of rows is rendered.

use std::collections::HashSet;
use std::rc::Rc;

use closure::sorting::distinct_sorted;
use closure::{Inventory, InventoryDiff};
use yew::prelude::*;

use super::filters::{table_filters, FilterOptions};
use super::query::{search_index, select, SortKey, TableMsg, TableState, PAGE_SIZE};
use super::row::{resource_row, Change};
use crate::components::common::pager::{Pager, Window};
use crate::components::common::{table_scroll, ByPtr};
use crate::services::perf;

#[derive(Properties, PartialEq)]
pub struct ResourceTableProps {
    pub inventory: ByPtr<Inventory>,
    pub diff: Option<Rc<InventoryDiff>>,
}

/// The choices of the filters: each distinct kind, state and data center, sorted (one look at
/// each resource, not a sort of all 10,000 of their values).
fn options(inventory: &Inventory) -> FilterOptions {
    let kinds = distinct_sorted(inventory.resources.iter().map(|r| r.id.kind));
    let seen = distinct_sorted(inventory.resources.iter().map(|r| &r.state));
    let mut states: Vec<String> = seen.into_iter().map(|s| s.label()).collect();
    // Two states may share a label (another state the API named as one of ours).
    closure::sorting::sort(&mut states);
    states.dedup();
    let data_centers = distinct_sorted(
        inventory
            .resources
            .iter()
            .map(|r| r.data_center.as_deref().unwrap_or_default()),
    );
    FilterOptions {
        kinds,
        states,
        data_centers: data_centers.into_iter().map(str::to_string).collect(),
        accounts: inventory.aliases(),
    }
}

/// Per resource index, how it differs from the previous scan.
fn changes(inventory: &Inventory, diff: Option<&InventoryDiff>) -> Vec<Option<Change>> {
    let Some(diff) = diff else {
        return vec![None; inventory.resources.len()];
    };
    let added: HashSet<_> = diff.added.iter().collect();
    let changed: HashSet<_> = diff.changed.iter().map(|c| &c.id).collect();
    inventory
        .resources
        .iter()
        .map(|r| {
            if added.contains(&r.id) {
                Some(Change::New)
            } else {
                changed.contains(&r.id).then_some(Change::Changed)
            }
        })
        .collect()
}

#[component]
pub fn ResourceTable(props: &ResourceTableProps) -> Html {
    let state = use_reducer_eq(TableState::default);
    let inventory = props.inventory.clone();
    let index = use_memo(inventory.clone(), |inv| search_index(&inv.0));
    let options = use_memo(inventory.clone(), |inv| options(&inv.0));
    let diff = props.diff.clone().map(ByPtr);
    let changes = use_memo((inventory.clone(), diff.clone()), |(inv, diff)| {
        changes(&inv.0, diff.as_ref().map(|d| &*d.0))
    });
    let rows = use_memo(
        (
            inventory,
            state.filter.clone(),
            ByPtr(changes.clone()),
            ByPtr(index.clone()),
        ),
        |(inv, filter, changes, index)| {
            select(&inv.0, &index.0, filter, |i| changes.0[i].is_some())
        },
    );
    let window = Window::new(rows.len(), state.page, PAGE_SIZE);
    let on_change = {
        let state = state.clone();
        Callback::from(move |msg: TableMsg| {
            match msg {
                TableMsg::Search(_) => perf::mark(perf::TABLE_SEARCH),
                TableMsg::Sort(_) => perf::mark(perf::TABLE_SORT),
                _ => {}
            }
            state.dispatch(msg)
        })
    };
    // After each render: what a keystroke, a sort or the scan's result led to is on the page.
    use_effect(|| {
        perf::measure_from(perf::TABLE_FIRST_RENDER, perf::SCAN_DONE);
        perf::measure_from(perf::TABLE_SEARCH, perf::TABLE_SEARCH);
        perf::measure_from(perf::TABLE_SORT, perf::TABLE_SORT);
    });
    let on_page = on_change.reform(TableMsg::Page);
    let f = &state.filter;
    let header = |key: SortKey| {
        let sorted = f.sort == key;
        let aria = sorted.then_some(if f.descending {
            "descending"
        } else {
            "ascending"
        });
        let arrow = match (sorted, f.descending) {
            (false, _) => "",
            (true, false) => " ▲",
            (true, true) => " ▼",
        };
        let onclick = on_change.reform(move |_: MouseEvent| TableMsg::Sort(key));
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="ob-inv-sort" onclick={onclick}>
                    { key.label() }<span aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    let with_accounts = props.inventory.has_sub_accounts();
    let body = rows[window.start..window.end].iter().map(|&i| {
        let r = &props.inventory.resources[i];
        let account = with_accounts.then(|| props.inventory.alias_of(r));
        resource_row(i, r, changes[i], account)
    });
    let incomplete = f.kind.map_or(!props.inventory.is_complete(), |k| {
        props
            .inventory
            .may_be_incomplete(k, f.data_center.as_deref().filter(|d| !d.is_empty()))
    });
    let showing = window
        .showing()
        .unwrap_or_else(|| "No resources match these filters.".to_string());
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-table-title">
            <h3 id="ob-inv-table-title">{ "Every resource" }</h3>
            { table_filters(f, &options, props.diff.is_some(), &on_change) }
            <p class="ob-inv-showing" role="status" data-testid="inventory-showing">{ showing }</p>
            if incomplete {
                <p class="ob-inv-flag">
                    { "Some parts of the account could not be read, so this list may be missing \
                       resources (see \"could not be read\" above)." }
                </p>
            }
            { table_scroll("Table of every resource".into(), html! {
                <table class="ob-inv-table ob-inv-resources" data-testid="inventory-table">
                    <caption>
                        { "Resources" }
                        <span class="ob-visually-hidden">{ " (sortable by the column buttons)" }</span>
                    </caption>
                    <thead><tr>
                        { header(SortKey::Name) }
                        { header(SortKey::Kind) }
                        if with_accounts {
                            { header(SortKey::Account) }
                        }
                        { header(SortKey::DataCenter) }
                        { header(SortKey::State) }
                        { header(SortKey::Hourly) }
                        <th scope="col">{ "Month to date" }</th>
                    </tr></thead>
                    <tbody>{ for body }</tbody>
                </table>
            }) }
            <Pager page={window.page} pages={window.pages} label="Resource table pages" on_page={on_page} />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use closure::inventory::Cost;
    use closure::{Resource, ResourceId, ResourceKind, ResourceState};

    /// Thousands of distinct states (whatever status text a hostile account's API sends), some
    /// sharing a label with a named state, and many data centers: each filter's choices are the
    /// sort and dedup of every resource's value, as they were before they were found in one look.
    #[test]
    fn many_distinct_states_and_data_centers_are_sort_and_dedup() {
        let resources: Vec<Resource> = (0..6_000_u32)
            .map(|i| {
                let x = i.wrapping_mul(2_654_435_761) >> 4;
                Resource {
                    id: ResourceId::new(ResourceKind::Server, format!("s{i}")),
                    account: String::new(),
                    name: format!("S{i}"),
                    data_center: (i % 7 != 0).then(|| format!("DC{}", x % 300)),
                    group_path: None,
                    state: match i % 5 {
                        0 => ResourceState::Running,
                        1 => ResourceState::Other("running".into()),
                        _ => ResourceState::Other(format!("status {}", x % 2_500)),
                    },
                    cost: Cost::unknown(),
                    depends_on: vec![],
                    deletable: true,
                    keep: None,
                    notes: vec![],
                }
            })
            .collect();
        let inventory = Inventory {
            resources,
            ..Inventory::empty("T")
        };
        let options = options(&inventory);
        let mut states: Vec<String> = inventory
            .resources
            .iter()
            .map(|r| r.state.label())
            .collect();
        states.sort();
        states.dedup();
        assert!(states.len() > 2_000);
        assert_eq!(options.states, states);
        let mut data_centers: Vec<String> = inventory
            .resources
            .iter()
            .map(|r| r.data_center.clone().unwrap_or_default())
            .collect();
        data_centers.sort();
        data_centers.dedup();
        assert_eq!(options.data_centers, data_centers);
        assert_eq!(options.kinds, [ResourceKind::Server]);
    }
}
