//! The client's record of 429s: a 429 means "slow down" for the whole account, so it holds
//! more than the request that met it (see [`Client::rate_limited_until_ms`]).

use super::Client;
use crate::clock::Clock;
use crate::error::Error;
use crate::http::Transport;
use crate::retry::LONGEST_HOLD_MS;

impl<T: Transport, K: Clock> Client<T, K> {
    /// Until when (on this client's clock, ms) the account asked to be sent nothing: a 429
    /// means "slow down" for the whole account, and this is the latest end of a wait that any
    /// 429 this client received asked for, on any request, also one that it waited out itself
    /// and then read again successfully (its caller never saw that 429); 0 before any 429.
    /// It outlives [`Client::set_session`] and records the 429s of every request made with
    /// this client, a scan's reads too: a 429 applies to the whole account.
    ///
    /// Each 429 holds until the client's own wait before its retry ends, or, when it is not
    /// retried (a destructive call, or a read past its retry budget), until its `Retry-After`
    /// ends, or the policy's longest backoff (`max_delay_ms`, 8 s by default) when it named no
    /// wait; never more than [`LONGEST_HOLD_MS`] after it came. For a caller with other
    /// requests in flight meanwhile (the deletion run), which must hold them too: the client's
    /// own wait holds only the request it retries.
    pub fn rate_limited_until_ms(&self) -> u64 {
        self.rate_limited_until.get()
    }

    /// Remembers a 429 (see [`Client::rate_limited_until_ms`]); `retry_in_ms` is the client's
    /// own wait before it sends the request again, `None` when it does not.
    pub(super) fn note_rate_limit(&self, error: &Error, retry_in_ms: Option<u64>) {
        let Error::RateLimited { retry_after_ms } = error else {
            return;
        };
        let wait = retry_in_ms
            .or(*retry_after_ms)
            .unwrap_or(self.retry.max_delay_ms)
            .min(LONGEST_HOLD_MS);
        let until = self.clock.now_ms().saturating_add(wait);
        self.rate_limited_until
            .set(self.rate_limited_until.get().max(until));
    }
}
