//! Playwright's JSON report (`reporter: json`), read for the end-to-end layer's counts.

use serde::Deserialize;

/// The parts of the report the summary needs.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Report {
    pub stats: Stats,
}

/// How the run went: tests that passed as expected, failed, or passed only on a retry.
#[derive(Debug, Default, Deserialize, PartialEq, Eq)]
pub struct Stats {
    #[serde(default)]
    pub expected: u64,
    #[serde(default)]
    pub unexpected: u64,
    #[serde(default)]
    pub flaky: u64,
    #[serde(default)]
    pub skipped: u64,
}

impl Report {
    pub fn parse(json: &str) -> Result<Report, String> {
        serde_json::from_str(json).map_err(|e| format!("Playwright's report is unreadable: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::{Report, Stats};

    #[test]
    fn reads_the_stats_and_nothing_else() {
        let json = r#"{"config":{"x":{"expected":99}},"suites":[],"errors":[],
            "stats":{"startTime":"2026-12-05T10:00:00.000Z","duration":1.5,"expected":64,
            "skipped":0,"unexpected":1,"flaky":2}}"#;
        assert_eq!(
            Report::parse(json).unwrap().stats,
            Stats {
                expected: 64,
                unexpected: 1,
                flaky: 2,
                skipped: 0
            }
        );
        assert!(Report::parse("{not json").is_err());
    }
}
