//! The single mapping from an HTTP answer to an [`Error`] (§0.6): status first, then the
//! body's message in whichever of the API's error shapes it came.

use std::fmt;

use serde_json::Value;

use super::{excerpt, Error};
use crate::http::{Method, Response};

const MESSAGE_MAX_CHARS: usize = 300;

/// What was asked: the verb and the path without query. Used in error messages (it never
/// contains the token) and for the few statuses whose meaning depends on the endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub method: Method,
    pub path: String,
}

impl Endpoint {
    /// `path` may be a path or a full URL and may carry a query; only the path is kept.
    pub fn new(method: Method, path: &str) -> Endpoint {
        let path = crate::endpoints::normalize_href(path);
        let path = path.split(['?', '#']).next().unwrap_or("/").to_string();
        Endpoint { method, path }
    }

    pub fn is_login(&self) -> bool {
        self.path
            .to_ascii_lowercase()
            .trim_end_matches('/')
            .ends_with("/authentication/login")
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

/// The error a non-2xx answer means, or `None` for any 2xx (success is judged by the body).
pub fn classify(endpoint: &Endpoint, response: &Response) -> Option<Error> {
    let status = response.status;
    if response.is_success() {
        return None;
    }
    let message = error_message(&response.body);
    let html = looks_like_html(&response.body);
    Some(match status {
        400 | 401 if endpoint.is_login() => Error::BadCredentials(
            message.unwrap_or_else(|| "the user name or password was not recognised".into()),
        ),
        401 => Error::TokenExpiredOrMissing,
        403 => Error::Forbidden,
        // The CLC API never answers its login with 404 or 405: that is some other server.
        404 | 405 if html || endpoint.is_login() => Error::NotClcApi {
            endpoint: endpoint.to_string(),
        },
        404 => Error::NotFound,
        408 => Error::Network(format!("{endpoint} timed out (408)")),
        429 => Error::RateLimited {
            retry_after_ms: retry_after_ms(response),
        },
        400..=499 => Error::Rejected {
            message: message.unwrap_or_else(|| format!("{endpoint} answered {status}")),
        },
        500..=599 => Error::Server {
            status,
            message: message.unwrap_or_else(|| "no details given".into()),
        },
        _ => Error::NotClcApi {
            endpoint: endpoint.to_string(),
        },
    })
}

/// The `Retry-After` header in milliseconds, when it is given in (possibly fractional) seconds.
pub fn retry_after_ms(response: &Response) -> Option<u64> {
    let seconds: f64 = response.header_value("retry-after")?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| (seconds * 1000.0).round() as u64)
}

/// The human message of an error body in any shape the API uses: `{message}`,
/// `{message, exceptionMessage, ...}`, `{message, modelState: {field: [..]}}`,
/// `[{message}, ...]`, a bare JSON string, or short plain text. `None` for an empty body or HTML.
/// The result is redacted and at most 300 characters.
pub fn error_message(body: &str) -> Option<String> {
    let trimmed = body.trim();
    if trimmed.is_empty() || looks_like_html(trimmed) {
        return None;
    }
    let text = match serde_json::from_str::<Value>(trimmed) {
        Ok(value) => message_of(&value)?,
        Err(_) => trimmed.to_string(),
    };
    let text = excerpt(&text, MESSAGE_MAX_CHARS);
    (!text.is_empty()).then_some(text)
}

/// True when a body is an HTML (or XML) page rather than JSON.
pub fn looks_like_html(body: &str) -> bool {
    body.trim_start().starts_with('<')
}

fn message_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let messages: Vec<String> = items.iter().filter_map(message_of).collect();
            (!messages.is_empty()).then(|| messages.join("; "))
        }
        Value::Object(map) => {
            let field = |names: &[&str]| {
                names.iter().find_map(|name| {
                    map.iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .and_then(|(_, v)| message_of(v))
                        .filter(|s| !s.trim().is_empty())
                })
            };
            let mut message = field(&["message", "errorMessage", "error", "error_description"]);
            if let Some(exception) = field(&["exceptionMessage"]) {
                message = Some(match message {
                    Some(m) if m != exception => format!("{m} {exception}"),
                    _ => exception,
                });
            }
            if let Some(Value::Object(model_state)) = map
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("modelState"))
                .map(|(_, v)| v)
            {
                let details: Vec<String> = model_state
                    .iter()
                    .filter_map(|(name, errors)| {
                        message_of(errors).map(|e| match name.as_str() {
                            "" => e,
                            _ => format!("{name}: {e}"),
                        })
                    })
                    .collect();
                if !details.is_empty() {
                    let details = details.join("; ");
                    message = Some(match message {
                        Some(m) => format!("{m} ({details})"),
                        None => details,
                    });
                }
            }
            message
        }
        _ => None,
    }
}
