//! Lenient serde helpers shared by the models: the API sends `null` where a list is expected,
//! numbers where ids are strings (RDBS), and enum-like strings whose full value set is unknown.

use serde::{Deserialize, Deserializer};

/// Absent or `null` becomes `T::default()`; use with `#[serde(default, deserialize_with = ...)]`.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// An id that may arrive as a string, an integer or `null` (empty string).
pub(crate) fn id_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(opt_id_string(deserializer)?.unwrap_or_default())
}

/// The problem a record whose own id is `null`, empty or blank is reported with (as
/// [`crate::BadRecord::problem`]): the same words as for a record whose id is absent.
pub(crate) const NO_ID: &str = "has no id";

/// A record's own id, the one its paths are built from or that tells it apart: a string or an
/// integer, never `null`, empty or blank, nor a boolean (`true` is no id). Use without
/// `default`, so that an absent id fails too: a record without an id does not decode, and its
/// list reports it as a bad record.
pub(crate) fn record_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Option::<serde_json::Value>::deserialize(deserializer)? {
        Some(serde_json::Value::String(id)) if !id.trim().is_empty() => Ok(id),
        Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
        None | Some(serde_json::Value::Null | serde_json::Value::String(_)) => {
            Err(serde::de::Error::custom(NO_ID))
        }
        Some(other) => Err(serde::de::Error::custom(format!(
            "expected an id, found {other}"
        ))),
    }
}

/// Like [`id_string`] but keeps absence as `None`.
pub(crate) fn opt_id_string<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(
        match Option::<serde_json::Value>::deserialize(deserializer)? {
            None | Some(serde_json::Value::Null) => None,
            Some(serde_json::Value::String(s)) => Some(s),
            Some(serde_json::Value::Number(n)) => Some(n.to_string()),
            Some(serde_json::Value::Bool(b)) => Some(b.to_string()),
            Some(other) => {
                return Err(serde::de::Error::custom(format!(
                    "expected an id, found {other}"
                )))
            }
        },
    )
}

/// A count that may arrive as an integer, an integral float (`2.0`) or `null`.
pub(crate) fn opt_count<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<u64>, D::Error> {
    Ok(Option::<serde_json::Value>::deserialize(deserializer)?.and_then(|v| count_of(&v)))
}

/// [`opt_count`]'s reading of one value already parsed.
pub(crate) fn count_of(value: &serde_json::Value) -> Option<u64> {
    match value {
        serde_json::Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f.round() as u64)),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Declares a string-valued enum whose unknown values are kept in `Other(String)` instead of
/// failing to decode. Known values are matched case-insensitively and serialised as written.
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this crate does not know, kept verbatim.
            Other(String),
        }

        impl $name {
            /// The wire form of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $text, )+
                    Self::Other(s) => s,
                }
            }

            /// Reads a wire value in any case; unknown values become `Other`.
            pub fn parse(s: &str) -> Self {
                $( if s.eq_ignore_ascii_case($text) { return Self::$variant; } )+
                Self::Other(s.to_string())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(Self::parse(&s))
            }
        }
    };
}
