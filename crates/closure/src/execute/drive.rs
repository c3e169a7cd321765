//! The run's driver: [`Executor::drive`] calls [`Executor::run`] until the customer is needed,
//! deciding after each call with one rule ([`after_run`]). This is the one owner of the run's
//! state between rounds: pause, stop and retry requests sit in the [`ExecutorHandle`], which
//! the executor reads at its safe points, so no press can be lost between the page and the run.

use clc::{Clock, Transport};

use super::{ExecError, Executor, ExecutorHandle, RunOutcome};
use crate::journal::JournalStore;

/// What the driver does after a call to `run`.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum AfterRun {
    /// The tab is hidden: wait until it is seen, then run again.
    WhenVisible,
    /// Run again: for a retry waiting, or to close a run the customer stopped.
    Again,
    /// Report the outcome.
    End,
}

/// The rule after a round, from the outcome and what is waiting in the handle:
/// - a run suspended because its tab is hidden waits to be seen;
/// - a run that ended incomplete while a Stop or a Retry was pressed (during its closing
///   re-read, after its last safe point) runs again: to close as stopped with its ledger, or
///   to take the retry, so the press is never lost;
/// - everything else ends the drive (finished, stopped, paused by the customer, session ended).
pub(crate) fn after_run(
    outcome: &Result<RunOutcome, ExecError>,
    controls: &ExecutorHandle,
) -> AfterRun {
    match outcome {
        Ok(RunOutcome::Suspended) => AfterRun::WhenVisible,
        Ok(RunOutcome::Incomplete(_)) if controls.is_stop_requested() => AfterRun::Again,
        Ok(RunOutcome::Incomplete(_)) if controls.has_retries() => AfterRun::Again,
        _ => AfterRun::End,
    }
}

impl<T: Transport, K: Clock, S: JournalStore> Executor<'_, T, K, S> {
    /// Runs the plan until the customer is needed: it is done, some steps failed and nothing is
    /// waiting, the customer paused or stopped it, or the session ended. A hidden tab suspends
    /// it until the tab is seen again (on the executor's clock).
    pub async fn drive(&self) -> Result<RunOutcome, ExecError> {
        loop {
            let outcome = self.run().await;
            match after_run(&outcome, &self.controls) {
                AfterRun::WhenVisible => self.until_visible().await,
                AfterRun::Again => {}
                AfterRun::End => return outcome,
            }
        }
    }

    async fn until_visible(&self) {
        let clock = self.client.clock();
        while self.controls.hidden_for_ms(clock.now_ms()).is_some() {
            clock.sleep(1_000).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::execute::Ledger;
    use crate::plan::StepId;

    fn incomplete() -> Result<RunOutcome, ExecError> {
        Ok(RunOutcome::Incomplete(Ledger::default()))
    }

    #[test]
    fn a_retry_or_a_stop_pressed_while_the_run_was_closing_runs_it_again() {
        let handle = ExecutorHandle::default();
        assert_eq!(after_run(&incomplete(), &handle), AfterRun::End);
        handle.retry(StepId("server:a".into()));
        assert_eq!(after_run(&incomplete(), &handle), AfterRun::Again);
        let stopping = ExecutorHandle::default();
        stopping.stop();
        assert_eq!(after_run(&incomplete(), &stopping), AfterRun::Again);
        let stopped = Ok(RunOutcome::Stopped(Ledger::default()));
        assert_eq!(after_run(&stopped, &stopping), AfterRun::End);
    }

    #[test]
    fn the_customer_s_pause_ends_the_drive_and_a_hidden_tab_waits() {
        let handle = ExecutorHandle::default();
        handle.retry(StepId("server:a".into()));
        assert_eq!(after_run(&Ok(RunOutcome::Paused), &handle), AfterRun::End);
        assert_eq!(
            after_run(&Ok(RunOutcome::Suspended), &handle),
            AfterRun::WhenVisible
        );
        let ended = Ok(RunOutcome::SessionEnded {
            message: "expired".into(),
        });
        assert_eq!(after_run(&ended, &handle), AfterRun::End);
    }
}
