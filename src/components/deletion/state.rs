//! The deletion page's state as one `Reducible`: where the customer is (reviewing the dry run,
//! confirming, counting down, running, done), what the journal says about each step, and what
//! to announce. No DOM and no I/O: the runner dispatches what happened.

use std::rc::Rc;

use closure::journal::{Entry, Event};
use closure::{EpochMs, ExecError, Ledger, Plan, RunOutcome, RunState};
use yew::Reducible;

/// What the journal of this account held when the page looked.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    Checking,
    /// No unfinished run: a new one may start.
    Nothing,
    /// An unfinished run this tab may resume (its own, after a reload, or one without a lock).
    Resumable,
    /// Another tab holds the run lock; `stale` when it has not been heard from for a while.
    OtherTab {
        stale: bool,
    },
    /// The journal could not be read; nothing may start over it.
    Unreadable(String),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stage {
    /// The dry run (or, when `found` says so, the offer to resume).
    Review,
    /// The customer types the alias to confirm this frozen plan.
    Confirm {
        plan: Rc<Plan>,
    },
    Countdown {
        plan: Rc<Plan>,
        ends_at: EpochMs,
    },
    /// The executor is being set up or is running.
    Running {
        pausing: bool,
        stopping: bool,
    },
    Paused,
    /// Nothing more happens without the customer: some steps failed.
    Incomplete {
        ledger: Rc<Ledger>,
    },
    /// The session ended mid-run; sign in again and resume.
    SessionEnded {
        message: String,
    },
    /// The run is closed (finished or stopped) with its verified ledger.
    Ended {
        ledger: Rc<Ledger>,
        stopped: bool,
    },
}

/// Everything the deletion page shows. Invariant: `run` (when present) has no plan inside; the
/// plan is in `plan`, so a transition clones only the step records.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletionState {
    pub found: Found,
    pub stage: Stage,
    pub plan: Option<Rc<Plan>>,
    pub run: Option<Rc<RunState>>,
    pub error: Option<String>,
    /// The latest transition in words, for the live region.
    pub last: Option<String>,
}

impl Default for DeletionState {
    fn default() -> DeletionState {
        DeletionState {
            found: Found::Checking,
            stage: Stage::Review,
            plan: None,
            run: None,
            error: None,
            last: None,
        }
    }
}

pub enum Msg {
    /// What the journal holds (`run`: its state, when there is one).
    Surveyed {
        found: Found,
        run: Option<RunState>,
    },
    Confirm(Rc<Plan>),
    CountdownFrom(EpochMs),
    /// Back to the dry run (cancel the confirmation or the countdown).
    Back,
    Launching,
    Attached(RunState),
    /// Journal entries stored since the last such message, oldest first: the run's state is
    /// copied once per batch, not once per entry (a 10,000-step run writes 40,000).
    Entries(Vec<Entry>),
    PauseRequested,
    StopRequested,
    Ended(Result<RunOutcome, ExecError>),
    /// Starting or resuming was refused; why, in words.
    Refused(String),
    /// An unreadable journal was set aside under this key.
    SetAside(String),
    Dismiss,
}

impl Reducible for DeletionState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut s = (*self).clone();
        match msg {
            Msg::Surveyed { found, run } => {
                s.found = found;
                // Signed in again after the session ended: offer to resume.
                if matches!(s.stage, Stage::SessionEnded { .. }) {
                    s.stage = Stage::Review;
                }
                if matches!(s.stage, Stage::Review) {
                    s.set_run(run);
                }
            }
            Msg::Confirm(plan) => {
                s.error = None;
                s.stage = Stage::Confirm { plan };
            }
            Msg::CountdownFrom(at) => {
                if let Stage::Confirm { plan } = &s.stage {
                    s.stage = Stage::Countdown {
                        plan: plan.clone(),
                        ends_at: at + COUNTDOWN_MS,
                    };
                }
            }
            Msg::Back => s.stage = Stage::Review,
            Msg::Launching => {
                s.error = None;
                s.last = None;
                s.stage = Stage::Running {
                    pausing: false,
                    stopping: false,
                };
            }
            Msg::Attached(run) => {
                s.found = Found::Nothing;
                s.set_run(Some(run));
            }
            Msg::Entries(entries) => {
                if let Some(entry) = entries.last() {
                    s.last = s.describe(entry);
                }
                if let Some(run) = &s.run {
                    let mut run = (**run).clone();
                    for entry in &entries {
                        run.apply(&entry.event, entry.at_ms);
                    }
                    s.run = Some(Rc::new(run));
                }
            }
            Msg::PauseRequested => {
                if let Stage::Running { pausing, .. } = &mut s.stage {
                    *pausing = true;
                }
            }
            Msg::StopRequested => {
                if let Stage::Running { stopping, .. } = &mut s.stage {
                    *stopping = true;
                }
            }
            Msg::Ended(outcome) => s.end(outcome),
            Msg::Refused(why) => {
                s.error = Some(why);
                s.stage = Stage::Review;
            }
            Msg::SetAside(key) => {
                s.error = Some(format!(
                    "The saved run was kept unchanged under \"{key}\" in this browser; you can \
                     plan again."
                ));
            }
            Msg::Dismiss => s.error = None,
        }
        Rc::new(s)
    }
}

/// The countdown between the confirmation and the first delete.
pub const COUNTDOWN_MS: EpochMs = 10_000;

impl DeletionState {
    fn set_run(&mut self, run: Option<RunState>) {
        match run {
            Some(mut run) => {
                self.plan = run.plan.take().map(Rc::new).or(self.plan.take());
                self.run = Some(Rc::new(run));
            }
            None => {
                self.plan = None;
                self.run = None;
            }
        }
    }

    /// The run stopped, however (finished, stopped, paused, suspended, incomplete, its session
    /// ended, or an error): nothing reads its steps back any more, so no row may still say that
    /// this tool keeps checking.
    fn end(&mut self, outcome: Result<RunOutcome, ExecError>) {
        self.withdraw_unsettled();
        self.stage = match outcome {
            Ok(RunOutcome::Finished(ledger)) => Stage::Ended {
                ledger: Rc::new(ledger),
                stopped: false,
            },
            Ok(RunOutcome::Stopped(ledger)) => Stage::Ended {
                ledger: Rc::new(ledger),
                stopped: true,
            },
            Ok(RunOutcome::Incomplete(ledger)) => Stage::Incomplete {
                ledger: Rc::new(ledger),
            },
            Ok(RunOutcome::Paused | RunOutcome::Suspended) => Stage::Paused,
            Ok(RunOutcome::SessionEnded { message }) => Stage::SessionEnded { message },
            Err(e) => {
                self.error = Some(refusal(&e));
                Stage::Paused
            }
        };
    }

    /// Forgets every step's notice that its confirming reads get no answer (`Event::Unsettled`,
    /// told by a running executor only).
    fn withdraw_unsettled(&mut self) {
        let Some(run) = &self.run else { return };
        if run.steps.values().all(|r| r.unsettled_since_ms.is_none()) {
            return;
        }
        let mut run = (**run).clone();
        for record in run.steps.values_mut() {
            record.unsettled_since_ms = None;
        }
        self.run = Some(Rc::new(run));
    }

    /// Whether an executor is attached (or being attached) right now.
    pub fn is_running(&self) -> bool {
        matches!(self.stage, Stage::Running { .. })
    }

    fn describe(&self, entry: &Entry) -> Option<String> {
        let step = |id| {
            self.plan
                .as_ref()
                .and_then(|p| p.step(id))
                .map(|s| s.describe())
                .unwrap_or_else(|| id.to_string())
        };
        Some(match &entry.event {
            Event::Sending { step: id } => format!("Sending: {}.", step(id)),
            Event::Accepted { step: id, tracking } => match tracking.operation_id() {
                Some(op) => format!("Accepted: {} (operation {op}).", step(id)),
                None => format!("Accepted: {}.", step(id)),
            },
            Event::Executing { step: id } => format!("Executing: {}.", step(id)),
            Event::Succeeded { step: id, .. } => format!("Done: {}.", step(id)),
            Event::Failed { step: id, reason } | Event::Diverged { step: id, reason } => {
                format!("Failed: {}. {reason}", step(id))
            }
            Event::NotAccepted { step: id, reason } => {
                format!(
                    "Not accepted yet, will be sent again: {}. {reason}",
                    step(id)
                )
            }
            // The row says when it looks next, in the customer's time.
            Event::Unanswered {
                step: id,
                next_look_ms: Some(_),
                ..
            } => format!(
                "No answer yet, and the item is still there; it will be read again: {}.",
                step(id)
            ),
            Event::Unanswered {
                step: id, reason, ..
            } => {
                format!("No answer yet, checking: {}. {reason}", step(id))
            }
            // The row says since when, in the customer's time, and what the customer can do.
            Event::Unsettled {
                step: id,
                since_ms: Some(_),
            } => format!(
                "Not confirmed gone yet: {}. Reading it back gets no usable answer; this tool \
                 keeps checking.",
                step(id)
            ),
            Event::Unsettled {
                step: id,
                since_ms: None,
            } => format!(
                "Answered again when read back; checking that it is gone: {}.",
                step(id)
            ),
            Event::Retry { step: id } => format!("Retrying: {}.", step(id)),
            Event::Paused => "The run is paused.".into(),
            Event::Stopped => "The run is stopped; checking what is left.".into(),
            Event::Resumed { .. } => "The run goes on.".into(),
            Event::Halted { reason } => format!("The run is waiting for you: {reason}"),
            Event::Finished { .. } => "The run is finished.".into(),
            Event::Started { .. } => return None,
        })
    }
}

/// Why starting or resuming did not happen, in words that say what to do.
pub fn refusal(e: &ExecError) -> String {
    match e {
        ExecError::Lock(
            closure::journal::LockError::Held { stale: false, .. }
            | closure::journal::LockError::NotHeld,
        ) => "A deletion run is in progress in another tab or window of this browser. Continue \
              there; this tab sends nothing."
            .into(),
        other => other.user_message(),
    }
}

#[cfg(test)]
mod tests;
