//! `clc::Transport` over an in-process `clc_sim::Sim` on the [`TimerClock`]: each request is
//! answered by the simulator at the clock's time and returned after a fixed latency (plus any
//! delay the simulator's latency faults ask for). It counts requests in flight and logs every
//! request, so tests can check the concurrency limit and what was read.

use std::cell::RefCell;
use std::rc::Rc;

use clc::{Clock, Request, Response, Transport, TransportError};
use clc_sim::{Sim, DEFAULT_EPOCH_MS, DELAY_HEADER};

use super::clock::TimerClock;

#[derive(Default, Debug)]
pub struct Traffic {
    pub sent: usize,
    pub in_flight: usize,
    pub max_in_flight: usize,
    /// (virtual ms when sent, method, path and query, status)
    pub log: Vec<(u64, String, String, u16)>,
    /// The answers to DELETE requests and POSTs to a release path: (virtual ms when sent, path
    /// and query, status, body), so tests can see the operation ids the simulator issued.
    pub destructive_answers: Vec<(u64, String, u16, String)>,
}

/// Called with the number of requests sent so far, before the latest one is answered.
pub type SendHook = Box<dyn Fn(usize)>;

/// `Some(error)` loses a request: as `lose_answer`, after the simulator has carried it out (its
/// answer is lost, as on a timed-out or reset connection); as `lose_request`, before it reaches
/// the simulator. Either way the client sees only the error.
pub type LoseHook = Box<dyn Fn(&Request) -> Option<TransportError>>;

pub struct SimTransport {
    pub sim: Rc<RefCell<Sim>>,
    pub clock: TimerClock,
    pub latency_ms: u64,
    pub traffic: Rc<RefCell<Traffic>>,
    pub on_send: RefCell<Option<SendHook>>,
    pub lose_answer: RefCell<Option<LoseHook>>,
    pub lose_request: RefCell<Option<LoseHook>>,
}

struct InFlight(Rc<RefCell<Traffic>>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.borrow_mut().in_flight -= 1;
    }
}

impl Transport for SimTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let sent = {
            let mut t = self.traffic.borrow_mut();
            t.sent += 1;
            t.in_flight += 1;
            t.max_in_flight = t.max_in_flight.max(t.in_flight);
            t.sent
        };
        let _in_flight = InFlight(self.traffic.clone());
        if let Some(hook) = self.on_send.borrow().as_ref() {
            hook(sent);
        }
        if let Some(error) = self
            .lose_request
            .borrow()
            .as_ref()
            .and_then(|h| h(&request))
        {
            return Err(error);
        }
        let now = self.clock.now_ms();
        let response = self
            .sim
            .borrow_mut()
            .handle(&request, now - DEFAULT_EPOCH_MS);
        let path = request
            .url
            .strip_prefix(super::BASE)
            .unwrap_or(&request.url)
            .to_string();
        let method = request.method.to_string();
        {
            let mut traffic = self.traffic.borrow_mut();
            if method == "DELETE"
                || (method == "POST" && path.to_ascii_lowercase().contains("/release"))
            {
                traffic.destructive_answers.push((
                    now - DEFAULT_EPOCH_MS,
                    path.clone(),
                    response.status,
                    response.body.clone(),
                ));
            }
            traffic
                .log
                .push((now - DEFAULT_EPOCH_MS, method, path, response.status));
        }
        let extra: u64 = response
            .header_value(DELAY_HEADER)
            .and_then(|d| d.parse().ok())
            .unwrap_or(0);
        if self.latency_ms + extra > 0 {
            self.clock.sleep(self.latency_ms + extra).await;
        }
        if let Some(error) = self.lose_answer.borrow().as_ref().and_then(|h| h(&request)) {
            return Err(error);
        }
        Ok(response)
    }
}
