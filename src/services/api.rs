//! The CLC API from the browser: real HTTP through gloo-net's `fetch` (connected mode) or the
//! simulator in its own worker (demo mode), behind the one `clc::Transport` seam, plus the
//! browser's clock for the client's retries.

use clc::{Clock, Request, Response, Transport, TransportError};
use gloo_net::http::{Headers, Method, RequestBuilder};
use web_sys::{ReferrerPolicy, RequestCredentials, RequestMode, RequestRedirect, ResponseType};

use super::clock::now_unsigned_ms;
use super::sim_worker::SimWorker;

/// Real time, and sleeps that yield to the page.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl clc::Clock for BrowserClock {
    fn now_ms(&self) -> u64 {
        now_unsigned_ms()
    }

    async fn sleep(&self, ms: u64) {
        gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
    }

    async fn yield_now(&self) {
        super::timer::next_message().await;
    }
}

/// How long a read may go without a complete answer (headers and body) before it is abandoned;
/// the client then tries again (twice more within its 60 s budget). A healthy read of the CLC
/// API takes well under 5 s.
pub const READ_TIMEOUT_MS: u32 = 20_000;
/// The same for the sign-in and destructive calls, which are never retried: a timed-out delete
/// may still be carried out, so the executor reads its outcome before anything is sent again.
/// Longer, so that a slow but working service is not abandoned mid-delete.
pub const WRITE_TIMEOUT_MS: u32 = 120_000;

/// `fetch` (through gloo-net) with CORS, no cookies and no referrer: the only credential is the
/// bearer header the client adds, and the client sends it only to the configured API base.
/// Redirects are never followed (`redirect: "manual"`, and the opaque answer becomes
/// [`TransportError::Redirected`]): a proxy's 307 could forward the token to another origin or
/// move a DELETE to another path. (`"error"` would make a redirect look like a network failure,
/// and a delete whose answer seems lost is read back and may be sent again.) A request that gets no
/// complete answer in time is aborted (see [`READ_TIMEOUT_MS`]), and so is one whose future is
/// dropped (a cancelled scan), so no request can leave the page waiting for good.
///
/// gloo-net 0.5 rebuilds the URL and adds an empty pair to a query (`?a=b` goes out as
/// `?a=b&`); every query parser skips it, the simulator's included, and the path is unchanged.
#[derive(Clone, Debug, Default)]
pub struct FetchTransport;

/// Aborts its fetch when dropped before its answer was read whole (a cancellation), which frees
/// the connection. Once the body is read there is nothing to abort, and an abort still costs a
/// DOMException and an event per request (the 10,000-server deletion's main thread: about half a
/// second of its 4,000 answers), so [`AbortOnDrop::done`] lets it go.
struct AbortOnDrop(Option<web_sys::AbortController>);

impl AbortOnDrop {
    fn done(mut self) {
        self.0 = None;
    }
}

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(controller) = &self.0 {
            controller.abort();
        }
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let limit_ms = if request.method.is_idempotent_read() {
            READ_TIMEOUT_MS
        } else {
            WRITE_TIMEOUT_MS
        };
        let controller = web_sys::AbortController::new()
            .map_err(|_| TransportError::Network("this browser cannot abort a request".into()))?;
        let _timer = {
            let controller = controller.clone();
            gloo_timers::callback::Timeout::new(limit_ms, move || controller.abort())
        };
        let abort = AbortOnDrop(Some(controller.clone()));
        // While this future lives, only the timer aborts: an aborted signal means it fired.
        let signal = controller.signal();
        let failed = |e: gloo_net::Error| {
            if signal.aborted() {
                TransportError::TimedOut {
                    after_ms: u64::from(limit_ms),
                }
            } else {
                network(e)
            }
        };
        let headers = Headers::new();
        for (name, value) in &request.headers {
            headers.append(name, value);
        }
        let builder = RequestBuilder::new(&request.url)
            .method(method(request.method))
            .headers(headers)
            .abort_signal(Some(&signal))
            .mode(RequestMode::Cors)
            .credentials(RequestCredentials::Omit)
            .referrer_policy(ReferrerPolicy::NoReferrer)
            .redirect(RequestRedirect::Manual);
        let outgoing = match &request.body {
            Some(body) => builder.body(body.as_str()),
            None => builder.build(),
        }
        .map_err(network)?;
        let answer = outgoing.send().await.map_err(failed)?;
        if answer.type_() == ResponseType::Opaqueredirect || answer.redirected() {
            return Err(TransportError::Redirected);
        }
        // The body's bytes rather than `text()`: a JS string copied back into UTF-8 cost the
        // 10,000-server scan's main thread a tenth of a second. Decoded as `text()` decodes.
        let bytes = answer.binary().await.map_err(failed)?;
        abort.done();
        let mut response = Response::new(answer.status(), utf8_decode(bytes));
        let headers = answer.headers();
        for name in ["content-type", "retry-after", "location"] {
            if let Some(value) = headers.get(name) {
                response.headers.push((name.to_string(), value));
            }
        }
        Ok(response)
    }
}

/// The Encoding standard's "UTF-8 decode", which `text()` applies: a leading byte order mark
/// is dropped and each invalid sequence becomes U+FFFD.
fn utf8_decode(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn method(method: clc::Method) -> Method {
    match method {
        clc::Method::Get => Method::GET,
        clc::Method::Post => Method::POST,
        clc::Method::Put => Method::PUT,
        clc::Method::Patch => Method::PATCH,
        clc::Method::Delete => Method::DELETE,
        clc::Method::Options => Method::OPTIONS,
    }
}

/// What fetch rejects with (offline, DNS, refused, or a CORS refusal: the browser does not say),
/// as the browser's own words.
fn network(e: gloo_net::Error) -> TransportError {
    let message = match e {
        gloo_net::Error::JsError(e) => e.message,
        other => other.to_string(),
    };
    TransportError::Network(if message.is_empty() {
        "the request failed".into()
    } else {
        message
    })
}

/// The simulator's `demo` account, in a worker the page starts for it: no network at all. The
/// account's calendar is the page's (its epoch is now), and each answer takes a short pause on
/// the page's clock, so progress is visible as it would be against the real API.
///
/// Time is the page's alone, as with `clc_sim::SimTransport`: each request carries the
/// simulator's time (the page's clock since the start), and the latency and any delay a
/// latency fault asks for are waited here, on [`BrowserClock`]. So a test that fakes the page's
/// clock controls the demo, though the worker's own clock is not faked.
pub struct DemoTransport {
    sim: SimWorker,
    /// The page's clock at the simulator's time 0.
    origin_ms: u64,
}

/// Waited after every answer of the demo (on top of any latency fault's delay).
const DEMO_LATENCY_MS: u64 = 40;

impl DemoTransport {
    /// The demo account for `seed`, starting now, and its sub-account aliases.
    pub async fn start(seed: u64) -> Result<(DemoTransport, Vec<String>), TransportError> {
        let origin_ms = BrowserClock.now_ms();
        let (sim, sub_accounts) = SimWorker::start("demo", seed, now_unsigned_ms()).await?;
        Ok((DemoTransport { sim, origin_ms }, sub_accounts))
    }
}

impl Transport for DemoTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let now = BrowserClock.now_ms().saturating_sub(self.origin_ms);
        let answer = self.sim.send(&request, now).await?;
        BrowserClock.sleep(DEMO_LATENCY_MS + answer.delay_ms).await;
        Ok(answer.response)
    }
}

/// Either way of reaching the API, as one type for the client.
pub enum AppTransport {
    Fetch(FetchTransport),
    Demo(Box<DemoTransport>),
}

impl Transport for AppTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        match self {
            AppTransport::Fetch(t) => t.send(request).await,
            AppTransport::Demo(t) => t.send(request).await,
        }
    }
}

pub type AppClient = clc::Client<AppTransport, BrowserClock>;

/// The demo's base URL: requests never leave the page, but the client needs one to build URLs.
pub const DEMO_BASE: &str = "https://demo.offboard.invalid";

/// The real API's base: its RDBS and backup services live on their own hosts.
pub const PRODUCTION_BASE: &str = "https://api.ctl.io";

/// A client for `base`: the real service's hosts for the production base, and everything under
/// one origin for a proxy or the simulator (see `clc::Endpoints::single_origin`).
pub fn client(base: &str, transport: AppTransport) -> AppClient {
    let base = base.trim().trim_end_matches('/');
    let endpoints = if base.eq_ignore_ascii_case(PRODUCTION_BASE) {
        clc::Endpoints::production()
    } else {
        clc::Endpoints::single_origin(base)
    };
    clc::Client::new(endpoints, transport, BrowserClock)
}

#[cfg(test)]
mod tests {
    use super::utf8_decode;

    #[test]
    fn a_body_decodes_as_the_browsers_text_would_bom_dropped_and_bad_bytes_replaced() {
        assert_eq!(
            utf8_decode(b"{\"name\":\"caf\xC3\xA9\"}".to_vec()),
            "{\"name\":\"café\"}"
        );
        assert_eq!(utf8_decode(b"\xEF\xBB\xBF[]".to_vec()), "[]");
        assert_eq!(utf8_decode(b"[\"a\xFFb\"]".to_vec()), "[\"a\u{FFFD}b\"]");
        assert_eq!(utf8_decode(Vec::new()), "");
    }
}
