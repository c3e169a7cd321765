//! The closure record in a real browser (headless Chromium), after a deletion of 2,000 servers:
//! its table of every deletion holds one page of rows on screen (none while the record is
//! closed), its heading and pager counting every deletion; and on paper it holds every row, by
//! the record's print button (every row is in the document when the print dialog opens, one
//! page again after it) and by the browser's own print (`beforeprint`, `afterprint`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use closure::execute::LedgerLine;
use closure::{Ledger, ResourceId, ResourceKind};
use offboard::components::common::pager::LIST_PAGE;
use offboard::components::record::Record;
use offboard::hooks::{ChecklistHandle, LiveHandle};
use offboard::live_state::LiveSummary;
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

#[derive(Properties, PartialEq)]
struct HostProps {
    servers: usize,
}

/// The element the host puts the record in (the print stub counts the rows inside it).
const HOST: &str = "ob-test-record-host";

/// The record as the app shows it, with a live summary holding one run that removed `servers`
/// servers.
#[component]
fn Host(props: &HostProps) -> Html {
    let servers = props.servers;
    let checklist = use_reducer(ChecklistState::default);
    let live = use_reducer(move || LiveSummary {
        alias: "DEMO".into(),
        ledgers: vec![Rc::new(Ledger {
            removed: (0..servers).map(line).collect(),
            ..Ledger::default()
        })],
        ..LiveSummary::default()
    });
    html! {
        <div id={HOST}>
            <ContextProvider<ChecklistHandle> context={checklist}>
                <ContextProvider<LiveHandle> context={live}>
                    <Record />
                </ContextProvider<LiveHandle>>
            </ContextProvider<ChecklistHandle>>
        </div>
    }
}

/// The record with `DELETIONS` removed servers, its table linked as the live tools link it.
async fn mount() -> View<Host> {
    view::clear_storage();
    offboard::LiveSlot::tools();
    View::<Host>::mount(HostProps { servers: DELETIONS }).await
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
        .contains("Resources: 2000 removed"));
    assert_eq!(view.text("#ob-record-deletions"), "Every deletion (2,000)");
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
    assert_eq!(view.text("#ob-record-deletions"), "Every deletion (2,000)");
    view.destroy().await;
}

/// What the page held each time `window.print` was called: the deletion rows in the document,
/// whether the page controls were there, whether the record's summary was, and whether the body
/// asked for the record alone.
type Printed = Rc<RefCell<Vec<(u32, bool, bool, bool)>>>;

/// Replaces `window.print` (which would open a dialog) until the returned guard is dropped.
struct PrintStub {
    original: JsValue,
    _stub: Closure<dyn Fn()>,
}

impl PrintStub {
    fn install(printed: Printed) -> PrintStub {
        let window = web_sys::window().unwrap();
        let original = js_sys::Reflect::get(&window, &"print".into()).unwrap();
        let stub = Closure::<dyn Fn()>::new(move || {
            let document = gloo_utils::document();
            let host = document.get_element_by_id(HOST).unwrap();
            let rows = host.query_selector_all(ROWS).unwrap().length();
            let pager = host.query_selector(PAGES).unwrap().is_some();
            let summary = host
                .query_selector("[data-testid=record] li")
                .unwrap()
                .is_some();
            let alone = document
                .body()
                .unwrap()
                .class_list()
                .contains("ob-print-record");
            printed.borrow_mut().push((rows, pager, summary, alone));
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

#[wasm_bindgen_test]
async fn printing_the_record_puts_every_deletion_on_paper_then_one_page_again() {
    let printed = Printed::default();
    let _stub = PrintStub::install(printed.clone());
    let view = mount().await;
    let rows = DELETIONS as u32;
    // Printed while closed: the summary and every row are there when the dialog opens, none
    // after.
    view.click(view.find("button", "Print the record")).await;
    assert_eq!(*printed.borrow(), [(rows, false, true, true)]);
    assert_eq!(view.count(ROWS), 0);
    assert_eq!(view.count("[data-testid=record] li"), 0);
    assert!(!gloo_utils::document()
        .body()
        .unwrap()
        .class_list()
        .contains("ob-print-record"));
    // Printed while open, on its second page: every row, then the same page again.
    view.click(view.find("button", "Show the record")).await;
    view.click(view.find(&format!("{PAGES} button"), "Next"))
        .await;
    view.click(view.find("button", "Print the record")).await;
    // One call to window.print for each press of the button.
    assert_eq!(
        *printed.borrow(),
        [(rows, false, true, true), (rows, false, true, true)]
    );
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert_eq!(first_row(&view), name(25));
    assert!(view.try_query(PAGES).is_some());
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn the_browsers_own_print_of_the_open_record_holds_every_deletion() {
    let view = mount().await;
    let window = web_sys::window().unwrap();
    let fire = |name: &str| {
        window
            .dispatch_event(&web_sys::Event::new(name).unwrap())
            .unwrap();
    };
    // Closed, the record is not printed: its rows stay off the page.
    fire("beforeprint");
    yew::scheduler::flush().await;
    assert_eq!(view.count(ROWS), 0);
    fire("afterprint");
    yew::scheduler::flush().await;
    view.click(view.find("button", "Show the record")).await;
    fire("beforeprint");
    yew::scheduler::flush().await;
    assert_eq!(view.count(ROWS), DELETIONS as u32);
    assert!(view.try_query(PAGES).is_none());
    fire("afterprint");
    yew::scheduler::flush().await;
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert!(view.try_query(PAGES).is_some());
    view.destroy().await;
}
