//! The page's side of the demo's simulator, which runs in a dedicated Web Worker: the third wasm
//! file (`crates/sim-worker`), started only when the demo is chosen, so neither the checklist
//! nor the live tools carry the simulator. The boot script publishes the worker script's URL
//! (`offboardSimWorker`, relative to the app's files).
//!
//! Each request gets an id and waits for the answer with that id; a request whose future is
//! dropped forgets its id (a late answer is then ignored). A worker that stops (its files did
//! not load, or it failed) fails every request waiting on it, and every later one, with
//! [`TransportError::Network`] saying so. The worker reads no clock: the caller sends the
//! simulator's time with each request. What the messages hold: `services::sim_protocol`.

use std::cell::RefCell;
use std::rc::Rc;

use clc::{Request, Response, TransportError};
use futures_channel::oneshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::sim_protocol::{stopped, Kind, Message, Pending, Reply, START};

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
                match Reply::read(&text) {
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
        let reply = sim.ask(START, &start).await?;
        match reply.kind {
            Kind::Started => match reply.sub_accounts() {
                Ok(sub_accounts) => Ok((sim, sub_accounts)),
                Err(lacks) => Err(stopped(&format!("it answered the start with {lacks}"))),
            },
            Kind::Failed => Err(stopped(reply.error())),
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
        let reply = self.ask(id, &message).await?;
        match reply.kind {
            Kind::Answer => reply.answer().map_err(|lacks| {
                TransportError::Network(format!(
                    "the demo's simulator answered a request with {lacks}"
                ))
            }),
            Kind::Failed => Err(TransportError::Network(format!(
                "the demo's simulator could not answer: {}",
                reply.error()
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
