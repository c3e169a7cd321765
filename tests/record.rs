//! The closure record in a real browser (headless Chromium). After a deletion of 2,000 servers
//! its table of every deletion holds one page of rows on screen (none while the record is
//! closed), its heading and pager counting every deletion; after a run where 2,000 failed and
//! 2,000 resources were kept, so do the summary's lists of what failed and what was kept (and,
//! after a run in 60 sub-accounts, its deletions by account). On
//! paper every line is there: by the record's print button (from the moment the print dialog
//! opens until the browser says the print is over, then the page it was on again) and by the
//! browser's own print (`beforeprint`, `afterprint`). The report, built only when shown, says
//! the customer's zone as it was when what it records last changed.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use closure::execute::LedgerLine;
use closure::inventory::{Cost, Keep};
use closure::{Inventory, Ledger, Resource, ResourceId, ResourceKind, ResourceState};
use offboard::components::common::pager::LIST_PAGE;
use offboard::components::record::Record;
use offboard::hooks::{ChecklistHandle, LiveHandle};
use offboard::live_state::{LiveMsg, LiveSummary};
use offboard::state::ChecklistState;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "view/mod.rs"]
mod view;
use view::View;

const DELETIONS: usize = 2_000;
const ROWS: &str = "[data-testid=record] tbody tr";
const PAGES: &str = "nav[aria-label='Pages of every deletion']";

fn line(i: usize) -> LedgerLine {
    LedgerLine {
        step: None,
        resource: ResourceId::new(ResourceKind::Server, format!("va1web{i:05}")),
        label: format!("VA1WEB{i:05}"),
        data_center: Some("VA1".into()),
        reason: None,
        hourly: Some(0.1),
        bills: false,
        operation_id: Some(format!("va1-{i}")),
        sent_at_ms: Some(1_000),
        finished_at_ms: Some(2_000),
        resources: 1,
        account: String::new(),
    }
}

/// A resource the closure keeps (a system group).
fn kept(i: usize) -> Resource {
    Resource {
        id: ResourceId::new(ResourceKind::Group, format!("va1-archive-{i:05}")),
        account: String::new(),
        name: format!("Archive{i:05}"),
        data_center: Some("VA1".into()),
        group_path: None,
        state: ResourceState::Active,
        cost: Cost::unknown(),
        depends_on: vec![],
        deletable: false,
        keep: Some(Keep::SystemGroup),
        notes: vec![],
    }
}

#[derive(Properties, PartialEq)]
struct HostProps {
    /// Servers the run removed.
    removed: usize,
    /// Servers whose deletion failed.
    failed: usize,
    /// Resources the scan found and the closure keeps.
    kept: usize,
    /// The first this many removed servers are each in a sub-account of their own.
    sub_accounts: usize,
    /// The resources each failed step stands for (1, or more as a group's step does).
    failed_each: usize,
}

/// The element the host puts the record in (the print stub counts the rows inside it).
const HOST: &str = "ob-test-record-host";

/// The record as the app shows it, with a live summary holding one run (`removed` servers
/// removed, the next `failed` failed) and a scan that found `kept` resources to keep.
#[component]
fn Host(props: &HostProps) -> Html {
    let HostProps {
        removed,
        failed,
        kept: keeps,
        sub_accounts,
        failed_each,
    } = *props;
    let checklist = use_reducer(ChecklistState::default);
    // A run still open: each ledger it sends replaces the last, as a retry's does.
    let ledger = move |failed: usize| {
        Rc::new(Ledger {
            removed: (0..removed)
                .map(|i| LedgerLine {
                    account: if i < sub_accounts {
                        format!("S{i:03}")
                    } else {
                        String::new()
                    },
                    ..line(i)
                })
                .collect(),
            failed: (removed..removed + failed)
                .map(|i| LedgerLine {
                    reason: Some("the queue said failed".into()),
                    resources: failed_each,
                    ..line(i)
                })
                .collect(),
            ..Ledger::default()
        })
    };
    let live = use_reducer(move || LiveSummary {
        alias: "DEMO".into(),
        first: (keeps > 0).then(|| {
            Rc::new(Inventory {
                resources: (0..keeps).map(kept).collect(),
                ..Inventory::empty("DEMO")
            })
        }),
        ledgers: vec![ledger(failed)],
        run_open: true,
        last_ledger_open: true,
        ..LiveSummary::default()
    });
    let run_ends = |failed: usize| {
        let live = live.clone();
        Callback::from(move |_| live.dispatch(LiveMsg::RunFinished(ledger(failed))))
    };
    html! {
        <div id={HOST}>
            <button type="button" onclick={run_ends(1)}>{ "Test: one failed" }</button>
            <button type="button" onclick={run_ends(0)}>{ "Test: none failed" }</button>
            <ContextProvider<ChecklistHandle> context={checklist}>
                <ContextProvider<LiveHandle> context={live}>
                    <Record />
                </ContextProvider<LiveHandle>>
            </ContextProvider<ChecklistHandle>>
        </div>
    }
}

/// The record of a run, its paged parts linked as the live tools link them.
async fn mount_with(props: HostProps) -> View<Host> {
    view::clear_storage();
    offboard::LiveSlot::tools();
    View::<Host>::mount(props).await
}

/// The record with `DELETIONS` removed servers.
async fn mount() -> View<Host> {
    mount_with(HostProps {
        removed: DELETIONS,
        failed: 0,
        kept: 0,
        sub_accounts: 0,
        failed_each: 1,
    })
    .await
}

fn first_row(view: &View<Host>) -> String {
    view.query(&format!("{ROWS} td"))
        .text_content()
        .unwrap_or_default()
}

fn name(i: usize) -> String {
    format!("server VA1WEB{i:05}")
}

fn focused_text() -> String {
    gloo_utils::document()
        .active_element()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[wasm_bindgen_test]
async fn two_thousand_deletions_keep_one_page_of_rows_with_every_one_counted() {
    let view = mount().await;
    // Closed, the record holds no row at all, nor any line of its summary.
    assert_eq!(view.count(ROWS), 0);
    assert_eq!(view.count("[data-testid=record] li"), 0);
    view.click(view.find("button", "Show the record")).await;
    assert!(view.text("[data-testid=record] h3").contains("DEMO"));
    assert!(view
        .text("[data-testid=record]")
        .contains("Resources: 2,000 removed"));
    assert_eq!(
        view.text("#ob-record-deletions"),
        "Every deletion: 2,000 resources"
    );
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert_eq!(first_row(&view), name(0));
    assert_eq!(view.text(".ob-inv-showing"), "Showing 1–25 of 2,000");
    assert!(view.text(PAGES).contains("Page 1 of 80"));
    let button = |text: &str| view.find(&format!("{PAGES} button"), text);
    // A click that does not focus the button (Safari, Firefox on macOS) on a page where it stays
    // enabled: the focus stays where it was.
    view.click(button("Next")).await;
    assert_eq!(first_row(&view), name(25));
    assert_eq!(view.text(".ob-inv-showing"), "Showing 26–50 of 2,000");
    assert_eq!(
        gloo_utils::document().active_element(),
        gloo_utils::document().body().map(Into::into)
    );
    // The last page, from the keyboard: its button is disabled there, so the focus goes to
    // "Previous", not to the page.
    let last = button("Last");
    last.clone()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    view.click(last).await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert_eq!(first_row(&view), name(1_975));
    assert!(view.text(PAGES).contains("Page 80 of 80"));
    assert_eq!(focused_text(), "Previous");
    // And back to the first page: the focus goes to "Next".
    let first = button("First");
    first
        .clone()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    view.click(first).await;
    assert_eq!(first_row(&view), name(0));
    assert_eq!(focused_text(), "Next");
    assert_eq!(
        view.text("#ob-record-deletions"),
        "Every deletion: 2,000 resources"
    );
    view.destroy().await;
}

/// What the page held each time `window.print` was called: the deletion rows in the document,
/// whether any page controls were there (the deletions' or a summary list's), the summary's lines, and whether the body asked for the
/// record alone.
type Printed = Rc<RefCell<Vec<(u32, bool, u32, bool)>>>;

/// Replaces `window.print` (which would open a dialog) until the returned guard is dropped.
struct PrintStub {
    original: JsValue,
    _stub: Closure<dyn Fn()>,
}

/// How the stubbed `window.print` ends.
#[derive(Clone, Copy)]
enum Ends {
    /// It returns at once, without `afterprint` (some mobile browsers: the dialog comes after,
    /// and the test fires `afterprint` when it wants the print over).
    Later,
    /// It fires `afterprint` before it returns (desktop browsers, where it blocks).
    Inside,
}

impl PrintStub {
    fn install(printed: Printed, ends: Ends) -> PrintStub {
        let window = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&window, &"print".into()).unwrap();
        let stub = Closure::<dyn Fn()>::new(move || {
            let document = gloo_utils::document();
            let host = document.get_element_by_id(HOST).unwrap();
            let rows = host.query_selector_all(ROWS).unwrap().length();
            let pager = host
                .query_selector("[data-testid=record] nav")
                .unwrap()
                .is_some();
            let lines = host.query_selector_all(LINES).unwrap().length();
            let alone = document
                .body()
                .unwrap()
                .class_list()
                .contains("ob-print-record");
            printed.borrow_mut().push((rows, pager, lines, alone));
            if let Ends::Inside = ends {
                fire("afterprint");
            }
        });
        js_sys::Reflect::set(&window, &"print".into(), stub.as_ref()).unwrap();
        PrintStub {
            original,
            _stub: stub,
        }
    }
}

impl Drop for PrintStub {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"print".into(), &self.original).unwrap();
    }
}

/// Fires the window event `name` (as the browser does around a print).
fn fire(name: &str) {
    web_sys::window()
        .unwrap()
        .dispatch_event(&web_sys::Event::new(name).unwrap())
        .unwrap();
}

/// Fires `name` and lets Yew render what it changed.
async fn fire_and_render(name: &str) {
    fire(name);
    yew::scheduler::flush().await;
}

fn alone() -> bool {
    gloo_utils::document()
        .body()
        .unwrap()
        .class_list()
        .contains("ob-print-record")
}

/// Lines of the record's summary.
const LINES: &str = "[data-testid=record] li";

#[wasm_bindgen_test]
async fn printing_the_record_holds_every_deletion_until_the_print_is_over() {
    let printed = Printed::default();
    let _stub = PrintStub::install(printed.clone(), Ends::Later);
    let view = mount().await;
    let rows = DELETIONS as u32;
    // Printed while closed, where `window.print` returns before the print is laid out: the
    // summary and every row are there when the dialog opens, and stay until `afterprint`.
    view.click(view.find("button", "Print the record")).await;
    let lines = view.count(LINES);
    assert!(lines > 0);
    assert_eq!(*printed.borrow(), [(rows, false, lines, true)]);
    assert_eq!(view.count(ROWS), rows);
    assert!(alone());
    fire_and_render("afterprint").await;
    assert_eq!(view.count(ROWS), 0);
    assert_eq!(view.count(LINES), 0);
    assert!(!alone());
    // Printed while open, on its second page: every row until the print is over, then the same
    // page again; one call to window.print for each press of the button.
    view.click(view.find("button", "Show the record")).await;
    view.click(view.find(&format!("{PAGES} button"), "Next"))
        .await;
    view.click(view.find("button", "Print the record")).await;
    assert_eq!(
        *printed.borrow(),
        [(rows, false, lines, true), (rows, false, lines, true)]
    );
    assert_eq!(view.count(ROWS), rows);
    fire_and_render("afterprint").await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert_eq!(first_row(&view), name(25));
    assert!(view.try_query(PAGES).is_some());
    assert!(!alone());
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_print_that_never_says_it_is_over_ends_at_the_next_touch_or_key() {
    let printed = Printed::default();
    let _stub = PrintStub::install(printed.clone(), Ends::Later);
    let view = mount().await;
    view.click(view.find("button", "Show the record")).await;
    // A browser that fires no `afterprint`: the rows stay for the print, however long its
    // dialog takes, until the customer is back on the page.
    view.click(view.find("button", "Print the record")).await;
    assert_eq!(view.count(ROWS), DELETIONS as u32);
    fire_and_render("keydown").await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert!(!alone());
    // The next press is a print of its own, which a touch on the page ends.
    view.click(view.find("button", "Print the record")).await;
    assert_eq!(view.count(ROWS), DELETIONS as u32);
    fire_and_render("pointerdown").await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    // Pressed again while its print is not known to be over: a second print, every row in it.
    view.click(view.find("button", "Print the record")).await;
    view.click(view.find("button", "Print the record")).await;
    assert_eq!(printed.borrow().len(), 4);
    assert!(printed.borrow().iter().all(|p| p.0 == DELETIONS as u32));
    fire_and_render("afterprint").await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_print_ends_at_a_key_even_where_the_host_page_stops_it() {
    let printed = Printed::default();
    let _stub = PrintStub::install(printed.clone(), Ends::Later);
    let view = mount().await;
    view.click(view.find("button", "Show the record")).await;
    // A page embedding the app stops every key and touch on its way up to the window.
    let host = gloo_utils::document().get_element_by_id(HOST).unwrap();
    let stop = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| e.stop_propagation());
    for name in ["keydown", "pointerdown"] {
        host.add_event_listener_with_callback(name, stop.as_ref().unchecked_ref())
            .unwrap();
    }
    let button = view.find("button", "Print the record");
    view.click(button.clone()).await;
    assert_eq!(view.count(ROWS), DELETIONS as u32);
    // A key pressed on the app's button, which bubbles up to the host and stops there.
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    let key = web_sys::CustomEvent::new_with_event_init_dict("keydown", &init).unwrap();
    button.dispatch_event(&key).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    for name in ["keydown", "pointerdown"] {
        host.remove_event_listener_with_callback(name, stop.as_ref().unchecked_ref())
            .unwrap();
    }
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_print_that_blocks_ends_when_it_returns() {
    let printed = Printed::default();
    let _stub = PrintStub::install(printed.clone(), Ends::Inside);
    let view = mount().await;
    view.click(view.find("button", "Print the record")).await;
    assert_eq!(printed.borrow().len(), 1);
    assert_eq!(printed.borrow()[0].0, DELETIONS as u32);
    assert_eq!(view.count(ROWS), 0);
    assert_eq!(view.count(LINES), 0);
    assert!(!alone());
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn the_browsers_own_print_of_the_open_record_holds_every_deletion() {
    let view = mount().await;
    // Closed, the record is not printed: its rows stay off the page.
    fire_and_render("beforeprint").await;
    assert_eq!(view.count(ROWS), 0);
    fire_and_render("afterprint").await;
    view.click(view.find("button", "Show the record")).await;
    fire_and_render("beforeprint").await;
    assert_eq!(view.count(ROWS), DELETIONS as u32);
    assert!(view.try_query(PAGES).is_none());
    fire_and_render("afterprint").await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert!(view.try_query(PAGES).is_some());
    view.destroy().await;
}

/// The summary's section whose heading starts with `heading`.
fn section(view: &View<Host>, heading: &str) -> web_sys::Element {
    view.all("[data-testid=record] section.ob-report-part")
        .into_iter()
        .find(|s| {
            s.query_selector("h4")
                .unwrap()
                .and_then(|h| h.text_content())
                .is_some_and(|t| t.starts_with(heading))
        })
        .unwrap_or_else(|| panic!("a section {heading:?}"))
}

/// The lines (`li`) the record's section under `heading` shows now.
fn section_lines(view: &View<Host>, heading: &str) -> Vec<String> {
    texts(&section(view, heading), "li")
}

/// The page control of `section`'s own pager labelled exactly `label` ("Next", "Last", ...).
fn pager_button(section: &web_sys::Element, label: &str) -> web_sys::Element {
    let buttons = section.query_selector_all("nav button").unwrap();
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .find(|b| b.text_content().unwrap_or_default() == label)
        .unwrap_or_else(|| panic!("a {label:?} button in the section's pager"))
}

fn texts(section: &web_sys::Element, selector: &str) -> Vec<String> {
    let all = section.query_selector_all(selector).unwrap();
    (0..all.length())
        .filter_map(|i| all.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn two_thousand_failed_and_two_thousand_kept_show_a_page_each_and_print_them_all() {
    let printed = Printed::default();
    let _stub = PrintStub::install(printed.clone(), Ends::Later);
    let view = mount_with(HostProps {
        removed: 0,
        failed: 2_000,
        kept: 2_000,
        sub_accounts: 0,
        failed_each: 1,
    })
    .await;
    view.click(view.find("button", "Show the record")).await;
    // On screen the record is a few hundred elements, not one per resource; each list's heading
    // counts every line, and its pager says which are shown.
    assert!(
        view.count("[data-testid=record] *") < 1_000,
        "{} elements",
        view.count("[data-testid=record] *")
    );
    let failed = section(&view, "Failed deletions");
    assert_eq!(texts(&failed, "h4"), ["Failed deletions: 2,000 resources"]);
    let lines = texts(&failed, "li");
    assert_eq!(lines.len(), LIST_PAGE);
    assert_eq!(
        lines[0],
        "server VA1WEB00000 (va1web00000): the queue said failed"
    );
    assert_eq!(texts(&failed, ".ob-inv-showing"), ["Showing 1–25 of 2,000"]);
    let kept = section(&view, "Kept in every closure");
    assert_eq!(texts(&kept, "h4"), ["Kept in every closure (2,000)"]);
    assert_eq!(texts(&kept, "li").len(), LIST_PAGE);
    assert!(texts(&kept, "li")[0].starts_with("group Archive00000 (VA1): A system group"));
    // Each list pages on its own.
    view.click(pager_button(&failed, "Next")).await;
    let failed = section(&view, "Failed deletions");
    assert!(texts(&failed, "li")[0].starts_with("server VA1WEB00025 "));
    assert!(section_lines(&view, "Kept in every closure")[0].starts_with("group Archive00000 "));
    // On paper every line of both, by the button and by the browser's own print.
    view.click(view.find("button", "Print the record")).await;
    // At the print: every line of both lists, and no page controls.
    let (_, pager, printed_lines, _) = printed.borrow()[0];
    assert!(!pager, "page controls at the print");
    assert!(printed_lines > 4_000, "{printed_lines} lines printed");
    assert_eq!(section_lines(&view, "Failed deletions").len(), 2_000);
    assert_eq!(section_lines(&view, "Kept in every closure").len(), 2_000);
    fire_and_render("afterprint").await;
    assert_eq!(section_lines(&view, "Failed deletions").len(), LIST_PAGE);
    assert!(section_lines(&view, "Failed deletions")[0].starts_with("server VA1WEB00025 "));
    fire_and_render("beforeprint").await;
    assert_eq!(section_lines(&view, "Kept in every closure").len(), 2_000);
    assert_eq!(section_lines(&view, "Failed deletions").len(), 2_000);
    fire_and_render("afterprint").await;
    assert_eq!(
        section_lines(&view, "Kept in every closure").len(),
        LIST_PAGE
    );
    view.destroy().await;
}

/// A step that stands for several resources (a group's) is counted in resources wherever the
/// record counts deletions, as its "Deletions" line, the ledger and the JSON's counts are, and in
/// steps beside them, as its rows and the downloads' records are: the headings once said
/// "Every deletion (5)" and "Failed deletion steps (2)" beside "6 failed".
#[wasm_bindgen_test]
async fn the_record_counts_deletions_in_resources_and_says_the_steps_beside() {
    let view = mount_with(HostProps {
        removed: 3,
        failed: 2,
        kept: 0,
        sub_accounts: 0,
        failed_each: 3,
    })
    .await;
    view.click(view.find("button", "Show the record")).await;
    assert!(view
        .text("[data-testid=record]")
        .contains("Resources: 3 removed, 6 failed, 0 not deleted."));
    assert_eq!(
        view.text("#ob-record-deletions"),
        "Every deletion: 9 resources, in 5 steps"
    );
    assert_eq!(view.count(ROWS), 5);
    let failed = section(&view, "Failed deletions");
    assert_eq!(
        texts(&failed, "h4"),
        ["Failed deletions: 6 resources, in 2 steps"]
    );
    assert_eq!(texts(&failed, "li").len(), 2);
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_failure_that_comes_and_goes_while_the_record_is_open_leaves_the_kept_list_on_its_page() {
    let view = mount_with(HostProps {
        removed: 0,
        failed: 0,
        kept: 2_000,
        sub_accounts: 0,
        failed_each: 1,
    })
    .await;
    view.click(view.find("button", "Show the record")).await;
    let kept = section(&view, "Kept in every closure");
    view.click(pager_button(&kept, "Next")).await;
    let first_kept = |view: &View<Host>| section_lines(view, "Kept in every closure")[0].clone();
    assert!(first_kept(&view).starts_with("group Archive00025 "));
    // A deletion fails: its section comes in above the kept list, which stays on its page.
    view.click(view.find("button", "Test: one failed")).await;
    assert_eq!(section_lines(&view, "Failed deletions").len(), 1);
    assert!(first_kept(&view).starts_with("group Archive00025 "));
    // Its retry succeeds: the section goes, and the kept list still stays on its page.
    view.click(view.find("button", "Test: none failed")).await;
    assert!(!view.all_text().contains("Failed deletions"));
    assert!(first_kept(&view).starts_with("group Archive00025 "));
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn sixty_sub_accounts_show_a_page_of_deletions_by_account_and_print_them_all() {
    let view = mount_with(HostProps {
        removed: 60,
        failed: 0,
        kept: 0,
        sub_accounts: 60,
        failed_each: 1,
    })
    .await;
    view.click(view.find("button", "Show the record")).await;
    // One line per alias, the parent first: 61, counted in the heading, 25 on screen.
    let by_account = section(&view, "Deletions by account");
    assert_eq!(texts(&by_account, "h4"), ["Deletions by account (61)"]);
    let lines = texts(&by_account, "li");
    assert_eq!(lines.len(), LIST_PAGE);
    assert_eq!(
        lines[0],
        "Account DEMO: 0 removed, 0 failed, 0 not deleted."
    );
    assert_eq!(
        texts(&by_account, ".ob-inv-showing"),
        ["Showing 1–25 of 61"]
    );
    view.click(pager_button(&by_account, "Last")).await;
    let lines = section_lines(&view, "Deletions by account");
    assert_eq!(lines.len(), 11);
    assert_eq!(
        lines[10],
        "Account S059: 1 removed, 0 failed, 0 not deleted."
    );
    // On paper, every line; then the same page again.
    fire_and_render("beforeprint").await;
    assert_eq!(section_lines(&view, "Deletions by account").len(), 61);
    fire_and_render("afterprint").await;
    assert_eq!(section_lines(&view, "Deletions by account").len(), 11);
    view.destroy().await;
}

/// The table of every deletion writes each time in UTC and where the customer is, as the
/// summary above it and the screens do (it once wrote UTC alone, under a summary that gave both).
#[wasm_bindgen_test]
async fn the_deletion_table_writes_times_in_utc_and_where_the_customer_is() {
    let view = mount_with(HostProps {
        removed: 1,
        failed: 0,
        kept: 0,
        sub_accounts: 0,
        failed_each: 1,
    })
    .await;
    // The customer is at UTC+01:00 (the clock pinned, not the machine's zone).
    offboard::services::clock::pin_for_tests(view::TEST_NOW, 60);
    view.click(view.find("button", "Show the record")).await;
    let cells = texts(&section(&view, "Every deletion"), "tbody td");
    assert!(
        cells.contains(&"1970-01-01 00:00:01 UTC (1970-01-01 01:00:01 at UTC+01:00)".to_string()),
        "{cells:?}"
    );
    assert!(
        cells.contains(&"1970-01-01 00:00:02 UTC (1970-01-01 01:00:02 at UTC+01:00)".to_string()),
        "{cells:?}"
    );
    view.destroy().await;
}

/// The report is made from what the record held when it last changed, the customer's zone
/// included: a zone the clock says only later (the record closed meanwhile, built when shown)
/// does not move the time the report says it was made.
#[wasm_bindgen_test]
async fn the_report_says_the_zone_of_when_it_was_made_not_of_when_it_is_shown() {
    let view = mount().await;
    // Mounted at `view::TEST_NOW` in UTC; the same minute, the clock now says UTC+5:30.
    offboard::services::clock::pin_for_tests(view::TEST_NOW, 330);
    view.click(view.find("button", "Show the record")).await;
    let made = format!(
        "Report made {}.",
        closure::escalation::describe_time(view::TEST_NOW, 0)
    );
    let record = view.text("[data-testid=record]");
    offboard::services::clock::pin_for_tests(view::TEST_NOW, 0);
    let said = record
        .find("Report made")
        .and_then(|at| record[at..].split_inclusive('.').next())
        .unwrap_or_default();
    assert_eq!(said, made);
    view.destroy().await;
}
