//! The page's side of the demo's simulator, which runs in a dedicated Web Worker: the third wasm
//! file (`crates/sim-worker`), started only when the demo is chosen, so neither the checklist
//! nor the live tools carry the simulator. The boot script publishes the worker script's URL
//! (`offboardSimWorker`, relative to the app's files).
//!
//! Each request gets an id and waits for the answer with that id; a request whose future is
//! dropped forgets its id (a late answer is then ignored). A worker that stops (its files did
//! not load, or it failed) fails every request waiting on it, and every later one, with
//! [`TransportError::Network`] saying so. The worker reads no clock: the caller sends the
//! simulator's time with each request.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use clc::{Request, Response, TransportError};
use futures_channel::oneshot;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

/// What the page asks (the worker's `Message`), as JSON text both ways: serde_json is in both
/// wasm files already.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
enum Message<'a> {
    #[serde(rename_all = "camelCase")]
    Start {
        scenario: &'a str,
        seed: u64,
        epoch_ms: u64,
    },
    #[serde(rename_all = "camelCase")]
    Request {
        id: u32,
        now_ms: u64,
        method: &'a str,
        url: &'a str,
        headers: &'a [(String, String)],
        body: Option<&'a str>,
    },
}

/// What the worker answers (its `Reply`).
enum Reply {
    Started {
        sub_accounts: Vec<String>,
    },
    Answer {
        id: u32,
        status: u16,
        headers: Vec<(String, String)>,
        body: String,
        delay_ms: u64,
    },
    Failed {
        id: Option<u32>,
        error: String,
    },
    Stopped {
        error: String,
    },
}

/// A [`Reply`] as the worker writes it, read flat: a tagged enum's derived decoder buffered
/// the whole answer, body included, before reading its `kind` (which comes after the body),
/// and was about 13 KB of the live wasm before wasm-opt. A field a kind does not use is
/// ignored; one it uses and lacks reads as empty.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireReply {
    kind: String,
    #[serde(default)]
    sub_accounts: Vec<String>,
    #[serde(default)]
    id: Option<u32>,
    #[serde(default)]
    status: u16,
    #[serde(default)]
    headers: Vec<(String, String)>,
    #[serde(default)]
    body: String,
    #[serde(default)]
    delay_ms: u64,
    #[serde(default)]
    error: String,
}

impl WireReply {
    fn reply(self) -> Result<Reply, String> {
        let WireReply { id, error, .. } = self;
        Ok(match (self.kind.as_str(), id) {
            ("started", _) => Reply::Started {
                sub_accounts: self.sub_accounts,
            },
            ("answer", Some(id)) => Reply::Answer {
                id,
                status: self.status,
                headers: self.headers,
                body: self.body,
                delay_ms: self.delay_ms,
            },
            ("failed", id) => Reply::Failed { id, error },
            ("stopped", _) => Reply::Stopped { error },
            (kind, _) => return Err(format!("a reply of kind `{kind}` without what it needs")),
        })
    }
}

/// The id the start message's reply is delivered to; requests count from 1.
const START: u32 = 0;

/// Who waits for which reply, and why the worker stopped, once it has.
#[derive(Default)]
struct Pending {
    last_id: u32,
    waiting: HashMap<u32, oneshot::Sender<Reply>>,
    stopped: Option<String>,
}

impl Pending {
    fn deliver(&mut self, reply: Reply) {
        let id = match &reply {
            Reply::Started { .. } => START,
            Reply::Answer { id, .. } => *id,
            Reply::Failed { id, .. } => id.unwrap_or(START),
            Reply::Stopped { error } => return self.stop(error.clone()),
        };
        if let Some(waiting) = self.waiting.remove(&id) {
            let _ = waiting.send(reply);
        }
    }

    /// Fails everything waiting (their senders are dropped) and everything asked later.
    fn stop(&mut self, why: String) {
        self.stopped.get_or_insert(why);
        self.waiting.clear();
    }

    fn stopped_error(&self) -> TransportError {
        stopped(self.stopped.as_deref().unwrap_or("it was shut down"))
    }
}

fn stopped(why: &str) -> TransportError {
    TransportError::Network(format!("the demo's simulator stopped: {why}"))
}

/// Forgets a request's id when its future ends, answered or dropped.
struct Forget<'a> {
    pending: &'a RefCell<Pending>,
    id: u32,
}

impl Drop for Forget<'_> {
    fn drop(&mut self) {
        self.pending.borrow_mut().waiting.remove(&self.id);
    }
}

/// What the simulator answered, and the extra wait a latency fault asks for.
pub struct SimAnswer {
    pub response: Response,
    pub delay_ms: u64,
}

/// A running simulator worker. Dropping it terminates the worker.
pub struct SimWorker {
    worker: Worker,
    pending: Rc<RefCell<Pending>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

impl Drop for SimWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
        self.worker.terminate();
    }
}

impl SimWorker {
    /// Starts the worker and its `scenario` for `seed`, its calendar beginning at `epoch_ms`.
    /// Returns the account's sub-account aliases beside it; `Err` says in words why it could
    /// not start.
    pub async fn start(
        scenario: &str,
        seed: u64,
        epoch_ms: u64,
    ) -> Result<(SimWorker, Vec<String>), TransportError> {
        let url = js_sys::Reflect::get(&js_sys::global(), &"offboardSimWorker".into())
            .ok()
            .and_then(|v| v.as_string())
            .ok_or_else(|| {
                stopped(
                    "this page did not start the app with its boot script (offboard.js), which \
                     knows where the simulator's files are",
                )
            })?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&url, &options).map_err(|e| {
            stopped(&format!(
                "the browser could not start it ({})",
                describe(&e)
            ))
        })?;
        let pending = Rc::new(RefCell::new(Pending::default()));
        let on_message = {
            let pending = pending.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let mut pending = pending.borrow_mut();
                let text = event.data().as_string().unwrap_or_default();
                let reply = serde_json::from_str::<WireReply>(&text).map_err(|e| e.to_string());
                match reply.and_then(WireReply::reply) {
                    Ok(reply) => pending.deliver(reply),
                    Err(e) => pending.stop(format!("its answer could not be read ({e})")),
                }
            })
        };
        let on_error = {
            let pending = pending.clone();
            Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                let detail = event
                    .dyn_ref::<ErrorEvent>()
                    .map(|e| e.message())
                    .filter(|m| !m.is_empty());
                pending.borrow_mut().stop(match detail {
                    Some(message) => format!("it failed ({message})"),
                    None if event.type_() == "messageerror" => {
                        "a message from it could not be read".into()
                    }
                    None => "its files could not be loaded".into(),
                });
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let sim = SimWorker {
            worker,
            pending,
            _on_message: on_message,
            _on_error: on_error,
        };
        let start = Message::Start {
            scenario,
            seed,
            epoch_ms,
        };
        match sim.ask(START, &start).await? {
            Reply::Started { sub_accounts } => Ok((sim, sub_accounts)),
            Reply::Failed { error, .. } => Err(stopped(&error)),
            _ => Err(stopped("it answered the start with something else")),
        }
    }

    /// Sends `request` to the simulator, answered at the simulator's time `now_ms`.
    pub async fn send(&self, request: &Request, now_ms: u64) -> Result<SimAnswer, TransportError> {
        let id = {
            let mut pending = self.pending.borrow_mut();
            pending.last_id = pending.last_id.wrapping_add(1).max(1);
            pending.last_id
        };
        let message = Message::Request {
            id,
            now_ms,
            method: request.method.as_str(),
            url: &request.url,
            headers: &request.headers,
            body: request.body.as_deref(),
        };
        match self.ask(id, &message).await? {
            Reply::Answer {
                status,
                headers,
                body,
                delay_ms,
                ..
            } => Ok(SimAnswer {
                response: Response {
                    status,
                    headers,
                    body,
                },
                delay_ms,
            }),
            Reply::Failed { error, .. } => Err(TransportError::Network(format!(
                "the demo's simulator could not answer: {error}"
            ))),
            _ => Err(stopped("it answered a request with something else")),
        }
    }

    /// Posts `message` and waits for the reply with `id`.
    async fn ask(&self, id: u32, message: &Message<'_>) -> Result<Reply, TransportError> {
        let receiver = {
            let mut pending = self.pending.borrow_mut();
            if pending.stopped.is_some() {
                return Err(pending.stopped_error());
            }
            let (sender, receiver) = oneshot::channel();
            pending.waiting.insert(id, sender);
            receiver
        };
        let _forget = Forget {
            pending: &self.pending,
            id,
        };
        let posted = serde_json::to_string(message)
            .map_err(|e| e.to_string())
            .and_then(|m| {
                (self.worker.post_message(&JsValue::from_str(&m))).map_err(|e| describe(&e))
            });
        if let Err(why) = posted {
            return Err(TransportError::Network(format!(
                "the demo's simulator could not be asked: {why}"
            )));
        }
        receiver
            .await
            .map_err(|_| self.pending.borrow().stopped_error())
    }
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "no reason given".into())
}

#[cfg(test)]
mod tests {
    use futures_channel::oneshot;

    use super::{Pending, Reply, WireReply, START};

    fn read(text: &str) -> Result<Reply, String> {
        serde_json::from_str::<WireReply>(text)
            .map_err(|e| e.to_string())
            .and_then(WireReply::reply)
    }

    #[test]
    fn each_kind_of_reply_reads_as_the_worker_writes_it() {
        // serde_json's `json!` writes keys in order: `kind` comes after the body.
        let answer = r#"{"body":"[]","delayMs":5,"headers":[["a","b"]],"id":7,"kind":"answer","status":200}"#;
        assert!(matches!(
            read(answer),
            Ok(Reply::Answer { id: 7, status: 200, ref headers, ref body, delay_ms: 5 })
                if headers == &[("a".to_string(), "b".to_string())] && body == "[]"
        ));
        assert!(matches!(
            read(r#"{"kind":"started","subAccounts":["L001"]}"#),
            Ok(Reply::Started { ref sub_accounts }) if sub_accounts == &["L001"]
        ));
        assert!(matches!(
            read(r#"{"error":"no","id":null,"kind":"failed"}"#),
            Ok(Reply::Failed { id: None, ref error }) if error == "no"
        ));
        assert!(matches!(
            read(r#"{"error":"gone","kind":"stopped"}"#),
            Ok(Reply::Stopped { ref error }) if error == "gone"
        ));
        for wrong in [
            r#"{"kind":"answer","status":200}"#,
            r#"{"kind":"other"}"#,
            "[]",
        ] {
            assert!(read(wrong).is_err(), "{wrong}");
        }
    }

    fn answer(id: u32) -> Reply {
        Reply::Answer {
            id,
            status: 200,
            headers: Vec::new(),
            body: format!("answer {id}"),
            delay_ms: 0,
        }
    }

    fn waiting(pending: &mut Pending, id: u32) -> oneshot::Receiver<Reply> {
        let (sender, receiver) = oneshot::channel();
        pending.waiting.insert(id, sender);
        receiver
    }

    #[test]
    fn each_answer_reaches_the_request_with_its_id_and_a_forgotten_one_is_dropped() {
        let mut pending = Pending::default();
        let mut first = waiting(&mut pending, 1);
        let mut second = waiting(&mut pending, 2);
        pending.waiting.remove(&3);
        pending.deliver(answer(3));
        pending.deliver(answer(2));
        assert!(matches!(
            second.try_recv(),
            Ok(Some(Reply::Answer { id: 2, .. }))
        ));
        assert!(matches!(first.try_recv(), Ok(None)), "still waiting");
        assert_eq!(pending.waiting.len(), 1);
    }

    #[test]
    fn a_failed_start_reaches_the_start_and_a_stopped_worker_fails_everyone_waiting_and_later() {
        let mut pending = Pending::default();
        let mut start = waiting(&mut pending, START);
        pending.deliver(Reply::Failed {
            id: None,
            error: "no".into(),
        });
        assert!(matches!(start.try_recv(), Ok(Some(Reply::Failed { .. }))));

        let mut one = waiting(&mut pending, 1);
        let mut two = waiting(&mut pending, 2);
        pending.deliver(Reply::Stopped {
            error: "its files could not be loaded".into(),
        });
        assert!(
            one.try_recv().is_err() && two.try_recv().is_err(),
            "cancelled"
        );
        assert!(pending.waiting.is_empty());
        assert_eq!(
            pending.stopped_error().to_string(),
            "network failure: the demo's simulator stopped: its files could not be loaded"
        );
    }
}
