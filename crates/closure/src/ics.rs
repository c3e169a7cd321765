//! The two reminders after a closure request as an iCalendar file (RFC 5545): check for the
//! confirmation one hour after the request, and check the final invoice when it is expected.
//!
//! Two `VEVENT`s, each with a display `VALARM`, rather than `VTODO`s: Google Calendar ignores
//! `VTODO` on import and Outlook and Apple Calendar file them away from the calendar as tasks,
//! while an event with an alarm appears at the right time everywhere. The alias is the only
//! customer-typed text; it is TEXT-escaped and stripped of control characters, so it cannot end
//! a line and start a property of its own, and the UID is a hash, not the alias.

use chrono::{DateTime, Duration, NaiveDate};

use crate::escalation::{describe_time, HELP_EMAIL, TICKET_URL};
use crate::invoice::final_invoice;
use crate::{date_text, EpochMs, CONFIRMATION_WINDOW_MS};

/// The product identifier written as `PRODID`.
pub const PRODID: &str = "-//offboard//CenturyLink Cloud account closure//EN";
/// A content line's longest physical length, in octets, without its CRLF.
pub const MAX_LINE_OCTETS: usize = 75;

/// What the calendar is built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarInput<'a> {
    /// The account alias as the customer typed it (may be empty; any text is safe).
    pub alias: &'a str,
    /// When the closure was requested.
    pub requested_at: EpochMs,
    /// The customer's offset from UTC at `requested_at`, east positive (for the request time as
    /// the customer saw it; the invoice month is the billing month, in UTC).
    pub utc_offset_minutes: i32,
    /// When the file is made (`DTSTAMP`).
    pub generated_at: EpochMs,
}

/// The whole `.ics` text: CRLF line endings, every line folded to at most
/// [`MAX_LINE_OCTETS`] octets. `None` only for times or offsets outside chrono's range.
pub fn calendar(input: &CalendarInput<'_>) -> Option<String> {
    let alias = input.alias.trim();
    let shown_alias = if alias.is_empty() {
        "(not given)"
    } else {
        alias
    };
    let uid = uid_stem(alias, input.requested_at);
    let stamp = format_utc(input.generated_at)?;
    let check_at = input.requested_at.checked_add(CONFIRMATION_WINDOW_MS)?;
    let invoice = final_invoice(input.requested_at, input.utc_offset_minutes)?;
    let requested = describe_time(input.requested_at, input.utc_offset_minutes);

    let confirm_text = format!(
        "You requested the closure of CenturyLink Cloud account {shown_alias} at {requested}.\n\
         If no one from the CenturyLink Cloud team has confirmed the closure, e-mail \
         {HELP_EMAIL} or submit a separate ticket ({TICKET_URL}) to verify that the closure \
         request was sent."
    );
    let invoice_text = format!(
        "The final invoice for CenturyLink Cloud account {shown_alias} comes after the close of \
         the {} billing month (a UTC calendar month). Check that it shows no new charges after \
         the closure; if it does, e-mail {HELP_EMAIL}.",
        invoice.billing_month.label()
    );

    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        format!("PRODID:{}", escape_text(PRODID)),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}-confirmation@offboard"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART:{}", format_utc(check_at)?),
        "DURATION:PT15M".into(),
        "SUMMARY:Check for the closure confirmation".into(),
        format!("DESCRIPTION:{}", escape_text(&confirm_text)),
        "TRANSP:TRANSPARENT".into(),
    ];
    lines.extend(alarm("-PT0M", "Check for the closure confirmation"));
    lines.extend([
        "END:VEVENT".to_string(),
        "BEGIN:VEVENT".into(),
        format!("UID:{uid}-final-invoice@offboard"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", format_date(invoice.expected_from)),
        format!(
            "DTEND;VALUE=DATE:{}",
            format_date(
                invoice
                    .expected_from
                    .checked_add_signed(Duration::days(1))?
            )
        ),
        "SUMMARY:Check the final invoice shows no new charges".into(),
        format!("DESCRIPTION:{}", escape_text(&invoice_text)),
        "TRANSP:TRANSPARENT".into(),
    ]);
    lines.extend(alarm(
        "PT9H",
        "Check the final invoice shows no new charges",
    ));
    lines.extend(["END:VEVENT".to_string(), "END:VCALENDAR".into()]);
    Some(lines.iter().map(|l| fold_line(l)).collect())
}

fn alarm(trigger: &str, summary: &str) -> [String; 5] {
    [
        "BEGIN:VALARM".into(),
        "ACTION:DISPLAY".into(),
        format!("TRIGGER:{trigger}"),
        format!("DESCRIPTION:{}", escape_text(summary)),
        "END:VALARM".into(),
    ]
}

/// A stable stem for UIDs: `closure-<request ms>-<FNV-1a of the upper-case alias>`. Same alias
/// and request time give the same UID, so re-importing updates instead of duplicating.
pub fn uid_stem(alias: &str, requested_at: EpochMs) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in alias.trim().to_ascii_uppercase().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("closure-{requested_at}-{hash:016x}")
}

/// RFC 5545 TEXT escaping: `\` `;` `,` are backslash-escaped, every line break (CRLF, CR or
/// LF) becomes `\n`, and other control characters (which TEXT does not allow) are dropped;
/// tab is kept.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded: physical lines of at most [`MAX_LINE_OCTETS`] octets, each
/// continuation starting with a space, never splitting a UTF-8 character; every physical line
/// ends with CRLF. `line` must not contain line breaks (escape it first).
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 60 * 3 + 2);
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return out;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
}

/// Undoes folding (CRLF followed by a space or tab is removed), as a calendar reader does.
pub fn unfold(text: &str) -> String {
    text.replace("\r\n ", "").replace("\r\n\t", "")
}

/// A UTC DATE-TIME value: `20261129T150500Z`.
pub fn format_utc(at: EpochMs) -> Option<String> {
    Some(date_text::compact_utc(&DateTime::from_timestamp_millis(
        at,
    )?))
}

/// A DATE value: `20261201`.
pub fn format_date(date: NaiveDate) -> String {
    date_text::compact_date(&date)
}
