//! The app shell: loads the saved checklist once, saves every change, and lays out the page.

use std::rc::Rc;

use closure::saved::SavedChecklist;
use closure::StepId;
use yew::prelude::*;

use crate::components::{
    exception::exception, invoice::FinalInvoice, mode::mode_switch, notices::notices,
    overview::overview, record::Record, start_over::StartOver, steps::steps,
};
use crate::config::{Config, Mode};
use crate::hooks::{
    use_host_events, use_unfinished_runs, ChecklistHandle, LiveHandle, UnfinishedRuns,
};
use crate::live_slot::{LiveSlot, LiveSlotArgs};
use crate::live_state::LiveSummary;
use crate::services::{clock, dom, journal_store, storage, timer};
use crate::state::{ChecklistMsg, ChecklistState, Notice};

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// What the host page asked for (mode, API base, locale).
    #[prop_or_default]
    pub config: Config,
    /// What fills the live section: the live tools, or a loader that fetches them.
    #[prop_or_default]
    pub live: LiveSlot,
    /// Put the keyboard focus back on the chosen mode's button after the first render (the
    /// live tools took over from the checklist-only app while the user was using the switch).
    #[prop_or_default]
    pub focus_mode: bool,
    /// The checklist as the previous app had it (see `handover`); storage is read otherwise.
    #[prop_or_default]
    pub initial: Option<crate::handover::HandOver>,
    /// Tell the host page the mode the app starts in (`offboard:mode` after the first render):
    /// the page load's first start, not the live tools taking over or the checklist coming back.
    #[prop_or_default]
    pub announce_mode: bool,
}

#[component]
pub fn App(props: &AppProps) -> Html {
    let state = use_saved_checklist(props.initial.clone());
    let live = use_reducer_eq(LiveSummary::default);
    let unfinished = use_unfinished_runs_now(&live);
    use_auto_ticks(&state, &live, &unfinished);
    let mode = use_state(|| props.config.mode);
    use_host_events(&state, *mode, &live, props.announce_mode);
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |m: Mode| mode.set(m))
    };
    use_effect_with(props.focus_mode, |focus: &bool| {
        if *focus {
            crate::services::dom::focus(".ob-mode-switch [aria-pressed='true']");
        }
    });
    // The first paint shows the article's part (overview, exception, steps); the record and what
    // follows come one task later, so a slow device is never blocked on one long first render.
    let settled = use_state_eq(|| props.focus_mode);
    {
        let settled = settled.clone();
        use_effect_with((), move |_| {
            timer::next_task(move || settled.set(true));
        });
    }
    let live_args = LiveSlotArgs {
        mode: *mode,
        api_base: props.config.api_base.clone(),
    };

    html! {
        <ContextProvider<Config> context={props.config.clone()}>
        <ContextProvider<ChecklistHandle> context={state.clone()}>
        <ContextProvider<LiveHandle> context={live.clone()}>
        <ContextProvider<UnfinishedRuns> context={unfinished.clone()}>
            <section class="ob-app" aria-labelledby="ob-title">
                <header class="ob-header">
                    <p class="ob-kicker">{ "CenturyLink Cloud" }</p>
                    <h1 id="ob-title" tabindex="-1">{ "Close your account, step by step" }</h1>
                </header>
                { mode_switch(*mode, &on_mode) }
                <p class="ob-mode" data-testid="mode">{ describe_mode(*mode, &props.config) }</p>
                if *mode == Mode::Checklist {
                    <UnfinishedRunsNotice on_connect={on_mode.reform(|_| Mode::Connected)} />
                }
                { notices(&state) }
                { overview() }
                { exception(&state) }
                if *mode != Mode::Checklist {
                    <section class="ob-live" id="ob-live" aria-labelledby="ob-live-title">
                        <h2 id="ob-live-title" tabindex="-1">{ "Your account, live" }</h2>
                        { props.live.render(live_args) }
                    </section>
                }
                { steps(&state, &unfinished.0) }
                if *settled {
                    <FinalInvoice />
                    <Record />
                    <StartOver />
                }
            </section>
        </ContextProvider<UnfinishedRuns>>
        </ContextProvider<LiveHandle>>
        </ContextProvider<ChecklistHandle>>
        </ContextProvider<Config>>
    }
}

#[derive(Properties, PartialEq)]
struct UnfinishedRunsProps {
    on_connect: Callback<()>,
}

/// A deletion run that did not finish is only resumed once the account is connected again: say
/// so where the user lands, before anything else. "Not now" hides the notice, nothing more:
/// step 3 and step 4 stay locked while the run is unfinished.
#[component]
fn UnfinishedRunsNotice(props: &UnfinishedRunsProps) -> Html {
    let aliases = use_unfinished_runs();
    let hidden = use_state(|| false);
    if aliases.is_empty() || *hidden {
        return html! {};
    }
    let onclick = props.on_connect.reform(|_: MouseEvent| ());
    let hide = Callback::from(move |_| hidden.set(true));
    html! {
        <div class="ob-callout ob-callout-strong" role="status" id="ob-live" data-testid="unfinished-run">
            <p>
                { format!("A deletion run on account {} did not finish here (the page was closed or \
                           reloaded during it), or is running in another tab. Connect to that account \
                           to see where it stopped and resume it; nothing it already sent is sent again.",
                          aliases.join(", ")) }
            </p>
            <p class="ob-actions">
                <button type="button" class="ob-button ob-button-primary" {onclick}>{ "Connect to resume it" }</button>
                <button type="button" class="ob-button ob-button-quiet" onclick={hide}>{ "Not now" }</button>
            </p>
        </div>
    }
}

/// One line that says where the app's data comes from, always visible.
fn describe_mode(mode: Mode, config: &Config) -> String {
    match mode {
        Mode::Checklist => "Offline checklist: nothing leaves this browser.".to_string(),
        Mode::Demo => "Demo: a simulated account inside this page; no network is used.".to_string(),
        Mode::Connected => format!("Connected mode: calls go to {} only.", config.api_base),
    }
}

/// The checklist as the previous app handed it over (or as storage has it), remembered for the
/// next hand-over and saved at every change (a failed save becomes a notice).
#[hook]
fn use_saved_checklist(initial: Option<crate::handover::HandOver>) -> ChecklistHandle {
    let state = use_reducer_eq(|| match initial {
        Some(h) => ChecklistState::new(h.saved, h.notices),
        None => {
            let (saved, notices) = storage::load(clock::now_ms());
            ChecklistState::new(saved, notices)
        }
    });
    use_effect_with(
        (state.saved.clone(), state.notices.clone()),
        |(saved, notices)| crate::handover::remember(saved, notices),
    );
    let dispatcher = state.dispatcher();
    let may_save = storage::may_save(&state.notices);
    use_effect_with(state.saved.clone(), move |saved: &SavedChecklist| {
        if may_save {
            let stamped = SavedChecklist {
                saved_at: clock::now_ms(),
                ..saved.clone()
            };
            if storage::save(&stamped).is_err() {
                dispatcher.dispatch(ChecklistMsg::Notify(Notice::SaveFailed));
            }
        }
    });
    state
}

/// The deletion runs this browser holds unfinished: read again when this tab's run opens or
/// closes, and when another tab writes to storage.
#[hook]
fn use_unfinished_runs_now(live: &LiveHandle) -> UnfinishedRuns {
    let storage_changes = use_state_eq(|| 0_u32);
    {
        let storage_changes = storage_changes.clone();
        use_effect_with((), move |_| {
            let listener = dom::on_window_event("storage", move || {
                storage_changes.set(storage_changes.wrapping_add(1))
            });
            move || drop(listener)
        });
    }
    let runs = use_memo(
        (
            *storage_changes,
            live.run_open,
            live.ledgers.len(),
            live.alias.clone(),
        ),
        |(_, open, _, alias)| {
            let mut runs = journal_store::unfinished_runs();
            let alias = alias.to_ascii_uppercase();
            if *open && !alias.is_empty() && !runs.contains(&alias) {
                runs.push(alias);
            }
            UnfinishedRuns(Rc::new(runs))
        },
    );
    (*runs).clone()
}

/// Connected mode: steps the app can see are done get ticked (never unticked); step 3 not while
/// a deletion run is unfinished.
#[hook]
fn use_auto_ticks(state: &ChecklistHandle, live: &LiveHandle, unfinished: &UnfinishedRuns) {
    let state = state.clone();
    let observed = (
        live.first.is_some(),
        live.marks_complete,
        live.latest.as_ref().is_some_and(|inv| inv.is_complete())
            && live.still_billing() == 0
            && unfinished.0.is_empty(),
    );
    use_effect_with(observed, move |(found, marked, emptied)| {
        let steps: Vec<StepId> = [
            (*found, StepId::FindServices),
            (*marked, StepId::RetrieveData),
            (*emptied, StepId::DeleteResources),
        ]
        .into_iter()
        .take_while(|(done, _)| *done)
        .map(|(_, step)| step)
        .collect();
        if !steps.is_empty() {
            state.dispatch(ChecklistMsg::AutoTick(steps));
        }
    });
}
