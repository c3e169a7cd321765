//! What one reading of the account found, laid out: the inventory (with a retry for each part
//! that could not be read, and step 2's marks), then step 3's deletion once the inventory has
//! been painted.

use std::rc::Rc;

use closure::marks::DataMarks;
use closure::scan::{Part, ScanOutcome};
use closure::Scanner;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::components::common::{callout, ByPtr, Tone};
use crate::components::deletion::Deletion;
use crate::components::inventory::InventoryView;
use crate::hooks::{use_live, use_painted, LiveHandle};
use crate::live_state::{LiveMsg, LiveView, LiveViewMsg, Reading};
use crate::session::Connection;

#[derive(Properties, PartialEq)]
pub(super) struct ReadingViewProps {
    pub(super) reading: Reading,
    pub(super) connection: Rc<Connection>,
    pub(super) view: UseReducerDispatcher<LiveView>,
    pub(super) resume_on_arrival: bool,
}

impl PartialEq for Reading {
    fn eq(&self, other: &Reading) -> bool {
        Rc::ptr_eq(&self.outcome, &other.outcome) && self.at == other.at
    }
}

/// What a reading found: the inventory and step 3.
#[component]
pub(super) fn ReadingView(props: &ReadingViewProps) -> Html {
    let live = use_live();
    // Step 3 (its plan takes a tenth of a second for 10,000 servers) once the inventory is seen.
    let painted = use_painted();
    let Reading { outcome, at, diff } = &props.reading;
    let inventory = props.reading.inventory();
    let want_scan = props
        .view
        .to_callback()
        .reform(|_: MouseEvent| LiveViewMsg::WantScan);
    let retry = {
        let (conn, outcome, view, live) = (
            props.connection.clone(),
            outcome.clone(),
            props.view.clone(),
            live.clone(),
        );
        Callback::from(move |part: Part| {
            let (conn, outcome, view, live) =
                (conn.clone(), outcome.clone(), view.clone(), live.clone());
            spawn_local(async move {
                let retried = outcome.clone();
                let mut outcome = (*outcome).clone();
                let scanner = Scanner::new(&*conn.client)
                    .for_account(conn.identity.alias.clone())
                    .with_sub_accounts(&conn.identity.sub_accounts);
                // The part again in every alias where it could not be read.
                let aliases: Vec<String> = outcome
                    .inventory
                    .unread
                    .iter()
                    .filter(|u| u.part == part)
                    .map(|u| u.account.clone())
                    .collect();
                let mut done: Vec<String> = Vec::new();
                for alias in aliases {
                    let alias = if alias.is_empty() {
                        conn.identity.alias.clone()
                    } else {
                        alias
                    };
                    if !done.contains(&alias) {
                        scanner.rerun_in(&mut outcome, &alias, &part).await;
                        done.push(alias);
                    }
                }
                live.dispatch(LiveMsg::Reread {
                    retried: retried.inventory.clone(),
                    inventory: outcome.inventory.clone(),
                });
                view.dispatch(LiveViewMsg::Reread {
                    retried,
                    outcome: Rc::new(outcome),
                });
            });
        })
    };
    // After a deletion run: record its ledger and read the account again to verify.
    let on_finished = {
        let (live, view) = (live.clone(), props.view.clone());
        Callback::from(move |ledger: closure::Ledger| {
            live.dispatch(LiveMsg::RunFinished(Rc::new(ledger)));
            view.dispatch(LiveViewMsg::WantScan);
        })
    };
    html! {
        <>
            if outcome.cancelled {
                { callout(Tone::Status, None, None, html! { <>
                    { "The scan was cancelled: what is below is incomplete, and the parts not read are listed." }
                </> }) }
            }
            <p class="ob-actions">
                <button type="button" class="ob-button" onclick={want_scan}>
                    { "Read the account again" }
                </button>
            </p>
            <InventoryView inventory={inventory.clone()} diff={diff.clone()} scanned_at={*at} driving={live.driving} on_retry={retry}
                on_marked={on_marked(live.clone(), outcome.clone())}
                on_manual={live.dispatcher().to_callback().reform(LiveMsg::ManualMarked)} />
            if painted {
                <Deletion connection={props.connection.clone()} inventory={inventory.clone()}
                    marks={ByPtr(live.data_marks.clone())} on_finished={on_finished}
                    on_live={live.dispatcher().to_callback()} resume_on_arrival={props.resume_on_arrival} />
            } else {
                <p role="status" data-testid="plan-preparing">{ "Preparing the deletion plan…" }</p>
            }
        </>
    }
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
