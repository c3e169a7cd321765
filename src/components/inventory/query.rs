//! The resource table's state (search, filters, sort, page) as one `Reducible`, and the pure
//! selection it drives. Selection returns indices into `inventory.resources`, so 10,000 rows
//! cost one `Vec<usize>`, not clones.

use std::cmp::Ordering;
use std::rc::Rc;

use closure::{Inventory, ResourceKind};
use yew::Reducible;

/// Rows per page.
pub const PAGE_SIZE: usize = 50;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    #[default]
    Name,
    Kind,
    DataCenter,
    State,
    Hourly,
    /// The alias that holds it (shown with sub-accounts only).
    Account,
}

impl SortKey {
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Kind => "Kind",
            SortKey::DataCenter => "Data center",
            SortKey::State => "State",
            SortKey::Hourly => "Hourly cost",
            SortKey::Account => "Account",
        }
    }
}

/// Everything that decides which rows show, except the page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Matched case-insensitively against name and id.
    pub search: String,
    pub kind: Option<ResourceKind>,
    /// A state label (`running`).
    pub state: Option<String>,
    /// Upper-case code; `Some("")` for account-wide resources.
    pub data_center: Option<String>,
    /// An alias (the parent's or a sub-account's).
    pub account: Option<String>,
    pub changed_only: bool,
    pub sort: SortKey,
    pub descending: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableState {
    pub filter: Filter,
    /// Zero-based.
    pub page: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TableMsg {
    Search(String),
    Kind(Option<ResourceKind>),
    State(Option<String>),
    DataCenter(Option<String>),
    Account(Option<String>),
    ChangedOnly(bool),
    /// Sorts by the key; the same key again flips the direction.
    Sort(SortKey),
    Page(usize),
}

impl Reducible for TableState {
    type Action = TableMsg;

    fn reduce(self: Rc<Self>, msg: TableMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        let f = &mut next.filter;
        match msg {
            TableMsg::Page(page) => next.page = page,
            TableMsg::Search(s) => f.search = s,
            TableMsg::Kind(k) => f.kind = k,
            TableMsg::State(s) => f.state = s,
            TableMsg::DataCenter(dc) => f.data_center = dc,
            TableMsg::Account(a) => f.account = a,
            TableMsg::ChangedOnly(on) => f.changed_only = on,
            TableMsg::Sort(key) => {
                f.descending = f.sort == key && !f.descending;
                f.sort = key;
            }
        }
        // A new selection starts at its first page.
        if next.filter != self.filter {
            next.page = 0;
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

/// Lower-cased `name id` per resource, built once per inventory for the search.
pub fn search_index(inventory: &Inventory) -> Vec<String> {
    inventory
        .resources
        .iter()
        .map(|r| {
            let mut text = String::with_capacity(r.name.len() + 1 + r.id.id.len());
            text.push_str(&r.name);
            text.push('\u{1f}');
            text.push_str(&r.id.id);
            // ASCII (nearly every name) in place; other text as `to_lowercase` writes it.
            if text.is_ascii() {
                text.make_ascii_lowercase();
                text
            } else {
                text.to_lowercase()
            }
        })
        .collect()
}

/// Indices of the matching resources, sorted. `highlighted` says whether a row is new or changed.
pub fn select(
    inventory: &Inventory,
    index: &[String],
    filter: &Filter,
    highlighted: impl Fn(usize) -> bool,
) -> Vec<usize> {
    let needle = filter.search.trim().to_lowercase();
    let mut rows: Vec<usize> = inventory
        .resources
        .iter()
        .enumerate()
        .filter(|(i, r)| {
            (needle.is_empty() || index.get(*i).is_some_and(|s| s.contains(&needle)))
                && filter.kind.is_none_or(|k| r.id.kind == k)
                && filter.state.as_deref().is_none_or(|s| r.state.label() == s)
                && filter
                    .data_center
                    .as_deref()
                    .is_none_or(|dc| r.data_center.as_deref().unwrap_or("") == dc)
                && filter
                    .account
                    .as_deref()
                    .is_none_or(|a| inventory.alias_of(r) == a)
                && (!filter.changed_only || highlighted(*i))
        })
        .map(|(i, _)| i)
        .collect();
    let res = &inventory.resources;
    let by_name = |a: &usize, b: &usize| index[*a].cmp(&index[*b]);
    let compare = |a: &usize, b: &usize| -> Ordering {
        let (x, y) = (&res[*a], &res[*b]);
        match filter.sort {
            SortKey::Name => by_name(a, b),
            SortKey::Kind => x.id.kind.label().cmp(y.id.kind.label()),
            SortKey::DataCenter => x.data_center.cmp(&y.data_center),
            SortKey::State => x.state.label().cmp(&y.state.label()),
            SortKey::Account => inventory.alias_of(x).cmp(inventory.alias_of(y)),
            // Unknown rates sort above every known one.
            SortKey::Hourly => match (x.cost.hourly, y.cost.hourly) {
                (Some(p), Some(q)) => p.total_cmp(&q),
                (a, b) => a.is_none().cmp(&b.is_none()),
            },
        }
    };
    closure::sorting::sort_by(&mut rows, |a, b| {
        let primary = compare(a, b);
        let primary = if filter.descending {
            primary.reverse()
        } else {
            primary
        };
        primary.then_with(|| by_name(a, b))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use closure::inventory::Cost;
    use closure::{Resource, ResourceId, ResourceState};

    fn inventory() -> Inventory {
        let r = |kind, id: &str, dc: Option<&str>, hourly: Option<f64>| Resource {
            id: ResourceId::new(kind, id),
            account: String::new(),
            name: id.to_uppercase(),
            data_center: dc.map(Into::into),
            group_path: None,
            state: ResourceState::Active,
            cost: hourly.map_or_else(Cost::unknown, Cost::list_price_hourly),
            depends_on: vec![],
            deletable: true,
            keep: None,
            notes: vec![],
        };
        Inventory {
            resources: vec![
                r(ResourceKind::Server, "b", Some("VA1"), Some(0.2)),
                r(ResourceKind::Server, "a", Some("UC1"), None),
                r(ResourceKind::Server, "c", Some("VA1"), Some(0.1)),
                r(ResourceKind::Webhook, "d", None, Some(0.0)),
            ],
            ..Inventory::empty("T")
        }
    }

    fn names(filter: Filter) -> String {
        let inv = inventory();
        let index = search_index(&inv);
        select(&inv, &index, &filter, |_| false)
            .iter()
            .map(|&i| inv.resources[i].id.id.as_str())
            .collect()
    }

    #[test]
    fn filters_and_sorts() {
        let by = |sort, descending| Filter {
            sort,
            descending,
            ..Filter::default()
        };
        let cases = [
            (Filter::default(), "abcd"),
            (by(SortKey::Name, true), "dcba"),
            (by(SortKey::Hourly, false), "dcba"),
            (by(SortKey::Hourly, true), "abcd"),
            (
                Filter {
                    data_center: Some("VA1".into()),
                    ..Filter::default()
                },
                "bc",
            ),
            (
                Filter {
                    data_center: Some(String::new()),
                    ..Filter::default()
                },
                "d",
            ),
            (
                Filter {
                    kind: Some(ResourceKind::Webhook),
                    ..Filter::default()
                },
                "d",
            ),
            (
                Filter {
                    search: " B ".into(),
                    ..Filter::default()
                },
                "b",
            ),
        ];
        for (filter, expected) in cases {
            assert_eq!(names(filter.clone()), expected, "{filter:?}");
        }
    }

    /// Names beyond ASCII (and one mixed) are indexed as `to_lowercase` writes them, and a
    /// search in lower case finds them.
    #[test]
    fn names_beyond_ascii_are_indexed_as_to_lowercase_writes_them() {
        let names = ["İSTANBUL", "Straße", "ΟΔΟΣ", "WEB-Ünïcode-01"];
        let inv = Inventory {
            resources: names
                .iter()
                .enumerate()
                .map(|(i, name)| Resource {
                    name: (*name).into(),
                    id: ResourceId::new(ResourceKind::Server, format!("ID{i}")),
                    ..inventory().resources[0].clone()
                })
                .collect(),
            ..Inventory::empty("T")
        };
        let index = search_index(&inv);
        for (r, indexed) in inv.resources.iter().zip(&index) {
            assert_eq!(
                *indexed,
                format!("{}\u{1f}{}", r.name, r.id.id).to_lowercase()
            );
        }
        let found = |search: &str| -> Vec<&str> {
            let filter = Filter {
                search: search.into(),
                ..Filter::default()
            };
            select(&inv, &index, &filter, |_| false)
                .iter()
                .map(|&i| inv.resources[i].name.as_str())
                .collect()
        };
        assert_eq!(found("i\u{307}stanbul"), ["İSTANBUL"]);
        assert_eq!(found("straße"), ["Straße"]);
        // A final capital sigma lowers to the final form, as `to_lowercase` writes it.
        assert_eq!(found("οδος"), ["ΟΔΟΣ"]);
        assert_eq!(found("ünïcode"), ["WEB-Ünïcode-01"]);
        assert_eq!(found("id2"), ["ΟΔΟΣ"]);
    }

    #[test]
    fn a_new_filter_starts_at_the_first_page_and_sorting_twice_flips() {
        let state = Rc::new(TableState::default()).reduce(TableMsg::Page(3));
        assert_eq!(state.page, 3);
        let state = state.reduce(TableMsg::Search("x".into()));
        assert_eq!(state.page, 0);
        let state = state.reduce(TableMsg::Sort(SortKey::Name));
        assert!(state.filter.descending);
    }
}
