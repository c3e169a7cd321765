//! Shared harness for the scan and inventory tests: a logged-in `clc::Client` over the
//! in-process simulator on a virtual clock, the simulator's state dump for comparisons, and a
//! reader for the CSV exports.
#![allow(dead_code)]

pub mod clock;
pub mod counts;

use std::cell::RefCell;
use std::rc::Rc;

use clc::{Client, Endpoints, Method, Request, Session};
use clc_sim::{Faults, Scenario, Sim, DEFAULT_EPOCH_MS};
use serde_json::Value;

pub use clc_sim::Traffic;
pub use clock::TimerClock;

/// The simulator as the client's transport, on the harness's timer clock.
pub type SimTransport = clc_sim::SimTransport<TimerClock>;

/// The base URL the simulator is reached at (single origin: core, `/rdbs`, `/backup`).
pub const BASE: &str = "http://sim.test";

pub type SimClient = Client<SimTransport, TimerClock>;

/// A simulated account, a client logged in to it, and the clock both share.
pub struct Harness {
    pub sim: Rc<RefCell<Sim>>,
    pub clock: TimerClock,
    pub traffic: Rc<RefCell<Traffic>>,
    pub client: SimClient,
    pub token: String,
}

impl Harness {
    /// One scan of the signed-in account with its sub-accounts `subs` (the demo: DEMO with
    /// DEMS), on the virtual clock.
    pub fn scan_with_sub_accounts(&self, subs: &[&str]) -> closure::ScanOutcome {
        let subs: Vec<String> = subs.iter().map(|s| s.to_string()).collect();
        self.clock.run(
            closure::Scanner::new(&self.client)
                .with_sub_accounts(&subs)
                .scan(),
        )
    }

    /// `latency_ms` is added to every request.
    pub fn new(scenario: Scenario, latency_ms: u64) -> Harness {
        let user = scenario.username().to_string();
        Harness::as_user(scenario, latency_ms, &user, &format!("{user}-password"))
    }

    /// Logged in as another user of the scenario (e.g. `viewer` / `viewer-password`).
    pub fn as_user(scenario: Scenario, latency_ms: u64, user: &str, password: &str) -> Harness {
        let sim = Rc::new(RefCell::new(Sim::new(scenario.clone(), 7)));
        let clock = TimerClock::starting_at(DEFAULT_EPOCH_MS);
        let transport =
            SimTransport::new(sim.clone(), clock.clone(), BASE).with_latency(latency_ms);
        let traffic = transport.traffic.clone();
        let login = Request::new(Method::Post, format!("{BASE}/v2/authentication/login"))
            .header("Content-Type", "application/json")
            .body(serde_json::json!({ "username": user, "password": password }).to_string());
        let answer = sim.borrow_mut().handle(&login, 0);
        assert_eq!(answer.status, 200, "login: {}", answer.body);
        let body: Value = serde_json::from_str(&answer.body).unwrap();
        let token = body["bearerToken"].as_str().unwrap().to_string();
        let session = Session::new(scenario.alias(), clc::BearerToken::new(token.clone()));
        let client = Client::new(Endpoints::single_origin(BASE), transport, clock.clone())
            .with_session(session);
        Harness {
            sim,
            clock,
            traffic,
            client,
            token,
        }
    }

    pub fn set_faults(&self, faults: Faults) {
        self.sim.borrow_mut().set_faults(faults);
    }

    /// The simulator's state dump now.
    pub fn state(&self) -> Value {
        let now = clc::Clock::now_ms(&self.clock) - DEFAULT_EPOCH_MS;
        self.sim.borrow_mut().state_json(now)
    }

    /// Virtual milliseconds since the harness started.
    pub fn elapsed_ms(&self) -> u64 {
        clc::Clock::now_ms(&self.clock) - DEFAULT_EPOCH_MS
    }

    /// Sends one authenticated request straight to the simulator (to change the account).
    pub fn call(&self, method: Method, path: &str, body: Option<&str>) -> clc::Response {
        let mut request = Request::new(method, format!("{BASE}{path}"))
            .header("Authorization", format!("Bearer {}", self.token));
        if let Some(body) = body {
            request = request
                .header("Content-Type", "application/json")
                .body(body);
        }
        let now = self.elapsed_ms();
        self.sim.borrow_mut().handle(&request, now)
    }

    /// Lets virtual time pass (queued operations progress).
    pub fn wait(&self, ms: u64) {
        self.clock.run(clc::Clock::sleep(&self.clock, ms));
    }

    pub fn requests_sent(&self) -> usize {
        self.traffic.borrow().sent
    }
}

/// Length of an array in the state dump.
pub fn len(state: &Value, pointer: &str) -> usize {
    state
        .pointer(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// Removes the id of the server record `id` wherever the detailed group tree `group` lists it
/// (a malformed record); whether it found one.
pub fn drop_server_id(group: &mut Value, id: &str) -> bool {
    let mut dropped = false;
    for server in group["servers"].as_array_mut().into_iter().flatten() {
        if server["id"]
            .as_str()
            .is_some_and(|s| s.eq_ignore_ascii_case(id))
        {
            server.as_object_mut().unwrap().remove("id");
            dropped = true;
        }
    }
    for child in group["groups"].as_array_mut().into_iter().flatten() {
        dropped |= drop_server_id(child, id);
    }
    dropped
}

/// Splits CSV text into records of cells (RFC 4180, as a spreadsheet reads it).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut records, mut record, mut cell) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            (false, c) => cell.push(c),
        }
    }
    records
}
