//! A deletion run's list of steps in a real browser (headless Chromium): a run over 10,000
//! servers keeps one page of rows in the document, the list narrows to the failed steps (each
//! with its Retry), and the pages walk the plan in order (a list that became shorter keeps the
//! page on screen when it grows again). The dry-run plan's phase table pages the same way: a
//! 10,000-server plan keeps one page of rows, not a row per step, and a group's step names what
//! goes with it a page at a time, only once opened; a long plan in several accounts lists each
//! account's steps on demand. A step whose confirming reads get no usable answer says so in its
//! row and in the live region. The ledger at the end of a run pages each of its tables the same
//! way, its captions counting every line.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use closure::execute::LedgerLine;
use closure::journal::event::{Confirmation, Tracking};
use closure::journal::StepRecord;
use closure::plan::{DeletionPhase, Step, StepId};
use closure::{Inventory, Ledger, Plan, RunState, StepStatus};
use offboard::components::common::pager::LIST_PAGE;
use offboard::components::common::ByPtr;
use offboard::components::deletion::ledger::{LedgerView, LedgerViewProps};
use offboard::components::deletion::phase_steps::{PhaseSteps, PhaseStepsProps, PLAN_PAGE};
use offboard::components::deletion::progress::{RunProgress, RunProgressProps, STEPS_PAGE};
use offboard::components::deletion::state::{DeletionState, Msg, Stage};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlSelectElement;
use yew::{Callback, Reducible};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "view/mod.rs"]
mod view;
use view::View;

fn step(i: usize) -> Step {
    Step::delete_server(&format!("va1web{i:05}"), "VA1", Some(0.1))
}

/// Step `i`'s state: three failed (1,000th, 5,000th, 9,999th), the first 40 done, the next
/// 20 queued, the rest not started.
fn status(i: usize) -> StepStatus {
    match i {
        999 | 4_999 | 9_998 => StepStatus::Failed {
            reason: "The operation failed.".into(),
        },
        0..40 => StepStatus::Succeeded {
            how: Confirmation::Confirmed,
        },
        40..60 => StepStatus::Queued {
            tracking: Tracking::Queue {
                status_id: format!("va1-{i}"),
            },
        },
        _ => StepStatus::Pending,
    }
}

struct Run {
    view: View<RunProgress>,
    retried: Rc<RefCell<Vec<StepId>>>,
}

async fn run_of(servers: usize) -> Run {
    let steps: Vec<Step> = (0..servers).map(step).collect();
    let mut run = RunState::default();
    for (i, s) in steps.iter().enumerate() {
        let record = StepRecord {
            status: status(i),
            ..StepRecord::default()
        };
        run.steps.insert(s.id.clone(), record);
    }
    let plan = Plan {
        account: "DEMO".into(),
        steps,
        exclusions: vec![],
    };
    let retried = Rc::new(RefCell::new(Vec::new()));
    let sink = retried.clone();
    let props = RunProgressProps {
        stage: Stage::Running {
            pausing: false,
            stopping: false,
        },
        run: Some(Rc::new(run)),
        plan: Some(ByPtr(Rc::new(plan))),
        last: None,
        on_pause: Callback::noop(),
        on_resume: Callback::noop(),
        on_stop: Callback::noop(),
        on_retry: Callback::from(move |id| sink.borrow_mut().push(id)),
    };
    Run {
        view: View::mount(props).await,
        retried,
    }
}

const ROWS: &str = "[data-testid=deletion-steps] tbody tr";

fn first_row_step(view: &View<RunProgress>) -> String {
    view.query(ROWS)
        .get_attribute("data-step")
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn ten_thousand_steps_keep_one_page_of_rows_and_page_in_plan_order() {
    let Run { view, .. } = run_of(10_000).await;
    assert_eq!(STEPS_PAGE, 100);
    assert_eq!(view.count(ROWS), 100);
    assert_eq!(
        view.text("[data-testid=deletion-showing]"),
        "Showing 1–100 of 10,000 steps"
    );
    assert!(view.text(".ob-inv-pager").contains("Page 1 of 100"));
    assert_eq!(first_row_step(&view), step(0).id.0);
    // The counts of every state are in the choices, so the failed ones are found at once.
    let options: Vec<String> = view
        .all("#ob-del-show option")
        .iter()
        .map(|o| o.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        options,
        [
            "Every step (10,000)",
            "Failed (3)",
            "Under way (20)",
            "Not started (9,937)",
            "Done (40)"
        ]
    );
    view.click(view.find(".ob-inv-pager button", "Next")).await;
    assert_eq!(
        view.text("[data-testid=deletion-showing]"),
        "Showing 101–200 of 10,000 steps"
    );
    assert_eq!(first_row_step(&view), step(100).id.0);
    // Another choice starts at its own first page, not at the page the last one was on.
    view.choose("#ob-del-show", "not-started").await;
    assert_eq!(
        view.text("[data-testid=deletion-showing]"),
        "Showing 1–100 of 9,937 steps"
    );
    assert_eq!(first_row_step(&view), step(60).id.0);
    assert_eq!(
        view.text("[data-testid=deletion-steps] caption"),
        "The steps not started"
    );
    view.choose("#ob-del-show", "all").await;
    view.click(view.find(".ob-inv-pager button", "Last")).await;
    assert_eq!(view.count(ROWS), 100);
    assert_eq!(first_row_step(&view), step(9_900).id.0);
    view.destroy().await;
}

/// A run of 200 steps, the first `done` of them done and the rest not started.
fn run_with_done(done: usize) -> RunProgressProps {
    let steps: Vec<Step> = (0..200).map(step).collect();
    let mut run = RunState::default();
    for (i, s) in steps.iter().enumerate() {
        let status = if i < done {
            StepStatus::Succeeded {
                how: Confirmation::Confirmed,
            }
        } else {
            StepStatus::Pending
        };
        let record = StepRecord {
            status,
            ..StepRecord::default()
        };
        run.steps.insert(s.id.clone(), record);
    }
    RunProgressProps {
        stage: Stage::Running {
            pausing: false,
            stopping: false,
        },
        run: Some(Rc::new(run)),
        plan: Some(ByPtr(Rc::new(Plan {
            account: "DEMO".into(),
            steps,
            exclusions: vec![],
        }))),
        last: None,
        on_pause: Callback::noop(),
        on_resume: Callback::noop(),
        on_stop: Callback::noop(),
        on_retry: Callback::noop(),
    }
}

#[wasm_bindgen_test]
async fn a_list_that_became_shorter_keeps_the_page_on_screen_when_it_grows_again() {
    let mut view = View::<RunProgress>::mount(run_with_done(150)).await;
    view.choose("#ob-del-show", "not-started").await;
    assert_eq!(view.count(ROWS), 50);
    // 190 not started, on their second page.
    view.update(run_with_done(10)).await;
    view.click(view.find(".ob-inv-pager button", "Last")).await;
    assert_eq!(first_row_step(&view), step(110).id.0);
    // Steps done meanwhile: one page is left, and shown; the list growing again later does not
    // move it to a page the customer never saw.
    view.update(run_with_done(150)).await;
    assert_eq!(first_row_step(&view), step(150).id.0);
    view.update(run_with_done(10)).await;
    assert_eq!(first_row_step(&view), step(10).id.0);
    assert!(view.text(".ob-inv-pager").contains("Page 1 of 2"));
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn the_failed_steps_are_listed_alone_with_their_retry() {
    let Run { view, retried } = run_of(10_000).await;
    // None of the failed steps is on the first page: one button lists them alone.
    let show_failed = view.query("[data-testid=deletion-show-failed]");
    assert_eq!(
        show_failed.text_content().unwrap(),
        "Show the 3 failed steps"
    );
    view.click(show_failed).await;
    assert_eq!(
        view.text("[data-testid=deletion-steps] caption"),
        "The failed steps"
    );
    assert_eq!(view.count("[data-testid=deletion-show-failed]"), 0);
    let select: HtmlSelectElement = view.query("#ob-del-show").unchecked_into();
    assert_eq!(
        select.value(),
        "failed",
        "the Show choice says what is listed"
    );
    assert_eq!(
        view.text("[data-testid=deletion-showing]"),
        "Showing 1–3 of 3 steps"
    );
    let rows = view.all(ROWS);
    let ids: Vec<String> = rows
        .iter()
        .map(|r| r.get_attribute("data-step").unwrap_or_default())
        .collect();
    assert_eq!(ids, [step(999).id.0, step(4_999).id.0, step(9_998).id.0]);
    assert!(rows
        .iter()
        .all(|r| r.get_attribute("data-status").as_deref() == Some("failed")));
    // One page only: no page controls.
    assert_eq!(view.count(".ob-inv-pager"), 0);
    view.click(view.find("[data-testid=deletion-steps] button", "Retry"))
        .await;
    assert_eq!(*retried.borrow(), [step(999).id]);
    view.choose("#ob-del-show", "under-way").await;
    assert_eq!(view.count(ROWS), 20);
    assert!(view.text(ROWS).contains("operation va1-40"));
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_ten_thousand_server_plan_shows_one_page_of_its_steps() {
    let plan = Plan {
        account: "DEMO".into(),
        steps: (0..10_000).map(step).collect(),
        exclusions: vec![],
    };
    let inventory = Inventory::empty("DEMO");
    let view = View::<PhaseSteps>::mount(PhaseStepsProps {
        phase: DeletionPhase::Servers,
        plan: ByPtr(Rc::new(plan)),
        inventory: ByPtr(Rc::new(inventory)),
        on_keep: Callback::noop(),
        account: None,
    })
    .await;
    const PLAN_ROWS: &str = ".ob-del-phase tbody tr";
    assert_eq!(PLAN_PAGE, 25);
    assert_eq!(view.count(PLAN_ROWS), 25);
    assert_eq!(view.text(".ob-inv-showing"), "Showing 1–25 of 10,000");
    assert!(view.text(".ob-inv-pager").contains("Page 1 of 400"));
    let first = |view: &View<PhaseSteps>| {
        view.query(PLAN_ROWS)
            .get_attribute("data-step")
            .unwrap_or_default()
    };
    assert_eq!(first(&view), step(0).id.0);
    // The last page, from the keyboard: "Last" is disabled there, so the focus goes to
    // "Previous" (the shared pager does this for every list).
    let last = view.find(".ob-inv-pager button", "Last");
    last.clone()
        .unchecked_into::<web_sys::HtmlElement>()
        .focus()
        .unwrap();
    view.click(last).await;
    assert_eq!(view.count(PLAN_ROWS), 25);
    assert_eq!(first(&view), step(9_975).id.0);
    let focused = gloo_utils::document()
        .active_element()
        .and_then(|e| e.text_content());
    assert_eq!(focused.as_deref().map(str::trim), Some("Previous"));
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_group_of_two_thousand_servers_names_them_a_page_at_a_time_once_opened() {
    use closure::plan::DeleteCall;
    use closure::{ResourceId, ResourceKind};
    let group = ResourceId::new(ResourceKind::Group, "va1-big");
    let plan = Plan {
        account: "DEMO".into(),
        steps: vec![Step {
            id: StepId::for_resource(&group),
            kind: ResourceKind::Group,
            resource: group.clone(),
            label: "Big".into(),
            call: DeleteCall::Group {
                group_id: group.id.clone(),
            },
            removes: std::iter::once(group.clone())
                .chain(
                    (0..2_000)
                        .map(|i| ResourceId::new(ResourceKind::Server, format!("va1web{i:05}"))),
                )
                .collect(),
            ..step(0)
        }],
        exclusions: vec![],
    };
    let view = View::<PhaseSteps>::mount(PhaseStepsProps {
        phase: DeletionPhase::Servers,
        plan: ByPtr(Rc::new(plan)),
        inventory: ByPtr(Rc::new(Inventory::empty("DEMO"))),
        on_keep: Callback::noop(),
        account: None,
    })
    .await;
    const NAMES: &str = ".ob-del-removes li";
    // Closed, the step counts what goes with it and names none of it.
    assert_eq!(view.text("details summary"), "With it: 2,000 more");
    assert_eq!(view.count(NAMES), 0);
    // Opened, a page of names and the pager; the next page, the next names.
    view.click_on("details summary").await;
    view::until("the names are shown", || view.count(NAMES) > 0).await;
    assert_eq!(view.count(NAMES), LIST_PAGE as u32);
    assert!(view.text(NAMES).contains("va1web00000"));
    assert_eq!(
        view.text("details .ob-inv-showing"),
        "Showing 1–25 of 2,000"
    );
    view.click(view.find("details .ob-inv-pager button", "Next"))
        .await;
    assert!(view.text(NAMES).contains("va1web00025"));
    // Closed again, none.
    view.click_on("details summary").await;
    view::until("the names are gone", || view.count(NAMES) == 0).await;
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_long_plan_in_several_accounts_shows_each_accounts_steps_on_demand() {
    use offboard::components::deletion::review::OPEN_ACCOUNTS_UP_TO;
    // 300 steps: the first 100 in the sub-account SUB1, the rest in the parent.
    let steps: Vec<Step> = (0..300)
        .map(|i| Step {
            account: if i < 100 {
                "SUB1".into()
            } else {
                String::new()
            },
            ..step(i)
        })
        .collect();
    assert!(steps.len() > OPEN_ACCOUNTS_UP_TO);
    let plan = Plan {
        account: "DEMO".into(),
        steps,
        exclusions: vec![],
    };
    let view = View::plan(plan).await;
    const PARTS: &str = "[data-testid=plan-account]";
    const ROWS: &str = "[data-testid=plan-account] .ob-del-phase tbody tr";
    // Both accounts are named with their step counts; no step rows until asked for.
    assert_eq!(view.count(PARTS), 2);
    assert!(view
        .text(PARTS)
        .contains("Account SUB1 (a sub-account): before the parent, 100 steps"));
    assert!(view
        .all_text()
        .contains("Account DEMO (the parent): after its sub-accounts, 200 steps"));
    assert_eq!(view.count(ROWS), 0);
    let show = view.find(
        "[data-testid=plan-account] button",
        "Show the steps in SUB1",
    );
    assert_eq!(
        show.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    view.click(show).await;
    // One page of the sub-account's steps, and its button now hides them.
    assert_eq!(view.count(ROWS), PLAN_PAGE as u32);
    let hide = view.find(
        "[data-testid=plan-account] button",
        "Hide the steps in SUB1",
    );
    assert_eq!(hide.get_attribute("aria-expanded").as_deref(), Some("true"));
    view.click(hide).await;
    assert_eq!(view.count(ROWS), 0);
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_step_whose_reads_get_no_answer_says_so_in_its_row_and_the_live_region() {
    let step = step(0);
    let mut run = RunState::default();
    let queued = StepRecord {
        status: StepStatus::Queued {
            tracking: Tracking::Queue {
                status_id: "va1-0".into(),
            },
        },
        ..StepRecord::default()
    };
    run.steps.insert(step.id.clone(), queued);
    let plan = Rc::new(Plan {
        account: "DEMO".into(),
        steps: vec![step.clone()],
        exclusions: vec![],
    });
    let state = Rc::new(DeletionState {
        plan: Some(plan.clone()),
        run: Some(Rc::new(run)),
        ..DeletionState::default()
    });
    // What the executor tells the page after a streak of reads without an answer.
    let since = 1_796_479_330_000;
    let state = state.reduce(Msg::Entries(vec![closure::journal::Entry {
        v: closure::journal::FORMAT_VERSION,
        seq: 3,
        at_ms: since + 45_000,
        event: closure::journal::Event::Unsettled {
            step: step.id.clone(),
            since_ms: Some(since),
        },
    }]));
    let props = RunProgressProps {
        stage: Stage::Running {
            pausing: false,
            stopping: false,
        },
        run: state.run.clone(),
        plan: Some(ByPtr(plan)),
        last: state.last.clone(),
        on_pause: Callback::noop(),
        on_resume: Callback::noop(),
        on_stop: Callback::noop(),
        on_retry: Callback::noop(),
    };
    let view: View<RunProgress> = View::mount(props).await;
    let row = view.text(ROWS);
    for part in [
        "Accepted (operation va1-0), but not confirmed gone: since ",
        "This tool keeps checking",
        "Control Portal",
        "help@ctl.io",
    ] {
        assert!(row.contains(part), "{part:?} in {row:?}");
    }
    let live = view.query("[data-testid=deletion-counts]");
    assert_eq!(live.get_attribute("aria-live").as_deref(), Some("polite"));
    let said = live.text_content().unwrap_or_default();
    assert!(said.contains("Not confirmed gone yet: "), "{said}");
    view.destroy().await;
}

#[wasm_bindgen_test]
async fn a_long_ledger_shows_one_page_of_each_table_with_every_line_counted() {
    let line = |i: usize, reason: Option<&str>| LedgerLine {
        step: Some(step(i).id),
        resource: step(i).resource,
        label: format!("VA1WEB{i:05}"),
        data_center: Some("VA1".into()),
        reason: reason.map(Into::into),
        hourly: Some(0.1),
        bills: reason.is_some(),
        operation_id: None,
        sent_at_ms: None,
        finished_at_ms: None,
        resources: 1,
        account: String::new(),
    };
    // 2,000 servers: the first 30 failed, the rest removed.
    let ledger = Ledger {
        failed: (0..30)
            .map(|i| line(i, Some("The operation failed.")))
            .collect(),
        removed: (30..2_000).map(|i| line(i, None)).collect(),
        ..Ledger::default()
    };
    let view = View::<LedgerView>::mount(LedgerViewProps {
        ledger: ByPtr(Rc::new(ledger)),
        account: "DEMO".into(),
        stopped: false,
    })
    .await;
    // A row is named by its label and its id.
    let name = |i: usize| format!("VA1WEB{i:05} (va1web{i:05})");
    const FAILED: &str = "[data-testid=ledger-failed-table] tbody tr";
    const REMOVED: &str = "[data-testid=ledger-removed-table] tbody tr";
    let first = |view: &View<LedgerView>, rows: &str| {
        view.query(&format!("{rows} th"))
            .text_content()
            .unwrap_or_default()
    };
    // The figures and the captions count every line; each table holds one page of them.
    assert_eq!(view.text("[data-testid=ledger-failed]"), "30");
    assert_eq!(view.text("[data-testid=ledger-removed]"), "1,970");
    assert_eq!(
        view.text("[data-testid=ledger-failed-table] caption"),
        "Failed: 30 resources"
    );
    assert_eq!(
        view.text("[data-testid=ledger-removed-table] caption"),
        "Removed: 1,970 resources"
    );
    assert_eq!(view.count(FAILED), LIST_PAGE as u32);
    assert_eq!(view.count(REMOVED), LIST_PAGE as u32);
    assert_eq!(first(&view, FAILED), name(0));
    assert_eq!(first(&view, REMOVED), name(30));
    // Each table says which lines it shows, with its own page controls.
    let showing: Vec<String> = view
        .all(".ob-inv-showing")
        .iter()
        .map(|p| p.text_content().unwrap_or_default())
        .collect();
    assert_eq!(showing, ["Showing 1–25 of 30", "Showing 1–25 of 1,970"]);
    let failed_pages = "nav[aria-label='Pages of what failed']";
    let removed_pages = "nav[aria-label='Pages of what was removed']";
    assert!(view.text(failed_pages).contains("Page 1 of 2"));
    assert!(view.text(removed_pages).contains("Page 1 of 79"));
    // The next page of what failed: its last five lines, in order; the other table stays.
    view.click(view.find(&format!("{failed_pages} button"), "Next"))
        .await;
    assert_eq!(view.count(FAILED), 5);
    assert_eq!(first(&view, FAILED), name(25));
    assert!(view.text(FAILED).contains("The operation failed."));
    assert_eq!(first(&view, REMOVED), name(30));
    view.click(view.find(&format!("{removed_pages} button"), "Last"))
        .await;
    assert_eq!(view.count(REMOVED), 20);
    assert_eq!(first(&view, REMOVED), name(1980));
    assert_eq!(
        view.text("[data-testid=ledger-removed-table] caption"),
        "Removed: 1,970 resources"
    );
    view.destroy().await;
}
