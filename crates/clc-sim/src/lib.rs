//! A simulated CenturyLink Cloud (CLC) API v2 account, sans-I/O: [`Sim::handle`] answers a
//! [`clc::Request`] with a [`clc::Response`] at a given virtual time, with the paths, verbs, JSON
//! shapes, status codes, queue semantics and quirks that `clc-api.md` records. The same library
//! runs in the browser (demo mode) and behind the loopback server (`server` feature).

mod accounts;
mod additions;
mod backup;
mod batch;
mod billing;
mod calendar;
mod datacenters;
mod dump;
mod faults;
mod firewall;
mod groups;
mod hierarchy;
mod lb;
mod misc;
mod model;
mod networks;
mod planted;
mod policies;
mod queue;
mod rdbs;
mod reply;
mod request_log;
mod rng;
mod routing;
mod scenarios;
mod server_items;
mod servers;
mod status;
mod sync;
mod target;
mod trees;
mod vpn;

#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "transport")]
pub mod transport;

pub use faults::{
    route_matches, take_delay_ms, FaultKind, FaultRule, Faults, QueueTiming, DELAY_HEADER,
};
pub use request_log::LoggedRequest;
pub use scenarios::{Scenario, ScenarioError};
#[cfg(feature = "transport")]
pub use transport::{block_on, SimTransport, Traffic};

use std::collections::BTreeMap;

use clc::{Method, Request, Response};

/// The Content-Security-Policy the server sends with the app's static files (and that any other
/// host of `dist/` should send).
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
     manifest-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'self'; object-src 'none'";

/// 2026-11-02T09:00:00Z: the default wall-clock instant of virtual time 0, so that a `Sim` is
/// deterministic unless the caller sets a real epoch with [`Sim::set_epoch_ms`].
pub const DEFAULT_EPOCH_MS: u64 = 1_793_610_000_000;

/// One simulated account and everything that happens to it.
///
/// Time is virtual: every call passes `now_ms`, which must not go backwards; queued operations
/// progress and charges accrue with it.
#[derive(Clone)]
pub struct Sim {
    pub(crate) scenario: Scenario,
    pub(crate) seed: u64,
    pub(crate) epoch_ms: u64,
    pub(crate) account: model::Account,
    /// The account's sub-accounts (see `hierarchy`); while a request or an operation works in
    /// one, it is swapped into `account` and `active` holds its index.
    pub(crate) subs: Vec<hierarchy::Sub>,
    pub(crate) active: Option<usize>,
    pub(crate) rng: rng::Rng,
    pub(crate) ops: BTreeMap<String, queue::Operation>,
    pub(crate) op_counter: u64,
    pub(crate) timing: QueueTiming,
    pub(crate) faults: Faults,
    /// Remaining firings per rule of `faults.rules` (`None`: unlimited).
    pub(crate) fault_budget: Vec<Option<u32>>,
    /// Token signature → virtual time it was issued.
    pub(crate) tokens: BTreeMap<String, u64>,
    /// Virtual time of the first call after (re)building the scenario; charges accrue from it.
    pub(crate) anchor: Option<u64>,
    /// The scenario's own operations (builds, deletes requested before the session) are queued
    /// at the first call after a (re)build.
    pub(crate) scenario_operations_queued: bool,
    pub(crate) now: u64,
    /// Past invoices are drawn from the account as the scenario built it.
    pub(crate) invoice_lines: Vec<billing::BasisLine>,
    /// Changing requests answered since the last (re)build (see `request_log`).
    pub(crate) request_log: Vec<LoggedRequest>,
    /// Hostile names planted by tests (see `planted`).
    pub(crate) planted: planted::Planted,
    /// Detailed group trees already written for the current state (see `trees`).
    pub(crate) trees: trees::TreeAnswers,
}

impl Sim {
    /// Builds the scenario's account; the same scenario and seed always give the same account.
    pub fn new(scenario: Scenario, seed: u64) -> Sim {
        let mut sim = Sim {
            scenario: scenario.clone(),
            seed,
            epoch_ms: DEFAULT_EPOCH_MS,
            account: model::Account::default(),
            subs: Vec::new(),
            active: None,
            rng: rng::Rng::new(seed),
            ops: BTreeMap::new(),
            op_counter: 0,
            timing: QueueTiming::default(),
            faults: Faults::default(),
            fault_budget: Vec::new(),
            tokens: BTreeMap::new(),
            anchor: None,
            scenario_operations_queued: false,
            now: 0,
            invoice_lines: Vec::new(),
            request_log: Vec::new(),
            planted: planted::Planted::default(),
            trees: trees::TreeAnswers::default(),
        };
        sim.reset(scenario, seed);
        sim
    }

    /// Rebuilds the account from a scenario and seed, and clears operations, faults, the
    /// request log and planted names. Issued tokens stay valid for accounts that still exist; the epoch and queue
    /// timing are kept.
    pub fn reset(&mut self, scenario: Scenario, seed: u64) {
        self.account = scenarios::build(&scenario, seed, self.epoch_ms);
        self.invoice_lines = billing::invoice_basis(&self.account);
        self.subs = scenarios::build_subs(&scenario, seed, self.epoch_ms)
            .into_iter()
            .map(hierarchy::Sub::new)
            .collect();
        self.active = None;
        self.scenario = scenario;
        self.seed = seed;
        self.rng = rng::Rng::new(seed.wrapping_mul(31).wrapping_add(17));
        self.ops.clear();
        self.op_counter = 0;
        self.request_log.clear();
        self.clear_planted();
        self.set_faults(Faults::default());
        self.anchor = None;
        self.scenario_operations_queued = false;
        self.forget_trees();
    }

    /// Sets the wall-clock instant (epoch ms) of virtual time 0: dates, token `nbf`/`exp` and the
    /// current month for billing derive from it. Rebuilds the scenario.
    pub fn set_epoch_ms(&mut self, epoch_ms: u64) {
        self.epoch_ms = epoch_ms;
        let (scenario, seed) = (self.scenario.clone(), self.seed);
        self.reset(scenario, seed);
    }

    /// Moves the account's wall clock so that virtual `now_ms` is `wall_ms` (a test puts the
    /// simulator on its page's instant). The account is kept; dates, token times and the
    /// billing month follow the new clock, and month-to-date charges restart as if everything
    /// had run since the 1st of the new current month. Tokens whose `exp` is then past get 401.
    pub fn set_wall_clock(&mut self, wall_ms: u64, now_ms: u64) {
        self.epoch_ms = wall_ms.saturating_sub(now_ms);
        self.anchor = None;
        self.forget_trees();
    }

    /// Sets how long queued operations take (unless [`Faults::queue`] overrides it).
    pub fn set_queue_timing(&mut self, timing: QueueTiming) {
        self.timing = timing;
        self.forget_trees();
    }

    /// Replaces the injected faults (and restarts their `times` budgets).
    pub fn set_faults(&mut self, faults: Faults) {
        self.fault_budget = faults.rules.iter().map(|r| r.times).collect();
        self.faults = faults;
        self.forget_trees();
    }

    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// Answers one API request at virtual time `now_ms`.
    pub fn handle(&mut self, request: &Request, now_ms: u64) -> Response {
        self.sync(now_ms);
        let now_ms = self.now;
        let target = target::Target::parse(&request.url);
        let mut effects = faults::Effects::default();
        let mut resp = match self.injected(request.method, &target, &mut effects) {
            Some(r) => r,
            None => self.respond(request, &target, now_ms),
        };
        effects.finish(&mut resp);
        self.log_request(request, now_ms, resp.status);
        // A sign-in only issues a token: what the trees show stays as it was.
        let login =
            request.method == Method::Post && target.segs == ["v2", "authentication", "login"];
        if request.method != Method::Get && !login {
            self.forget_trees();
        }
        resp
    }

    fn respond(&mut self, request: &Request, target: &target::Target, now: u64) -> Response {
        if request.method == Method::Options {
            return Response::new(204, "");
        }
        let segs: Vec<&str> = target.segs.iter().map(String::as_str).collect();
        if request.method == Method::Post && segs == ["v2", "authentication", "login"] {
            return self.login(request, now);
        }
        let view = match self.authenticate(request, now) {
            Ok(v) => v,
            Err(r) => return r,
        };
        if request.method != Method::Get && !view.writer {
            return reply::forbidden(
                "The user does not have the required role for this operation.",
            );
        }
        let (sub, view) = self.account_for(&segs, target, view);
        self.in_account(sub, |sim| {
            let call = routing::Call {
                req: request,
                method: request.method,
                target,
                now,
                view,
            };
            sim.route(&call, &segs).unwrap_or_else(|e| e)
        })
    }

    /// A dump of the whole account at `now_ms` (see the crate README for its shape). Operations
    /// that have finished by then are shown applied, even before the next [`Sim::handle`].
    pub fn state_json(&self, now_ms: u64) -> serde_json::Value {
        let now = now_ms.max(self.now);
        if self.needs_sync(now) || !self.subs.is_empty() {
            let mut ahead = self.clone();
            ahead.sync(now);
            return ahead.full_dump(now);
        }
        self.dump(now)
    }
}

impl std::fmt::Debug for Sim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sim")
            .field("scenario", &self.scenario)
            .field("seed", &self.seed)
            .field("epoch_ms", &self.epoch_ms)
            .field("now", &self.now)
            .field("operations", &self.ops.len())
            .finish_non_exhaustive()
    }
}
