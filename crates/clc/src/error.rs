//! The one error type of the CLC client and the sentence a user sees for each case. The mapping
//! from an HTTP answer to an [`Error`] lives in [`classify()`], and nowhere else.

pub mod classify;
mod redact;

pub use classify::{classify, error_message, Endpoint};
pub use redact::{excerpt, redact};

/// Everything that can go wrong talking to the CLC API. Cheap to clone and comparable, so UI
/// state can hold it. Invariant: no variant ever contains the bearer token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// Login refused (400 from `/v2/authentication/login`); the service's own message.
    #[error("login refused: {0}")]
    BadCredentials(String),
    /// 401: no token, or the token expired or is not valid for this API.
    #[error("the bearer token is missing, expired or not accepted")]
    TokenExpiredOrMissing,
    /// 403: the user's roles do not allow this request.
    #[error("permission denied")]
    Forbidden,
    /// 404 with an empty or JSON body: the resource does not exist (on delete: already gone).
    #[error("not found")]
    NotFound,
    /// 429: slow down; `retry_after_ms` from the `Retry-After` header when given in seconds.
    #[error("rate limited")]
    RateLimited { retry_after_ms: Option<u64> },
    /// 5xx: the service failed; `message` from its body (`message` + `exceptionMessage`).
    #[error("server error {status}: {message}")]
    Server { status: u16, message: String },
    /// No HTTP answer: offline, DNS, connection refused, or a CORS refusal (indistinguishable
    /// in a browser).
    #[error("network failure: {0}")]
    Network(String),
    /// No complete answer within `after_ms`: the transport gave up waiting. A destructive call
    /// that timed out may still have been carried out, so its outcome must be read, not assumed.
    #[error("no answer within {after_ms} ms")]
    TimedOut { after_ms: u64 },
    /// A success answer whose body does not have the expected shape. `excerpt` is short and
    /// redacted.
    #[error("unexpected answer from {endpoint}: {excerpt}")]
    Undecodable { endpoint: String, excerpt: String },
    /// The base URL answered, but not as the CLC API does (an HTML page, a redirect, or JSON of
    /// an unrelated shape from a probe endpoint).
    #[error("{endpoint} did not answer like the CLC API")]
    NotClcApi { endpoint: String },
    /// The service refused the request: a 4xx validation error, or a 2xx whose body says
    /// `isQueued:false` with an `errorMessage`.
    #[error("request refused: {message}")]
    Rejected { message: String },
    /// The caller cancelled the request.
    #[error("cancelled")]
    Cancelled,
    /// The answer was a redirect, which the client never follows (it could send the token to
    /// another host, or a DELETE to another path). Nothing was followed.
    #[error("{endpoint} answered with a redirect, which is not followed")]
    Redirected { endpoint: String },
    /// An id in the path would have changed where the request goes (an empty segment, `.` or
    /// `..`, plain or percent-encoded): nothing was sent. `endpoint` shows the safe part only.
    #[error("an id would have changed the path of {endpoint}; nothing was sent")]
    UnsafePath { endpoint: String },
}

impl Error {
    /// Whether an automatic retry of an idempotent read may help.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::RateLimited { .. } | Error::Network(_) | Error::TimedOut { .. } => true,
            Error::Server { status, .. } => *status >= 500,
            _ => false,
        }
    }

    /// A sentence saying what happened and what to do next, in plain words.
    pub fn user_message(&self) -> String {
        // The service's own messages usually end with a full stop; ours follow them.
        let bare = |m: &str| m.trim().trim_end_matches('.').to_string();
        match self {
            Error::BadCredentials(message) => format!(
                "CenturyLink Cloud did not accept that user name and password (it said: \"{message}\"). \
                 Check them, the same ones you use for the Control Portal, and try again."
            ),
            Error::TokenExpiredOrMissing => "Your session has ended or the token was not accepted. \
                 Sign in again, or paste a fresh bearer token."
                .into(),
            Error::Forbidden => "Your user is not allowed to do this. Ask an account administrator \
                 to do it, or to give your user the needed role, then try again."
                .into(),
            Error::NotFound => "CenturyLink Cloud could not find this item. It may already be \
                 deleted; scan the account again to see what is left."
                .into(),
            Error::RateLimited { retry_after_ms } => match retry_after_ms {
                Some(ms) => format!(
                    "CenturyLink Cloud asked us to slow down. Wait about {} seconds and try again.",
                    ms.div_ceil(1000).max(1)
                ),
                None => "CenturyLink Cloud asked us to slow down. Wait a minute and try again."
                    .into(),
            },
            Error::Server { status, message } => format!(
                "CenturyLink Cloud had a problem answering (error {status}: {}). \
                 Wait a few minutes and try again; if it keeps happening, contact CenturyLink support.",
                bare(message)
            ),
            Error::Network(_) => "The CenturyLink Cloud API could not be reached. Check your \
                 internet connection and the API address; if they are fine, the browser may be \
                 blocking the call, so use the proxy address instead."
                .into(),
            Error::TimedOut { after_ms } => format!(
                "The CenturyLink Cloud API did not answer in time (each try waited {} seconds). \
                 Check your internet connection; if it is fine, the service is slow right now.",
                after_ms.div_ceil(1000).max(1)
            ),
            Error::Undecodable { endpoint, .. } => format!(
                "The answer from {endpoint} was not in the expected format. Try again; if it \
                 keeps happening, report it together with the closure report."
            ),
            Error::NotClcApi { .. } => "The API address answered, but it is not the CenturyLink \
                 Cloud API. Check the API address in the settings."
                .into(),
            Error::Rejected { message } => format!(
                "CenturyLink Cloud refused the request: {}. Check the item's state in the \
                 Control Portal, then try again.",
                bare(message)
            ),
            Error::Cancelled => "The request was cancelled. Nothing more was sent; start it \
                 again when you are ready."
                .into(),
            Error::Redirected { .. } => "The API address answered with a redirect. This page \
                 never follows one (it could carry your token or a delete elsewhere), so nothing \
                 was followed. Check the API address, or the proxy's configuration."
                .into(),
            Error::UnsafePath { .. } => "An id the API returned would have changed the address \
                 of this request (an empty id, or one that is \".\" or \"..\"), so nothing was \
                 sent. Read the account again; if it happens again, do this one in the Control \
                 Portal."
                .into(),
        }
    }
}

impl From<crate::http::TransportError> for Error {
    fn from(error: crate::http::TransportError) -> Error {
        match error {
            crate::http::TransportError::Network(message) => Error::Network(redact(&message)),
            crate::http::TransportError::TimedOut { after_ms } => Error::TimedOut { after_ms },
            crate::http::TransportError::Cancelled => Error::Cancelled,
            crate::http::TransportError::Redirected => Error::Redirected {
                endpoint: "the API".into(),
            },
        }
    }
}
