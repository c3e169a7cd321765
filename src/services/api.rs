//! The CLC API from the browser: real HTTP through `fetch` (connected mode) or the simulator
//! compiled into the page (demo mode), behind the one `clc::Transport` seam, plus the browser's
//! clock for the client's retries.

use std::cell::RefCell;
use std::rc::Rc;

use clc::{Request, Response, Transport, TransportError};
use clc_sim::{Scenario, Sim};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{RequestCredentials, RequestInit, RequestMode};

use super::clock::now_ms;

/// Real time, and sleeps that yield to the page.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl clc::Clock for BrowserClock {
    fn now_ms(&self) -> u64 {
        now_ms().max(0) as u64
    }

    async fn sleep(&self, ms: u64) {
        gloo_timers::future::TimeoutFuture::new(ms.min(u64::from(u32::MAX)) as u32).await;
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

/// `fetch` with CORS, no cookies and no referrer: the only credential is the bearer header the
/// client adds, and the client sends it only to the configured API base. Redirects are never
/// followed (`redirect: "manual"`, and the opaque answer becomes
/// [`TransportError::Redirected`]): a proxy's 307 could forward the token to another origin or
/// move a DELETE to another path. (`"error"` would make a redirect look like a network failure,
/// and a delete whose answer seems lost is read back and may be sent again.) A request that gets no
/// complete answer in time is aborted (see [`READ_TIMEOUT_MS`]), and so is one whose future is
/// dropped (a cancelled scan), so no request can leave the page waiting for good.
#[derive(Clone, Debug, Default)]
pub struct FetchTransport;

/// Aborts its fetch when dropped: on completion this does nothing, on cancellation it frees the
/// connection.
struct AbortOnDrop(web_sys::AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl Transport for FetchTransport {
    async fn send(&self, request: Request) -> Result<Response, TransportError> {
        let limit_ms = if request.method.is_idempotent_read() {
            READ_TIMEOUT_MS
        } else {
            WRITE_TIMEOUT_MS
        };
        let controller = web_sys::AbortController::new().map_err(network)?;
        let _timer = {
            let controller = controller.clone();
            gloo_timers::callback::Timeout::new(limit_ms, move || controller.abort())
        };
        let _abort = AbortOnDrop(controller.clone());
        // While this future lives, only the timer aborts: an aborted signal means it fired.
        let signal = controller.signal();
        let failed = |e: wasm_bindgen::JsValue| {
            if signal.aborted() {
                TransportError::TimedOut {
                    after_ms: u64::from(limit_ms),
                }
            } else {
                network(e)
            }
        };
        let init = RequestInit::new();
        init.set_signal(Some(&signal));
        init.set_method(request.method.as_str());
        init.set_mode(RequestMode::Cors);
        init.set_credentials(RequestCredentials::Omit);
        init.set_referrer_policy(web_sys::ReferrerPolicy::NoReferrer);
        init.set_redirect(web_sys::RequestRedirect::Manual);
        if let Some(body) = &request.body {
            init.set_body(&body.into());
        }
        let headers = web_sys::Headers::new().map_err(network)?;
        for (name, value) in &request.headers {
            headers.append(name, value).map_err(network)?;
        }
        init.set_headers(&headers);
        let req = web_sys::Request::new_with_str_and_init(&request.url, &init).map_err(network)?;
        let window =
            web_sys::window().ok_or_else(|| TransportError::Network("no window".into()))?;
        let resp: web_sys::Response = JsFuture::from(window.fetch_with_request(&req))
            .await
            .map_err(failed)?
            .unchecked_into();
        if resp.type_() == web_sys::ResponseType::Opaqueredirect || resp.redirected() {
            return Err(TransportError::Redirected);
        }
        let text = JsFuture::from(resp.text().map_err(failed)?)
            .await
            .map_err(failed)?;
        let mut response = Response::new(resp.status(), text.as_string().unwrap_or_default());
        for name in ["content-type", "retry-after", "location"] {
            if let Ok(Some(value)) = resp.headers().get(name) {
                response.headers.push((name.to_string(), value));
            }
        }
        Ok(response)
    }
}

/// What fetch rejects with (offline, DNS, refused, or a CORS refusal: the browser does not say).
fn network(e: wasm_bindgen::JsValue) -> TransportError {
    let message = js_sys::Error::from(e)
        .message()
        .as_string()
        .unwrap_or_default();
    TransportError::Network(if message.is_empty() {
        "the request failed".into()
    } else {
        message
    })
}

/// The simulator's `demo` account, inside the page: no network at all. The account's calendar
/// is the page's (its epoch is now), and each answer takes a short pause on the page's clock, so
/// progress is visible as it would be against the real API.
pub type DemoTransport = clc_sim::SimTransport<BrowserClock>;

/// The demo account for `seed`, starting now.
pub fn demo_transport(seed: u64) -> DemoTransport {
    let mut sim = Sim::new(Scenario::Demo, seed);
    sim.set_epoch_ms(now_ms().max(0) as u64);
    DemoTransport::new(Rc::new(RefCell::new(sim)), BrowserClock, DEMO_BASE).with_latency(40)
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
