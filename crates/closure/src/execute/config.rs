//! How one executor paces itself, who it is, and what lets it send.

use super::guard::RunGuard;

/// Pacing and identity of one executor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecutorConfig {
    /// This tab's id, written in the lock and the journal.
    pub owner: String,
    /// This tab's hold on the run (the browser's Web Lock): without it nothing is started,
    /// resumed or sent, whatever the journal's lock record says.
    pub guard: RunGuard,
    /// Most requests in flight at once: by default the scan's, the six connections a browser
    /// opens to one host (a seventh request would only wait for one of them).
    pub concurrency: usize,
    /// Wait between rounds after a change; doubled per quiet round up to `poll_max_ms`.
    pub poll_initial_ms: u64,
    pub poll_max_ms: u64,
    /// A round sends for at most this long before it looks at what is in flight again: a run
    /// of thousands of deletes sends for many seconds, and its first deletes are done in the
    /// queue long before its last are sent.
    pub send_budget_ms: u64,
    /// A lock without heartbeat for this long may be taken over (explicitly).
    pub lock_stale_after_ms: u64,
    pub heartbeat_every_ms: u64,
    /// Take over a stale lock of another tab when resuming.
    pub take_over_stale_lock: bool,
    /// Re-reads after a reported success before the step is failed as "still there".
    pub confirm_attempts: u32,
    /// Hidden this long, the run returns [`super::RunOutcome::Suspended`] (polling pauses).
    pub hidden_suspend_after_ms: u64,
    /// A step sent with no recorded answer (a timeout, a reset, a reload) and found still there
    /// is re-read this long after that first look, and sent again only if still there then:
    /// the service may yet act on the call whose answer was lost.
    pub resend_after_ms: u64,
    /// The least time a queued delete is taken to wait in CLC's queue. A public IP or snapshot
    /// whose delete's answer was lost reads as present until its delete runs, so it is not sent
    /// again before its send is older than the queue horizon: this, or three times the longest
    /// a queued delete of this run took, whichever is longer.
    pub queue_horizon_ms: u64,
    /// A server still being built this long after the run began waiting for it (the run's
    /// start, or the step's own latest transition such as a retry, as the journal has them)
    /// ends "not deleted" and may be retried later: no delete is ever sent to a server being
    /// built, and a build that never finishes must not keep the run waiting forever.
    pub build_wait_ms: u64,
    /// A guard against a run that never settles.
    pub max_rounds: u64,
}

impl Default for ExecutorConfig {
    fn default() -> ExecutorConfig {
        ExecutorConfig {
            owner: "tab".into(),
            guard: RunGuard::sole(),
            concurrency: crate::scan::DEFAULT_CONCURRENCY,
            poll_initial_ms: 2_000,
            poll_max_ms: 15_000,
            send_budget_ms: 1_000,
            lock_stale_after_ms: 60_000,
            heartbeat_every_ms: 10_000,
            take_over_stale_lock: false,
            confirm_attempts: 5,
            hidden_suspend_after_ms: 5 * 60_000,
            resend_after_ms: 60_000,
            queue_horizon_ms: 30 * 60_000,
            build_wait_ms: 30 * 60_000,
            max_rounds: 100_000,
        }
    }
}
