//! When and how long to wait before repeating a failed read. Only idempotent reads are ever
//! retried; the decision for destructive calls stays with the caller (the closure journal).

use crate::error::Error;

/// The longest a 429 holds what is sent next: an hour, so that a `Retry-After` of absurd size
/// cannot freeze a run for good (a request made too soon is only answered 429 again). The
/// client's record of the rate limit ([`crate::Client::rate_limited_until_ms`]) and the
/// deletion run's own holds both stop here.
pub const LONGEST_HOLD_MS: u64 = 60 * 60_000;

/// Bounds and pacing for automatic retries of GET requests.
///
/// Invariants: at most `max_attempts` sends in total (the first one included), and no retry is
/// started if its wait would end more than `max_elapsed_ms` after the first send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub max_elapsed_ms: u64,
    /// Backoff before the first retry; doubled for each further retry.
    pub base_delay_ms: u64,
    /// Cap on one backoff (before jitter); a `Retry-After` may ask for more.
    pub max_delay_ms: u64,
}

impl Default for RetryPolicy {
    /// 5 attempts, 60 s in total, backoff 0.5 s doubling up to 8 s. The total leaves room for
    /// two more tries after a read that got no answer: the browser abandons a read after 20 s.
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 5,
            max_elapsed_ms: 60_000,
            base_delay_ms: 500,
            max_delay_ms: 8_000,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (1 for the first retry) after `error`, or `None` if
    /// the error is not worth retrying. A server-given `retry_after_ms` is honoured exactly;
    /// otherwise "equal jitter": half the exponential backoff plus a random part of the other half.
    pub fn delay_ms(
        &self,
        retry: u32,
        error: &Error,
        retry_after_ms: Option<u64>,
        rng: &mut Prng,
    ) -> Option<u64> {
        if !error.is_transient() {
            return None;
        }
        let hinted = match error {
            Error::RateLimited { retry_after_ms } => *retry_after_ms,
            _ => None,
        }
        .or(retry_after_ms);
        if let Some(ms) = hinted {
            return Some(ms);
        }
        let exponent = retry.saturating_sub(1).min(30);
        let backoff = self
            .base_delay_ms
            .saturating_mul(1u64 << exponent)
            .min(self.max_delay_ms);
        let half = backoff / 2;
        Some(half + rng.below(backoff - half + 1))
    }
}

/// A small deterministic PRNG (SplitMix64) for jitter; seeded per client so tests replay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prng {
    state: u64,
}

impl Prng {
    pub fn new(seed: u64) -> Prng {
        Prng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform-enough value in `0..bound` (0 when `bound` is 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        if bound == 0 {
            0
        } else {
            self.next_u64() % bound
        }
    }
}
