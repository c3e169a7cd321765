//! The live account: connect (or start the demo), then read everything the account has and
//! keep it fresh while the tab is visible (except while a deletion round is being driven). Its
//! state is one reducer ([`LiveView`]); this module starts the connection and the scans it asks
//! for, and `reading` lays out what they found.
//!
//! Mount it only through `LiveSlot::tools`, which sets the record's inventory writer: mounted
//! any other way, the record's JSON download shows an error instead of the file.

use std::rc::Rc;

use closure::scan::AntiAffinity;
use closure::{CancelHandle, ScanOptions, Scanner};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::common::{render_remote, Failure};
use crate::components::connect::Connect;
use crate::components::deletion::found::EarlyResume;
use crate::components::identity::IdentityBar;
use crate::components::scan_progress::ScanProgressView;
use crate::components::sub_accounts::SubAccounts;
use crate::hooks::{use_live, LiveHandle};
use crate::live_state::{LiveMsg, LiveView, LiveViewMsg, ScanRun};
use crate::services::sub_accounts::{self as sub_store, SignInChecks};
use crate::services::{clock, perf, storage, timer, visibility};
use crate::session::{self, Connection, Credentials};

mod reading;

use reading::ReadingView;

/// How often the inventory is re-read while the tab is visible and no deletion round is being
/// driven.
pub const REFRESH_MS: u32 = 60_000;

#[derive(Properties, PartialEq)]
pub struct LiveProps {
    /// Run against the demo's simulator (in its worker) instead of a real API.
    pub demo: bool,
    pub api_base: String,
}

#[component]
pub fn Live(props: &LiveProps) -> Html {
    let view = use_reducer(LiveView::default);
    let live = use_live();
    // The customer asked, during the first reading, to resume the unfinished run once it ends.
    let resume_after_read = use_state_eq(|| false);
    // What the sign-in found about the sub-account list (refusals, a storage notice).
    let checks = use_state(Rc::<SignInChecks>::default);
    let on_checks = {
        let checks = checks.clone();
        Callback::from(move |c: Rc<SignInChecks>| checks.set(c))
    };

    // A scan for each new `scan_wanted`: the reducer allows one at a time. It is cancelled when
    // the next is wanted (it has ended then, unless a connection was made since, which drops it)
    // and when this section goes away (the customer picked another mode or the checklist).
    {
        let (view, live) = (view.clone(), live.clone());
        use_effect_with(view.scan_wanted, move |wanted| {
            let scan = match (*wanted > 0, view.connection.loaded().cloned()) {
                (true, Some(conn)) => Some(run_scan(conn, view, live)),
                _ => None,
            };
            move || {
                if let Some(cancel) = scan {
                    cancel.cancel();
                }
            }
        });
    }
    // Gone, this section's scans are no one's: the summary takes none started so far (a demo
    // scan under way when the customer switched to their own account would otherwise become
    // the latest reading behind the Connect form).
    {
        let live = live.dispatcher();
        use_effect_with((), move |_| move || live.dispatch(LiveMsg::Closed));
    }
    let on_connected = {
        let (view, live) = (view.dispatcher(), live.clone());
        Callback::from(move |conn: Rc<Connection>| {
            live.dispatch(LiveMsg::Connected {
                alias: conn.identity.alias.clone(),
                sub_accounts: conn.identity.sub_accounts.clone(),
                api_base: conn.identity.api_base.clone(),
                demo: conn.identity.demo,
            });
            view.dispatch(LiveViewMsg::Connected(conn));
        })
    };
    // Demo: connect to the page's own simulator at once. Otherwise: a session kept for the tab.
    {
        let (on_connected, on_checks, view, demo, base) = (
            on_connected.clone(),
            on_checks.clone(),
            view.dispatcher(),
            props.demo,
            props.api_base.clone(),
        );
        use_effect_with(demo, move |_| {
            reconnect(demo, base, view, on_connected, on_checks)
        });
    }
    // Keep the inventory fresh while the tab is visible, except while this tab is driving a
    // round of a deletion run: a whole reading of the account would compete with the run's own
    // requests (10,000 servers: about 150 more requests). The reading on screen keeps saying its
    // age (over an hour old, that the run checks its deletions with the service: `inventory::age`).
    // A run that finishes, is stopped or ends incomplete reads the account itself (`on_finished`
    // in `reading`), and the minute's refresh starts again from when the round stopped being
    // driven, so a paused, incomplete, taken-over or failed run is refreshed as before.
    {
        let view = view.dispatcher();
        use_effect_with(live.driving, move |driving| {
            let interval = (!*driving).then(|| {
                timer::every(REFRESH_MS, move || {
                    if visibility::current() == closure::Visibility::Visible {
                        view.dispatch(LiveViewMsg::WantScan);
                    }
                })
            });
            move || drop(interval)
        });
    }

    let disconnect = {
        let (view, live, resume_after_read) =
            (view.clone(), live.clone(), resume_after_read.clone());
        Callback::from(move |_| {
            resume_after_read.set(false);
            if let Some(run) = &view.running {
                run.cancel.cancel();
            }
            storage::forget_session();
            live.dispatch(LiveMsg::Disconnected);
            view.dispatch(LiveViewMsg::Disconnect);
        })
    };
    let Some(conn) = view.connection.loaded().cloned() else {
        return html! {
            <>
                if props.demo {
                    <p role="status">{ "Starting the demo account…" }</p>
                } else {
                    <Connect api_base={props.api_base.clone()} on_connected={on_connected} {on_checks} />
                }
                { render_remote(&view.connection, "Connecting…", |_| html! {}) }
            </>
        };
    };
    let choose_resume = {
        let resume_after_read = resume_after_read.clone();
        Callback::from(move |()| resume_after_read.set(true))
    };
    // A new list of sub-accounts: the same client, a new identity, read again from the start.
    let on_sub_accounts = {
        let conn = conn.clone();
        on_connected
            .reform(move |list: Vec<String>| Rc::new(sub_store::with_sub_accounts(&conn, list)))
    };
    let sub_locked = if live.run_open {
        Some(AttrValue::from(
            "The list can change once the deletion run under way is finished or stopped.",
        ))
    } else if view.running.is_some() {
        Some(AttrValue::from(
            "The list can change once the reading under way is over.",
        ))
    } else {
        None
    };
    html! {
        <>
            <IdentityBar identity={conn.identity.clone()} on_disconnect={disconnect} />
            <SubAccounts id="ob-sub-live" aliases={conn.identity.sub_accounts.clone()}
                connection={conn.clone()} checks={(*checks).clone()} locked={sub_locked}
                on_change={on_sub_accounts} />
            if let Some(reading) = &view.reading {
                <ReadingView reading={reading.clone()} connection={conn} view={view.dispatcher()}
                    resume_on_arrival={*resume_after_read} />
            } else if let Some(run) = &view.running {
                if !conn.identity.demo {
                    <EarlyResume alias={conn.identity.alias.clone()} chosen={*resume_after_read}
                        on_choose={choose_resume} />
                }
                <ScanProgressView progress={run.progress.clone()} cancel={run.cancel.clone()} />
            }
        </>
    }
}

/// Connects at once in the demo, or with a token this tab kept; a kept token the service no
/// longer accepts is forgotten, not tried again at every load.
fn reconnect(
    demo: bool,
    base: String,
    view: UseReducerDispatcher<LiveView>,
    on_connected: Callback<Rc<Connection>>,
    on_checks: Callback<Rc<SignInChecks>>,
) {
    let kept = if demo { None } else { storage::kept_session() };
    if !demo && kept.is_none() {
        return;
    }
    view.dispatch(LiveViewMsg::Connecting);
    spawn_local(async move {
        let result = match kept {
            None => match session::start_demo().await {
                Ok(demo) => session::connect_demo(demo).await.map_err(Failure::from),
                Err(why) => Err(Failure::Other(format!(
                    "The demo could not start ({why}). The checklist above and below still \
                     works. If you are offline, connect first; then reload the page to try the \
                     demo again."
                ))),
            },
            Some(kept) => {
                let base = if kept.api_base.is_empty() {
                    base
                } else {
                    kept.api_base
                };
                let credentials = Credentials::Token {
                    alias: kept.alias,
                    token: kept.token,
                };
                session::connect(&base, credentials)
                    .await
                    .map_err(Failure::from)
            }
        };
        match result {
            // The demo's list is its own; a kept session gets the parent's saved list back.
            Ok(conn) if conn.identity.demo => {
                on_checks.emit(Rc::default());
                on_connected.emit(Rc::new(conn));
            }
            Ok(conn) => {
                let (conn, checks) = sub_store::attach(conn, Vec::new(), clock::now_ms()).await;
                on_checks.emit(Rc::new(checks));
                on_connected.emit(Rc::new(conn));
            }
            Err(failure) => {
                if failure == Failure::Api(clc::Error::TokenExpiredOrMissing) {
                    storage::forget_session();
                }
                view.dispatch(LiveViewMsg::ConnectFailed(failure));
            }
        }
    });
}

/// Reads the account; the reading replaces the one on screen when it ends. Returns what cancels
/// it.
fn run_scan(
    conn: Rc<Connection>,
    view: UseReducerHandle<LiveView>,
    live: LiveHandle,
) -> CancelHandle {
    // Its id goes with its result: either reducer drops the result of a scan from before the
    // connection (one a Disconnect cancelled, the same account connected again since). Its
    // start changes only the view: the summary, which the whole page reads, learns of it from
    // its result.
    let run = ScanRun::starting();
    let id = run.id;
    // The anti-affinity API answers 404 where it was retired: once seen in this session, it is
    // not asked again (each ask is a 404 in the browser's console).
    let options = ScanOptions {
        anti_affinity_retired: view
            .reading
            .as_ref()
            .is_some_and(|r| r.outcome.data.anti_affinity == Some(AntiAffinity::Retired)),
        ..ScanOptions::default()
    };
    view.dispatch(LiveViewMsg::ScanStarted(run.clone()));
    let cancel = run.cancel.clone();
    spawn_local(async move {
        let outcome = Scanner::new(&*conn.client)
            .for_account(conn.identity.alias.clone())
            .with_sub_accounts(&conn.identity.sub_accounts)
            // The sign-in's data-center lists, the first scan's only.
            .with_data_centers(conn.sign_in.take())
            .with_options(options)
            .with_progress(run.progress)
            .with_cancel(run.cancel)
            .scan()
            .await;
        // A scan refused with 401: a token kept for the tab is no longer any good.
        if outcome
            .failures
            .iter()
            .chain(outcome.subs.iter().flat_map(|s| &s.failures))
            .any(|f| f.error == clc::Error::TokenExpiredOrMissing)
        {
            storage::forget_session();
        }
        perf::mark(perf::SCAN_DONE);
        live.dispatch(LiveMsg::Scanned(id, outcome.inventory.clone()));
        view.dispatch(LiveViewMsg::Scanned(id, Rc::new(outcome), clock::now_ms()));
    });
    cancel
}
