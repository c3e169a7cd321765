//! The closure calendar (`closure::ics`, RFC 5545): TEXT escaping, folding at 75 octets that
//! never splits a UTF-8 character and unfolds back to the text, UTC and DATE formatting, CRLF
//! line endings, BEGIN/END nesting and the required properties, deterministic UIDs, and that
//! a hostile alias with line breaks cannot inject properties.

use chrono::NaiveDate;
use closure::ics::{
    calendar, escape_text, fold_line, format_date, format_utc, uid_stem, unfold, CalendarInput,
    MAX_LINE_OCTETS,
};

/// 2026-11-29 14:05:00 UTC.
const REQUESTED: i64 = 1_795_961_100_000;

fn input(alias: &str) -> CalendarInput<'_> {
    CalendarInput {
        alias,
        requested_at: REQUESTED,
        utc_offset_minutes: 60,
        generated_at: REQUESTED + 5_000,
    }
}

/// The unfolded content lines of a calendar.
fn content_lines(ics: &str) -> Vec<String> {
    unfold(ics)
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn text_is_escaped() {
    for (raw, escaped) in [
        ("plain", "plain"),
        ("a,b", "a\\,b"),
        ("a;b", "a\\;b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nline", "crlf\\nline"),
        ("cr\rline", "cr\\nline"),
        ("tab\tkept", "tab\tkept"),
        ("bell\u{7}gone", "bellgone"),
        ("\\n is not a newline", "\\\\n is not a newline"),
        ("Zürich; 東京, ok", "Zürich\\; 東京\\, ok"),
        ("", ""),
    ] {
        assert_eq!(escape_text(raw), escaped, "{raw:?}");
    }
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_characters() {
    let text = "Überprüfung der Schließung — 東京データセンター — ".repeat(12);
    let line = format!("DESCRIPTION:{}", escape_text(&text));
    let folded = fold_line(&line);
    assert!(folded.ends_with("\r\n"));
    let physical: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
    assert!(physical.len() > 5, "{physical:?}");
    for (i, l) in physical.iter().enumerate() {
        assert!(
            l.len() <= MAX_LINE_OCTETS,
            "line {i} has {} octets",
            l.len()
        );
        assert_eq!(i > 0, l.starts_with(' '), "line {i}: {l:?}");
    }
    // At least one line had to stop short of 75 octets to keep a character whole.
    assert!(physical.iter().any(|l| l.len() < MAX_LINE_OCTETS - 1));
    assert_eq!(unfold(&folded), format!("{line}\r\n"));
}

#[test]
fn short_lines_are_not_folded() {
    let exactly = "X".repeat(MAX_LINE_OCTETS);
    assert_eq!(fold_line(&exactly), format!("{exactly}\r\n"));
    let one_more = "X".repeat(MAX_LINE_OCTETS + 1);
    assert_eq!(
        fold_line(&one_more),
        format!("{exactly}\r\n X\r\n"),
        "the first physical line carries 75 octets, the next a space and the rest"
    );
}

#[test]
fn times_are_utc_and_dates_are_plain() {
    assert_eq!(format_utc(REQUESTED).unwrap(), "20261129T140500Z");
    assert_eq!(format_utc(0).unwrap(), "19700101T000000Z");
    assert_eq!(format_utc(i64::MAX), None);
    let date = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(format_date(date), "20261201");
}

#[test]
fn the_calendar_has_two_events_with_the_required_properties() {
    let ics = calendar(&input("DEMO")).unwrap();
    assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
    assert!(!ics.replace("\r\n", "").contains('\r'), "bare CR");
    for physical in ics.split("\r\n") {
        assert!(physical.len() <= MAX_LINE_OCTETS, "{physical:?}");
    }
    let lines = content_lines(&ics);
    // Nesting: every BEGIN is closed by its END, in order.
    let mut stack: Vec<&str> = Vec::new();
    let mut components = Vec::new();
    for line in &lines {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            stack.push(name);
            components.push(name.to_string());
        } else if let Some(name) = line.strip_prefix("END:") {
            assert_eq!(stack.pop(), Some(name), "END:{name}");
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(
        components,
        ["VCALENDAR", "VEVENT", "VALARM", "VEVENT", "VALARM"]
    );
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    for required in [
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "DTSTAMP:20261129T140505Z",
        // One hour after the request, in UTC.
        "DTSTART:20261129T150500Z",
        "SUMMARY:Check for the closure confirmation",
        // The first day of the month after the request, as an all-day DATE.
        "DTSTART;VALUE=DATE:20261201",
        "DTEND;VALUE=DATE:20261202",
        "SUMMARY:Check the final invoice shows no new charges",
    ] {
        assert!(lines.iter().any(|l| l == required), "missing {required}");
    }
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let uids: Vec<&String> = lines.iter().filter(|l| l.starts_with("UID:")).collect();
    assert_eq!(uids.len(), 2);
    assert!(uids.iter().all(|u| u.ends_with("@offboard")), "{uids:?}");
    assert_ne!(uids[0], uids[1]);
    let description = lines
        .iter()
        .find(|l| l.starts_with("DESCRIPTION:You requested"))
        .unwrap();
    assert!(description.contains("help@ctl.io"), "{description}");
    assert!(
        description
            .contains("https://www.ctl.io/knowledge-base/support/using-the-help-desk-web-ui"),
        "{description}"
    );
}

#[test]
fn the_invoice_date_follows_the_billing_month_not_the_customers_calendar() {
    // 23:30 UTC on 30 November is already 1 December in Berlin, but CLC's billing month is
    // still November: the invoice waits for the close of November (the local day is shown in
    // the description's request time).
    let late = CalendarInput {
        alias: "DEMO",
        requested_at: 1_796_081_400_000,
        utc_offset_minutes: 60,
        generated_at: REQUESTED,
    };
    assert_eq!(format_utc(late.requested_at).unwrap(), "20261130T233000Z");
    let lines = content_lines(&calendar(&late).unwrap());
    assert!(
        lines.iter().any(|l| l == "DTSTART;VALUE=DATE:20261201"),
        "{lines:?}"
    );
    assert!(
        unfold(&calendar(&late).unwrap()).contains("2026-12-01 00:30 at UTC+01:00"),
        "{lines:?}"
    );
}

#[test]
fn uids_are_deterministic_per_alias_and_request() {
    assert_eq!(uid_stem("demo", REQUESTED), uid_stem(" DEMO ", REQUESTED));
    assert_ne!(uid_stem("DEMO", REQUESTED), uid_stem("DEM0", REQUESTED));
    assert_ne!(uid_stem("DEMO", REQUESTED), uid_stem("DEMO", REQUESTED + 1));
    assert_eq!(calendar(&input("DEMO")), calendar(&input("DEMO")));
}

#[test]
fn a_hostile_alias_cannot_inject_properties() {
    let hostile = "EVIL\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:pwned\nATTACH:http://x\r;X=1,2";
    let ics = calendar(&input(hostile)).unwrap();
    assert!(
        !ics.replace("\r\n", "").contains(['\r', '\n']),
        "a bare line break"
    );
    let lines = content_lines(&ics);
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split([':', ';']).next().unwrap())
        .collect();
    assert!(!names.contains(&"ATTACH"), "{names:?}");
    assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 2);
    assert!(!lines.iter().any(|l| l == "SUMMARY:pwned"));
    // The alias is still there, as escaped text inside the descriptions.
    let description = lines
        .iter()
        .find(|l| l.starts_with("DESCRIPTION:You requested"))
        .unwrap();
    assert!(
        description.contains(
            "EVIL\\nEND:VEVENT\\nBEGIN:VEVENT\\nSUMMARY:pwned\\nATTACH:http://x\\n\\;X=1\\,2"
        ),
        "{description}"
    );
    // The UID is a hash, never the alias.
    assert!(lines
        .iter()
        .filter(|l| l.starts_with("UID:"))
        .all(|l| !l.contains("EVIL")));
}
