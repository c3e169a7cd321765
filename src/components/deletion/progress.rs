//! A run under way: counts in a live region, the latest transition in words, Pause, Continue
//! and Stop, and every step's state (pending, sent, queued with its operation id, executing,
//! succeeded or failed with the reason and a Retry button). Focus lands on the heading.

use std::rc::Rc;

use closure::counts::ProgressCounts;
use closure::journal::StepStatus;
use closure::plan::StepId;
use closure::{Plan, RunState};
use web_sys::{HtmlElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::Stage;
use super::step_row::ProgressRow;
use crate::components::common::format::{count, plural};
use crate::components::common::pager::{use_paging, Pager};
use crate::components::common::{table_scroll, ByPtr};

/// Where the run stands: "3 of 1,200 steps done, 0 failed, 2 under way; 3 of 1,210 resources
/// removed.", the totals' words agreeing with them ("of 1 step done").
fn counts_words(p: &ProgressCounts) -> String {
    format!(
        "{} of {} done, {} failed, {} under way; {} of {} removed.",
        count(p.steps_done),
        plural(p.steps, "step", "steps"),
        count(p.steps_failed),
        count(p.steps_under_way),
        count(p.removed),
        plural(p.removes, "resource", "resources"),
    )
}

/// Steps listed per page. Every transition re-renders the list, so a run over 10,000 servers
/// keeps one page of rows in the document, not 10,000.
pub const STEPS_PAGE: usize = 100;

/// Which steps the list shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    All,
    Failed,
    UnderWay,
    NotStarted,
    Done,
}

impl Show {
    const EVERY: [Show; 5] = [
        Show::All,
        Show::Failed,
        Show::UnderWay,
        Show::NotStarted,
        Show::Done,
    ];

    fn value(self) -> &'static str {
        match self {
            Show::All => "all",
            Show::Failed => "failed",
            Show::UnderWay => "under-way",
            Show::NotStarted => "not-started",
            Show::Done => "done",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Show::All => "Every step",
            Show::Failed => "Failed",
            Show::UnderWay => "Under way",
            Show::NotStarted => "Not started",
            Show::Done => "Done",
        }
    }

    /// The table's caption for this choice.
    fn caption(self) -> &'static str {
        match self {
            Show::All => "Every step and its state",
            Show::Failed => "The failed steps",
            Show::UnderWay => "The steps under way",
            Show::NotStarted => "The steps not started",
            Show::Done => "The steps done",
        }
    }

    fn matches(self, status: &StepStatus) -> bool {
        match self {
            Show::All => true,
            Show::Failed => matches!(status, StepStatus::Failed { .. }),
            Show::UnderWay => matches!(
                status,
                StepStatus::Sent | StepStatus::Queued { .. } | StepStatus::Executing { .. }
            ),
            Show::NotStarted => matches!(status, StepStatus::Pending),
            Show::Done => matches!(status, StepStatus::Succeeded { .. }),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct RunProgressProps {
    pub stage: Stage,
    pub run: Option<Rc<RunState>>,
    pub plan: Option<ByPtr<Plan>>,
    pub last: Option<String>,
    pub on_pause: Callback<()>,
    pub on_resume: Callback<()>,
    pub on_stop: Callback<()>,
    pub on_retry: Callback<StepId>,
}

/// What the run is doing, in one sentence (`settled`: every step has an outcome).
fn headline(stage: &Stage, settled: bool) -> String {
    match stage {
        Stage::Running { stopping: true, .. } => {
            "Stopping: no new deletes; checking what is left…".into()
        }
        Stage::Running { pausing: true, .. } => {
            "Pausing: no new deletes; those already accepted go on…".into()
        }
        Stage::Running { .. } if settled => {
            "Every step has an outcome; re-reading the account to check what is left…".into()
        }
        Stage::Running { .. } => "Deleting… Keep this tab open; you can pause or stop at any time.".into(),
        Stage::Paused => "Paused. Deletes already accepted go on at CenturyLink Cloud; nothing new is sent until you continue.".into(),
        Stage::Incomplete { .. } => "Some steps failed. Retry them, or stop here and keep what is left.".into(),
        Stage::SessionEnded { message } => format!(
            "The session ended ({message}). Connect again (above), then resume: nothing is lost and nothing is sent twice."
        ),
        _ => String::new(),
    }
}

#[component]
pub fn RunProgress(props: &RunProgressProps) -> Html {
    let heading = use_node_ref();
    let show = use_state(|| Show::All);
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(el) = heading.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let running = matches!(props.stage, Stage::Running { .. });
    let can_retry = !matches!(
        props.stage,
        Stage::SessionEnded { .. } | Stage::Running { stopping: true, .. }
    );
    // Steps are the subject here (labelled as steps), with the resources they removed so far,
    // in the unit the plan and the ledger use.
    let progress = match (&props.plan, &props.run) {
        (Some(plan), Some(run)) => Some(ProgressCounts::of(&plan.0, run)),
        _ => None,
    };
    let done = progress.map_or(0, |p| p.steps_done);
    let counts = progress.map(|p| counts_words(&p));
    let total = progress.map_or(0, |p| p.steps);
    let settled = props
        .run
        .as_ref()
        .is_some_and(|r| r.steps.values().all(|s| s.status.is_terminal()));
    // The plan's steps with their records, in the plan's order; then those the list shows.
    let listed: Vec<_> = match (&props.plan, &props.run) {
        (Some(plan), Some(run)) => plan
            .0
            .steps
            .iter()
            .filter_map(|step| Some((step, run.record(&step.id)?)))
            .collect(),
        _ => Vec::new(),
    };
    let matching = |show: Show| listed.iter().filter(move |(_, r)| show.matches(&r.status));
    let shown: Vec<_> = matching(*show).collect();
    let paging = use_paging(shown.len(), STEPS_PAGE);
    let window = paging.window;
    // Steps left the list (a retried failure, say): keep the page that is on screen.
    paging.hold_shown();
    let on_screen = || shown[window.start..window.end].iter();
    let rows = on_screen().map(|(step, record)| {
        html! {
            <ProgressRow key={step.id.0.clone()} step={(*step).clone()} record={(*record).clone()}
                can_retry={can_retry} on_retry={props.on_retry.clone()} />
        }
    });
    let showing = window.showing().map_or_else(
        || "No step is in this state.".to_string(),
        |showing| format!("{showing} steps"),
    );
    let options = Show::EVERY.map(|option| {
        let n = matching(option).count();
        html! {
            <option value={option.value()} selected={option == *show}>
                { format!("{} ({})", option.label(), count(n)) }
            </option>
        }
    });
    let choose = {
        let (show, paging) = (show.clone(), paging.clone());
        Callback::from(move |option: Show| {
            show.set(option);
            paging.go(0);
        })
    };
    let on_show = choose.reform(|e: Event| {
        let value = e.target_unchecked_into::<HtmlSelectElement>().value();
        Show::EVERY
            .into_iter()
            .find(|o| o.value() == value)
            .unwrap_or(Show::All)
    });
    // Failed steps that are not all on screen: one press lists them alone, with their Retry.
    let failed = matching(Show::Failed).count();
    let failed_on_screen = on_screen()
        .filter(|(_, r)| Show::Failed.matches(&r.status))
        .count();
    let show_failed =
        (failed_on_screen < failed).then(|| choose.reform(|_: MouseEvent| Show::Failed));
    let (pausing, stopping) = match props.stage {
        Stage::Running { pausing, stopping } => (pausing, stopping),
        _ => (false, false),
    };
    html! {
        <div class="ob-del-run" data-testid="deletion-run" aria-busy={running.to_string()}>
            <h4 tabindex="-1" ref={heading}>{ "Deleting what bills" }</h4>
            <p class="ob-del-headline" data-testid="deletion-headline">{ headline(&props.stage, settled) }</p>
            <div role="status" aria-live="polite" data-testid="deletion-counts">
                <p class="ob-del-counts">{ counts.unwrap_or_else(|| "Starting…".into()) }</p>
                if let Some(last) = &props.last {
                    <p class="ob-del-last">{ last.clone() }</p>
                }
            </div>
            <progress class="ob-del-bar" max={total.max(1).to_string()} value={done.to_string()} aria-label="Steps done"></progress>
            <p class="ob-actions">
                if running {
                    <button type="button" class="ob-button" onclick={props.on_pause.reform(|_| ())} disabled={pausing || stopping}>{ "Pause" }</button>
                } else if !matches!(props.stage, Stage::SessionEnded { .. }) {
                    <button type="button" class="ob-button ob-button-primary" onclick={props.on_resume.reform(|_| ())}>
                        { if matches!(props.stage, Stage::Incomplete { .. }) { "Check again" } else { "Continue" } }
                    </button>
                }
                <button type="button" class="ob-button ob-button-danger" onclick={props.on_stop.reform(|_| ())} disabled={stopping}>{ "Stop the run" }</button>
            </p>
            <div class="ob-inv-filters">
                <p class="ob-field">
                    <label for="ob-del-show">{ "Show" }</label>
                    <select id="ob-del-show" onchange={on_show}>{ for options }</select>
                </p>
            </div>
            <p class="ob-inv-showing" data-testid="deletion-showing">{ showing }</p>
            if let Some(onclick) = show_failed {
                <p class="ob-actions">
                    <button type="button" class="ob-button" data-testid="deletion-show-failed" onclick={onclick}>
                        { if failed == 1 { "Show the failed step".to_string() } else { format!("Show the {} failed steps", count(failed)) } }
                    </button>
                </p>
            }
            { table_scroll("Steps of the run".into(), html! {
                <table class="ob-inv-table" data-testid="deletion-steps">
                    <caption>{ show.caption() }</caption>
                    <thead><tr>
                        <th scope="col">{ "Step" }</th>
                        <th scope="col">{ "State" }</th>
                        <th scope="col"><span class="ob-visually-hidden">{ "Action" }</span></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }) }
            <Pager page={window.page} pages={window.pages} label="Step pages" on_page={paging.on_page()} />
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A run of one step of one resource says "of 1 step done" and "of 1 resource removed" (it
    /// said "of 1 steps done" and "of 1 resources removed"); longer runs count with the separator.
    #[test]
    fn the_counts_agree_with_their_totals() {
        let one = ProgressCounts {
            steps: 1,
            removes: 1,
            ..ProgressCounts::default()
        };
        assert_eq!(
            counts_words(&one),
            "0 of 1 step done, 0 failed, 0 under way; 0 of 1 resource removed."
        );
        let long = ProgressCounts {
            steps: 1_200,
            steps_done: 3,
            steps_under_way: 2,
            removed: 3,
            removes: 1_210,
            ..ProgressCounts::default()
        };
        assert_eq!(
            counts_words(&long),
            "3 of 1,200 steps done, 0 failed, 2 under way; 3 of 1,210 resources removed."
        );
    }
}
