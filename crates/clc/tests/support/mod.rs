//! Shared test harness: a tiny `block_on` executor, a scripted fake [`Transport`] that records
//! what it was sent (and when, on the virtual clock), fixture loaders, and a ready client.
#![allow(dead_code)]

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use clc::{
    BearerToken, Client, Clock, Endpoints, Request, Response, Session, Transport, TransportError,
    VirtualClock,
};

/// Runs a future that never waits on real I/O (scripted transport, virtual clock) to completion.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    for _ in 0..10_000 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
    }
    panic!("future did not complete: something awaited real I/O");
}

/// Answers requests from a script, in order, and records each request with the virtual time at
/// which it was sent. Panics on a request the script did not expect.
pub struct ScriptedTransport {
    script: RefCell<VecDeque<Result<Response, TransportError>>>,
    sent: RefCell<Vec<(Request, u64)>>,
    clock: VirtualClock,
    latency_ms: u64,
}

impl ScriptedTransport {
    pub fn new(clock: &VirtualClock) -> ScriptedTransport {
        ScriptedTransport {
            script: RefCell::default(),
            sent: RefCell::default(),
            clock: clock.clone(),
            latency_ms: 0,
        }
    }

    /// Every answer takes this long on the virtual clock.
    pub fn with_latency(mut self, ms: u64) -> ScriptedTransport {
        self.latency_ms = ms;
        self
    }

    pub fn then(self, response: Response) -> ScriptedTransport {
        self.script.borrow_mut().push_back(Ok(response));
        self
    }

    pub fn then_json(self, status: u16, body: &str) -> ScriptedTransport {
        self.then(Response::new(status, body).header("Content-Type", "application/json"))
    }

    pub fn then_fail(self, error: TransportError) -> ScriptedTransport {
        self.script.borrow_mut().push_back(Err(error));
        self
    }

    pub fn requests(&self) -> Vec<Request> {
        self.sent.borrow().iter().map(|(r, _)| r.clone()).collect()
    }

    /// Virtual times at which requests were sent.
    pub fn sent_at(&self) -> Vec<u64> {
        self.sent.borrow().iter().map(|(_, t)| *t).collect()
    }

    pub fn remaining(&self) -> usize {
        self.script.borrow().len()
    }
}

impl Transport for ScriptedTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        self.sent
            .borrow_mut()
            .push((request.clone(), self.clock.now_ms()));
        self.clock.advance(self.latency_ms);
        self.script
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| panic!("unexpected request {} {}", request.method, request.url))
    }
}

pub const TOKEN: &str =
    "eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1bmlxdWVfbmFtZSI6ImphbmUifQ.c2lnbmF0dXJl";
pub const BASE: &str = "http://127.0.0.1:8080";

pub type TestClient = Client<ScriptedTransport, VirtualClock>;

/// A client on `single_origin(BASE)` with session ACME, the given script and jitter seed 7.
pub fn client_with(build: impl FnOnce(ScriptedTransport) -> ScriptedTransport) -> TestClient {
    let clock = VirtualClock::starting_at(1_000_000);
    let transport = build(ScriptedTransport::new(&clock));
    Client::new(Endpoints::single_origin(BASE), transport, clock)
        .with_session(Session::new("ACME", BearerToken::new(TOKEN)))
        .with_jitter_seed(7)
}

pub fn doc_fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/doc/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One recorded exchange of `tests/fixtures/clc-node-sdk-exchanges.jsonl`.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Exchange {
    pub method: String,
    pub path: String,
    pub status: u16,
    pub body: String,
}

pub fn recorded() -> Vec<Exchange> {
    let path = format!(
        "{}/tests/fixtures/clc-node-sdk-exchanges.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a recorded exchange"))
        .collect()
}

/// Decodes a recorded body as a read of its path would be decoded by the client.
pub fn read_recorded<T: serde::de::DeserializeOwned>(x: &Exchange) -> T {
    let endpoint = clc::error::Endpoint::new(clc::Method::Get, &x.path);
    clc::client::decode_json(&endpoint, &x.body, false)
        .unwrap_or_else(|e| panic!("{} {}: {e:?}", x.method, x.path))
}
