//! Turning a 2xx body into a value. Success is judged by the body, not the code (§0.6): a body
//! that is not JSON means the base URL is not the CLC API; JSON of the wrong shape is
//! `Undecodable`; destructive calls are summarised as [`Accepted`] whatever their shape.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::error::classify::{error_message, looks_like_html, Endpoint};
use crate::error::{excerpt, Error};
use crate::models::link::Link;
use crate::models::queue::{Accepted, ExperimentalOperation, ServerOperationResult};
use crate::records::Records;

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

/// Decodes a list that may come bare (`[...]`) or wrapped (`{items}`, `{values}`, `{results}`,
/// in that order of preference), straight from the body: no `Value` tree in between, which for
/// 10,000 servers was a second copy of the data and, per item type, a second copy of its
/// `Deserialize` code in the wasm.
pub fn decode_list<'a, T: Deserialize<'a>>(
    endpoint: &Endpoint,
    body: &'a str,
) -> Result<Vec<T>, Error> {
    if looks_like_html(body) {
        return Err(not_clc(endpoint));
    }
    match serde_json::from_str::<ListOf<T>>(body) {
        Ok(ListOf(items)) => Ok(items),
        // Not JSON at all, or JSON of another shape: as `decode_json` tells them apart.
        Err(_) => Err(decode_json::<Value>(endpoint, body, false)
            .err()
            .unwrap_or_else(|| undecodable(endpoint, body))),
    }
}

/// Like [`decode_list`], but each element is decoded on its own: a malformed record is
/// reported in [`Records::bad`] instead of failing the whole list. The list is first cut into
/// its elements' raw text (borrowed from `body`), by one decoder for every model.
pub fn decode_records<T: DeserializeOwned>(
    endpoint: &Endpoint,
    body: &str,
) -> Result<Records<T>, Error> {
    let raws = decode_list::<&RawValue>(endpoint, body)?;
    Ok(Records::from_raw(raws))
}

/// [`decode_list`]'s answer, read as [`decode_records`] reads: the list is cut by the one
/// decoder every model shares, and only each element's decoding is per model (a `decode_list`
/// per model would be a second list decoder for each in the wasm).
pub(super) fn decode_all_records<T: DeserializeOwned>(
    endpoint: &Endpoint,
    body: &str,
) -> Result<Vec<T>, Error> {
    let records = decode_records(endpoint, body)?;
    if records.bad.is_empty() {
        Ok(records.items)
    } else {
        Err(undecodable(endpoint, body))
    }
}

/// A list, bare or under one of [`LIST_KEYS`]. Under more than one, the first key of
/// [`LIST_KEYS`] wins; any other field is skipped unread.
struct ListOf<T>(Vec<T>);

const LIST_KEYS: [&str; 3] = ["items", "values", "results"];

impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for ListOf<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{Error as _, IgnoredAny, MapAccess, SeqAccess, Visitor};

        struct Lists<T>(std::marker::PhantomData<T>);

        impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for Lists<T> {
            type Value = ListOf<T>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list, bare or under items, values or results")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ListOf<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(ListOf(items))
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListOf<T>, A::Error> {
                // (rank in LIST_KEYS, the list)
                let mut best: Option<(usize, Vec<T>)> = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match LIST_KEYS.iter().position(|k| *k == key) {
                        Some(rank) if best.as_ref().is_none_or(|(b, _)| rank < *b) => {
                            best = Some((rank, map.next_value()?));
                        }
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                best.map(|(_, items)| ListOf(items))
                    .ok_or_else(|| A::Error::custom("no list under items, values or results"))
            }
        }

        d.deserialize_any(Lists(std::marker::PhantomData))
    }
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
            // Each model read from the object's text, as every other answer is read: decoding
            // from the `Value` itself would compile each model's decoder a second time, for
            // `Value`'s deserializer. Written back, the object's strings, integers, booleans and
            // nulls read again exactly; a float may move by one ULP (serde_json is built without
            // `float_roundtrip`), and no float is an id in the documented or recorded answers.
            let text = value.to_string();
            if map.contains_key("isQueued") {
                let result: ServerOperationResult = serde_json::from_str(&text).unwrap_or_default();
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
                    serde_json::from_str(&text).unwrap_or_default();
                return Ok(Accepted::Experimental { operation });
            }
            if let Ok(link) = serde_json::from_str::<Link>(&text) {
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

#[cfg(test)]
mod tests {
    use super::{decode_all_records, decode_list};
    use crate::error::classify::Endpoint;
    use crate::error::Error;
    use crate::Method;

    fn list(body: &str) -> Result<Vec<u32>, Error> {
        let endpoint = Endpoint::new(Method::Get, "/v2/things/ACME");
        let whole = decode_list(&endpoint, body);
        // Read item by item, the answer is the same, refusals included.
        assert_eq!(decode_all_records(&endpoint, body), whole, "{body}");
        whole
    }

    #[test]
    fn a_list_reads_bare_or_under_items_values_or_results_with_the_rest_skipped() {
        for (body, want) in [
            ("[1,2,3]", vec![1, 2, 3]),
            ("[]", vec![]),
            (r#"{"items":[1],"links":[{"rel":"self"}]}"#, vec![1]),
            (r#"{"limit":100,"values":[2,3]}"#, vec![2, 3]),
            (r#"{"totalCount":1,"results":[4],"offset":0}"#, vec![4]),
            // Under more than one key, items before values before results.
            (r#"{"results":[9],"items":[1]}"#, vec![1]),
            (r#"{"values":[2],"results":[9]}"#, vec![2]),
        ] {
            assert_eq!(list(body).unwrap(), want, "{body}");
        }
    }

    #[test]
    fn a_body_of_another_shape_is_undecodable_and_one_that_is_not_json_is_not_the_api() {
        for body in [r#"{"items":{"a":1}}"#, r#"{"count":3}"#, r#"["a"]"#, "3"] {
            assert!(
                matches!(list(body), Err(Error::Undecodable { .. })),
                "{body}"
            );
        }
        for body in ["<html><body>Sign in</body></html>", "OK then"] {
            assert!(matches!(list(body), Err(Error::NotClcApi { .. })), "{body}");
        }
    }
}
