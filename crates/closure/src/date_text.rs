//! Dates and times as text, in the few fixed forms the app writes (`20261201`, `2026-12-01 14:05`,
//! `1 December 2026`, `+05:30`). Each function writes exactly what chrono's `format` writes for
//! the strftime pattern it names, without chrono's strftime interpreter: that interpreter was
//! about 14 KB of the first load's wasm before wasm-opt, for nine fixed patterns. The one date
//! the app reads from text ([`iso_date_of`]) is read the same way, without chrono's parser
//! (about 10 KB of the live tools' wasm before wasm-opt).

use std::fmt::Write;

use chrono::{Datelike, FixedOffset, NaiveDate, Timelike};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `%Y`: four digits from year 0 to 9999, signed outside them (`+10000`, `-0001`), as chrono.
fn year(out: &mut String, year: i32) {
    let _ = if (0..=9999).contains(&year) {
        write!(out, "{year:04}")
    } else {
        write!(out, "{year:+05}")
    };
}

/// `%B`: the month's English name.
fn month_name(date: &impl Datelike) -> &'static str {
    MONTHS[date.month0() as usize % 12]
}

/// `%S`: a leap second (nanoseconds past 10^9) reads 60, as chrono writes it.
fn second(time: &impl Timelike) -> u32 {
    time.second() + time.nanosecond() / 1_000_000_000
}

/// `%Y%m%d`: `20261201`.
pub fn compact_date(date: &impl Datelike) -> String {
    let mut out = String::with_capacity(8);
    year(&mut out, date.year());
    let _ = write!(out, "{:02}{:02}", date.month(), date.day());
    out
}

/// `%Y-%m-%d`: `2026-12-01`.
pub fn iso_date(date: &impl Datelike) -> String {
    let mut out = String::with_capacity(10);
    year(&mut out, date.year());
    let _ = write!(out, "-{:02}-{:02}", date.month(), date.day());
    out
}

/// `%Y%m%dT%H%M%SZ`: `20261129T150500Z`.
pub fn compact_utc<T: Datelike + Timelike>(at: &T) -> String {
    let mut out = compact_date(at);
    let _ = write!(out, "T{:02}{:02}{:02}Z", at.hour(), at.minute(), second(at));
    out
}

/// `%Y-%m-%d %H:%M`: `2026-11-29 14:05`.
pub fn date_minutes<T: Datelike + Timelike>(at: &T) -> String {
    let mut out = iso_date(at);
    let _ = write!(out, " {:02}:{:02}", at.hour(), at.minute());
    out
}

/// `%Y-%m-%d %H:%M:%S`: `2026-11-29 14:05:09`.
pub fn date_seconds<T: Datelike + Timelike>(at: &T) -> String {
    let mut out = date_minutes(at);
    let _ = write!(out, ":{:02}", second(at));
    out
}

/// `%H:%M:%S`: `14:05:09`.
pub fn clock_seconds(at: &impl Timelike) -> String {
    format!("{:02}:{:02}:{:02}", at.hour(), at.minute(), second(at))
}

/// `%B %Y`: `December 2026`.
pub fn month_year(date: &impl Datelike) -> String {
    let mut out = format!("{} ", month_name(date));
    year(&mut out, date.year());
    out
}

/// `%-d %B %Y`: `1 December 2026`.
pub fn day_month_year(date: &impl Datelike) -> String {
    let mut out = format!("{} {} ", date.day(), month_name(date));
    year(&mut out, date.year());
    out
}

/// `%:z`: `+05:30`, `-09:30`, `+00:00`; seconds round to the nearest minute, as chrono.
pub fn offset(offset: &FixedOffset) -> String {
    let seconds = offset.local_minus_utc();
    let (sign, seconds) = if seconds < 0 {
        ('-', -seconds)
    } else {
        ('+', seconds)
    };
    let minutes = (seconds + 30) / 60;
    format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `YYYY-MM-DD`, as the API writes a date (`2026-12-01`, the start of `2026-12-01T00:00:00Z`):
/// the date chrono's `parse_from_str(text, "%Y-%m-%d")` reads from it, `None` when it is not
/// a real date. Stricter than chrono's parser: exactly four, two and two digits, no sign or space.
pub fn iso_date_of(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use super::*;

    fn dates() -> Vec<NaiveDate> {
        [
            (2026, 12, 1),
            (2026, 1, 31),
            (2028, 2, 29),
            (1970, 1, 1),
            (999, 7, 4),
            (0, 1, 1),
            (-1, 12, 31),
            (10_000, 3, 9),
        ]
        .into_iter()
        .map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).unwrap())
        .collect()
    }

    #[test]
    fn every_form_writes_what_chrono_writes_for_its_pattern() {
        for date in dates() {
            assert_eq!(compact_date(&date), date.format("%Y%m%d").to_string());
            assert_eq!(iso_date(&date), date.format("%Y-%m-%d").to_string());
            assert_eq!(month_year(&date), date.format("%B %Y").to_string());
            assert_eq!(day_month_year(&date), date.format("%-d %B %Y").to_string());
            for (h, m, s) in [(0, 0, 0), (9, 5, 7), (23, 59, 59)] {
                let at: DateTime<Utc> = Utc.from_utc_datetime(&date.and_hms_opt(h, m, s).unwrap());
                assert_eq!(compact_utc(&at), at.format("%Y%m%dT%H%M%SZ").to_string());
                assert_eq!(date_minutes(&at), at.format("%Y-%m-%d %H:%M").to_string());
                assert_eq!(
                    date_seconds(&at),
                    at.format("%Y-%m-%d %H:%M:%S").to_string()
                );
                assert_eq!(clock_seconds(&at), at.format("%H:%M:%S").to_string());
            }
        }
    }

    #[test]
    fn an_iso_date_reads_as_chrono_reads_it() {
        let chrono = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
        for text in [
            "2026-12-01",
            "2026-01-31",
            "2028-02-29",
            "0000-01-01",
            "9999-12-31",
            "2027-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-12-00",
            "2026/12/01",
            "2026-12-0x",
            "soon",
            "",
        ] {
            assert_eq!(iso_date_of(text), chrono(text), "{text}");
        }
        // chrono also reads a sign, a shorter year or month, spaces: the API writes none.
        for text in ["+2026-12-1", "999-12-01", "2026-1-01", " 2026-1-1"] {
            assert_eq!(iso_date_of(text), None, "{text}");
        }
    }

    #[test]
    fn an_offset_writes_what_chrono_writes_for_colon_z() {
        for seconds in [
            0, 3600, -3600, 19_800, -34_200, 50_400, -39_600, 45, -29, -31, 86_399, -86_399,
        ] {
            let zone = FixedOffset::east_opt(seconds).unwrap();
            let at = Utc
                .timestamp_millis_opt(1_796_000_000_000)
                .unwrap()
                .with_timezone(&zone);
            assert_eq!(offset(&zone), at.format("%:z").to_string(), "{seconds}");
        }
    }
}
