//! The config object of `mount(element, config)`: `{ mode, apiBase, locale }`, each optional,
//! meaning what the `data-` attribute of the same name means. serde reads it (serde-wasm-bindgen
//! in the page), and everything that can be wrong with it is a [`ConfigError`] raised inside the
//! deserialisation, so the sentence `mount` rejects with is written here and nowhere else.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};

use crate::config::{Mode, API_BASE_ATTRIBUTE, LOCALE_ATTRIBUTE, MODE_ATTRIBUTE};

/// The keys of the config object, each with the attribute that carries it on the element (the
/// attributes are what the app reads, in the first file and in the live tools after them).
pub const KEYS: [(&str, &str); 3] = [
    ("mode", MODE_ATTRIBUTE),
    ("apiBase", API_BASE_ATTRIBUTE),
    ("locale", LOCALE_ATTRIBUTE),
];

/// What a host script asked for. `None` where it said nothing (no key, `undefined` or `null`).
/// The API base and locale are checked by the app later, as when they come as attributes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HostConfig {
    pub mode: Option<Mode>,
    pub api_base: Option<String>,
    pub locale: Option<String>,
}

/// Why a config object cannot be used. The `Display` text is what `mount` rejects with (after
/// `offboard: `, as a `TypeError`).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("the config must be an object, such as {{ mode: \"demo\" }}")]
    NotAnObject,
    #[error("unknown config key \"{0}\" (the keys are mode, apiBase, locale)")]
    UnknownKey(String),
    #[error("config.{0} must be a string")]
    NotAString(&'static str),
    #[error("config.mode must be one of checklist, demo, connected")]
    UnknownMode,
}

impl HostConfig {
    /// The attributes that carry this config on the app's element, as `(name, value)`.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        [
            self.mode.map(|m| m.name().to_string()),
            self.api_base.clone(),
            self.locale.clone(),
        ]
        .into_iter()
        .zip(KEYS)
        .filter_map(|(value, (_, attribute))| Some((attribute, value?)))
        .collect()
    }
}

/// Reads any self-describing value (a JS value through serde-wasm-bindgen, JSON in native
/// tests): a map is read key by key, in its own order, and the first problem is the error;
/// anything else (a string, an array, `null`, a number) is [`ConfigError::NotAnObject`].
impl<'de> Deserialize<'de> for HostConfig {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let is_map = Cell::new(false);
        deserializer
            .deserialize_any(ConfigVisitor { is_map: &is_map })
            .map_err(|e| {
                if is_map.get() {
                    e
                } else {
                    de::Error::custom(ConfigError::NotAnObject)
                }
            })
    }
}

/// Reads the config's map, and notes that it got one (every other visit is serde's own error).
struct ConfigVisitor<'a> {
    is_map: &'a Cell<bool>,
}

impl<'de> Visitor<'de> for ConfigVisitor<'_> {
    type Value = HostConfig;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<HostConfig, A::Error> {
        self.is_map.set(true);
        let problem = |e: ConfigError| <A::Error as de::Error>::custom(e);
        let mut config = HostConfig::default();
        while let Some(key) = map
            .next_key::<String>()
            .map_err(|_| problem(ConfigError::NotAnObject))?
        {
            let Some(&(key, _)) = KEYS.iter().find(|(name, _)| *name == key) else {
                return Err(problem(ConfigError::UnknownKey(key)));
            };
            let value: Option<String> = map
                .next_value()
                .map_err(|_| problem(ConfigError::NotAString(key)))?;
            match key {
                "mode" => {
                    config.mode = value
                        .map(|name| {
                            Mode::parse(&name).ok_or_else(|| problem(ConfigError::UnknownMode))
                        })
                        .transpose()?
                }
                "apiBase" => config.api_base = value,
                _ => config.locale = value,
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::config::Config;

    fn read(value: serde_json::Value) -> Result<HostConfig, String> {
        HostConfig::deserialize(value).map_err(|e| e.to_string())
    }

    #[test]
    fn what_a_host_script_gets_wrong_is_named_in_the_words_mount_rejects_with() {
        let cases = [
            (
                json!("demo"),
                "the config must be an object, such as { mode: \"demo\" }",
            ),
            (
                json!(["demo"]),
                "the config must be an object, such as { mode: \"demo\" }",
            ),
            (
                json!(null),
                "the config must be an object, such as { mode: \"demo\" }",
            ),
            (
                json!(443),
                "the config must be an object, such as { mode: \"demo\" }",
            ),
            (
                json!({ "colour": "red" }),
                "unknown config key \"colour\" (the keys are mode, apiBase, locale)",
            ),
            (
                json!({ "mode": "everything" }),
                "config.mode must be one of checklist, demo, connected",
            ),
            (
                json!({ "mode": "" }),
                "config.mode must be one of checklist, demo, connected",
            ),
            (json!({ "apiBase": 443 }), "config.apiBase must be a string"),
            (json!({ "mode": true }), "config.mode must be a string"),
            (
                json!({ "locale": ["de-DE"] }),
                "config.locale must be a string",
            ),
        ];
        for (value, sentence) in cases {
            assert_eq!(read(value.clone()), Err(sentence.to_string()), "{value}");
        }
    }

    #[test]
    fn the_first_problem_in_the_objects_order_is_the_one_named() {
        assert_eq!(
            read(json!({ "apiBase": 1, "colour": "red" })),
            Err("config.apiBase must be a string".into())
        );
    }

    #[test]
    fn a_good_config_becomes_the_attributes_the_app_reads() {
        let host = read(
            json!({ "mode": " demo ", "apiBase": "https://proxy.example/clc", "locale": null }),
        )
        .unwrap();
        assert_eq!(
            host,
            HostConfig {
                mode: Some(Mode::Demo),
                api_base: Some("https://proxy.example/clc".into()),
                locale: None,
            }
        );
        let attributes = host.attributes();
        assert_eq!(
            attributes,
            [
                ("data-mode", "demo".to_string()),
                ("data-api-base", "https://proxy.example/clc".to_string()),
            ]
        );
        let (config, problems) = Config::from_attributes(|name| {
            attributes
                .iter()
                .find(|(attribute, _)| *attribute == name)
                .map(|(_, value)| value.clone())
        });
        assert_eq!(
            (config.mode, config.api_base.as_str()),
            (Mode::Demo, "https://proxy.example/clc")
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn an_empty_object_sets_nothing() {
        assert_eq!(read(json!({})), Ok(HostConfig::default()));
        assert!(HostConfig::default().attributes().is_empty());
    }

    #[test]
    fn the_unknown_mode_sentence_lists_every_mode() {
        let names: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
        assert!(ConfigError::UnknownMode
            .to_string()
            .ends_with(&names.join(", ")));
    }
}
