//! How a host page configures the app: `data-` attributes on the mount element (a host script's
//! config object is read by `host::config` and carried by the same attributes).

use serde::{Serialize, Serializer};

/// The default API base: the real CLC API v2.
pub const DEFAULT_API_BASE: &str = "https://api.ctl.io";

/// The attributes a host page configures the app with.
pub const MODE_ATTRIBUTE: &str = "data-mode";
pub const API_BASE_ATTRIBUTE: &str = "data-api-base";
pub const LOCALE_ATTRIBUTE: &str = "data-locale";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// No token, no network: the article's checklist.
    #[default]
    Checklist,
    /// The simulator compiled into the page.
    Demo,
    /// Real HTTP to `api_base` with the customer's token.
    Connected,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Checklist, Mode::Demo, Mode::Connected];

    /// The mode's name where a host page meets it: `data-mode`, `config.mode`, the events.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Checklist => "checklist",
            Mode::Demo => "demo",
            Mode::Connected => "connected",
        }
    }

    /// The mode a page load starts in. A mode the host page named (`data-mode`, `config.mode`)
    /// wins, the checklist included: the host decides what its page shows. Without one, a tab
    /// that kept its session ("Keep me connected") comes back connected, not in the offline
    /// checklist.
    pub fn on_load(configured: Mode, host_named: bool, session_kept: bool) -> Mode {
        match configured {
            Mode::Checklist if session_kept && !host_named => Mode::Connected,
            other => other,
        }
    }

    /// The mode a host page named, spaces around the name ignored.
    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL
            .into_iter()
            .find(|mode| mode.name() == name.trim())
    }
}

/// As its [`Mode::name`].
impl Serialize for Mode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub mode: Mode,
    /// The host page named `mode` (a valid `data-mode`); otherwise it is the default.
    pub mode_given: bool,
    /// Base URL of the CLC API (or a same-origin proxy), without a trailing slash.
    pub api_base: String,
    /// BCP 47 tag for dates and money; `None` follows the browser.
    pub locale: Option<String>,
    /// The host page chose `api_base` (otherwise the app may pick a better default).
    pub api_base_given: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mode: Mode::Checklist,
            mode_given: false,
            api_base: DEFAULT_API_BASE.to_string(),
            locale: None,
            api_base_given: false,
        }
    }
}

impl Config {
    /// Reads `data-mode`, `data-api-base` and `data-locale`. Unknown or empty values fall back to
    /// the defaults (a host page's typo must not break the checklist); `problems` says which.
    pub fn from_attributes(get: impl Fn(&str) -> Option<String>) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let mut problems = Vec::new();
        match get(MODE_ATTRIBUTE).as_deref().map(str::trim) {
            None | Some("") => {}
            Some(name) => match Mode::parse(name) {
                Some(mode) => {
                    config.mode = mode;
                    config.mode_given = true;
                }
                None => problems.push(format!("unknown data-mode \"{name}\"; using the checklist")),
            },
        }
        if let Some(base) =
            get(API_BASE_ATTRIBUTE).map(|b| b.trim().trim_end_matches('/').to_string())
        {
            let origin = get("location-origin");
            if base.starts_with("https://")
                || base.starts_with("http://127.0.0.1")
                || base.starts_with("http://localhost")
            {
                config.api_base = base;
                config.api_base_given = true;
            } else if let Some(path) = base.strip_prefix('/').filter(|p| !p.starts_with('/')) {
                // A same-origin proxy (`/clc`): the page's own origin plus that path, so the
                // sign-in form shows (and the client checks against) a whole address.
                config.api_base = match origin {
                    Some(origin) => format!("{}/{path}", origin.trim_end_matches('/')),
                    None => format!("/{path}"),
                };
                config.api_base_given = true;
            } else if base.starts_with("//") {
                problems.push(format!(
                    "data-api-base \"{base}\" names another host without a scheme; using {DEFAULT_API_BASE}"
                ));
            } else if !base.is_empty() {
                problems.push(format!(
                    "data-api-base \"{base}\" is not https (or local); using {DEFAULT_API_BASE}"
                ));
            }
        }
        if !config.api_base_given {
            if let Some(origin) = get("location-origin").filter(|o| is_loopback(o)) {
                // Served from this machine (`cargo xtask run`, a local proxy): the API is here too.
                config.api_base = origin;
            }
        }
        config.locale = get(LOCALE_ATTRIBUTE)
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty());
        (config, problems)
    }
}

/// `http://127.0.0.1:8080`, `http://localhost:3000`: a page served from this machine.
pub fn is_loopback(origin: &str) -> bool {
    let host = origin.split("://").nth(1).unwrap_or_default();
    let host = host.rsplit_once(':').map_or(host, |(h, _)| h);
    matches!(host, "127.0.0.1" | "localhost" | "[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (Config, Vec<String>) {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_attributes(|name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn a_tab_that_kept_its_session_comes_back_connected() {
        assert_eq!(Mode::on_load(Mode::Checklist, false, true), Mode::Connected);
        assert_eq!(
            Mode::on_load(Mode::Checklist, false, false),
            Mode::Checklist
        );
        // A host that asked for the demo, or connected mode, gets what it asked for.
        for mode in [Mode::Demo, Mode::Connected] {
            for kept in [true, false] {
                assert_eq!(Mode::on_load(mode, true, kept), mode);
            }
        }
    }

    #[test]
    fn a_host_that_named_the_checklist_gets_it_whatever_the_tab_kept() {
        let (c, _) = read(&[("data-mode", " checklist ")]);
        assert_eq!((c.mode, c.mode_given), (Mode::Checklist, true));
        assert_eq!(Mode::on_load(c.mode, c.mode_given, true), Mode::Checklist);
        // No data-mode, an empty one or a typo: not named, so a kept session comes back.
        for pairs in [&[][..], &[("data-mode", "")], &[("data-mode", "evil")]] {
            let (c, _) = read(pairs);
            assert!(!c.mode_given, "{pairs:?}");
            assert_eq!(Mode::on_load(c.mode, c.mode_given, true), Mode::Connected);
        }
    }

    #[test]
    fn attributes_select_mode_base_and_locale() {
        let (c, problems) = read(&[
            ("data-mode", "demo"),
            ("data-api-base", "https://proxy.example/clc/"),
            ("data-locale", "de-DE"),
        ]);
        assert_eq!(
            c,
            Config {
                mode: Mode::Demo,
                mode_given: true,
                api_base: "https://proxy.example/clc".into(),
                locale: Some("de-DE".into()),
                api_base_given: true,
            }
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn nothing_set_is_the_offline_checklist() {
        assert_eq!(read(&[]), (Config::default(), vec![]));
    }

    #[test]
    fn bad_values_fall_back_and_are_reported() {
        let (c, problems) = read(&[
            ("data-mode", "evil"),
            ("data-api-base", "http://api.example"),
        ]);
        assert_eq!(c, Config::default());
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn a_page_served_from_loopback_defaults_to_its_own_origin() {
        let c = read(&[("location-origin", "http://127.0.0.1:8080")]).0;
        assert_eq!(
            (c.api_base.as_str(), c.api_base_given),
            ("http://127.0.0.1:8080", false)
        );
        let c = read(&[("location-origin", "https://docs.example")]).0;
        assert_eq!(c.api_base, DEFAULT_API_BASE);
        let c = read(&[
            ("location-origin", "http://localhost:3000"),
            ("data-api-base", "https://api.ctl.io"),
        ])
        .0;
        assert_eq!(
            (c.api_base.as_str(), c.api_base_given),
            ("https://api.ctl.io", true)
        );
    }

    #[test]
    fn local_and_same_origin_bases_are_allowed() {
        assert_eq!(
            read(&[("data-api-base", "http://127.0.0.1:8080")])
                .0
                .api_base,
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            read(&[("data-api-base", "/clc-proxy")]).0.api_base,
            "/clc-proxy"
        );
    }

    #[test]
    fn a_proxy_path_becomes_an_address_on_the_pages_own_origin() {
        let (c, problems) = read(&[
            ("data-api-base", "/clc/"),
            ("location-origin", "https://docs.example"),
        ]);
        assert_eq!(
            (c.api_base.as_str(), c.api_base_given),
            ("https://docs.example/clc", true)
        );
        assert!(problems.is_empty());
    }

    #[test]
    fn a_scheme_relative_base_is_refused_not_sent_to_another_host() {
        let (c, problems) = read(&[
            ("data-api-base", "//evil.example/v2"),
            ("location-origin", "https://docs.example"),
        ]);
        assert_eq!(c.api_base, DEFAULT_API_BASE);
        assert!(problems[0].contains("another host"), "{problems:?}");
    }
}
