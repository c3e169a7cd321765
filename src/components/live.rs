//! The live account: connect (or start the demo), then read everything the account has and
//! keep it fresh while the tab is visible. Owns the connection and the scan lifecycle.

use std::cell::RefCell;
use std::rc::Rc;

use closure::scan::{Part, ScanOutcome};
use closure::{CancelHandle, InventoryDiff, ProgressHandle, Scanner};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::connect::Connect;
use crate::components::deletion::Deletion;
use crate::components::identity::IdentityBar;
use crate::components::inventory::InventoryView;
use crate::components::scan_progress::ScanProgressView;
use crate::hooks::{use_live, LiveHandle};
use crate::live_state::LiveMsg;
use crate::services::{clock, storage, visibility};
use crate::session::{self, Connection, Credentials};
use closure::marks::DataMarks;

/// How often the inventory is re-read while the tab is visible.
pub const REFRESH_MS: u32 = 60_000;

#[derive(Clone)]
enum ScanView {
    Idle,
    Running {
        progress: ProgressHandle,
        cancel: CancelHandle,
    },
    Done {
        outcome: Rc<ScanOutcome>,
        /// The outcome's inventory, shared so renders never copy it.
        inventory: Rc<closure::Inventory>,
        at: i64,
        diff: Option<Rc<InventoryDiff>>,
    },
}

#[derive(Properties, PartialEq)]
pub struct LiveProps {
    /// Run against the simulator inside the page instead of a real API.
    pub demo: bool,
    pub api_base: String,
}

#[derive(Default)]
struct Latest {
    outcome: Option<Rc<ScanOutcome>>,
    running: bool,
}

#[component]
pub fn Live(props: &LiveProps) -> Html {
    let connection = use_state(|| None::<Rc<Connection>>);
    let scan = use_state(|| ScanView::Idle);
    let failure = use_state(|| None::<clc::Error>);
    let latest = use_mut_ref(Latest::default);
    let live = use_live();

    let start_scan = {
        let (scan, latest, live) = (scan.clone(), latest.clone(), live.clone());
        Callback::from(move |conn: Rc<Connection>| {
            run_scan(conn, scan.clone(), latest.clone(), live.clone())
        })
    };
    let on_connected = {
        let (connection, start_scan, live) = (connection.clone(), start_scan.clone(), live.clone());
        Callback::from(move |conn: Rc<Connection>| {
            live.dispatch(LiveMsg::Connected {
                alias: conn.identity.alias.clone(),
                api_base: conn.identity.api_base.clone(),
                demo: conn.identity.demo,
            });
            connection.set(Some(conn.clone()));
            start_scan.emit(conn);
        })
    };
    // Demo: connect to the page's own simulator at once. Otherwise: a session kept for the tab.
    {
        let (on_connected, failure, demo, base) = (
            on_connected.clone(),
            failure.clone(),
            props.demo,
            props.api_base.clone(),
        );
        use_effect_with(demo, move |_| {
            spawn_local(async move {
                let result = if demo {
                    session::connect_demo().await
                } else if let Some(kept) = storage::kept_session() {
                    let base = if kept.api_base.is_empty() {
                        base
                    } else {
                        kept.api_base
                    };
                    session::connect(
                        &base,
                        Credentials::Token {
                            alias: kept.alias,
                            token: kept.token,
                        },
                    )
                    .await
                } else {
                    return;
                };
                match result {
                    Ok(conn) => on_connected.emit(Rc::new(conn)),
                    Err(e) => {
                        // A token kept for the tab that the service no longer accepts is
                        // forgotten, not tried again at every load.
                        if e == clc::Error::TokenExpiredOrMissing {
                            storage::forget_session();
                        }
                        failure.set(Some(e))
                    }
                }
            });
        });
    }
    // Keep the inventory fresh while the tab is visible.
    {
        let (connection, start_scan, latest) =
            (connection.clone(), start_scan.clone(), latest.clone());
        use_effect_with(
            (*connection).clone().map(|c| c.identity.clone()),
            move |_| {
                let interval = gloo_timers::callback::Interval::new(REFRESH_MS, move || {
                    let visible = visibility::current() == closure::Visibility::Visible;
                    let idle = !latest.borrow().running;
                    if let (true, true, Some(conn)) = (visible, idle, (*connection).clone()) {
                        start_scan.emit(conn);
                    }
                });
                move || drop(interval)
            },
        );
    }

    let disconnect = {
        let (connection, scan, latest, live) = (
            connection.clone(),
            scan.clone(),
            latest.clone(),
            live.clone(),
        );
        Callback::from(move |_| {
            live.dispatch(LiveMsg::Disconnected);
            if let ScanView::Running { cancel, .. } = &*scan {
                cancel.cancel();
            }
            storage::forget_session();
            *latest.borrow_mut() = Latest::default();
            scan.set(ScanView::Idle);
            connection.set(None);
        })
    };
    let retry = {
        let (connection, scan, latest, live) = (
            connection.clone(),
            scan.clone(),
            latest.clone(),
            live.clone(),
        );
        Callback::from(move |part: Part| {
            if let (Some(conn), ScanView::Done { outcome, .. }) =
                ((*connection).clone(), (*scan).clone())
            {
                let (scan, latest, live) = (scan.clone(), latest.clone(), live.clone());
                spawn_local(async move {
                    let mut outcome = (*outcome).clone();
                    Scanner::new(&*conn.client)
                        .for_account(conn.identity.alias.clone())
                        .rerun(&mut outcome, &part)
                        .await;
                    let outcome = Rc::new(outcome);
                    latest.borrow_mut().outcome = Some(outcome.clone());
                    let inventory = Rc::new(outcome.inventory.clone());
                    live.dispatch(LiveMsg::Scanned(inventory.clone()));
                    scan.set(ScanView::Done {
                        outcome,
                        inventory,
                        at: clock::now_ms(),
                        diff: None,
                    });
                });
            }
        })
    };
    let rescan = {
        let (connection, start_scan) = (connection.clone(), start_scan.clone());
        Callback::from(move |_| {
            if let Some(conn) = (*connection).clone() {
                start_scan.emit(conn);
            }
        })
    };

    // After a deletion run: record its ledger and read the account again to verify.
    let on_finished = {
        let (connection, start_scan, live) = (connection.clone(), start_scan.clone(), live.clone());
        Callback::from(move |ledger: closure::Ledger| {
            live.dispatch(LiveMsg::RunFinished(Rc::new(ledger)));
            if let Some(conn) = (*connection).clone() {
                start_scan.emit(conn);
            }
        })
    };
    let Some(conn) = (*connection).clone() else {
        return html! {
            <>
                if props.demo {
                    <p role="status">{ "Starting the demo account…" }</p>
                } else {
                    <Connect api_base={props.api_base.clone()} on_connected={on_connected} />
                }
                if let Some(e) = &*failure {
                    <p class="ob-callout ob-callout-strong" role="alert">{ e.user_message() }</p>
                }
            </>
        };
    };
    html! {
        <>
            <IdentityBar identity={conn.identity.clone()} on_disconnect={disconnect} />
            {
                match &*scan {
                    ScanView::Idle => html! {},
                    ScanView::Running { progress, cancel } => html! {
                        <ScanProgressView progress={progress.clone()} cancel={cancel.clone()} />
                    },
                    ScanView::Done { outcome, inventory, at, diff } => html! {
                        <>
                            if outcome.cancelled {
                                <p class="ob-callout" role="status">{ "The scan was cancelled: what is below is incomplete, and the parts not read are listed." }</p>
                            }
                            <p class="ob-actions">
                                <button type="button" class="ob-button" onclick={rescan}>{ "Read the account again" }</button>
                            </p>
                            <InventoryView inventory={inventory.clone()} diff={diff.clone()} scanned_at={*at} on_retry={retry}
                                on_marked={on_marked(live.clone(), outcome.clone())} />
                            <Deletion connection={conn.clone()} inventory={inventory.clone()} marks={live.data_marks.clone()}
                                on_finished={on_finished.clone()} on_live={live.dispatcher().to_callback()} />
                        </>
                    },
                }
            }
        </>
    }
}

fn run_scan(
    conn: Rc<Connection>,
    scan: UseStateHandle<ScanView>,
    latest: Rc<RefCell<Latest>>,
    live: LiveHandle,
) {
    if std::mem::replace(&mut latest.borrow_mut().running, true) {
        return;
    }
    let (progress, cancel) = (ProgressHandle::new(), CancelHandle::new());
    // A first scan shows its progress; a refresh keeps the current inventory on screen.
    if latest.borrow().outcome.is_none() {
        scan.set(ScanView::Running {
            progress: progress.clone(),
            cancel: cancel.clone(),
        });
    }
    spawn_local(async move {
        let outcome = Scanner::new(&*conn.client)
            .for_account(conn.identity.alias.clone())
            .with_progress(progress)
            .with_cancel(cancel)
            .scan()
            .await;
        // A scan refused with 401: a token kept for the tab is no longer any good.
        if outcome
            .failures
            .iter()
            .any(|f| f.error == clc::Error::TokenExpiredOrMissing)
        {
            storage::forget_session();
        }
        let outcome = Rc::new(outcome);
        let previous = {
            let mut latest = latest.borrow_mut();
            latest.running = false;
            latest.outcome.replace(outcome.clone())
        };
        let diff = previous.map(|p| Rc::new(p.inventory.diff(&outcome.inventory)));
        let inventory = Rc::new(outcome.inventory.clone());
        live.dispatch(LiveMsg::Scanned(inventory.clone()));
        scan.set(ScanView::Done {
            outcome,
            inventory,
            at: clock::now_ms(),
            diff,
        });
    });
}

/// Step 2's marks for the app: the marks themselves (the plan holds back what is unmarked),
/// how many data-bearing resources are marked, and whether all are.
fn on_marked(live: LiveHandle, outcome: Rc<ScanOutcome>) -> Callback<(Rc<DataMarks>, bool)> {
    Callback::from(move |(marks, complete): (Rc<DataMarks>, bool)| {
        let (marked, total) = closure::marks::marked_count(&outcome.inventory, &marks);
        live.dispatch(LiveMsg::Marked {
            marks,
            state: closure::gate::MarksState { marked, total },
            complete,
        });
    })
}
