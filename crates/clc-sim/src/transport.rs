//! The simulator as a `clc::Transport`, in process: the page's demo account and every native
//! test that drives a `clc::Client` against a [`Sim`] use this one transport (feature
//! `transport`). Each request is answered by the simulator at the clock's time, then returned
//! after a fixed latency plus any delay a latency fault asks for, waited on the clock (a virtual
//! clock in tests, the page's clock in the demo). It counts what is in flight and logs every
//! request, and tests can lose a request or its answer, or see each send, through hooks.

use std::cell::RefCell;
use std::future::Future;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use clc::{Clock, Request, Response, Transport, TransportError};

use crate::Sim;

/// What went through the transport.
#[derive(Default, Debug)]
pub struct Traffic {
    pub sent: usize,
    pub in_flight: usize,
    pub max_in_flight: usize,
    /// (simulator ms when sent, method, path and query, status)
    pub log: Vec<(u64, String, String, u16)>,
    /// The answers to DELETE requests and POSTs to a release path: (simulator ms when sent,
    /// path and query, status, body), so tests can see the operation ids the simulator issued.
    pub destructive_answers: Vec<(u64, String, u16, String)>,
}

/// Called with the number of requests sent so far, before the latest one is answered.
pub type SendHook = Box<dyn Fn(usize)>;

/// `Some(error)` loses a request: as `lose_answer`, after the simulator has carried it out (its
/// answer is lost, as on a timed-out or reset connection); as `lose_request`, before it reaches
/// the simulator. Either way the client sees only the error.
pub type LoseHook = Box<dyn Fn(&Request) -> Option<TransportError>>;

/// Changes a request before the simulator sees it (e.g. a smaller page size).
pub type RewriteHook = Box<dyn Fn(&mut Request)>;

/// Changes an answer before the client sees it (e.g. a malformed record in a list).
pub type AnswerHook = Box<dyn Fn(&Request, &mut Response)>;

/// A `clc::Transport` over a shared [`Sim`].
pub struct SimTransport<K: Clock> {
    pub sim: Rc<RefCell<Sim>>,
    pub clock: K,
    /// The clock's reading at the simulator's virtual time 0.
    pub origin_ms: u64,
    /// Waited after every answer (on top of any latency fault's delay).
    pub latency_ms: u64,
    /// The base URL the client is configured with, left out of the logged paths.
    pub base: String,
    pub traffic: Rc<RefCell<Traffic>>,
    pub on_send: RefCell<Option<SendHook>>,
    pub lose_answer: RefCell<Option<LoseHook>>,
    pub lose_request: RefCell<Option<LoseHook>>,
    pub rewrite: RefCell<Option<RewriteHook>>,
    pub rewrite_answer: RefCell<Option<AnswerHook>>,
}

impl<K: Clock> SimTransport<K> {
    /// A transport to `sim` on `clock`, whose reading now is the simulator's time 0.
    pub fn new(sim: Rc<RefCell<Sim>>, clock: K, base: &str) -> SimTransport<K> {
        let origin_ms = clock.now_ms();
        SimTransport {
            sim,
            clock,
            origin_ms,
            latency_ms: 0,
            base: base.to_string(),
            traffic: Rc::default(),
            on_send: RefCell::new(None),
            lose_answer: RefCell::new(None),
            lose_request: RefCell::new(None),
            rewrite: RefCell::new(None),
            rewrite_answer: RefCell::new(None),
        }
    }

    pub fn with_latency(mut self, latency_ms: u64) -> SimTransport<K> {
        self.latency_ms = latency_ms;
        self
    }

    /// The simulator's time now.
    pub fn sim_now(&self) -> u64 {
        self.clock.now_ms().saturating_sub(self.origin_ms)
    }
}

struct InFlight(Rc<RefCell<Traffic>>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.borrow_mut().in_flight -= 1;
    }
}

impl<K: Clock> Transport for SimTransport<K> {
    async fn send(&self, mut request: Request) -> Result<Response, TransportError> {
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
        if let Some(rewrite) = self.rewrite.borrow().as_ref() {
            rewrite(&mut request);
        }
        if let Some(error) = self
            .lose_request
            .borrow()
            .as_ref()
            .and_then(|h| h(&request))
        {
            return Err(error);
        }
        let now = self.sim_now();
        let mut response = self.sim.borrow_mut().handle(&request, now);
        if let Some(rewrite) = self.rewrite_answer.borrow().as_ref() {
            rewrite(&request, &mut response);
        }
        let path = request
            .url
            .strip_prefix(self.base.as_str())
            .unwrap_or(&request.url)
            .to_string();
        let method = request.method.to_string();
        {
            let mut traffic = self.traffic.borrow_mut();
            let destructive = method == "DELETE"
                || (method == "POST" && path.to_ascii_lowercase().contains("/release"));
            if destructive {
                let answer = (now, path.clone(), response.status, response.body.clone());
                traffic.destructive_answers.push(answer);
            }
            traffic.log.push((now, method, path, response.status));
        }
        let extra = crate::take_delay_ms(&mut response);
        if self.latency_ms + extra > 0 {
            self.clock.sleep(self.latency_ms + extra).await;
        }
        if let Some(error) = self.lose_answer.borrow().as_ref().and_then(|h| h(&request)) {
            return Err(error);
        }
        Ok(response)
    }
}

/// Runs a future that never waits on real I/O (the in-process simulator, a virtual clock) to
/// completion. Panics if it does not complete: something awaited real I/O.
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
