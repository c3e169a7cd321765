//! The sub-account aliases the customer lists by hand (the v2 API cannot list them): what a
//! typed alias must look like before it is checked, what the page says when the check fails,
//! and the stored form of the list, kept per parent alias in the envelope `closure::stored`
//! writes (`{"schema":"offboard.subaccounts","version":1,"savedAt":…,"marks":["DEMS",…]}`).
//! Pure, so it is tested natively; `services::sub_accounts` keeps it in localStorage.

use closure::stored::{self, Decoded, Kind};
use closure::EpochMs;

/// An alias is a short code of letters and digits (`ACME`; the simulator's `L001`). The
/// reference has only seen 2 to 4 letters; a little more room costs nothing, since every alias
/// is read once before it is accepted.
const MIN_LEN: usize = 2;
const MAX_LEN: usize = 6;

/// Why a typed alias is not even checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AliasRefusal {
    Empty,
    Malformed(String),
    /// The account signed in to: it is read already.
    Parent(String),
    Duplicate(String),
}

impl AliasRefusal {
    pub fn message(&self) -> String {
        match self {
            AliasRefusal::Empty => "Type the sub-account's alias first.".into(),
            AliasRefusal::Malformed(typed) => format!(
                "\"{typed}\" is not an account alias: an alias is a short code of {MIN_LEN} to \
                 {MAX_LEN} letters or digits, such as ACME, as the Control Portal shows it."
            ),
            AliasRefusal::Parent(alias) => format!(
                "{alias} is the account you connect with: it is read anyway. List only its \
                 sub-accounts here."
            ),
            AliasRefusal::Duplicate(alias) => format!("{alias} is in the list already."),
        }
    }
}

/// Whether `alias` (already upper case) has the shape of an account alias.
pub fn well_formed(alias: &str) -> bool {
    (MIN_LEN..=MAX_LEN).contains(&alias.len()) && alias.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The alias as CLC writes it (trimmed, upper case), or why it cannot be added to `listed`
/// under the parent `parent` (empty when the parent is not known yet, before sign-in).
pub fn normalise(typed: &str, parent: &str, listed: &[String]) -> Result<String, AliasRefusal> {
    let trimmed = typed.trim();
    if trimmed.is_empty() {
        return Err(AliasRefusal::Empty);
    }
    let alias = trimmed.to_ascii_uppercase();
    if !well_formed(&alias) {
        return Err(AliasRefusal::Malformed(trimmed.to_string()));
    }
    if alias.eq_ignore_ascii_case(parent.trim()) {
        return Err(AliasRefusal::Parent(alias));
    }
    if listed.iter().any(|a| a.eq_ignore_ascii_case(&alias)) {
        return Err(AliasRefusal::Duplicate(alias));
    }
    Ok(alias)
}

/// What the page says when the one read that checks `alias` failed: it is not accepted.
pub fn check_failure(alias: &str, error: &clc::Error) -> String {
    match error {
        clc::Error::Forbidden | clc::Error::NotFound => format!(
            "This user cannot reach {alias}: CenturyLink Cloud refused to show it (it does not \
             exist, or it is not an account this user may see), so it was not added. Check the \
             alias in the Control Portal. To close {alias}, sign in as a user of {alias}, or ask \
             the administrator of its parent account to give your user access to it."
        ),
        clc::Error::TokenExpiredOrMissing => format!(
            "Your session has ended, so {alias} could not be checked and was not added. Connect \
             again, then add it."
        ),
        other => format!(
            "{alias} could not be checked, so it was not added. {}",
            other.user_message()
        ),
    }
}

/// What the page says when the account details CenturyLink Cloud gave for `alias` name a
/// parent other than `parent` (the account signed in to) and other than any of `listed` (a
/// sub-account's own sub-account is closed with it); `None` when they name one of those, or
/// name no parent at all (then only that this user can reach `alias` is known).
pub fn membership_refusal(
    alias: &str,
    parent: &str,
    listed: &[String],
    details: &clc::models::AccountDetails,
) -> Option<String> {
    let named = details.parent_alias.as_deref()?.trim().to_ascii_uppercase();
    let ours = std::iter::once(parent)
        .chain(listed.iter().map(String::as_str))
        .any(|a| a.trim().eq_ignore_ascii_case(&named));
    (!named.is_empty() && !ours).then(|| {
        let parent = parent.trim().to_ascii_uppercase();
        format!(
            "{alias} belongs to another parent account, {named}, not to {parent}, so it was not \
             added: this page closes only {parent} and its own sub-accounts. To close {alias}, \
             sign in as a user of {named} or of {alias}."
        )
    })
}

pub const KIND: Kind = Kind {
    schema: "offboard.subaccounts",
    version: 1,
    what: "sub-account aliases",
};

/// The stored form of one parent's list.
pub fn encode(aliases: &[String], saved_at: EpochMs) -> String {
    stored::encode(&KIND, &aliases, saved_at)
}

/// The list stored under the key; anything unreadable (including an entry that is not an
/// alias, or one listed twice) is set aside, never trimmed silently.
pub fn decode(raw: Option<&str>) -> Decoded<Vec<String>> {
    match stored::decode::<Vec<String>>(&KIND, raw) {
        Decoded::Loaded(aliases) => {
            let clean = aliases.iter().enumerate().all(|(i, a)| {
                well_formed(a)
                    && *a == a.to_ascii_uppercase()
                    && !aliases[..i].iter().any(|b| b == a)
            });
            if clean {
                Decoded::Loaded(aliases)
            } else {
                Decoded::SetAside {
                    raw: raw.unwrap_or_default().to_string(),
                    reason: format!("Your saved {} are incomplete.", KIND.what),
                }
            }
        }
        other => other,
    }
}

/// [`decode`] for the list saved under `parent`: the parent's own alias, should the stored list
/// hold it (an old or hand-edited list; the page never adds it), is dropped, as the scan skips
/// it: a connection's sub-accounts never name its parent.
pub fn decode_for(parent: &str, raw: Option<&str>) -> Decoded<Vec<String>> {
    match decode(raw) {
        Decoded::Loaded(mut aliases) => {
            aliases.retain(|a| !a.eq_ignore_ascii_case(parent.trim()));
            Decoded::Loaded(aliases)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: EpochMs = 1_796_000_000_000;

    fn list(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    fn details(parent: Option<&str>) -> clc::models::AccountDetails {
        clc::models::AccountDetails {
            account_alias: Some("DEMS".into()),
            parent_alias: parent.map(str::to_string),
        }
    }

    #[test]
    fn an_alias_whose_details_name_another_parent_is_refused() {
        let listed = list(&["DEMS"]);
        let refused = membership_refusal("OTHS", "DEMO", &listed, &details(Some("OTHR")));
        let message = refused.expect("another parent is refused");
        assert!(message.contains("OTHS belongs to another parent account, OTHR, not to DEMO"));
        assert!(message.contains("sign in as a user of OTHR or of OTHS"));
    }

    #[test]
    fn an_alias_under_the_parent_or_a_listed_sub_account_is_accepted() {
        let listed = list(&["DEMS"]);
        for parent in [Some("DEMO"), Some("demo"), Some("DEMS"), None, Some("")] {
            assert_eq!(
                membership_refusal("DEMX", "DEMO", &listed, &details(parent)),
                None,
                "{parent:?}"
            );
        }
    }

    #[test]
    fn a_typed_alias_is_trimmed_and_upper_cased() {
        assert_eq!(normalise("  dems ", "DEMO", &[]), Ok("DEMS".into()));
        assert_eq!(normalise("l001", "LRGE", &[]), Ok("L001".into()));
    }

    #[test]
    fn the_parent_a_duplicate_and_an_empty_field_are_refused_with_words() {
        let refused = normalise("demo", "DEMO", &[]).unwrap_err();
        assert_eq!(refused, AliasRefusal::Parent("DEMO".into()));
        assert!(
            refused.message().contains("the account you connect with"),
            "{}",
            refused.message()
        );
        let refused = normalise("Dems", "DEMO", &list(&["DEMS"])).unwrap_err();
        assert_eq!(refused, AliasRefusal::Duplicate("DEMS".into()));
        assert_eq!(refused.message(), "DEMS is in the list already.");
        assert_eq!(normalise("   ", "DEMO", &[]), Err(AliasRefusal::Empty));
        // Before sign-in the parent is not known: nothing is refused for it.
        assert_eq!(normalise("demo", "", &[]), Ok("DEMO".into()));
    }

    #[test]
    fn malformed_aliases_are_refused_with_what_an_alias_looks_like() {
        for typed in ["A", "TOOLONGX", "DE MS", "DE-S", "../x", "DÉMS", "dem%2f"] {
            let refused = normalise(typed, "DEMO", &[]).unwrap_err();
            assert_eq!(
                refused,
                AliasRefusal::Malformed(typed.trim().into()),
                "{typed}"
            );
            assert!(refused.message().contains("letters or digits"), "{typed}");
        }
    }

    #[test]
    fn a_refused_read_says_who_can_reach_the_alias() {
        for error in [clc::Error::Forbidden, clc::Error::NotFound] {
            let m = check_failure("DEMO", &error);
            assert!(m.starts_with("This user cannot reach DEMO"), "{m}");
            assert!(m.contains("sign in as a user of DEMO"), "{m}");
            assert!(m.contains("administrator of its parent account"), "{m}");
            assert!(m.contains("not added"), "{m}");
        }
    }

    #[test]
    fn other_failures_have_their_own_words_and_nothing_is_added() {
        let m = check_failure("DEMS", &clc::Error::TokenExpiredOrMissing);
        assert!(
            m.contains("session has ended") && m.contains("not added"),
            "{m}"
        );
        let m = check_failure("DEMS", &clc::Error::Network("offline".into()));
        assert!(
            m.contains("could not be reached") && m.contains("not added"),
            "{m}"
        );
        assert!(!m.contains("cannot reach DEMS"), "{m}");
        let server = clc::Error::Server {
            status: 503,
            message: "down".into(),
        };
        let m = check_failure("DEMS", &server);
        assert!(m.contains("error 503") && m.contains("not added"), "{m}");
    }

    #[test]
    fn the_stored_list_round_trips() {
        let aliases = list(&["DEMS", "L001"]);
        let raw = encode(&aliases, NOW);
        assert!(raw.contains("\"schema\":\"offboard.subaccounts\""), "{raw}");
        assert_eq!(decode(Some(&raw)), Decoded::Loaded(aliases));
        assert_eq!(decode(None), Decoded::Empty);
    }

    /// The scan skips the parent's alias in the sub-account list, so the live reducers must not
    /// wait for it either: a stored list that names the parent (an old or hand-edited one) loads
    /// without it, whatever its case.
    #[test]
    fn a_stored_list_naming_the_parent_loads_without_it() {
        let raw = encode(&list(&["DEMS", "DEMO", "L001"]), NOW);
        assert_eq!(
            decode_for("demo ", Some(&raw)),
            Decoded::Loaded(list(&["DEMS", "L001"]))
        );
        assert_eq!(
            decode_for("ACME", Some(&raw)),
            Decoded::Loaded(list(&["DEMS", "DEMO", "L001"]))
        );
        assert_eq!(decode_for("DEMO", None), Decoded::Empty);
    }

    #[test]
    fn an_unreadable_list_is_set_aside_with_its_text() {
        let damaged = "{\"schema\":\"offboard.subaccounts\",\"vers";
        let bad_entry = stored::encode(&KIND, &list(&["DEMS", "../X"]), NOW);
        let twice = stored::encode(&KIND, &list(&["DEMS", "DEMS"]), NOW);
        let lower = stored::encode(&KIND, &list(&["dems"]), NOW);
        let newer = encode(&[], NOW).replace("\"version\":1", "\"version\":2");
        for raw in [damaged, &bad_entry, &twice, &lower, &newer] {
            match decode(Some(raw)) {
                Decoded::SetAside { raw: kept, reason } => {
                    assert_eq!(kept, raw);
                    assert!(reason.contains("sub-account aliases"), "{reason}");
                }
                other => panic!("{raw}: {other:?}"),
            }
        }
    }
}
