//! Item-by-item decoding of lists: the models stay strict, but one malformed record of a list
//! costs only itself. Each element is decoded on its own; the good ones are kept in
//! [`Records::items`] and each bad one is described in [`Records::bad`] (its position, its id or
//! name when readable, what is wrong), so a caller can report it and never treat the list as
//! complete.

use serde::de::{DeserializeOwned, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

/// One element of a list that did not decode as its model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BadRecord {
    /// 1-based position in its list.
    pub position: usize,
    /// Its id, when the record has one that can be read.
    #[serde(default)]
    pub id: Option<String>,
    /// Its name, when the record has one that can be read.
    #[serde(default)]
    pub name: Option<String>,
    /// The group the record was listed in (server records of a group tree).
    #[serde(default)]
    pub group: Option<String>,
    /// What is wrong, as the end of a sentence: `"has no id"`.
    pub problem: String,
}

impl BadRecord {
    /// Describes the record for a customer: `server record 3 (name 'web-1') in group 'Web' has
    /// no id`. `noun` is what the list holds (`"server"`, `"network"`).
    pub fn describe(&self, noun: &str) -> String {
        let mut text = format!("{noun} record {}", self.position);
        match (&self.id, &self.name) {
            (Some(id), Some(name)) => text.push_str(&format!(" ({id}, '{name}')")),
            (Some(id), None) => text.push_str(&format!(" ({id})")),
            (None, Some(name)) => text.push_str(&format!(" ('{name}')")),
            (None, None) => {}
        }
        if let Some(group) = &self.group {
            text.push_str(&format!(" in group '{group}'"));
        }
        text.push(' ');
        text.push_str(&self.problem);
        text
    }

    fn of(position: usize, value: &Value, error: &serde_json::Error) -> BadRecord {
        let text = |keys: &[&str]| {
            keys.iter().find_map(|k| match value.get(k) {
                Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
        };
        BadRecord {
            position,
            id: text(&ID_KEYS),
            name: text(&["name", "displayName", "description"]),
            group: None,
            problem: problem(value, error),
        }
    }
}

/// The fields a record's own id is read from, whatever its model calls it: `id` for most,
/// `policyId` for a backup account policy, `serverPolicyId` for a backup policy applied to a
/// server (and `instanceId`, read to describe a record that names itself so).
const ID_KEYS: [&str; 4] = ["id", "policyId", "serverPolicyId", "instanceId"];

/// serde's message, in words: `missing field `id`` becomes `has no id`, and so does a missing
/// own id under any other name in [`ID_KEYS`] (a backup account policy without `policyId`, a
/// server's backup policy without `serverPolicyId`) and an own id that is `null` or blank.
fn problem(value: &Value, error: &serde_json::Error) -> String {
    if !value.is_object() {
        return format!("is not a record (found {})", kind_of(value));
    }
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message.as_str(),
    };
    if message == crate::de::NO_ID {
        return message.to_string();
    }
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        if ID_KEYS.contains(&field) {
            return crate::de::NO_ID.to_string();
        }
        return format!("has no {field}");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        return match rest.split_once(", expected ") {
            Some((found, expected)) => {
                format!("has a value of the wrong type ({found} where {expected} was expected)")
            }
            None => format!("has a value of the wrong type ({rest})"),
        };
    }
    format!("could not be read ({message})")
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A list decoded item by item: what decoded, and what did not.
#[derive(Clone, Debug, PartialEq)]
pub struct Records<T> {
    pub items: Vec<T>,
    pub bad: Vec<BadRecord>,
}

impl<T> Default for Records<T> {
    fn default() -> Self {
        Records {
            items: Vec::new(),
            bad: Vec::new(),
        }
    }
}

impl<T> Records<T> {
    /// The good items, or the first bad record's description when any record was bad.
    pub fn all_or_first_bad(self, noun: &str) -> Result<Vec<T>, String> {
        match self.bad.first() {
            Some(bad) => Err(bad.describe(noun)),
            None => Ok(self.items),
        }
    }
}

impl<T: DeserializeOwned> Records<T> {
    /// Each element decoded on its own from its raw text, numbered from 1 in order. The list
    /// itself is cut into raw elements by code that does not depend on `T` (one copy in the
    /// wasm for every model), and the model's own `Deserialize` runs on the same deserializer as
    /// a whole-body read (no second copy of it per item type). Only a bad element is read
    /// again, as a `Value`, to describe it.
    pub(crate) fn from_raw<'a>(raws: impl IntoIterator<Item = &'a RawValue>) -> Records<T> {
        let raws = raws.into_iter();
        let mut records = Records {
            items: Vec::with_capacity(raws.size_hint().0),
            bad: Vec::new(),
        };
        for raw in raws {
            records.push_raw(raw);
        }
        records
    }

    fn push_raw(&mut self, raw: &RawValue) {
        match serde_json::from_str::<T>(raw.get()) {
            Ok(item) => self.items.push(item),
            Err(error) => {
                let position = self.items.len() + self.bad.len() + 1;
                let value = serde_json::from_str(raw.get()).unwrap_or(Value::Null);
                self.bad.push(BadRecord::of(position, &value, &error));
            }
        }
    }
}

/// A JSON list (or `null`, read as empty) decoded item by item.
impl<'de, T: DeserializeOwned> Deserialize<'de> for Records<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Seq<T>(std::marker::PhantomData<T>);

        impl<'de, T: DeserializeOwned> Visitor<'de> for Seq<T> {
            type Value = Records<T>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list")
            }

            fn visit_unit<E>(self) -> Result<Records<T>, E> {
                Ok(Records::default())
            }

            fn visit_none<E>(self) -> Result<Records<T>, E> {
                Ok(Records::default())
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Records<T>, A::Error> {
                let mut records = Records::default();
                while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
                    records.push_raw(&raw);
                }
                Ok(records)
            }
        }

        d.deserialize_any(Seq(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::{BadRecord, Records};

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Thing {
        id: String,
        size: u32,
    }

    #[test]
    fn each_element_decodes_on_its_own_and_bad_ones_say_what_is_wrong() {
        let body = r#"[{"id":"a","size":1},{"name":"B","size":2},{"id":"c","size":"big"},7,
            {"id":"d","size":4}]"#;
        let records: Records<Thing> = serde_json::from_str(body).unwrap();
        let ids: Vec<&str> = records.items.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["a", "d"]);
        let said: Vec<String> = records.bad.iter().map(|b| b.describe("thing")).collect();
        assert_eq!(
            said,
            [
                "thing record 2 ('B') has no id",
                "thing record 3 (c) has a value of the wrong type (string \"big\" where u32 was \
                 expected)",
                "thing record 4 is not a record (found a number)",
            ]
        );
        let in_group = BadRecord {
            group: Some("Web".into()),
            ..records.bad[0].clone()
        };
        assert_eq!(
            in_group.describe("server"),
            "server record 2 ('B') in group 'Web' has no id"
        );
    }

    #[test]
    fn a_list_inside_a_value_tree_decodes_the_same_as_from_text() {
        // Each record is cut out as raw text: a `Value` deserializer gives the same records.
        let body = r#"[{"id":"a","size":1},{"id":"b","size":"big"},{"id":"c","size":3}]"#;
        let from_text: Records<Thing> = serde_json::from_str(body).unwrap();
        let value: serde_json::Value = serde_json::from_str(body).unwrap();
        let from_value: Records<Thing> = serde_json::from_value(value).unwrap();
        assert_eq!(from_text, from_value);
        assert_eq!(from_text.items.len(), 2);
        assert_eq!(from_text.bad[0].id.as_deref(), Some("b"));
    }

    #[test]
    fn null_is_an_empty_list() {
        let records: Records<Thing> = serde_json::from_str("null").unwrap();
        assert_eq!(records, Records::default());
    }
}
