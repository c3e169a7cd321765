//! What the page and the demo's simulator worker (`services::sim_worker`) say to each other, as
//! JSON text both ways (serde_json is in both wasm files already), and who waits for which reply.
//! A reply that lacks what its kind needs is an error in words: an answer without its status,
//! headers or body fails that request; one that names no request stops the worker, so nothing
//! waits for it forever.

use std::collections::HashMap;

use clc::{Response, TransportError};
use futures_channel::oneshot;
use serde::{Deserialize, Serialize};

use super::sim_worker::SimAnswer;

/// What the page asks (the worker's `Message`).
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub(super) enum Message<'a> {
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

/// What the worker answers (its `Reply`), read flat: a tagged enum's derived decoder buffered
/// the whole answer, body included, before reading its `kind` (which comes after the body), and
/// was about 13 KB of the live wasm before wasm-opt. Each kind uses some of the fields; the
/// methods that read them say which one is missing.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Reply {
    pub kind: Kind,
    /// The request answered (`answer`, `failed`); `None` on a failed start.
    pub id: Option<u32>,
    sub_accounts: Option<Vec<String>>,
    status: Option<u16>,
    headers: Option<Vec<(String, String)>>,
    body: Option<String>,
    /// The extra wait a latency fault asks for; none when absent.
    delay_ms: Option<u64>,
    error: Option<String>,
}

/// A reply's `kind`, read from its text (smaller in the live wasm than a derived enum decoder).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq)]
#[serde(try_from = "String")]
pub(super) enum Kind {
    Started,
    Answer,
    Failed,
    Stopped,
}

impl TryFrom<String> for Kind {
    type Error = String;

    fn try_from(kind: String) -> Result<Kind, String> {
        Ok(match kind.as_str() {
            "started" => Kind::Started,
            "answer" => Kind::Answer,
            "failed" => Kind::Failed,
            "stopped" => Kind::Stopped,
            _ => return Err(format!("a reply of an unknown kind `{kind}`")),
        })
    }
}

impl Reply {
    /// Reads the worker's JSON text.
    pub fn read(text: &str) -> Result<Reply, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// What the simulator answered a request, or what the answer lacks (in words that follow
    /// "answered with").
    pub fn answer(self) -> Result<SimAnswer, String> {
        let status = self.status.ok_or("no status")?;
        if !(100..=599).contains(&status) {
            return Err(format!("the status {status}, which is not an HTTP status"));
        }
        Ok(SimAnswer {
            response: Response {
                status,
                headers: self.headers.ok_or("no headers")?,
                body: self.body.ok_or("no body")?,
            },
            delay_ms: self.delay_ms.unwrap_or(0),
        })
    }

    /// The aliases of the account's sub-accounts, from the reply to the start.
    pub fn sub_accounts(self) -> Result<Vec<String>, String> {
        self.sub_accounts
            .ok_or_else(|| "no list of sub-accounts".into())
    }

    /// Why the worker failed or stopped.
    pub fn error(&self) -> &str {
        self.error.as_deref().unwrap_or("no reason given")
    }
}

/// The id the start message's reply is delivered to; requests count from 1.
pub(super) const START: u32 = 0;

/// Who waits for which reply, and why the worker stopped, once it has.
#[derive(Default)]
pub(super) struct Pending {
    pub last_id: u32,
    pub waiting: HashMap<u32, oneshot::Sender<Reply>>,
    pub stopped: Option<String>,
}

impl Pending {
    pub fn deliver(&mut self, reply: Reply) {
        let id = match (reply.kind, reply.id) {
            (Kind::Stopped, _) => return self.stop(reply.error().to_string()),
            (Kind::Started, _) | (Kind::Failed, None) => START,
            (Kind::Answer | Kind::Failed, Some(id)) => id,
            (Kind::Answer, None) => {
                return self.stop("it answered without saying which request".into());
            }
        };
        if let Some(waiting) = self.waiting.remove(&id) {
            let _ = waiting.send(reply);
        }
    }

    /// Fails everything waiting (their senders are dropped) and everything asked later.
    pub fn stop(&mut self, why: String) {
        self.stopped.get_or_insert(why);
        self.waiting.clear();
    }

    pub fn stopped_error(&self) -> TransportError {
        stopped(self.stopped.as_deref().unwrap_or("it was shut down"))
    }
}

pub(super) fn stopped(why: &str) -> TransportError {
    TransportError::Network(format!("the demo's simulator stopped: {why}"))
}

#[cfg(test)]
mod tests {
    use futures_channel::oneshot;

    use super::{Kind, Pending, Reply, START};

    fn read(text: &str) -> Reply {
        Reply::read(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn each_kind_of_reply_reads_as_the_worker_writes_it() {
        // serde_json's `json!` writes keys in order: `kind` comes after the body.
        let answer = read(
            r#"{"body":"[]","delayMs":5,"headers":[["a","b"]],"id":7,"kind":"answer","status":200}"#,
        );
        assert_eq!((answer.kind, answer.id), (Kind::Answer, Some(7)));
        let answer = answer.answer().unwrap();
        assert_eq!(
            (answer.response.status, answer.response.body.as_str()),
            (200, "[]")
        );
        assert_eq!(answer.response.headers, [("a".into(), "b".into())]);
        assert_eq!(answer.delay_ms, 5);
        let started = read(r#"{"kind":"started","subAccounts":["L001"]}"#);
        assert_eq!(started.sub_accounts().unwrap(), ["L001"]);
        let failed = read(r#"{"error":"no","id":null,"kind":"failed"}"#);
        assert_eq!(
            (failed.kind, failed.id, failed.error()),
            (Kind::Failed, None, "no")
        );
        let stopped = read(r#"{"error":"gone","kind":"stopped"}"#);
        assert_eq!((stopped.kind, stopped.error()), (Kind::Stopped, "gone"));
        for wrong in [r#"{"kind":"other"}"#, r#"{"id":1,"status":200}"#, "[]"] {
            assert!(Reply::read(wrong).is_err(), "{wrong}");
        }
    }

    /// An answer missing what a response needs is an error that says what is missing, never a
    /// status 0 with an empty body the page would take for the API's.
    #[test]
    fn an_answer_without_its_status_headers_or_body_says_what_it_lacks() {
        for (text, lacks) in [
            (
                r#"{"kind":"answer","id":1,"headers":[],"body":"[]"}"#,
                "no status",
            ),
            (
                r#"{"kind":"answer","id":1,"status":200,"headers":[]}"#,
                "no body",
            ),
            (
                r#"{"kind":"answer","id":1,"status":200,"body":""}"#,
                "no headers",
            ),
            (
                r#"{"kind":"answer","id":1,"status":0,"headers":[],"body":""}"#,
                "the status 0, which is not an HTTP status",
            ),
        ] {
            assert_eq!(read(text).answer().err().as_deref(), Some(lacks), "{text}");
        }
        let no_list = read(r#"{"kind":"started"}"#).sub_accounts();
        assert_eq!(no_list.err().as_deref(), Some("no list of sub-accounts"));
        let no_delay = read(r#"{"kind":"answer","id":1,"status":204,"headers":[],"body":""}"#);
        assert_eq!(no_delay.answer().map(|a| a.delay_ms), Ok(0));
    }

    fn answer(id: u32) -> Reply {
        read(&format!(
            r#"{{"kind":"answer","id":{id},"status":200,"headers":[],"body":"answer {id}"}}"#
        ))
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
            Ok(Some(Reply { id: Some(2), .. }))
        ));
        assert!(matches!(first.try_recv(), Ok(None)), "still waiting");
        assert_eq!(pending.waiting.len(), 1);
    }

    /// An answer that names no request cannot reach the one waiting for it: the worker counts
    /// as stopped, so every request waiting fails with the reason instead of waiting forever.
    #[test]
    fn an_answer_for_no_request_stops_the_worker_and_fails_everyone_waiting() {
        let mut pending = Pending::default();
        let mut one = waiting(&mut pending, 1);
        pending.deliver(read(
            r#"{"kind":"answer","status":200,"headers":[],"body":""}"#,
        ));
        assert!(one.try_recv().is_err(), "cancelled");
        assert_eq!(
            pending.stopped_error().to_string(),
            "network failure: the demo's simulator stopped: it answered without saying which request"
        );
    }

    #[test]
    fn a_failed_start_reaches_the_start_and_a_stopped_worker_fails_everyone_waiting_and_later() {
        let mut pending = Pending::default();
        let mut start = waiting(&mut pending, START);
        pending.deliver(read(r#"{"kind":"failed","id":null,"error":"no"}"#));
        assert!(matches!(
            start.try_recv(),
            Ok(Some(Reply {
                kind: Kind::Failed,
                ..
            }))
        ));

        let mut one = waiting(&mut pending, 1);
        let mut two = waiting(&mut pending, 2);
        pending.deliver(read(
            r#"{"kind":"stopped","error":"its files could not be loaded"}"#,
        ));
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
