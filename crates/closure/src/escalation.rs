//! What the customer sends when the closure has not been confirmed within the hour: an e-mail
//! to the help desk that already carries the account alias and the request time, and the link to
//! open a separate ticket.

use chrono::{DateTime, FixedOffset};

use crate::{date_text, EpochMs};

pub const HELP_EMAIL: &str = "help@ctl.io";
pub const TICKET_URL: &str = "https://www.ctl.io/knowledge-base/support/using-the-help-desk-web-ui";

/// A `mailto:` link to the help desk. `alias` is what the customer typed: it is percent-encoded,
/// so any character is safe. The time is given in UTC and in the customer's offset.
pub fn mailto(alias: &str, requested_at: EpochMs, utc_offset_minutes: i32) -> String {
    mailto_with_sub_accounts(alias, &[], requested_at, utc_offset_minutes)
}

/// [`mailto`] for a parent closed with its sub-accounts: the body lists every sub-account
/// alias too, and asks whether they need their own closure request (the article does not say
/// how sub-accounts are closed). With no sub-accounts it is exactly [`mailto`].
pub fn mailto_with_sub_accounts(
    alias: &str,
    sub_accounts: &[String],
    requested_at: EpochMs,
    utc_offset_minutes: i32,
) -> String {
    let alias = alias.trim();
    let shown_alias = if alias.is_empty() {
        "(not given)"
    } else {
        alias
    };
    let when = describe_time(requested_at, utc_offset_minutes);
    let subject = format!("Account closure request not confirmed: {shown_alias}");
    let subs: Vec<&str> = sub_accounts
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .collect();
    let sub_lines = if subs.is_empty() {
        String::new()
    } else {
        format!(
            "Sub-accounts of this account, emptied with it, to be closed with it: {}\n\n\
             If they need their own closure request, please tell me how to make it.\n\n",
            subs.join(", ")
        )
    };
    let body = format!(
        "Hello,\n\nI requested the closure of my CenturyLink Cloud account through the \
         \"request to close\" link on the Account Profile/Info page, and I have not received a \
         confirmation within an hour.\n\nAccount alias: {shown_alias}\nRequested at: {when}\n\n\
         {sub_lines}Please confirm that the closure request was received.\n\nThank you."
    );
    format!(
        "mailto:{HELP_EMAIL}?subject={}&body={}",
        percent_encode(&subject),
        percent_encode(&body)
    )
}

/// `2026-11-29 14:05 UTC (2026-11-29 15:05 at UTC+01:00)`: in UTC, and where the customer is
/// when that is elsewhere. Every time the page and the record show is written this way.
pub fn describe_time(at: EpochMs, utc_offset_minutes: i32) -> String {
    described(at, utc_offset_minutes, false)
}

/// [`describe_time`] to the second, for times seconds apart (the record's table of deletions):
/// `2026-11-29 14:05:09 UTC (2026-11-29 15:05:09 at UTC+01:00)`.
pub fn describe_time_seconds(at: EpochMs, utc_offset_minutes: i32) -> String {
    described(at, utc_offset_minutes, true)
}

fn described(at: EpochMs, utc_offset_minutes: i32, seconds: bool) -> String {
    fn written<T: chrono::Datelike + chrono::Timelike>(at: &T, seconds: bool) -> String {
        if seconds {
            date_text::date_seconds(at)
        } else {
            date_text::date_minutes(at)
        }
    }
    let Some(utc) = DateTime::from_timestamp_millis(at) else {
        return "unknown time".to_string();
    };
    let utc_text = format!("{} UTC", written(&utc, seconds));
    match FixedOffset::east_opt(utc_offset_minutes.saturating_mul(60)) {
        Some(offset) if utc_offset_minutes != 0 => {
            let local = utc.with_timezone(&offset);
            format!(
                "{utc_text} ({} at UTC{})",
                written(&local, seconds),
                date_text::offset(&offset)
            )
        }
        _ => utc_text,
    }
}

/// RFC 3986 percent-encoding of everything but unreserved characters (what a mailto query needs;
/// spaces become %20, not `+`, which mail clients would show literally).
pub fn percent_encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        }
    }
    out
}
