//! When each accepted delete that an operation follows is looked at next, and whether that look
//! re-reads the resource before polling. Pure bookkeeping over times; nothing here is stored
//! (after a reload every step is simply due).
//!
//! Why per step and not per round: a run of thousands of deletes sends for many seconds, and a
//! delete waits in CLC's queue about as long whenever it was sent. A look is due
//! `poll_initial_ms` after the send, then every half of the step's age (at least
//! `poll_initial_ms`, at most `poll_max_ms`): 2, 4, 6, 9, 13.5 … s, the SDKs' 2 to 5 s early
//! on and backing off for the slow jobs `clc-api.md` §5.1 recorded (up to ~45 s).
//!
//! Why re-read first: once a queued delete of this run has been seen gone, a delete sent at
//! least that long ago is probably done too, and the re-read that must verify it anyway is then
//! the only request it needs. Only what this stretch of running saw teaches it (a delete sent
//! before a pause, a reload or a new sign-in is seen gone late, however quick its job was), and
//! a first look never comes later than `poll_max_ms` after the send, as the rounds' longest wait
//! would have looked. A step gets one such re-read first; if it still finds the
//! resource (still queued, or the job failed), its operation is polled from then on, so a
//! failure is still reported from the operation's own status. A re-read first that a round's
//! budget leaves unread waits for the next rounds' re-reads, and is polled instead only after
//! three rounds in a row or `poll_max_ms` past its time (see [`Looks::pass_over`]).

use std::collections::BTreeMap;

use crate::plan::StepId;

/// Looks within this much of each other are taken in one round.
pub(crate) const LOOK_SLACK_MS: u64 = 250;

/// Rounds whose budget may leave a step's re-read first unread before the step is polled
/// instead (see [`Looks::pass_over`]). Two: in the bench's 10,000-server deletion (2,000
/// public IPs at 50 ms per request, `examples/delete_cost.rs`), polling after one such round
/// polled 240 steps that their re-read confirmed anyway, after two none (nor after more). A
/// failed job behind a backlog of slow re-reads is still reported from its status early
/// (`tests/executor_pacing.rs`); after four it no longer was. Rounds are not time, though: a
/// round grows with the service's latency, so the step is also polled once it is `poll_max_ms`
/// past due, whichever comes first (see [`Looks::pass_over`] for why that bound and what it
/// means for a failed job).
const PASSED_OVER_BEFORE_POLL: u32 = 2;

/// The next look at a step sent at `sent_ms` and last looked at `last_ms`: half its age then
/// later, at least `initial_ms`, at most `max_ms`.
pub(crate) fn next_after(last_ms: u64, sent_ms: u64, initial_ms: u64, max_ms: u64) -> u64 {
    let age = last_ms.saturating_sub(sent_ms);
    last_ms.saturating_add((age / 2).clamp(initial_ms, max_ms.max(initial_ms)))
}

#[derive(Clone, Copy, Debug)]
struct Look {
    at_ms: u64,
    reread: bool,
}

/// The look schedule of the steps in flight.
#[derive(Debug, Default)]
pub(crate) struct Looks {
    last: BTreeMap<StepId, Look>,
    /// The quickest a queued delete sent in this stretch of running took from its send to a
    /// re-read finding it gone (an upper bound of its time in the queue: it was seen at a look,
    /// not as it ended).
    quickest_ms: Option<u64>,
    /// When this stretch of running began (see [`Looks::restart`]): only deletes sent since
    /// teach the queue's time.
    since_ms: u64,
    /// Steps whose re-read first a round's budget left unread, with no look since, and in how
    /// many rounds (see [`Looks::pass_over`]).
    passed_over: BTreeMap<StepId, u32>,
}

impl Looks {
    /// When the step sent at `sent_ms` is next looked at. Its first look: once a queued delete
    /// was seen gone, when the step is as old as the quickest; before, for the steps that tell
    /// how long the queue takes (`probe`: the oldest few, each with its own offset),
    /// `initial_ms` plus that offset after the send, and `max_ms` after it for the others, so
    /// that every step is looked at even if the probes never tell (their jobs stay queued,
    /// their status cannot be read). The probes' offsets spread their looks over one interval,
    /// so that the first job done is seen soon after it ends, each still polled no more often
    /// than every `initial_ms`.
    pub fn due_at(
        &self,
        step: &StepId,
        sent_ms: u64,
        initial_ms: u64,
        max_ms: u64,
        probe: Option<u64>,
    ) -> u64 {
        match self.last.get(step) {
            None => {
                let first = match (self.quickest_ms, probe) {
                    // A round's slack later, never earlier: a re-read first that comes before
                    // the job can have ended finds it still there and costs a poll and a
                    // second re-read.
                    // And never later than the rounds' longest wait would have looked.
                    (Some(quickest), _) => quickest
                        .max(initial_ms)
                        .saturating_add(LOOK_SLACK_MS)
                        .min(max_ms.max(initial_ms)),
                    (None, Some(offset)) => initial_ms.saturating_add(offset),
                    (None, None) => max_ms.max(initial_ms),
                };
                sent_ms.saturating_add(first)
            }
            Some(look) => next_after(look.at_ms, sent_ms, initial_ms, max_ms),
        }
    }

    /// Whether a look at the step now re-reads its resource before polling its operation: once
    /// per step, when its send is at least as old as the quickest delete seen gone (within the
    /// slack of one round, as for [`Looks::due_at`]).
    pub fn rereads_first(&self, step: &StepId, sent_ms: u64, now_ms: u64) -> bool {
        let old_enough = self
            .quickest_ms
            .is_some_and(|q| now_ms.saturating_add(LOOK_SLACK_MS) >= sent_ms.saturating_add(q));
        old_enough && !self.last.get(step).is_some_and(|l| l.reread)
    }

    /// A round's budget left the step's re-read first unread (a backlog of re-reads): counts
    /// it, and returns whether the step is to be polled now instead. Until then it is left to
    /// the next round's re-reads, which take the oldest sends first: a poll would cost a
    /// request that the re-read, needed anyway to verify the step, makes redundant (and the
    /// polls' time in each round is what kept the re-reads behind). It is polled once more
    /// than [`PASSED_OVER_BEFORE_POLL`] rounds in a row left it, or once `now_ms` is more than
    /// `cap_ms` past `due_ms` (when its re-read first came due), whichever is first, so that a
    /// backlog never keeps a failed job from being reported for long.
    ///
    /// The executor passes `poll_max_ms` as the cap, the longest it otherwise leaves a step
    /// between looks (and after its send before the first): a backlog never makes a step wait
    /// past its time longer than a quiet run's longest interval. The worst case from due to the
    /// poll's answer is then `poll_max_ms` plus one round (its re-reads, which end with the
    /// slowest read in flight, the polls' `send_budget_ms`, the sends' as long, and the wait
    /// before it), with the defaults 15 s plus one round; a failed job is then reported at most
    /// `2 × poll_max_ms` plus one round after its send. Measured: with 120 public IPs whose
    /// reads take 8 s (rounds of about 10 s) a failure was reported at most 30.0 s after its
    /// send, 46.0 s without the cap (`tests/executor_pacing.rs`). The shortest interval,
    /// `poll_initial_ms` (2 s), bounded less than it cost: in the bench's deletion above, 371
    /// status polls and 38.15 virtual s (11 and 33.90 s with this cap, as without one); with
    /// 1,000 public IPs whose reads take 300 ms, the latest failure came at 19.2 s instead of
    /// 21.75 s, held back by the polls' own budget (120 a round) rather than by when a step
    /// turned to polling.
    pub fn pass_over(&mut self, step: &StepId, due_ms: u64, now_ms: u64, cap_ms: u64) -> bool {
        let rounds = self.passed_over.entry(step.clone()).or_insert(0);
        *rounds = rounds.saturating_add(1);
        *rounds > PASSED_OVER_BEFORE_POLL || now_ms > due_ms.saturating_add(cap_ms)
    }

    /// The step was looked at now (`reread`: by a re-read before any poll).
    pub fn looked(&mut self, step: &StepId, now_ms: u64, reread: bool) {
        self.passed_over.remove(step);
        let look = self.last.entry(step.clone()).or_insert(Look {
            at_ms: now_ms,
            reread,
        });
        look.at_ms = now_ms;
        look.reread |= reread;
    }

    /// A re-read found the step's resource gone now; a queued delete (`queued`) sent in this
    /// stretch of running teaches how long the queue takes.
    pub fn gone(&mut self, step: &StepId, sent_ms: Option<u64>, now_ms: u64, queued: bool) {
        self.last.remove(step);
        self.passed_over.remove(step);
        let sent = sent_ms.filter(|&sent| sent >= self.since_ms);
        if let (true, Some(sent)) = (queued, sent) {
            let took = now_ms.saturating_sub(sent);
            self.quickest_ms = Some(self.quickest_ms.map_or(took, |q| q.min(took)));
        }
    }

    /// A new stretch of running begins now (the run was started, resumed after a pause, a
    /// reload or a new sign-in, or seen again after its tab was hidden): what the last one
    /// learnt is forgotten, since a delete sent before a long break is seen gone long after its
    /// job ended and would teach a queue time of hours.
    pub fn restart(&mut self, now_ms: u64) {
        self.quickest_ms = None;
        self.passed_over.clear();
        self.since_ms = now_ms;
    }

    /// A queued delete of this stretch of running has been seen gone.
    pub fn has_learnt(&self) -> bool {
        self.quickest_ms.is_some()
    }

    pub fn forget(&mut self, step: &StepId) {
        self.last.remove(step);
        self.passed_over.remove(step);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> StepId {
        StepId(s.into())
    }

    #[test]
    fn looks_come_two_seconds_after_the_send_then_every_half_of_the_age_up_to_fifteen() {
        let mut looks = Looks::default();
        let step = id("ip:a");
        let mut at = looks.due_at(&step, 1_000, 2_000, 15_000, Some(0));
        let mut times = vec![at];
        for _ in 0..8 {
            looks.looked(&step, at, false);
            at = looks.due_at(&step, 1_000, 2_000, 15_000, Some(0));
            times.push(at);
        }
        assert_eq!(
            times,
            [3_000, 5_000, 7_000, 10_000, 14_500, 21_250, 31_375, 46_375, 61_375]
        );
    }

    #[test]
    fn once_a_delete_was_seen_gone_older_sends_are_re_read_first_once() {
        let mut looks = Looks::default();
        let (first, later) = (id("ip:a"), id("ip:b"));
        assert!(
            !looks.rereads_first(&later, 1_000, 60_000),
            "nothing learnt yet"
        );
        looks.looked(&first, 2_000, false);
        looks.gone(&first, Some(0), 6_000, true);
        assert_eq!(looks.due_at(&later, 1_000, 2_000, 15_000, None), 7_250);
        assert!(!looks.rereads_first(&later, 1_000, 6_749));
        assert!(
            looks.rereads_first(&later, 1_000, 6_750),
            "within a round's slack"
        );
        assert!(looks.rereads_first(&later, 1_000, 7_000));
        looks.looked(&later, 7_000, true);
        assert!(
            !looks.rereads_first(&later, 1_000, 9_000),
            "polled from then on"
        );
    }

    #[test]
    fn a_re_read_first_left_unread_by_three_rounds_in_a_row_is_polled_instead() {
        let mut looks = Looks::default();
        let step = id("ip:a");
        let pass_over = |looks: &mut Looks| looks.pass_over(&step, 5_000, 5_100, 2_000);
        assert!(!pass_over(&mut looks), "left to the next round");
        assert!(!pass_over(&mut looks), "and to the one after");
        assert!(pass_over(&mut looks), "polled");
        looks.looked(&step, 9_000, true);
        assert!(!pass_over(&mut looks), "a look starts the count again");
        looks.restart(10_000);
        assert!(!pass_over(&mut looks));
        assert!(!pass_over(&mut looks), "so does a new stretch of running");
        looks.gone(&step, Some(0), 11_000, true);
        assert!(!pass_over(&mut looks), "and the step's end");
    }

    #[test]
    fn a_re_read_first_left_unread_long_past_due_is_polled_whatever_the_rounds() {
        let mut looks = Looks::default();
        let step = id("ip:a");
        assert!(!looks.pass_over(&step, 5_000, 7_000, 2_000), "2 s past due");
        assert!(looks.pass_over(&step, 5_000, 7_001, 2_000), "more than 2 s");
        looks.looked(&step, 7_500, false);
        assert!(
            looks.pass_over(&step, 5_000, 9_000, 2_000),
            "even in the first round after a look"
        );
    }

    #[test]
    fn only_queued_deletes_teach_the_queue_s_time() {
        let mut looks = Looks::default();
        looks.gone(&id("lb:a"), Some(0), 100, false);
        assert!(!looks.rereads_first(&id("ip:b"), 0, 10_000));
        looks.gone(&id("ip:a"), Some(0), 6_000, true);
        looks.gone(&id("ip:c"), Some(0), 9_000, true);
        assert!(
            looks.rereads_first(&id("ip:b"), 0, 6_000),
            "the quickest counts"
        );
    }
}
