//! The demo's simulator, alone in the third wasm file: a dedicated Web Worker
//! (`sim-worker.js`) owns one [`Sim`] and answers the page's messages with [`answer`]. The page
//! fetches this file only when the demo is chosen, so a customer with a real account never
//! downloads the simulator.
//!
//! The worker never reads a clock. The page sends the simulator's time with every request (its
//! own clock's reading minus the demo's start) and waits the answer's latency on its own clock,
//! so a test that fakes the page's clock controls the demo completely. See
//! `src/services/sim_worker.rs` for the page's side of the protocol.

use std::cell::RefCell;

use clc::{Method, Request};
use clc_sim::{Scenario, Sim, DELAY_HEADER};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

fn main() {}

thread_local! {
    /// The one account this worker simulates, once started.
    static SIM: RefCell<Option<Sim>> = const { RefCell::new(None) };
}

/// What the page asks.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum Message {
    /// Builds `scenario` (`demo`) for `seed`, its calendar starting at `epoch_ms`.
    #[serde(rename_all = "camelCase")]
    Start {
        scenario: String,
        seed: u64,
        epoch_ms: u64,
    },
    /// One HTTP request, answered at the simulator's time `now_ms`.
    #[serde(rename_all = "camelCase")]
    Request {
        id: u32,
        now_ms: u64,
        method: String,
        url: String,
        headers: Vec<(String, String)>,
        body: Option<String>,
    },
}

/// What the worker answers.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum Reply {
    #[serde(rename_all = "camelCase")]
    Started { sub_accounts: Vec<String> },
    /// The simulator's answer, less its delay header: `delay_ms` is the extra wait a latency
    /// fault asks for, which the page waits on its own clock.
    #[serde(rename_all = "camelCase")]
    Answer {
        id: u32,
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
        delay_ms: u64,
    },
    /// The message could not be answered; `id` is the request's, when it was one.
    Failed { id: Option<u32>, error: String },
}

/// Answers one message from the page (see [`Message`] and [`Reply`]).
#[wasm_bindgen]
pub fn answer(message: JsValue) -> Result<JsValue, JsValue> {
    let reply = match serde_wasm_bindgen::from_value::<Message>(message) {
        Ok(message) => reply(message),
        Err(e) => Reply::Failed {
            id: None,
            error: format!("the simulator cannot read the page's message: {e}"),
        },
    };
    serde_wasm_bindgen::to_value(&reply).map_err(|e| JsValue::from_str(&e.to_string()))
}

fn reply(message: Message) -> Reply {
    match message {
        Message::Start {
            scenario,
            seed,
            epoch_ms,
        } => match Scenario::parse(&scenario) {
            Ok(scenario) => {
                let mut sim = Sim::new(scenario, seed);
                sim.set_epoch_ms(epoch_ms);
                let sub_accounts = sim.sub_account_aliases();
                SIM.with(|s| *s.borrow_mut() = Some(sim));
                Reply::Started { sub_accounts }
            }
            Err(e) => Reply::Failed {
                id: None,
                error: format!("the simulator has no scenario `{scenario}`: {e}"),
            },
        },
        Message::Request {
            id,
            now_ms,
            method,
            url,
            headers,
            body,
        } => {
            let Some(method) = Method::parse(&method) else {
                return Reply::Failed {
                    id: Some(id),
                    error: format!("the simulator does not know the method {method}"),
                };
            };
            let request = Request {
                method,
                url,
                headers,
                body,
            };
            SIM.with(|s| match s.borrow_mut().as_mut() {
                Some(sim) => {
                    let mut response = sim.handle(&request, now_ms);
                    let delay_ms = match response
                        .headers
                        .iter()
                        .position(|(n, _)| n.eq_ignore_ascii_case(DELAY_HEADER))
                    {
                        Some(i) => response.headers.remove(i).1.parse().unwrap_or(0),
                        None => 0,
                    };
                    Reply::Answer {
                        delay_ms,
                        id,
                        status: response.status,
                        headers: response.headers,
                        body: response.body,
                    }
                }
                None => Reply::Failed {
                    id: Some(id),
                    error: "the simulator was asked before it was started".into(),
                },
            })
        }
    }
}
