//! Fault injection: what a flaky or hostile service (or a proxy in its way) does to a client,
//! and where [`Sim::handle`](crate::Sim::handle) applies it. Everything is data (serde,
//! camelCase JSON) so the server can take it from `POST /_sim/faults`.

use clc::{Method, Response};
use serde::{Deserialize, Serialize};

use crate::reply;
use crate::target::Target;

/// The header through which the library reports a suggested delay; the server sleeps that long
/// before answering and removes the header.
pub const DELAY_HEADER: &str = "X-Sim-Delay-Ms";

/// Takes the [`DELAY_HEADER`] out of `response` and returns the delay it asks for (0 without
/// one, or with one that is not a number): the server, the in-process transport and the page's
/// worker each wait it out themselves.
pub fn take_delay_ms(response: &mut clc::Response) -> u64 {
    match response
        .headers
        .iter()
        .position(|(n, _)| n.eq_ignore_ascii_case(DELAY_HEADER))
    {
        Some(i) => response.headers.remove(i).1.parse().unwrap_or(0),
        None => 0,
    }
}

/// How long queued operations take on the virtual clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct QueueTiming {
    /// Time an operation reports `notStarted`.
    pub not_started_ms: u64,
    /// Time it then reports `executing` before `succeeded` (or `failed`).
    pub executing_ms: u64,
    /// Up to this much extra, drawn per operation from the seeded generator.
    pub jitter_ms: u64,
}

impl Default for QueueTiming {
    fn default() -> Self {
        QueueTiming {
            not_started_ms: 1_000,
            executing_ms: 4_000,
            jitter_ms: 0,
        }
    }
}

/// Every fault the simulator can inject. The default injects nothing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Faults {
    /// Per-route (or global) faults, checked in order; every matching rule applies.
    pub rules: Vec<FaultRule>,
    /// From this virtual time on, every token issued at or before it is expired (401).
    pub expire_tokens_at_ms: Option<u64>,
    /// `GET /v2/groups/...?serverDetail=detailed` answers 500 `{"message":"An error has occurred."}`.
    pub fail_server_detail: bool,
    /// Every queue operation accepted from now on ends `failed`.
    pub fail_operations: bool,
    /// Queue operations touching these ids (server, group, public IP, snapshot) end `failed`.
    pub fail_operations_for: Vec<String>,
    /// Overrides the queue timing while these faults are set.
    pub queue: Option<QueueTiming>,
    /// Holds the queue: no operation finishes while set (they report `executing`); once faults
    /// without it are set, each finishes as soon as its own time has come. Lets a test act
    /// while a run is surely still going, however slow the machine.
    pub hold_queue: bool,
}

/// One fault, limited to a route pattern and verb.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    /// Path pattern, case-insensitive: `*` matches one segment, `**` the rest
    /// (`/v2/groups/*/*`, `/v2-experimental/**`). Absent: every route.
    #[serde(default)]
    pub route: Option<String>,
    /// `GET`, `DELETE`, ... in any case. Absent: every verb.
    #[serde(default)]
    pub method: Option<String>,
    /// How many times the rule fires before it is spent. Absent: every time.
    #[serde(default)]
    pub times: Option<u32>,
    pub fault: FaultKind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum FaultKind {
    /// Suggest a delay of `ms` plus up to `jitterMs` (seeded).
    Latency {
        ms: u64,
        #[serde(default)]
        jitter_ms: u64,
    },
    /// 429 with `Retry-After: retryAfterS`.
    RateLimit {
        #[serde(default = "one")]
        retry_after_s: u64,
    },
    /// 429 with no `Retry-After` header: as CenturyLink Cloud has been seen to answer.
    RateLimitWithoutRetryAfter,
    /// Answer with this status (500, 503, ...) and the service's error body.
    Status { status: u16 },
    /// Answer with a redirect (`status` 301, 302, 307, 308, ...) to `location`, given verbatim
    /// in the `Location` header, and an empty body: what a proxy in the way may do, and what a
    /// client must never follow with a DELETE (or with its token to another origin).
    Redirect { status: u16, location: String },
    /// A 200 whose body is not JSON at all.
    Malformed,
    /// The real response with its body cut in half.
    Truncated,
}

fn one() -> u64 {
    1
}

impl FaultRule {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        let verb_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        verb_ok && self.route.as_deref().is_none_or(|r| route_matches(r, path))
    }
}

/// Matches a lower-cased path against a pattern with `*` (one segment) and `**` (the rest).
pub fn route_matches(pattern: &str, path: &str) -> bool {
    let pattern = pattern.split('?').next().unwrap_or("").to_ascii_lowercase();
    let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, p) in pat.iter().enumerate() {
        if *p == "**" {
            return true;
        }
        match segs.get(i) {
            Some(s) if *p == "*" || p.eq_ignore_ascii_case(s) => {}
            _ => return false,
        }
    }
    pat.len() == segs.len()
}

/// What the matching rules do to one response after it is built.
#[derive(Debug, Default)]
pub(crate) struct Effects {
    pub delay_ms: u64,
    pub malformed: bool,
    pub truncated: bool,
}

impl Effects {
    pub fn finish(&self, resp: &mut clc::Response) {
        if self.malformed {
            resp.status = 200;
            resp.body = "<html><body>Service Unavailable</body>{\"message\":".into();
        } else if self.truncated {
            let cut = resp.body.len() / 2;
            let mut cut = cut.max(1).min(resp.body.len());
            while !resp.body.is_char_boundary(cut) {
                cut -= 1;
            }
            resp.body.truncate(cut);
        }
        if self.delay_ms > 0 {
            resp.headers
                .push((DELAY_HEADER.into(), self.delay_ms.to_string()));
        }
    }
}

impl crate::Sim {
    /// Applies request-independent faults: an early answer (429, 5xx, a redirect) or effects
    /// for later. The first answering rule wins; later answering rules keep their budget.
    pub(crate) fn injected(
        &mut self,
        method: Method,
        target: &Target,
        effects: &mut Effects,
    ) -> Option<Response> {
        if target.segs.first().is_some_and(|s| s == "_sim") {
            return None;
        }
        let path = target.path();
        let mut early = None;
        for i in 0..self.faults.rules.len() {
            let rule = &self.faults.rules[i];
            if !rule.matches(method.as_str(), &path) || self.fault_budget[i] == Some(0) {
                continue;
            }
            let answers = matches!(
                rule.fault,
                FaultKind::RateLimit { .. }
                    | FaultKind::RateLimitWithoutRetryAfter
                    | FaultKind::Status { .. }
                    | FaultKind::Redirect { .. }
            );
            if answers && early.is_some() {
                continue;
            }
            if let Some(n) = self.fault_budget[i].as_mut() {
                *n -= 1;
            }
            match self.faults.rules[i].fault.clone() {
                FaultKind::Latency { ms, jitter_ms } => {
                    effects.delay_ms += ms
                        + if jitter_ms > 0 {
                            self.rng.below(jitter_ms + 1)
                        } else {
                            0
                        };
                }
                FaultKind::RateLimit { retry_after_s } => {
                    early = Some(
                        reply::message(429, "Too many requests. Please retry later.")
                            .header("Retry-After", retry_after_s.to_string()),
                    );
                }
                FaultKind::RateLimitWithoutRetryAfter => {
                    early = Some(reply::message(
                        429,
                        "Too many requests. Please retry later.",
                    ));
                }
                FaultKind::Status { status } => {
                    early = Some(match status {
                        500 => reply::server_error(),
                        503 => reply::message(503, "The service is unavailable."),
                        s => reply::message(s, "An error has occurred."),
                    });
                }
                FaultKind::Redirect { status, location } => {
                    early = Some(Response::new(status, "").header("Location", location));
                }
                FaultKind::Malformed => effects.malformed = true,
                FaultKind::Truncated => effects.truncated = true,
            }
        }
        early
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(route_matches("/v2/groups/*/*", "/v2/groups/demo/abc"));
        assert!(!route_matches(
            "/v2/groups/*/*",
            "/v2/groups/demo/abc/billing"
        ));
        assert!(route_matches("/v2/**", "/v2/groups/demo/abc/billing"));
        assert!(route_matches("/V2/Groups/**", "/v2/groups"));
    }

    #[test]
    fn json_form() {
        let f: Faults = serde_json::from_str(
            r#"{"rules":[{"route":"/v2/**","times":2,"fault":{"kind":"rateLimit","retryAfterS":3}},
                {"fault":{"kind":"latency","ms":50,"jitterMs":10}},
                {"fault":{"kind":"rateLimitWithoutRetryAfter"}}],"failServerDetail":true}"#,
        )
        .unwrap();
        assert_eq!(f.rules[0].fault, FaultKind::RateLimit { retry_after_s: 3 });
        assert_eq!(f.rules[2].fault, FaultKind::RateLimitWithoutRetryAfter);
        assert!(f.fail_server_detail);
        let back: Faults = serde_json::from_str(&serde_json::to_string(&f).unwrap()).unwrap();
        assert_eq!(back, f);
    }
}
