//! A run this browser already knows about: one to resume (after a reload, a crash or a new
//! sign-in; accepted deletes are never sent again), or one another tab is running.

use closure::counts::ProgressCounts;
use closure::{RunState, StepStatus};
use yew::prelude::*;

use crate::components::common::format::{agreeing, count, plural};
use crate::components::common::{callout, Tone};

use super::state::Found;

/// Where the run stands, in steps, counted as the run's progress counts them.
fn counts_words(run: &RunState) -> String {
    let c = run.counts();
    let n = |k| c.get(k).copied().unwrap_or(0);
    format!(
        "{} of {} done, {} failed, {} under way, {} not started.",
        count(n("succeeded")),
        plural(run.steps.len(), "step", "steps"),
        count(n("failed")),
        count(n("sent") + n("queued") + n("executing")),
        count(n("pending"))
    )
}

/// What pressing Resume does, in the run's own numbers. Deletes the service accepted are
/// followed and never sent again; a delete sent with no answer recorded is read back first and
/// may be sent again later (see `closure::execute`'s handling of unanswered steps), so the text
/// says so rather than promising it never is.
fn will_words(run: &RunState) -> Option<String> {
    let plan = run.plan.as_ref()?;
    let p = ProgressCounts::of(plan, run);
    let waiting = p.steps - p.steps_done - p.steps_failed - p.steps_under_way;
    let unanswered = plan
        .steps
        .iter()
        .filter(|s| run.status_of(&s.id) == Some(&StepStatus::Sent))
        .count();
    let accepted = p.steps_under_way - unanswered;
    let mut words = Vec::new();
    if accepted > 0 {
        words.push(format!(
            "Resuming first follows the {} the service accepted; {} never sent again.",
            plural(accepted, "delete", "deletes"),
            agreeing(accepted, "it is", "they are"),
        ));
    }
    if unanswered > 0 {
        words.push(format!(
            "{} sent with no answer recorded {} read back before anything else: found gone \
             counts as done, found being deleted is followed, and found still there is looked \
             at again later and sent again only if it is still there once the service can no \
             longer be acting on the earlier request (a minute later; for public IPs and \
             snapshots, once that request is older than a delete waits in CLC's queue).",
            plural(unanswered, "delete", "deletes"),
            agreeing(unanswered, "is", "are"),
        ));
    }
    words.push(format!(
        "{} the {} not started ({} of the plan's {} removed so far).",
        if words.is_empty() {
            "Resuming sends"
        } else {
            "Then it sends"
        },
        plural(waiting, "step", "steps"),
        count(p.removed),
        plural(p.removes, "resource", "resources"),
    ));
    Some(words.join(" "))
}

/// What was `found`, with `run` (the journal's run, when it could be read). `on_resume` resumes;
/// with `true` it takes a stale lock of another tab over. `on_set_aside` sets an unreadable
/// journal aside (kept unchanged) so a new run can start.
pub fn found_run(
    found: &Found,
    run: Option<&RunState>,
    on_resume: &Callback<bool>,
    on_set_aside: &Callback<()>,
) -> Html {
    let counts = run.map(counts_words);
    let will = run.and_then(will_words);
    let resume = on_resume.reform(|_| false);
    let take_over = on_resume.reform(|_| true);
    match found {
        Found::Resumable => html! {
            <div class="ob-callout" data-testid="deletion-found">
                <h4>{ "An unfinished deletion run" }</h4>
                <p>{ "This browser holds a deletion run for this account that has not finished. Resuming checks what every sent delete became; nothing already accepted is sent again." }</p>
                { for counts }
                if let Some(will) = will {
                    <p data-testid="deletion-resume-will">{ will }</p>
                }
                <p class="ob-actions">
                    <button type="button" class="ob-button ob-button-primary" onclick={resume}>{ "Resume the deletion run" }</button>
                </p>
            </div>
        },
        Found::OtherTab { stale: false } => html! {
            <div class="ob-callout ob-callout-strong" role="status" data-testid="deletion-other-tab">
                <h4>{ "A deletion run is in progress in another tab" }</h4>
                <p>{ "Follow it there. This tab will not start another run; it looks again every few seconds." }</p>
                { for counts }
            </div>
        },
        Found::OtherTab { stale: true } => html! {
            <div class="ob-callout ob-callout-strong" data-testid="deletion-other-tab">
                <h4>{ "A deletion run another tab started has gone quiet" }</h4>
                <p>{ "That tab has not been heard from for over a minute. If it is closed, take the run over here: what it sent is checked, never sent again." }</p>
                { for counts }
                <p class="ob-actions">
                    <button type="button" class="ob-button ob-button-primary" onclick={take_over}>{ "Take the run over in this tab" }</button>
                </p>
            </div>
        },
        Found::Unreadable(why) => callout(
            Tone::Alert,
            None,
            Some("deletion-unreadable".into()),
            html! { <>
                <p>{ why.clone() }</p>
                <p>{ "It may hold a run another version of this page started. Keep it aside \
                      (unchanged, under another name in this browser) to plan again; scan the \
                      account first to see what is really left." }</p>
                <p class="ob-actions">
                    <button type="button" class="ob-button" onclick={on_set_aside.reform(|_| ())}>
                        { "Set it aside and plan again" }
                    </button>
                </p>
            </> },
        ),
        Found::Checking | Found::Nothing => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct EarlyResumeProps {
    /// The connected account (a real one: the demo's runs live in the page's memory).
    pub alias: String,
    /// The customer asked to resume once the account is read.
    pub chosen: bool,
    pub on_choose: Callback<()>,
}

/// While the first reading of a connected account is under way: the run this browser holds
/// unfinished for it, with what resuming will do, offered at once. The run itself resumes on
/// the deletion page, which appears once the account is read; pressing the button here makes
/// that happen without a second press. Nothing is shown when the journal holds no open run
/// (another tab's run, or an unreadable journal, is said on the deletion page).
#[component]
pub fn EarlyResume(props: &EarlyResumeProps) -> Html {
    let run = use_memo(props.alias.clone(), |alias| {
        let store = crate::services::journal_store::AccountJournal::new(alias, None);
        let other_tab = closure::journal::lock::inspect(&store)
            .ok()
            .flatten()
            .is_some_and(|l| l.owner != crate::services::journal_store::tab_owner());
        closure::Journal::open(store)
            .ok()
            .map(|j| j.state().clone())
            .filter(|state| state.is_open() && !other_tab)
    });
    let Some(run) = &*run else {
        return html! {};
    };
    let choose = props.on_choose.reform(|_: MouseEvent| ());
    html! {
        <div class="ob-callout" data-testid="deletion-found-early">
            <h3>{ "An unfinished deletion run" }</h3>
            <p>{ format!("This browser holds a deletion run for account {} that has not finished. \
                          It resumes on the deletion page, which appears once the account is read.",
                         props.alias) }</p>
            <p>{ counts_words(run) }</p>
            if let Some(will) = will_words(run) {
                <p data-testid="deletion-resume-will">{ will }</p>
            }
            if props.chosen {
                <p role="status" data-testid="deletion-resume-chosen">
                    { "The run resumes by itself as soon as the account is read. Nothing is sent before that." }
                </p>
            } else {
                <p class="ob-actions">
                    <button type="button" class="ob-button ob-button-primary" onclick={choose}>
                        { "Resume the deletion run (after the account is read)" }
                    </button>
                </p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use closure::journal::event::Tracking;
    use closure::journal::StepRecord;
    use closure::plan::Step;
    use closure::Plan;

    use super::*;

    fn step(i: usize) -> Step {
        Step::delete_server(&format!("va1web{i:02}"), "VA1", None)
    }

    /// A run whose steps stand as `statuses` say, in plan order.
    fn run_of(statuses: Vec<StepStatus>) -> RunState {
        let steps: Vec<Step> = (0..statuses.len()).map(step).collect();
        let mut run = RunState::default();
        for (s, status) in steps.iter().zip(statuses) {
            let record = StepRecord {
                status,
                ..StepRecord::default()
            };
            run.steps.insert(s.id.clone(), record);
        }
        run.plan = Some(Plan {
            account: "DEMO".into(),
            steps,
            exclusions: vec![],
        });
        run
    }

    fn queued() -> StepStatus {
        StepStatus::Queued {
            tracking: Tracking::Queue {
                status_id: "va1-1".into(),
            },
        }
    }

    #[test]
    fn resuming_never_promises_an_unanswered_delete_is_not_sent_again() {
        let run = run_of(vec![
            queued(),
            StepStatus::Sent,
            StepStatus::Sent,
            StepStatus::Pending,
        ]);
        let words = will_words(&run).expect("a plan");
        assert!(!words.contains("without sending"), "{words}");
        assert!(
            words.starts_with(
                "Resuming first follows the 1 delete the service accepted; it is never sent again. \
                 2 deletes sent with no answer recorded are read back before anything else"
            ),
            "{words}"
        );
        assert!(
            words.contains("sent again only if it is still there once the service can no longer be acting on the earlier request"),
            "{words}"
        );
        assert!(
            words.ends_with("Then it sends the 1 step not started (0 of the plan's 4 resources removed so far)."),
            "{words}"
        );
    }

    #[test]
    fn accepted_deletes_alone_are_said_never_to_be_sent_again() {
        let run = run_of(vec![queued(), queued(), StepStatus::Pending]);
        let words = will_words(&run).expect("a plan");
        assert_eq!(
            words,
            "Resuming first follows the 2 deletes the service accepted; they are never sent again. \
             Then it sends the 1 step not started (0 of the plan's 3 resources removed so far)."
        );
        let fresh = will_words(&run_of(vec![StepStatus::Pending])).expect("a plan");
        assert_eq!(
            fresh,
            "Resuming sends the 1 step not started (0 of the plan's 1 resource removed so far)."
        );
    }

    /// A long run is counted as its progress counts it, with the separator (these sentences once
    /// wrote "1200 of 1200 steps" beside the run's "1,200"), and a plan of one resource says so
    /// ("the plan's 1 resources are removed" before).
    #[test]
    fn a_long_run_is_counted_with_the_separator() {
        let run = run_of(vec![StepStatus::Pending; 1_200]);
        assert_eq!(
            counts_words(&run),
            "0 of 1,200 steps done, 0 failed, 0 under way, 1,200 not started."
        );
        assert_eq!(
            will_words(&run).expect("a plan"),
            "Resuming sends the 1,200 steps not started (0 of the plan's 1,200 resources removed \
             so far)."
        );
    }

    /// A run of one step says "of 1 step done", as the run's progress does (it said "of 1 steps").
    #[test]
    fn a_run_of_one_step_agrees() {
        assert_eq!(
            counts_words(&run_of(vec![StepStatus::Pending])),
            "0 of 1 step done, 0 failed, 0 under way, 1 not started."
        );
    }
}
