//! Reading the journal's and the plan's tagged enums (`DeleteCall`, `Event`, `ExclusionReason`
//! and `Tracking`) from JSON without serde's derived internally tagged `Deserialize`, which
//! buffers every value and then re-reads it once per variant: that code was the largest part
//! of the live tools' serde impls (40 KB and 33 KB for the first two alone, before wasm-opt).
//!
//! Each enum reads a flat struct instead (the tag and every variant's fields, each optional),
//! then picks its variant, and writes one (the tag, then its variant's fields). The stored
//! format is unchanged: what the derived `Serialize` wrote is written byte for byte, and a
//! saved journal reads back exactly as before (tests/wire_format.rs). Every record the app
//! wrote reads as before; shapes it never wrote may differ: a field of another variant is now
//! type-checked (the derived reading ignored it), and an array is read as the flat struct's,
//! one element per field (the derived one took the tag and then the variant's fields).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// The field a variant needs, or serde's own words for its absence.
pub(crate) fn need<T>(field: Option<T>, name: &'static str) -> Result<T, String> {
    field.ok_or_else(|| format!("missing field `{name}`"))
}

/// serde's words for a tag naming no variant.
pub(crate) fn unknown(tag: &str, what: &str, expected: &[&str]) -> String {
    format!(
        "unknown variant `{tag}` of {what}, expected one of {}",
        expected
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Reads an object whose fields are all strings, as a derived flat struct with a `String` tag
/// (`names[0]`) and an `Option<String>` for each other name would: unknown names are skipped,
/// a name given twice is refused, a missing tag too; from a sequence, one element per name in
/// order. Returns each name's value (`None`: absent or `null`; the tag's is always `Some`).
/// One reader for every such enum, each field read through one call (the derived struct
/// compiled that read once per field): `struct_name` only for serde's words in errors.
pub(crate) fn read_strings<'de, D: Deserializer<'de>>(
    deserializer: D,
    struct_name: &'static str,
    names: &'static [&'static str],
) -> Result<Vec<Option<String>>, D::Error> {
    deserializer.deserialize_struct(struct_name, names, Strings { struct_name, names })
}

struct Strings {
    struct_name: &'static str,
    names: &'static [&'static str],
}

impl<'de> Visitor<'de> for Strings {
    type Value = Vec<Option<String>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.struct_name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut values = vec![None; self.names.len()];
        let mut seen = vec![false; self.names.len()];
        while let Some(key) = map.next_key_seed(KeyIn(self.names))? {
            let Some(at) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if std::mem::replace(&mut seen[at], true) {
                return Err(de::Error::duplicate_field(self.names[at]));
            }
            values[at] = if at == 0 {
                Some(map.next_value::<String>()?)
            } else {
                map.next_value::<Option<String>>()?
            };
        }
        if values[0].is_none() {
            return Err(de::Error::missing_field(self.names[0]));
        }
        Ok(values)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::with_capacity(self.names.len());
        for at in 0..self.names.len() {
            let value = if at == 0 {
                seq.next_element::<String>()?.map(Some)
            } else {
                seq.next_element::<Option<String>>()?
            };
            let Some(value) = value else {
                let expected = format!(
                    "struct {} with {} elements",
                    self.struct_name,
                    self.names.len()
                );
                return Err(de::Error::invalid_length(at, &expected.as_str()));
            };
            values.push(value);
        }
        Ok(values)
    }
}

/// A key's place among the names (`None`: a name not among them).
struct KeyIn(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KeyIn {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeyIn {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }
}
