//! The typed `clc::Client` against the in-process simulator, on one shared virtual clock:
//!
//! - `reads`: login (and a refused login), every read method on the `demo` account decoded and
//!   checked against `Sim::state_json` (data centers, group trees, billing, servers, public IPs,
//!   load balancers, networks, firewall policies, VPNs, policies, webhooks, RDBS, Simple Backup
//!   with its paging followed, last month's invoice), and `get_href` on the hrefs the API returned,
//!   absolute `http://api.ctl.io/…` ones included.
//! - `deletes`: deletes with a follow-up (a queue status polled to `succeeded`, an experimental
//!   operation polled at its absolute `uri`, a VPN job id re-listed until gone), the group delete
//!   cascade, a second delete of a gone server, and the read-only user's 403.
//! - `sync_deletes`: synchronous deletes (204/200) confirmed by re-listing, and refusals.
//! - `faults`: the retry policy under each injected fault (429 + Retry-After, 5xx bursts shorter
//!   and longer than the attempt budget, the total-time bound), malformed and truncated bodies,
//!   token expiry, a DELETE hit by a 500 that must not be retried, the failing
//!   `serverDetail=detailed`, and the removed anti-affinity endpoint.
//!
//! The transport (`clc_sim::SimTransport`) logs every request that reached the simulator, so
//! "not retried" is checked by counting, and waits out the simulator's `X-Sim-Delay-Ms` on the
//! virtual clock (which advances it).

#[path = "client/deletes.rs"]
mod deletes;
#[path = "client/faults.rs"]
mod faults;
#[path = "client/reads.rs"]
mod reads;
#[path = "client/sync_deletes.rs"]
mod sync_deletes;

use std::cell::RefCell;
use std::rc::Rc;

use clc::models::QueueStatus;
use clc::{Client, Clock, Endpoints, Method, Session, VirtualClock};
pub use clc_sim::block_on;
use clc_sim::{FaultKind, FaultRule, Faults, Scenario, Sim};
use serde_json::Value;

/// The base the client is configured with; the simulator ignores scheme and host.
pub const BASE: &str = "http://clc-sim.test";
pub const ALIAS: &str = "DEMO";

/// The simulator as the client's transport, on the virtual clock (its sleeps advance it).
pub type SimTransport = clc_sim::SimTransport<VirtualClock>;

/// A client logged in to an in-process `demo` simulator.
pub struct Fixture {
    pub client: Client<SimTransport, VirtualClock>,
}

impl Fixture {
    /// Logged in as `demo` (full rights).
    pub fn demo() -> Fixture {
        Fixture::as_user("demo", "demo-password")
    }

    pub fn as_user(user: &str, password: &str) -> Fixture {
        let mut fixture = Fixture::anonymous();
        let login = block_on(fixture.client.login(user, password)).expect("login");
        fixture
            .client
            .set_session(Some(Session::from_login(&login)));
        fixture.clear_log();
        fixture
    }

    /// No session yet; the clock starts at virtual time 0, like the simulator.
    pub fn anonymous() -> Fixture {
        let clock = VirtualClock::starting_at(0);
        let sim = Rc::new(RefCell::new(Sim::new(Scenario::Demo, 1)));
        let transport = SimTransport::new(sim, clock.clone(), BASE);
        let client =
            Client::new(Endpoints::single_origin(BASE), transport, clock).with_jitter_seed(11);
        Fixture { client }
    }

    pub fn clock(&self) -> &VirtualClock {
        self.client.clock()
    }

    pub fn now(&self) -> u64 {
        self.clock().now_ms()
    }

    pub fn token(&self) -> String {
        let session = self.client.session().expect("a session");
        session.token.expose().to_string()
    }

    /// The simulator's state dump at the virtual clock's time.
    pub fn state(&self) -> Value {
        self.client.transport().sim.borrow().state_json(self.now())
    }

    pub fn set_faults(&self, faults: Faults) {
        self.client.transport().sim.borrow_mut().set_faults(faults);
    }

    pub fn set_rules(&self, rules: Vec<FaultRule>) {
        self.set_faults(Faults {
            rules,
            ..Faults::default()
        });
    }

    /// The Simple Backup page size the client asks for is replaced by this one, so the small
    /// demo account still spans several pages.
    pub fn set_backup_page_limit(&self, limit: u64) {
        *self.client.transport().rewrite.borrow_mut() = Some(Box::new(move |request| {
            if request.url.contains("/clc-backup-api/") {
                request.url = request.url.replace("limit=100", &format!("limit={limit}"));
            }
        }));
    }

    /// Every request that reached the simulator since the last `clear_log`, as (verb, path).
    pub fn log(&self) -> Vec<(Method, String)> {
        let traffic = self.client.transport().traffic.borrow();
        traffic
            .log
            .iter()
            .map(|(_, method, path, _)| (Method::parse(method).expect("a verb"), path.clone()))
            .collect()
    }

    pub fn clear_log(&self) {
        self.client.transport().traffic.borrow_mut().log.clear();
    }

    /// How many requests with this verb reached a path (query ignored, case-insensitive).
    pub fn count(&self, method: Method, path: &str) -> usize {
        self.log()
            .iter()
            .filter(|(m, p)| {
                *m == method && p.split('?').next().unwrap_or("").eq_ignore_ascii_case(path)
            })
            .count()
    }

    /// Polls a classic queue job every 500 virtual ms until it ends; every status seen, in order.
    pub fn poll_queue(&self, status_id: &str) -> Vec<QueueStatus> {
        let mut seen = Vec::new();
        for _ in 0..200 {
            let status = block_on(self.client.queue_status(ALIAS, status_id)).expect("status");
            let done = status.is_terminal();
            if seen.last() != Some(&status) {
                seen.push(status);
            }
            if done {
                return seen;
            }
            block_on(self.clock().sleep(500));
        }
        panic!("queue job {status_id} never finished: {seen:?}");
    }
}

/// A fault rule on one route (any verb), firing `times` times (`None`: always).
pub fn rule(route: &str, times: Option<u32>, fault: FaultKind) -> FaultRule {
    FaultRule {
        route: Some(route.into()),
        method: None,
        times,
        fault,
    }
}

/// The ids of a state-dump list, sorted.
pub fn ids(state: &Value, list: &str) -> Vec<String> {
    let mut out: Vec<String> = state[list]
        .as_array()
        .unwrap_or_else(|| panic!("{list} in the state dump"))
        .iter()
        .map(|item| match &item["id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    out.sort();
    out
}

/// Items of a state-dump list whose `field` equals `value` (case-insensitive).
pub fn count_where(state: &Value, list: &str, field: &str, value: &str) -> usize {
    state[list]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i[field]
                .as_str()
                .is_some_and(|v| v.eq_ignore_ascii_case(value))
        })
        .count()
}

pub fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}
