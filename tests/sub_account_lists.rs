//! The lists that grow with the number of sub-accounts, in a real browser (headless Chromium):
//! an enterprise parent may have hundreds, so each shows 25 a page with the shared pager, and
//! the pager reaches the rest. The sub-accounts listed by hand (an add shows the page of the
//! entry added; a remove leaves the focus on the entry that took its place), the cost summary's
//! table by account, the dry-run plan's part per account, and those not read at sign-in, each
//! with 60 sub-accounts; and the sentences that name them (the cost summary's, the identity
//! bar's) count them past a handful.
#![cfg(target_arch = "wasm32")]

use std::rc::Rc;

use closure::plan::Step;
use closure::{Inventory, Plan};
use offboard::components::common::pager::LIST_PAGE;
use offboard::components::common::ByPtr;
use offboard::components::deletion::review::PlanReview;
use offboard::components::identity::{IdentityBar, IdentityBarProps};
use offboard::components::inventory::summary::{CostSummary, CostSummaryProps};
use offboard::components::inventory::table::{ResourceTable, ResourceTableProps};
use offboard::components::sub_accounts::{SubAccounts, SubAccountsProps};
use offboard::services::sub_accounts::{Refused, SignInChecks};
use offboard::session::Identity;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[path = "view/mod.rs"]
mod view;
use view::{until, View};

const SUBS: usize = 60;

fn sub(i: usize) -> String {
    format!("S{i:03}")
}

/// S001 to S060.
fn subs() -> Vec<String> {
    (1..=SUBS).map(sub).collect()
}

/// The list as the connect form keeps it: each change replaces it.
#[component]
fn Listed() -> Html {
    let aliases = use_state(subs);
    let on_change = {
        let aliases = aliases.clone();
        Callback::from(move |list: Vec<String>| aliases.set(list))
    };
    html! { <SubAccounts id="ob-sub-test" aliases={(*aliases).clone()} {on_change} /> }
}

const ENTRIES: &str = ".ob-subaccount-list li";
const LISTED_PAGES: &str = "nav[aria-label='Pages of the sub-accounts listed']";

fn entries(view: &View<Listed>) -> Vec<String> {
    view.all(&format!("{ENTRIES} .ob-subaccount-alias"))
        .iter()
        .map(|e| e.text_content().unwrap_or_default())
        .collect()
}

fn focused_id() -> String {
    gloo_utils::document()
        .active_element()
        .map(|e| e.id())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn sixty_sub_accounts_listed_by_hand_show_a_page_and_the_pager_reaches_the_rest() {
    view::clear_storage();
    let view = View::<Listed>::mount(()).await;
    assert_eq!(view.count(ENTRIES), LIST_PAGE as u32);
    assert_eq!(entries(&view)[0], sub(1));
    assert_eq!(
        view.query(".ob-subaccount-list")
            .get_attribute("aria-label")
            .as_deref(),
        Some("Sub-accounts listed (60)")
    );
    assert_eq!(view.text(".ob-inv-showing"), "Showing 1–25 of 60");
    let button = |text: &str| view.find(&format!("{LISTED_PAGES} button"), text);
    view.click(button("Last")).await;
    assert_eq!(entries(&view), (51..=SUBS).map(sub).collect::<Vec<_>>());
    assert!(view.text(LISTED_PAGES).contains("Page 3 of 3"));
    // A remove on the second page: the entry after it takes its place there, with the focus.
    view.click(button("Previous")).await;
    assert_eq!(entries(&view)[0], sub(26));
    view.click_on("#ob-sub-test-remove-S026").await;
    assert_eq!(entries(&view)[0], sub(27));
    assert_eq!(view.count(ENTRIES), LIST_PAGE as u32);
    assert_eq!(view.text(".ob-inv-showing"), "Showing 26–50 of 59");
    until("the focus is on the entry that took the place", || {
        focused_id() == "ob-sub-test-remove-S027"
    })
    .await;
    // An add from the first page: the page of the entry added, the focus back in the field.
    view.click(button("First")).await;
    let field: HtmlInputElement = view.query("#ob-sub-test-alias").unchecked_into();
    field.set_value("s999");
    view.click(view.find("button", "Add")).await;
    assert_eq!(entries(&view).last().map(String::as_str), Some("S999"));
    assert_eq!(view.text(".ob-inv-showing"), "Showing 51–60 of 60");
    until("the focus is back in the field", || {
        focused_id() == "ob-sub-test-alias"
    })
    .await;
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn the_cost_summary_by_account_shows_a_page_of_sixty_sub_accounts() {
    let inventory = Inventory::merge(
        Inventory::empty("DEMO"),
        (1..=SUBS).map(|i| Inventory::empty(&sub(i))).collect(),
    );
    let view = View::<CostSummary>::mount(CostSummaryProps {
        inventory: ByPtr(Rc::new(inventory)),
    })
    .await;
    const ROWS: &str = "[data-testid=ob-inv-summary-account] tbody tr";
    const PAGES: &str = "nav[aria-label='Pages of the figures by account']";
    assert_eq!(view.count(ROWS), LIST_PAGE as u32);
    assert!(view.text(ROWS).starts_with("DEMO (parent)"));
    assert!(view.text(".ob-inv-showing").ends_with("of 61"));
    view.click(view.find(&format!("{PAGES} button"), "Last"))
        .await;
    assert_eq!(view.count(ROWS), 11);
    assert!(view.text(ROWS).starts_with("S050 (sub-account)"));
    // The sentence above counts them and points to the table's pages, which name each (it once
    // named all 61 in one sentence).
    assert_eq!(
        view.text("[data-testid=inventory-accounts]"),
        "These figures add up the parent DEMO and its 60 sub-accounts, which are billed to it. \
         Each account's share, every account named in the pages of the table:"
    );
    view.destroy().await;
}

/// One server in the parent DEMO and in each of its sixty sub-accounts.
fn a_server_in_each_account() -> Inventory {
    let with_server = |alias: &str| Inventory {
        resources: vec![closure::Resource {
            id: closure::ResourceId::new(
                closure::ResourceKind::Server,
                format!("va1{}web01", alias.to_ascii_lowercase()),
            ),
            account: String::new(),
            name: format!("VA1{alias}WEB01"),
            data_center: Some("VA1".into()),
            group_path: None,
            state: closure::ResourceState::Active,
            cost: closure::inventory::Cost::unknown(),
            depends_on: vec![],
            deletable: true,
            keep: None,
            notes: vec![],
        }],
        ..Inventory::empty(alias)
    };
    Inventory::merge(
        with_server("DEMO"),
        subs().iter().map(|a| with_server(a)).collect(),
    )
}

/// Past 25 accounts the table's account filter is a field to type the alias in, not a list of
/// an option per alias (sixty once made sixty options; thousands would make thousands): typed in
/// any case, it shows that account's resources alone.
#[wasm_bindgen_test]
async fn the_account_filter_of_sixty_sub_accounts_is_typed_not_an_option_each() {
    let view = View::<ResourceTable>::mount(ResourceTableProps {
        inventory: ByPtr(Rc::new(a_server_in_each_account())),
        diff: None,
    })
    .await;
    assert_eq!(view.count("#ob-inv-account option"), 0);
    assert_eq!(
        view.text("label[for=ob-inv-account]").trim(),
        "Account (type an alias, of 61)"
    );
    let every_account = view.text("[data-testid=inventory-showing]");
    assert!(every_account.ends_with("of 61"));
    let field: HtmlInputElement = view.query("#ob-inv-account").unchecked_into();
    field.set_value(" s060 ");
    field
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let accounts: Vec<String> = view
        .all("[data-testid=resource-account]")
        .iter()
        .map(|a| a.text_content().unwrap_or_default())
        .collect();
    assert_eq!(accounts, ["S060"]);
    // Emptied (Escape or the search field's ×, which fire `input` and no `change` until the
    // field loses focus): every account again at once, as the hint says.
    field.set_value("");
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(
        view.text("[data-testid=inventory-showing]"),
        every_account,
        "the emptied account field still shows one account"
    );
    view.destroy().await;
}

/// The identity bar names a handful of sub-accounts; sixty it counts, pointing to the list
/// beside it (25 a page), which names each: it once wrote all sixty in one line.
#[wasm_bindgen_test]
async fn the_identity_bar_counts_sixty_sub_accounts_and_names_a_handful() {
    let identity = |sub_accounts: Vec<String>| IdentityBarProps {
        identity: Identity {
            user: "owner".into(),
            alias: "DEMO".into(),
            roles: vec!["AccountAdmin".into()],
            expires_at: None,
            api_base: "https://api.example".into(),
            demo: false,
            sub_accounts,
        },
        on_disconnect: Callback::noop(),
    };
    let view = View::<IdentityBar>::mount(identity(subs())).await;
    assert_eq!(
        view.text("[data-testid=sub-accounts]"),
        "60 (read and closed with DEMO; each is named in the list of sub-accounts below)"
    );
    view.destroy().await;
    let view = View::<IdentityBar>::mount(identity(subs()[..5].to_vec())).await;
    assert_eq!(
        view.text("[data-testid=sub-accounts]"),
        "S001, S002, S003, S004, S005 (read and closed with DEMO)"
    );
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_plan_in_sixty_sub_accounts_shows_a_page_of_accounts_and_the_parent_last() {
    // Two steps in each sub-account and two in the parent.
    let steps: Vec<Step> = (0..2 * (SUBS + 1))
        .map(|i| Step {
            account: if i / 2 < SUBS {
                sub(i / 2 + 1)
            } else {
                String::new()
            },
            ..Step::delete_server(&format!("va1web{i:05}"), "VA1", Some(0.1))
        })
        .collect();
    let plan = Plan {
        account: "DEMO".into(),
        steps,
        exclusions: vec![],
    };
    let view = View::plan(plan).await;
    const PARTS: &str = "[data-testid=plan-account]";
    const PAGES: &str = "nav[aria-label='Pages of the accounts in the plan']";
    let accounts = |view: &View<PlanReview>| -> Vec<String> {
        view.all(PARTS)
            .iter()
            .filter_map(|p| p.get_attribute("data-account"))
            .collect()
    };
    assert_eq!(view.count(PARTS), LIST_PAGE as u32);
    assert_eq!(accounts(&view)[0], sub(1));
    assert_eq!(view.text(".ob-inv-showing"), "Showing 1–25 of 61");
    view.click(view.find(&format!("{PAGES} button"), "Last"))
        .await;
    let last = accounts(&view);
    assert_eq!(last.len(), 11);
    assert_eq!(last[0], sub(51));
    assert_eq!(last.last().map(String::as_str), Some("DEMO"));
    assert!(view
        .all_text()
        .contains("Account DEMO (the parent): after its sub-accounts, 2 steps"));
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn sixty_sub_accounts_not_read_show_a_page_and_the_pager_reaches_the_rest() {
    let checks = SignInChecks {
        refused: subs()
            .into_iter()
            .map(|alias| Refused {
                alias,
                message: "This user cannot reach it.".into(),
                saved: true,
            })
            .collect(),
        ..Default::default()
    };
    let view = View::<SubAccounts>::mount(yew::props!(SubAccountsProps {
        id: "ob-sub-test",
        aliases: Vec::new(),
        checks: Rc::new(checks),
        on_change: Callback::noop(),
    }))
    .await;
    const NOT_READ: &str = "[data-testid=ob-sub-test-refused]";
    const PAGES: &str = "nav[aria-label='Pages of the sub-accounts not read']";
    let first = |view: &View<SubAccounts>| view.text(&format!("{NOT_READ} li strong"));
    assert_eq!(view.count(&format!("{NOT_READ} li")), LIST_PAGE as u32);
    assert!(view
        .text(NOT_READ)
        .contains("Not read, so not in the list (60):"));
    assert_eq!(first(&view), "S001: ");
    assert_eq!(
        view.text(&format!("{NOT_READ} .ob-inv-showing")),
        "Showing 1–25 of 60"
    );
    view.click(view.find(&format!("{PAGES} button"), "Last"))
        .await;
    assert_eq!(view.count(&format!("{NOT_READ} li")), 10);
    assert_eq!(first(&view), "S051: ");
    view.destroy().await;
}
