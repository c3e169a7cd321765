//! Step 3's "Delete what bills": the dry run first, then the alias typed to confirm, a
//! cancellable countdown, the run with each step's state, and the verified ledger. A run left
//! open (reload, crash, expired session) is offered for resuming; a run of another tab blocks.

use std::rc::Rc;

use closure::marks::DataMarks;
use closure::plan::StepId;
use closure::{Inventory, Ledger, MemoryStore};
use yew::prelude::*;

use super::choices::{use_plan_choices, PlanChoices};
use super::confirm::ConfirmAlias;
use super::countdown::StartCountdown;
use super::found::found_run;
use super::ledger::LedgerView;
use super::progress::RunProgress;
use super::review::PlanReview;
use super::run_identity::run_identity;
use super::runner::{Launch, RunContext, RunSlot};
use super::state::{DeletionState, Found, Msg, Stage};
use crate::components::common::{callout, ByPtr, Tone};
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
    /// The customer already asked to resume (while the account was being read): an unfinished
    /// run this page finds on arrival is resumed without another press.
    #[prop_or_default]
    pub resume_on_arrival: bool,
}

#[component]
pub fn Deletion(props: &DeletionProps) -> Html {
    let state = use_reducer(DeletionState::default);
    let ctx = use_run_context(props, &state);
    let choices = use_plan_choices(props.inventory.clone(), props.marks.clone());
    let actions = Actions::new(&state, &ctx, &choices);
    let error = state.error.clone().map(|e| {
        callout(Tone::Alert, None, Some("deletion-error".into()), html! { <>
            <p>{ e }</p>
            <button type="button" class="ob-button ob-button-quiet" onclick={actions.dismiss.reform(|_| ())}>{ "Dismiss" }</button>
        </> })
    });
    html! {
        <section class="ob-deletion" aria-labelledby="ob-del-title" data-testid="deletion">
            <h3 id="ob-del-title">{ "Delete what bills" }</h3>
            { for error }
            { stage_view(props, &state, &choices, actions) }
        </section>
    }
}

/// The run's context for this page, and what keeps it current: the journal is looked at on
/// arrival and with every new connection, another tab's run is looked at again every few
/// seconds, and leaving the page pauses the run and lets go of its lock.
#[hook]
fn use_run_context(props: &DeletionProps, state: &UseReducerHandle<DeletionState>) -> RunContext {
    let slot = use_memo((), |_| RunSlot::default());
    let demo_store = use_memo((), |_| MemoryStore::new());
    let ctx = RunContext {
        connection: props.connection.clone(),
        demo_store: props
            .connection
            .identity
            .demo
            .then(|| (*demo_store).clone()),
        dispatch: state.dispatcher().to_callback(),
        on_finished: props.on_finished.clone(),
        on_live: props.on_live.clone(),
        slot: (*slot).clone(),
    };
    {
        let (ctx, running) = (ctx.clone(), state.is_running());
        let resume = props.resume_on_arrival;
        use_effect_with(props.connection.clone(), move |_| {
            if !running && ctx.survey() == Found::Resumable && resume {
                ctx.resume(false);
            }
        });
    }
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
    use_effect_with((), move |_| move || slot.leave());
    ctx
}

/// What the page's buttons do.
struct Actions {
    back: Callback<()>,
    dismiss: Callback<()>,
    proceed: Callback<()>,
    confirmed: Callback<()>,
    elapsed: Callback<()>,
    again: Callback<()>,
    resume: Callback<bool>,
    set_aside: Callback<()>,
    pause: Callback<()>,
    stop: Callback<()>,
    retry: Callback<StepId>,
}

impl Actions {
    fn new(
        state: &UseReducerHandle<DeletionState>,
        ctx: &RunContext,
        choices: &PlanChoices,
    ) -> Actions {
        let send = |msg: fn() -> Msg| {
            let state = state.clone();
            Callback::from(move |_: ()| state.dispatch(msg()))
        };
        let with_ctx = |f: fn(&RunContext)| {
            let ctx = ctx.clone();
            Callback::from(move |_: ()| f(&ctx))
        };
        Actions {
            back: send(|| Msg::Back),
            dismiss: send(|| Msg::Dismiss),
            proceed: {
                let (state, plan, ctx) = (state.clone(), choices.plan.clone(), ctx.clone());
                Callback::from(move |_: ()| {
                    // Another tab may have started since the page looked: then it is shown.
                    if ctx.survey() == Found::Nothing {
                        state.dispatch(Msg::Confirm(plan.clone()));
                    }
                })
            },
            confirmed: {
                let state = state.clone();
                Callback::from(move |_: ()| state.dispatch(Msg::CountdownFrom(clock::now_ms())))
            },
            elapsed: {
                let (state, ctx) = (state.clone(), ctx.clone());
                Callback::from(move |_: ()| {
                    if let Stage::Countdown { plan, .. } = &state.stage {
                        ctx.launch(Launch::Start(plan.clone()));
                    }
                })
            },
            again: {
                let (state, ctx) = (state.clone(), ctx.clone());
                Callback::from(move |_: ()| {
                    state.dispatch(Msg::Back);
                    let _ = ctx.survey();
                })
            },
            resume: {
                let ctx = ctx.clone();
                Callback::from(move |take_over: bool| ctx.resume(take_over))
            },
            set_aside: with_ctx(RunContext::set_aside),
            pause: with_ctx(RunContext::pause),
            stop: with_ctx(RunContext::stop),
            retry: {
                let ctx = ctx.clone();
                Callback::from(move |step| ctx.retry(step))
            },
        }
    }
}

/// What the page shows at each stage.
fn stage_view(
    props: &DeletionProps,
    state: &DeletionState,
    choices: &PlanChoices,
    actions: Actions,
) -> Html {
    let identity = &props.connection.identity;
    match &state.stage {
        Stage::Review => match &state.found {
            Found::Checking => html! {
                <p role="status">{ "Looking for an unfinished deletion run in this browser…" }</p>
            },
            Found::Nothing => html! {
                <PlanReview inventory={props.inventory.clone()} plan={ByPtr(choices.plan.clone())}
                    free_kinds={choices.free_kinds.clone()} on_toggle_free={choices.on_toggle_free.clone()}
                    unmarked_held={choices.unmarked_held} delete_unmarked={choices.delete_unmarked}
                    on_delete_unmarked={choices.on_delete_unmarked.clone()} on_keep={choices.on_keep.clone()}
                    on_proceed={actions.proceed} />
            },
            found => found_run(
                found,
                state.run.as_deref(),
                &actions.resume,
                &actions.set_aside,
            ),
        },
        Stage::Confirm { plan } => html! {
            <>
                { run_identity(identity) }
                <ConfirmAlias alias={identity.alias.clone()} steps={plan.steps.len()}
                    sub_accounts={plan.aliases().into_iter().filter(|a| *a != plan.account).collect::<Vec<_>>()}
                    hourly={plan.known_hourly_saving()} unmarked_held={choices.unmarked_held}
                    unmarked_deleted={choices.unmarked_deleted} on_confirmed={actions.confirmed}
                    on_cancel={actions.back} />
            </>
        },
        Stage::Countdown { ends_at, .. } => html! {
            <>
                { run_identity(identity) }
                <StartCountdown ends_at={*ends_at} on_elapsed={actions.elapsed} on_cancel={actions.back} />
            </>
        },
        Stage::Ended { ledger, stopped } => html! {
            <>
                { run_identity(identity) }
                <LedgerView ledger={ByPtr(ledger.clone())} account={identity.alias.clone()} stopped={*stopped} />
                <p class="ob-actions">
                    <button type="button" class="ob-button" onclick={actions.again.reform(|_| ())}>
                        { "Back to the plan" }
                    </button>
                </p>
            </>
        },
        stage => html! {
            <>
                { run_identity(identity) }
                <RunProgress stage={stage.clone()} run={state.run.clone()} plan={state.plan.clone().map(ByPtr)}
                    last={state.last.clone()} on_pause={actions.pause} on_resume={actions.resume.reform(|_| false)}
                    on_stop={actions.stop} on_retry={actions.retry} />
                if let Stage::Incomplete { ledger } = stage {
                    <LedgerView ledger={ByPtr(ledger.clone())} account={identity.alias.clone()} stopped={false} />
                }
            </>
        },
    }
}
