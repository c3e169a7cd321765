//! The escalation e-mail: right address, alias and request time present, and hostile input
//! encoded so it cannot add headers or recipients.

use closure::escalation::{
    describe_time, describe_time_seconds, mailto, mailto_with_sub_accounts, percent_encode,
};

const T: i64 = 1_764_424_800_000; // 2025-11-29 14:00 UTC

#[test]
fn mailto_carries_alias_and_time() {
    let link = mailto("ACME", T, 60);
    assert!(link.starts_with("mailto:help@ctl.io?subject="));
    assert!(link.contains("ACME"));
    assert!(link.contains(&percent_encode(
        "2025-11-29 14:00 UTC (2025-11-29 15:00 at UTC+01:00)"
    )));
}

#[test]
fn hostile_alias_cannot_inject() {
    let link = mailto("X&cc=evil@example.com\r\nBcc: a@b", T, 0);
    let query = link.split_once('?').unwrap().1;
    assert_eq!(
        query.matches('&').count(),
        1,
        "only subject and body: {query}"
    );
    assert!(!query.contains('\n') && !query.contains('\r') && !query.contains(' '));
    assert!(query.contains("X%26cc%3Devil%40example.com%0D%0ABcc%3A%20a%40b"));
}

#[test]
fn empty_alias_says_so() {
    assert!(mailto("  ", T, 0).contains(&percent_encode("(not given)")));
}

#[test]
fn times_are_described_in_utc_and_locally() {
    assert_eq!(describe_time(T, 0), "2025-11-29 14:00 UTC");
    assert_eq!(
        describe_time(T, -300),
        "2025-11-29 14:00 UTC (2025-11-29 09:00 at UTC-05:00)"
    );
    // To the second (the record's deletions), in the same two clocks.
    assert_eq!(
        describe_time_seconds(T + 9_000, 0),
        "2025-11-29 14:00:09 UTC"
    );
    assert_eq!(
        describe_time_seconds(T + 9_000, 330),
        "2025-11-29 14:00:09 UTC (2025-11-29 19:30:09 at UTC+05:30)"
    );
}

#[test]
fn the_email_lists_every_sub_account_and_asks_how_they_close() {
    let subs = vec!["DEMS".to_string(), "DEMX".to_string()];
    let link = mailto_with_sub_accounts("DEMO", &subs, T, 0);
    assert!(link.contains(&percent_encode("Account alias: DEMO")));
    assert!(link.contains(&percent_encode(
        "Sub-accounts of this account, emptied with it, to be closed with it: DEMS, DEMX"
    )));
    assert!(link.contains(&percent_encode("their own closure request")));
    // Without sub-accounts, the e-mail is the one it always was.
    assert_eq!(
        mailto_with_sub_accounts("DEMO", &[], T, 0),
        mailto("DEMO", T, 0)
    );
}

#[test]
fn percent_encoding_keeps_unreserved_characters_and_writes_every_other_byte_as_two_upper_case_hex_digits(
) {
    for (text, encoded) in [
        ("", ""),
        ("AZaz09-._~", "AZaz09-._~"),
        ("a b", "a%20b"),
        ("x+y&z=1?", "x%2By%26z%3D1%3F"),
        ("line\nnext", "line%0Anext"),
        ("/%", "%2F%25"),
        ("é", "%C3%A9"),
        ("\u{7f}\u{0}", "%7F%00"),
    ] {
        assert_eq!(percent_encode(text), encoded, "{text:?}");
    }
}
