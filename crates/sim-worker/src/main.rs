//! The demo's simulator, alone in the third wasm file: a dedicated Web Worker
//! (`sim-worker.js`) owns one [`Sim`] and answers the page's messages with [`answer`]. The page
//! fetches this file only when the demo is chosen, so a customer with a real account never
//! downloads the simulator.
//!
//! The worker never reads a clock. The page sends the simulator's time with every request (its
//! own clock's reading minus the demo's start) and waits the answer's latency on its own clock,
//! so a test that fakes the page's clock controls the demo completely. See
//! `src/services/sim_worker.rs` for the page's side of the protocol.
//!
//! Messages are JSON text, read and written through `serde_json::Value`, whose code the
//! simulator has already. Derived serde types for them took the wasm from 139.0 to 147.6 KB
//! gzip (wasm-opt -Oz), and serde-wasm-bindgen instead of JSON text 3.4 KB more, with 40 more
//! imports in the glue: the demo's budget is 150 KB for its three files.
//!
//! In: `{"kind":"start","scenario":"demo","seed":1,"epochMs":…}`, then
//! `{"kind":"request","id":…,"nowMs":…,"method":"GET","url":…,"headers":[[n,v],…],"body":…}`.
//! Out: `{"kind":"started","subAccounts":[…]}`,
//! `{"kind":"answer","id":…,"status":…,"headers":[[n,v],…],"body":…,"delayMs":…}` (the
//! simulator's delay header taken out: the page waits it) or
//! `{"kind":"failed","id":…,"error":…}` (`id` null when it was not a request).

use std::cell::RefCell;

use clc::{Method, Request};
use clc_sim::{Scenario, Sim};
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

fn main() {}

thread_local! {
    /// The one account this worker simulates, once started.
    static SIM: RefCell<Option<Sim>> = const { RefCell::new(None) };
}

/// Answers one message from the page (see the module's comment).
#[wasm_bindgen]
pub fn answer(message: &str) -> String {
    let message = serde_json::from_str::<Value>(message).unwrap_or(Value::Null);
    let id = message["id"].as_u64();
    match reply(&message) {
        Ok(reply) => reply,
        Err(error) => json!({ "kind": "failed", "id": id, "error": error }),
    }
    .to_string()
}

fn reply(message: &Value) -> Result<Value, String> {
    let text = |name: &str| {
        message[name]
            .as_str()
            .ok_or_else(|| format!("the page's message has no text `{name}`"))
    };
    let number = |name: &str| {
        message[name]
            .as_u64()
            .ok_or_else(|| format!("the page's message has no number `{name}`"))
    };
    match message["kind"].as_str() {
        Some("start") => {
            // The demo account only: the other scenarios' parser is not worth its bytes here.
            let scenario = text("scenario")?;
            if scenario != "demo" {
                return Err(format!(
                    "this simulator runs the demo account only, not `{scenario}`"
                ));
            }
            let mut sim = Sim::new(Scenario::Demo, number("seed")?);
            sim.set_epoch_ms(number("epochMs")?);
            let sub_accounts = sim.sub_account_aliases();
            SIM.with(|s| *s.borrow_mut() = Some(sim));
            Ok(json!({ "kind": "started", "subAccounts": sub_accounts }))
        }
        Some("request") => {
            let method = text("method")?;
            let method = Method::parse(method)
                .ok_or_else(|| format!("the simulator does not know the method {method}"))?;
            let headers = message["headers"]
                .as_array()
                .map(|all| all.iter().filter_map(pair).collect())
                .unwrap_or_default();
            let request = Request {
                method,
                url: text("url")?.to_string(),
                headers,
                body: message["body"].as_str().map(str::to_string),
            };
            let (id, now_ms) = (number("id")?, number("nowMs")?);
            let mut response = SIM.with(|s| {
                s.borrow_mut()
                    .as_mut()
                    .map(|sim| sim.handle(&request, now_ms))
                    .ok_or("the simulator was asked before it was started")
            })?;
            let delay_ms = clc_sim::take_delay_ms(&mut response);
            Ok(json!({
                "kind": "answer",
                "id": id,
                "status": response.status,
                "headers": response.headers,
                "body": response.body,
                "delayMs": delay_ms,
            }))
        }
        _ => Err("the simulator cannot read the page's message".into()),
    }
}

/// A header as the page sends it: `[name, value]`.
fn pair(header: &Value) -> Option<(String, String)> {
    Some((
        header[0].as_str()?.to_string(),
        header[1].as_str()?.to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::answer;

    fn ask(message: Value) -> Value {
        serde_json::from_str(&answer(&message.to_string())).unwrap()
    }

    fn start() -> Value {
        ask(
            json!({ "kind": "start", "scenario": "demo", "seed": 1, "epochMs": 1_798_759_800_000u64 }),
        )
    }

    fn login(id: u32) -> Value {
        ask(json!({
            "kind": "request", "id": id, "nowMs": 0, "method": "POST",
            "url": "/v2/authentication/login",
            "headers": [["Content-Type", "application/json"]],
            "body": r#"{"username":"demo","password":"demo-password"}"#,
        }))
    }

    #[test]
    fn the_demo_starts_with_its_sub_accounts_and_answers_a_request_with_its_id() {
        assert_eq!(
            start(),
            json!({ "kind": "started", "subAccounts": ["DEMS"] })
        );
        let answer = login(7);
        assert_eq!(answer["kind"], "answer", "{answer}");
        assert_eq!(
            (answer["id"].as_u64(), answer["status"].as_u64()),
            (Some(7), Some(200))
        );
        assert_eq!(answer["delayMs"], 0);
        assert!(answer["body"].as_str().unwrap().contains("bearerToken"));
    }

    #[test]
    fn what_the_simulator_cannot_answer_comes_back_as_a_failure_in_words() {
        let failed = ask(json!({ "kind": "start", "scenario": "large", "seed": 1, "epochMs": 0 }));
        assert_eq!(
            (failed["kind"].as_str(), failed["id"].is_null()),
            (Some("failed"), true)
        );
        assert!(failed["error"]
            .as_str()
            .unwrap()
            .contains("demo account only"));
        let unreadable = answer("not json");
        assert!(
            unreadable.contains("cannot read the page's message"),
            "{unreadable}"
        );
        start();
        let no_method =
            ask(json!({ "kind": "request", "id": 3, "nowMs": 0, "method": "BREW", "url": "/" }));
        assert_eq!(
            (no_method["kind"].as_str(), no_method["id"].as_u64()),
            (Some("failed"), Some(3))
        );
    }
}
