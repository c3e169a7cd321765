//! The inventory view in a real browser (headless Chromium): summary counts per kind, a filter
//! narrowing the table, paging, a part that could not be read shown with its Retry button (and
//! 2,000 of them a page at a time), a hostile resource name rendered as text, and step 2's
//! marks saved per account alias.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use clc::Money;
use closure::inventory::{manual, Cost, CostBasis, Unread};
use closure::scan::Part;
use closure::{Inventory, InventoryDiff, Resource, ResourceId, ResourceKind, ResourceState};
use offboard::components::inventory::{InventoryView, InventoryViewProps};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "view/mod.rs"]
mod view;
use view::View;

const HOSTILE: &str = "<img src=x onerror=alert(1)>";

fn resource(kind: ResourceKind, id: &str, name: &str, dc: Option<&str>, cost: Cost) -> Resource {
    Resource {
        id: ResourceId::new(kind, id),
        account: String::new(),
        name: name.into(),
        data_center: dc.map(Into::into),
        group_path: None,
        state: ResourceState::Active,
        cost,
        depends_on: vec![],
        deletable: true,
        keep: None,
        notes: vec![],
    }
}

fn billed(hourly: f64) -> Cost {
    Cost {
        basis: CostBasis::Billed,
        hourly: Some(hourly),
        month_to_date: Some(Money::from_dollars(hourly * 100.0)),
        monthly_estimate: Some(Money::from_dollars(hourly * 730.0)),
    }
}

/// `servers` servers in VA1 (the first with a hostile name), one in UC1, a public IP priced from
/// the list, and UC1's networks unread.
fn inventory(servers: usize) -> Inventory {
    let mut resources: Vec<Resource> = (0..servers)
        .map(|i| {
            let name = if i == 0 {
                HOSTILE.to_string()
            } else {
                format!("VA1WEB{i:05}")
            };
            resource(
                ResourceKind::Server,
                &format!("va1web{i:05}"),
                &name,
                Some("VA1"),
                billed(0.05),
            )
        })
        .collect();
    resources.push(resource(
        ResourceKind::Server,
        "uc1db01",
        "UC1DB01",
        Some("UC1"),
        Cost::unknown(),
    ));
    resources.push(resource(
        ResourceKind::PublicIp,
        "203.0.113.7",
        "203.0.113.7",
        Some("VA1"),
        Cost::list_price_monthly(5.0),
    ));
    resources.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory {
        resources,
        unread: vec![Unread {
            part: Part::Networks {
                data_center: "UC1".into(),
            },
            data_center: Some("UC1".into()),
            kinds: vec![ResourceKind::Network],
            reason: "The API answered with an internal error (500).".into(),
            account: String::new(),
        }],
        manual: manual::items(),
        ..Inventory::empty("TEST")
    }
}

/// The inventory view, and the parts its Retry buttons asked for.
struct Mounted {
    view: View<InventoryView>,
    retried: Rc<RefCell<Vec<Part>>>,
}

impl std::ops::Deref for Mounted {
    type Target = View<InventoryView>;

    fn deref(&self) -> &View<InventoryView> {
        &self.view
    }
}

impl Mounted {
    async fn new(inventory: Inventory) -> Mounted {
        Mounted::with_diff(inventory, None).await
    }

    async fn with_diff(inventory: Inventory, diff: Option<InventoryDiff>) -> Mounted {
        let retried = Rc::new(RefCell::new(Vec::new()));
        let sink = retried.clone();
        let props = InventoryViewProps {
            inventory: offboard::components::common::ByPtr::new(inventory),
            diff: diff.map(Rc::new),
            scanned_at: view::TEST_NOW - 125_000,
            driving: false,
            on_retry: Callback::from(move |part| sink.borrow_mut().push(part)),
            on_marked: Callback::noop(),
            on_manual: Callback::noop(),
        };
        Mounted {
            view: View::mount(props).await,
            retried,
        }
    }

    async fn destroy(self) {
        self.view.destroy().await;
    }
}

fn clear_marks() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("offboard.marks.TEST").unwrap();
}

#[wasm_bindgen_test]
async fn summary_counts_each_kind_and_marks_unknown_costs() {
    clear_marks();
    let view = Mounted::new(inventory(3)).await;
    let server = view.find("[data-testid=ob-inv-summary-kind] tbody tr", "server");
    let cells = server.query_selector_all("td").unwrap();
    assert_eq!(cells.item(0).unwrap().text_content().unwrap(), "4");
    // One server's billing is unknown: the hourly figure says so instead of counting it as $0.
    assert_eq!(
        cells.item(3).unwrap().text_content().unwrap(),
        "$0.150/h + 1 unknown"
    );
    let ip = view.find("[data-testid=ob-inv-summary-kind] tbody tr", "public IP");
    assert!(
        ip.text_content().unwrap().contains("estimate"),
        "list prices are labelled"
    );
    assert!(view
        .text("[data-testid=inventory-age]")
        .contains("2 minutes ago"));
    view.destroy().await;
}

/// Data over an hour old asks for a fresh scan before anything is deleted; while a round of a
/// deletion run is being driven (the minute's refresh waits for it), the line says instead which
/// scan the figures are from, in the customer's time (with its date once a day old), and that
/// the run checks its deletions with the service, and the warning is back once the round stops
/// being driven with the data still old.
#[wasm_bindgen_test]
async fn old_data_asks_for_a_scan_except_while_a_deletion_round_is_driven() {
    clear_marks();
    let props = |scanned_at, driving| InventoryViewProps {
        inventory: offboard::components::common::ByPtr::new(inventory(1)),
        diff: None,
        scanned_at,
        driving,
        on_retry: Callback::noop(),
        on_marked: Callback::noop(),
        on_manual: Callback::noop(),
    };
    let driven = |age: &str, scan: &str| {
        format!(
            "Data read {age}. These are the figures of the scan at {scan}. The deletion under way \
             checks each deletion with the service before it counts it gone, and the account is \
             read again when the run finishes or is stopped."
        )
    };
    const STALE: &str = "It may be out of date: scan again before you delete anything.";
    // 07:55:00 UTC, two hours and five minutes before the pinned clock (the zone at UTC+0).
    let hours_old = view::TEST_NOW - 7_500_000;
    let mut view = View::<InventoryView>::mount(props(hours_old, true)).await;
    assert_eq!(
        view.text("[data-testid=inventory-age]"),
        driven("2 hours ago", "07:55:00")
    );
    assert_eq!(view.count(".ob-inv-stale"), 0);
    let times = view.all("[data-testid=inventory-age] time");
    assert_eq!(times.len(), 2);
    for time in times {
        assert_eq!(
            time.get_attribute("datetime").as_deref(),
            Some("2026-12-05T07:55:00+00:00")
        );
    }

    view.update(props(hours_old, false)).await;
    assert_eq!(
        view.text("[data-testid=inventory-age]"),
        format!("Data read 2 hours ago. {STALE}")
    );
    assert_eq!(view.count(".ob-inv-stale"), 1);

    // The customer in India (UTC+5:30): the same scan was at 13:25:00 their time.
    offboard::services::clock::pin_for_tests(view::TEST_NOW, 330);
    view.update(props(hours_old, true)).await;
    assert_eq!(
        view.text("[data-testid=inventory-age]"),
        driven("2 hours ago", "13:25:00")
    );
    // A day old or more, the scan's time comes with its date, in their zone too: 2026-12-03
    // 22:32:10 UTC was 04:02:10 on the 4th in India.
    view.update(props(view::TEST_NOW - 127_670_000, true)).await;
    assert_eq!(
        view.text("[data-testid=inventory-age]"),
        driven("1 day ago", "2026-12-04 04:02:10")
    );
    offboard::services::clock::pin_for_tests(view::TEST_NOW, 0);
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn filters_narrow_the_table_and_pages_hold_fifty_rows() {
    clear_marks();
    let view = Mounted::new(inventory(120)).await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 1–50 of 122"
    );
    assert_eq!(view.count("[data-testid=inventory-table] tbody tr"), 50);
    view.click(view.find("nav[aria-label='Resource table pages'] button", "Next"))
        .await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 51–100 of 122"
    );

    view.choose("#ob-inv-dc", "UC1").await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 1–1 of 1"
    );
    assert!(view
        .text("[data-testid=inventory-table] tbody")
        .contains("UC1DB01"));

    view.choose("#ob-inv-dc", "").await;
    let search: HtmlInputElement = view.query("#ob-inv-search").unchecked_into();
    search.set_value("va1web0011");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    // VA1WEB00110 to VA1WEB00119, matched by id and case-insensitively.
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 1–10 of 10"
    );
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn an_unread_part_is_shown_with_a_retry_button() {
    clear_marks();
    let view = Mounted::new(inventory(3)).await;
    let unread = view.text("[data-testid=inventory-unread]");
    assert!(
        unread.contains("1 part of the account could not be read"),
        "{unread}"
    );
    assert!(unread.contains("Networks of UC1"), "{unread}");
    assert!(unread.contains("internal error (500)"), "{unread}");
    view.click(view.find("[data-testid=inventory-unread] button", "Retry"))
        .await;
    assert_eq!(
        *view.retried.borrow(),
        vec![Part::Networks {
            data_center: "UC1".into()
        }]
    );
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn two_thousand_unread_servers_show_a_page_of_parts_each_with_its_retry() {
    clear_marks();
    let unread: Vec<Unread> = (0..2_000)
        .map(|i| Unread {
            part: Part::Server {
                data_center: "VA1".into(),
                server_id: format!("va1web{i:05}"),
            },
            data_center: Some("VA1".into()),
            kinds: vec![ResourceKind::Server],
            reason: "The API answered with an internal error (500).".into(),
            account: String::new(),
        })
        .collect();
    let view = Mounted::new(Inventory {
        unread,
        ..inventory(3)
    })
    .await;
    const ITEMS: &str = "[data-testid=inventory-unread] li";
    assert_eq!(
        view.text("#ob-inv-unread-title"),
        "2,000 parts of the account could not be read"
    );
    assert_eq!(view.count(ITEMS), 25);
    assert_eq!(
        view.text("[data-testid=inventory-unread] .ob-inv-showing"),
        "Showing 1–25 of 2,000"
    );
    // The next page, and its parts' own Retry.
    view.click(view.find("[data-testid=inventory-unread] nav button", "Next"))
        .await;
    assert_eq!(view.count(ITEMS), 25);
    view.click(
        view.find(ITEMS, "va1web00025")
            .query_selector("button")
            .unwrap()
            .unwrap(),
    )
    .await;
    assert_eq!(
        *view.retried.borrow(),
        vec![Part::Server {
            data_center: "VA1".into(),
            server_id: "va1web00025".into()
        }]
    );
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_hostile_name_is_rendered_as_text() {
    clear_marks();
    let view = Mounted::new(inventory(3)).await;
    assert_eq!(view.count("img"), 0, "no element was made from the name");
    assert!(view.text("[data-testid=inventory-table]").contains(HOSTILE));
    assert!(view
        .text("[data-testid=inventory-retrieve]")
        .contains(HOSTILE));
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn marks_count_up_and_are_saved_per_alias() {
    clear_marks();
    let view = Mounted::new(inventory(3)).await;
    assert!(view
        .text("[data-testid=inventory-marked]")
        .starts_with("4 resources hold data, 0 are marked"));
    view.click(view.find("[data-testid=inventory-retrieve] label", "Data retrieved"))
        .await;
    assert!(view
        .text("[data-testid=inventory-marked]")
        .starts_with("4 resources hold data, 1 is marked"));
    let saved = view::stored("offboard.marks.TEST").expect("saved");
    assert!(saved.contains("\"retrieved\""), "{saved}");
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn manual_items_are_marked_done_or_not_applicable_and_kept_per_alias() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.remove_item("offboard.manual.TEST").unwrap();
    let view = Mounted::new(inventory(3)).await;
    let dns = "#ob-manual li:nth-child(2)";
    view.click(view.find(&format!("{dns} label"), "Done")).await;
    view.click(view.find("#ob-manual li:nth-child(4) label", "Not applicable"))
        .await;
    let saved = view::stored("offboard.manual.TEST").expect("saved");
    assert!(saved.contains(r#""dns":"done""#), "{saved}");
    assert!(saved.contains(r#""client-vpn":"notApplicable""#), "{saved}");
    view.destroy().await;
    // Back on the page: the answers are there.
    let view = Mounted::new(inventory(3)).await;
    let checked: HtmlInputElement = view
        .query(&format!("{dns} input[value=done]"))
        .unchecked_into();
    assert!(checked.checked());
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn ten_thousand_servers_render_one_page_and_sort_and_filter() {
    // Only one page of rows is ever rendered (how long it takes is `cargo xtask bench`'s).
    clear_marks();
    let view = Mounted::new(inventory(10_000)).await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 1–50 of 10,002"
    );
    assert_eq!(view.count("[data-testid=inventory-table] tbody tr"), 50);
    view.click(view.find("[data-testid=inventory-table] th button", "Hourly cost"))
        .await;
    view.choose("#ob-inv-dc", "VA1").await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 1–50 of 10,001"
    );
    assert_eq!(view.count("[data-testid=inventory-table] tbody tr"), 50);
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn rows_changed_since_the_last_scan_carry_a_text_marker() {
    clear_marks();
    let diff = InventoryDiff {
        added: vec![ResourceId::new(ResourceKind::Server, "uc1db01")],
        removed: vec![ResourceId::new(ResourceKind::Server, "gone01")],
        changed: vec![],
    };
    let view = Mounted::with_diff(inventory(3), Some(diff)).await;
    assert!(view
        .text("[data-testid=inventory-diff]")
        .contains("1 new, 0 changed, 1 gone"));
    let row = view.find("[data-testid=inventory-table] tbody tr", "UC1DB01");
    assert!(row
        .text_content()
        .unwrap()
        .starts_with("New since the last scan:"));
    view.click(view.find(".ob-inv-filters label", "Only new or changed"))
        .await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        "Showing 1–1 of 1"
    );
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn exports_download_without_an_error() {
    clear_marks();
    let view = Mounted::new(inventory(3)).await;
    view.click(view.find(".ob-inv-export button", "Export CSV"))
        .await;
    view.click(view.find(".ob-inv-export button", "Export JSON"))
        .await;
    assert_eq!(view.count(".ob-inv-export [role=alert]"), 0);
    let links = gloo_utils::document()
        .query_selector_all("body > a[download]")
        .unwrap();
    assert_eq!(links.length(), 0, "the temporary link is removed");
    view.destroy().await;
}
