//! The typed alias that confirms the account, checked before the countdown may start.

/// The typed alias confirms the account: case-insensitive, exact otherwise (spaces around it
/// are forgiven, nothing else).
pub fn alias_matches(typed: &str, alias: &str) -> bool {
    let typed = typed.trim();
    !typed.is_empty() && typed.eq_ignore_ascii_case(alias.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alias_must_match_whatever_the_case() {
        for (typed, ok) in [
            ("DEMO", true),
            ("demo", true),
            (" Demo ", true),
            ("DEM", false),
            ("DEMO1", false),
            ("", false),
            ("D EMO", false),
        ] {
            assert_eq!(alias_matches(typed, "DEMO"), ok, "{typed:?}");
        }
    }
}
