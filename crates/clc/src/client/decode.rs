//! Turning a 2xx body into a value. Success is judged by the body, not the code (§0.6): a body
//! that is not JSON means the base URL is not the CLC API; JSON of the wrong shape is
//! `Undecodable`; destructive calls are summarised as [`Accepted`] whatever their shape.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::classify::{error_message, looks_like_html, Endpoint};
use crate::error::{excerpt, Error};
use crate::models::link::Link;
use crate::models::queue::{Accepted, ExperimentalOperation, ServerOperationResult};

const EXCERPT_CHARS: usize = 160;

/// Decodes a success body as `T`. `probe` marks the first calls against a base URL (login,
/// data centers): there, JSON of the wrong shape also means "not the CLC API".
pub fn decode_json<T: DeserializeOwned>(
    endpoint: &Endpoint,
    body: &str,
    probe: bool,
) -> Result<T, Error> {
    if looks_like_html(body) {
        return Err(not_clc(endpoint));
    }
    serde_json::from_str(body).map_err(|_| {
        let is_json = serde_json::from_str::<Value>(body).is_ok();
        if probe
            || (!is_json && !body.trim().is_empty() && !body.trim_start().starts_with(['{', '[']))
        {
            not_clc(endpoint)
        } else {
            undecodable(endpoint, body)
        }
    })
}

/// Decodes a list that may come bare (`[...]`) or wrapped (`{items}`, `{values}`, `{results}`).
pub fn decode_list<T: DeserializeOwned>(endpoint: &Endpoint, body: &str) -> Result<Vec<T>, Error> {
    let value: Value = decode_json(endpoint, body, false)?;
    let items = match value {
        Value::Array(_) => value,
        Value::Object(mut map) => ["items", "values", "results"]
            .iter()
            .find_map(|key| map.remove(*key))
            .filter(Value::is_array)
            .ok_or_else(|| undecodable(endpoint, body))?,
        _ => return Err(undecodable(endpoint, body)),
    };
    serde_json::from_value(items).map_err(|_| undecodable(endpoint, body))
}

/// Summarises the body of a successful destructive call:
/// empty → `Completed`; a JSON string or number → `Job` (site-to-site VPN);
/// `{isQueued:false, errorMessage}` → `Err(Rejected)`; `{isQueued:true, links}` or a bare status
/// link → `Queued`; `{operationId, uri}` → `Experimental`; an array (batch) → its first tracked
/// entry; any other JSON → `Completed`. A non-JSON body is `NotClcApi`.
pub fn decode_accepted(endpoint: &Endpoint, body: &str) -> Result<Accepted, Error> {
    if body.trim().is_empty() {
        return Ok(Accepted::Completed);
    }
    if looks_like_html(body) {
        return Err(not_clc(endpoint));
    }
    let value: Value = serde_json::from_str(body).map_err(|_| not_clc(endpoint))?;
    accepted_from(&value)
}

fn accepted_from(value: &Value) -> Result<Accepted, Error> {
    match value {
        Value::String(id) => Ok(Accepted::Job { id: id.clone() }),
        Value::Number(id) => Ok(Accepted::Job { id: id.to_string() }),
        Value::Array(entries) => {
            let results: Vec<Result<Accepted, Error>> = entries.iter().map(accepted_from).collect();
            let tracked = results.iter().find(|r| {
                matches!(
                    r,
                    Ok(Accepted::Queued { .. } | Accepted::Experimental { .. })
                )
            });
            match (tracked, results.first()) {
                (Some(found), _) => found.clone(),
                (None, Some(Err(error))) => Err(error.clone()),
                _ => Ok(Accepted::Completed),
            }
        }
        Value::Object(map) => {
            if map.contains_key("isQueued") {
                let result: ServerOperationResult =
                    serde_json::from_value(value.clone()).unwrap_or_default();
                if !result.is_queued {
                    return Err(Error::Rejected {
                        message: result
                            .error_message
                            .as_deref()
                            .and_then(error_message)
                            .unwrap_or_else(|| "the operation was not queued".into()),
                    });
                }
                return Ok(result
                    .status_link()
                    .and_then(Accepted::from_status_link)
                    .unwrap_or(Accepted::Completed));
            }
            if map.contains_key("operationId") {
                let operation: ExperimentalOperation =
                    serde_json::from_value(value.clone()).unwrap_or_default();
                return Ok(Accepted::Experimental { operation });
            }
            if let Ok(link) = serde_json::from_value::<Link>(value.clone()) {
                if link.is("status") && !link.href.is_empty() {
                    if let Some(accepted) = Accepted::from_status_link(&link) {
                        return Ok(accepted);
                    }
                }
            }
            Ok(Accepted::Completed)
        }
        _ => Ok(Accepted::Completed),
    }
}

fn not_clc(endpoint: &Endpoint) -> Error {
    Error::NotClcApi {
        endpoint: endpoint.to_string(),
    }
}

fn undecodable(endpoint: &Endpoint, body: &str) -> Error {
    Error::Undecodable {
        endpoint: endpoint.to_string(),
        excerpt: excerpt(body, EXCERPT_CHARS),
    }
}
