//! How a run ends ([`RunOutcome`]) and why it could not start or go on ([`ExecError`]).

use super::Ledger;
use crate::journal::{LockError, StoreError};
use crate::plan::StepId;

/// How a call to [`super::Executor::run`] ended.
#[derive(Clone, Debug, PartialEq)]
pub enum RunOutcome {
    /// Every step succeeded; the run is closed and the lock released.
    Finished(Ledger),
    /// Nothing more can happen without the user: some steps failed (retry them with
    /// [`super::Executor::retry`] and run again) or wait for a failed one.
    Incomplete(Ledger),
    /// Paused by the user: no new deletes; accepted ones go on and are polled on the next run.
    Paused,
    /// Stopped by the user: the run is closed; in-flight deletes may still finish server-side.
    Stopped(Ledger),
    /// The tab was hidden long enough that polling paused; run again when it is visible.
    Suspended,
    /// The session ended (401); sign in again and resume with a new client. Nothing is lost.
    SessionEnded { message: String },
}

/// Why the executor could not start, continue or record.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ExecError {
    #[error(transparent)]
    Journal(#[from] StoreError),
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error("there is no unfinished closure run to resume")]
    NothingToResume,
    #[error("a closure run ({run_id}) is already in progress")]
    RunInProgress { run_id: String },
    #[error("step {0} is not in this run")]
    UnknownStep(StepId),
    #[error("step {0} has not failed")]
    NotFailed(StepId),
    #[error("the run did not settle after {0} rounds")]
    TooManyRounds(u64),
}

impl ExecError {
    pub fn user_message(&self) -> String {
        match self {
            ExecError::Journal(e) => e.user_message(),
            ExecError::Lock(e) => e.user_message(),
            ExecError::RunInProgress { .. } => "A closure run is already in progress. Resume it \
                 instead of starting another."
                .into(),
            other => format!("{other}."),
        }
    }
}
