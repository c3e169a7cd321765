//! Step 3's "Delete what bills": the dry run first, then the alias typed to confirm, a
//! cancellable countdown, the run with each step's state, and the verified ledger. A run left
//! open (reload, crash, expired session) is offered for resuming; a run of another tab blocks.

use std::collections::BTreeSet;
use std::rc::Rc;

use closure::inventory::ResourceKind;
use closure::marks::DataMarks;
use closure::plan::ExclusionReason;
use closure::{Inventory, Ledger, MemoryStore, Plan, ResourceId, Selection};
use yew::prelude::*;

use crate::components::common::Callout;

use super::confirm::ConfirmAlias;
use super::countdown::StartCountdown;
use super::found::FoundRun;
use super::ledger::LedgerView;
use super::progress::RunProgress;
use super::review::PlanReview;
use super::run_identity::RunIdentity;
use super::runner::{Launch, RunContext, RunSlot};
use super::state::{DeletionState, Found, Msg, Stage};
use crate::components::common::ByPtr;
use crate::live_state::LiveMsg;
use crate::services::{clock, timer};
use crate::session::Connection;

#[derive(Properties, PartialEq)]
pub struct DeletionProps {
    /// The live connection: its client sends the deletes; its identity is shown during the run.
    pub connection: Rc<Connection>,
    /// The latest scan; the plan is built from it (and frozen at confirmation).
    pub inventory: ByPtr<Inventory>,
    /// Step 2's marks: data nobody marked stays out of the plan unless the customer chooses.
    pub marks: ByPtr<DataMarks>,
    /// Called when a run ends with its ledger, so the page can re-scan and update the checklist.
    pub on_finished: Callback<Ledger>,
    /// Tells the app whether this tab holds an open run.
    pub on_live: Callback<LiveMsg>,
}

#[component]
pub fn Deletion(props: &DeletionProps) -> Html {
    let state = use_reducer(DeletionState::default);
    let slot = use_memo((), |_| RunSlot::default());
    let demo_store = use_memo((), |_| MemoryStore::new());
    let free_kinds = use_state(BTreeSet::<ResourceKind>::new);
    let keep = use_state(BTreeSet::<ResourceId>::new);
    let delete_unmarked = use_state_eq(|| false);
    let ctx = RunContext {
        connection: props.connection.clone(),
        demo_store: props
            .connection
            .identity
            .demo
            .then(|| (*demo_store).clone()),
        dispatch: {
            let state = state.clone();
            Callback::from(move |msg| state.dispatch(msg))
        },
        on_finished: props.on_finished.clone(),
        on_live: props.on_live.clone(),
        slot: (*slot).clone(),
    };
    let plan = use_memo(
        (
            props.inventory.clone(),
            (*free_kinds).clone(),
            (*keep).clone(),
            props.marks.clone(),
            *delete_unmarked,
        ),
        |(inventory, kinds, keep, marks, delete_unmarked)| {
            let mut selection = kinds
                .iter()
                .fold(Selection::billable(), |s, k| s.with_free(*k))
                .with_marks((*marks.0).clone());
            selection.delete_unmarked_data = *delete_unmarked;
            selection.exclude = keep.clone();
            Rc::new(Plan::build(&inventory.0, &selection))
        },
    );
    // Data nobody marked in step 2: held back by the plan, or (when the customer chose so)
    // deleted by it. The confirmation says which, in words.
    let unmarked = use_memo((plan.clone(), props.marks.clone()), |(plan, marks)| {
        let held = plan
            .exclusions
            .iter()
            .filter(|e| matches!(e.reason, ExclusionReason::DataNotMarked { .. }))
            .count();
        let deleted = plan
            .steps
            .iter()
            .flat_map(|s| &s.removes)
            .filter(|id| closure::marks::holds_data(id.kind) && !marks.0.is_marked(id))
            .count();
        (held, deleted)
    });

    // What the journal holds: on arrival and with every new connection (a new sign-in).
    {
        let ctx = ctx.clone();
        let running = state.is_running();
        use_effect_with(props.connection.clone(), move |_| {
            if !running {
                let _ = ctx.survey();
            }
        });
    }
    // Another tab's run: look again now and then, so this tab learns when it ends.
    {
        let ctx = ctx.clone();
        use_effect_with(state.found.clone(), move |found| {
            let interval = matches!(found, Found::OtherTab { .. }).then(|| {
                timer::every(5_000, move || {
                    let _ = ctx.survey();
                })
            });
            move || drop(interval)
        });
    }
    // Leaving the page pauses the run (the journal keeps it open for resuming) and lets go of
    // the run's lock.
    {
        let slot = slot.clone();
        use_effect_with((), move |_| move || slot.leave());
    }

    let dispatch = |msg: fn() -> Msg| {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(msg()))
    };
    let on_back = dispatch(|| Msg::Back);
    let on_dismiss = dispatch(|| Msg::Dismiss);
    let on_keep = {
        let keep = keep.clone();
        Callback::from(move |id: ResourceId| {
            let mut kept = (*keep).clone();
            if !kept.remove(&id) {
                kept.insert(id);
            }
            keep.set(kept);
        })
    };
    let on_delete_unmarked = {
        let delete_unmarked = delete_unmarked.clone();
        Callback::from(move |chosen: bool| delete_unmarked.set(chosen))
    };
    let on_set_aside = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| ctx.set_aside())
    };
    let on_toggle_free = {
        let free_kinds = free_kinds.clone();
        Callback::from(move |kind: ResourceKind| {
            let mut kinds = (*free_kinds).clone();
            if !kinds.remove(&kind) {
                kinds.insert(kind);
            }
            free_kinds.set(kinds);
        })
    };
    let on_proceed = {
        let (state, plan, ctx) = (state.clone(), plan.clone(), ctx.clone());
        Callback::from(move |_: ()| {
            // Another tab may have started since the page looked: then it is shown instead.
            if ctx.survey() == Found::Nothing {
                state.dispatch(Msg::Confirm((*plan).clone()));
            }
        })
    };
    let on_confirmed = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Msg::CountdownFrom(clock::now_ms())))
    };
    let on_elapsed = {
        let (state, ctx) = (state.clone(), ctx.clone());
        Callback::from(move |_: ()| {
            if let Stage::Countdown { plan, .. } = &state.stage {
                ctx.launch(Launch::Start(plan.clone()));
            }
        })
    };
    let on_resume = {
        let ctx = ctx.clone();
        Callback::from(move |take_over: bool| ctx.resume(take_over))
    };
    let on_pause = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| ctx.pause())
    };
    let on_stop = {
        let ctx = ctx.clone();
        Callback::from(move |_: ()| ctx.stop())
    };
    let on_retry = {
        let ctx = ctx.clone();
        Callback::from(move |step| ctx.retry(step))
    };
    let on_again = {
        let (state, ctx) = (state.clone(), ctx.clone());
        Callback::from(move |_: ()| {
            state.dispatch(Msg::Back);
            let _ = ctx.survey();
        })
    };

    let identity = &props.connection.identity;
    let error = state.error.clone().map(|e| {
        html! {
            <Callout testid="deletion-error">
                <p>{ e }</p>
                <button type="button" class="ob-button ob-button-quiet" onclick={on_dismiss.reform(|_| ())}>{ "Dismiss" }</button>
            </Callout>
        }
    });
    let body = match &state.stage {
        Stage::Review => match &state.found {
            Found::Checking => html! {
                <p role="status">{ "Looking for an unfinished deletion run in this browser…" }</p>
            },
            Found::Nothing => html! {
                <PlanReview inventory={props.inventory.clone()} plan={ByPtr((*plan).clone())}
                    free_kinds={(*free_kinds).clone()} on_toggle_free={on_toggle_free}
                    unmarked_held={unmarked.0} delete_unmarked={*delete_unmarked}
                    on_delete_unmarked={on_delete_unmarked} on_keep={on_keep}
                    on_proceed={on_proceed} />
            },
            found => html! {
                <FoundRun found={found.clone()} run={state.run.clone()}
                    on_resume={on_resume} on_set_aside={on_set_aside} />
            },
        },
        Stage::Confirm { plan } => html! {
            <>
                <RunIdentity identity={identity.clone()} />
                <ConfirmAlias alias={identity.alias.clone()} steps={plan.steps.len()}
                    hourly={plan.known_hourly_saving()} unmarked_held={unmarked.0}
                    unmarked_deleted={unmarked.1} on_confirmed={on_confirmed} on_cancel={on_back} />
            </>
        },
        Stage::Countdown { ends_at, .. } => html! {
            <>
                <RunIdentity identity={identity.clone()} />
                <StartCountdown ends_at={*ends_at} on_elapsed={on_elapsed} on_cancel={on_back} />
            </>
        },
        Stage::Ended { ledger, stopped } => html! {
            <>
                <RunIdentity identity={identity.clone()} />
                <LedgerView ledger={ByPtr(ledger.clone())} stopped={*stopped} />
                <p class="ob-actions">
                    <button type="button" class="ob-button" onclick={on_again.reform(|_| ())}>
                        { "Back to the plan" }
                    </button>
                </p>
            </>
        },
        stage => html! {
            <>
                <RunIdentity identity={identity.clone()} />
                <RunProgress stage={stage.clone()} run={state.run.clone()} plan={state.plan.clone().map(ByPtr)}
                    last={state.last.clone()} on_pause={on_pause} on_resume={on_resume.reform(|_| false)}
                    on_stop={on_stop} on_retry={on_retry} />
                if let Stage::Incomplete { ledger } = stage {
                    <LedgerView ledger={ByPtr(ledger.clone())} stopped={false} />
                }
            </>
        },
    };
    html! {
        <section class="ob-deletion" aria-labelledby="ob-del-title" data-testid="deletion">
            <h3 id="ob-del-title">{ "Delete what bills" }</h3>
            { for error }
            { body }
        </section>
    }
}
