//! The deletion page's state as one `Reducible`: where the customer is (reviewing the dry run,
//! confirming, counting down, running, done), what the journal says about each step, and what
//! to announce. No DOM and no I/O: the runner dispatches what happened.

use std::rc::Rc;

use closure::journal::{Confirmation, Entry, Event, StepRecord, StepStatus};
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

    fn end(&mut self, outcome: Result<RunOutcome, ExecError>) {
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

/// The typed alias confirms the account: case-insensitive, exact otherwise (spaces around it
/// are forgiven, nothing else).
pub fn alias_matches(typed: &str, alias: &str) -> bool {
    let typed = typed.trim();
    !typed.is_empty() && typed.eq_ignore_ascii_case(alias.trim())
}

/// A step's state in words, with the operation id when there is one. `utc_offset_minutes`: the
/// customer's offset from UTC at the step's next look, the one instant said as a time of day;
/// `now_ms`: the page's clock, so a next look already past (a journal read back after a reload,
/// a tab that slept) is said to be due now, not as a time of day that reads like one to come.
pub fn status_words(record: &StepRecord, utc_offset_minutes: i32, now_ms: u64) -> String {
    let note = |base: &str| match &record.note {
        Some(n) => format!("{base} ({n})"),
        None => base.to_string(),
    };
    match &record.status {
        StepStatus::Pending if record.sends == 0 => note("Pending"),
        StepStatus::Pending => note("Not accepted yet; it will be sent again"),
        // Sent, the answer was lost and a re-read found the item still there: when it looks next.
        StepStatus::Sent if record.note.is_some() && record.next_look_ms.is_some() => {
            let at = record.next_look_ms.unwrap_or_default();
            let when = if at <= now_ms {
                "the next look is due now".to_string()
            } else {
                format!("next look at {}", time_of_day(at, utc_offset_minutes))
            };
            format!(
                "No answer came, and the item was still there when read back: checking whether \
                 the delete arrived, {when}. The call is sent again only once the service can no \
                 longer be acting on it"
            )
        }
        // Sent, and the answer was lost (the note says how): see `closure`'s `uncertain`.
        StepStatus::Sent if record.note.is_some() => note(
            "No answer came. The item is read back; the call is sent again only once the \
             service can no longer be acting on it",
        ),
        StepStatus::Sent => note("Sent; waiting for the answer"),
        StepStatus::Queued { tracking } => match tracking.operation_id() {
            Some(op) => format!("Queued, operation {op}"),
            None => "Accepted; checking that it is gone".into(),
        },
        StepStatus::Executing { tracking } => match tracking.operation_id() {
            Some(op) => format!("Executing, operation {op}"),
            None => "Executing".into(),
        },
        StepStatus::Succeeded {
            how: Confirmation::Confirmed,
        } => "Succeeded: deleted".into(),
        StepStatus::Succeeded {
            how: Confirmation::AlreadyGone,
        } => "Succeeded: it was already gone".into(),
        StepStatus::Succeeded {
            how: Confirmation::FoundGone,
        } => "Succeeded: found gone (nothing sent again)".into(),
        StepStatus::Failed { reason } => format!("Failed: {reason}"),
    }
}

/// `at` as a time of day where the customer is ("14:02:10"); the offset is said by the page's
/// clock (`services::clock::utc_offset_minutes`), so it is the customer's own zone.
pub fn time_of_day(at: u64, utc_offset_minutes: i32) -> String {
    let zone = chrono::FixedOffset::east_opt(utc_offset_minutes.saturating_mul(60))
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("UTC"));
    i64::try_from(at)
        .ok()
        .and_then(chrono::DateTime::from_timestamp_millis)
        .map_or_else(String::new, |t| {
            closure::date_text::clock_seconds(&t.with_timezone(&zone))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alias_must_match_whatever_the_case() {
        for (typed, ok) in [
            ("DEMO", true),
            ("demo", true),
            (" Demo ", true),
            ("DEM", false),
            ("DEMO1", false),
            ("", false),
            ("D EMO", false),
        ] {
            assert_eq!(alias_matches(typed, "DEMO"), ok, "{typed:?}");
        }
    }

    #[test]
    fn states_are_said_with_their_operation() {
        let record = StepRecord {
            status: StepStatus::Queued {
                tracking: closure::journal::Tracking::Queue {
                    status_id: "va1-123".into(),
                },
            },
            ..StepRecord::default()
        };
        assert_eq!(status_words(&record, 0, 0), "Queued, operation va1-123");
        assert_eq!(status_words(&StepRecord::default(), 0, 0), "Pending");
    }

    #[test]
    fn a_sent_step_whose_answer_was_lost_says_what_happens_next() {
        let in_flight = StepRecord {
            status: StepStatus::Sent,
            ..StepRecord::default()
        };
        assert_eq!(
            status_words(&in_flight, 0, 0),
            "Sent; waiting for the answer"
        );
        let lost = StepRecord {
            note: Some("no answer within 120 s".into()),
            ..in_flight
        };
        let words = status_words(&lost, 0, 0);
        assert!(words.starts_with("No answer came."), "{words}");
        assert!(words.contains("no longer be acting on it"), "{words}");
        assert!(words.ends_with("(no answer within 120 s)"), "{words}");
    }

    /// A step whose delete got no answer and whose item was still there when read back: the
    /// next look is due at `at`.
    fn waiting_step(at: u64) -> StepRecord {
        StepRecord {
            status: StepStatus::Sent,
            note: Some("checking whether the delete arrived: the item was still there".into()),
            next_look_ms: Some(at),
            ..StepRecord::default()
        }
    }

    #[test]
    fn the_next_look_is_said_in_the_customers_time_in_one_sentence() {
        // 2026-12-05 14:02:10 UTC.
        let at = 1_796_479_330_000;
        let waiting = waiting_step(at);
        let expected = |time: &str| {
            format!(
                "No answer came, and the item was still there when read back: checking whether \
                 the delete arrived, next look at {time}. The call is sent again only once the \
                 service can no longer be acting on it"
            )
        };
        assert_eq!(status_words(&waiting, 0, at - 1), expected("14:02:10"));
        // Paris in winter (UTC+1), New York (UTC−5), India (UTC+5:30), across midnight (UTC+14).
        assert_eq!(status_words(&waiting, 60, at - 1), expected("15:02:10"));
        assert_eq!(status_words(&waiting, -300, at - 1), expected("09:02:10"));
        assert_eq!(status_words(&waiting, 330, at - 1), expected("19:32:10"));
        assert_eq!(
            status_words(&waiting, 14 * 60, at - 1),
            expected("04:02:10")
        );
        let words = status_words(&waiting, 60, at - 1);
        assert_eq!(words.matches("No answer came").count(), 1, "{words}");
        assert!(!words.contains("UTC"), "{words}");
    }

    #[test]
    fn a_next_look_already_past_is_said_to_be_due_now() {
        // 2026-12-05 14:02:10 UTC, read back after a reload an hour later (or at that instant).
        let at = 1_796_479_330_000;
        let waiting = waiting_step(at);
        for now in [at, at + 3_600_000] {
            assert_eq!(
                status_words(&waiting, 60, now),
                "No answer came, and the item was still there when read back: checking whether \
                 the delete arrived, the next look is due now. The call is sent again only once \
                 the service can no longer be acting on it"
            );
        }
    }
}
