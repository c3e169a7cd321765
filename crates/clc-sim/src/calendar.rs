//! Civil dates from epoch milliseconds (UTC), enough for ISO-8601 strings, month boundaries and
//! invoice months, without a date crate in the wasm page.

pub(crate) const HOUR_MS: u64 = 3_600_000;
pub(crate) const DAY_MS: u64 = 24 * HOUR_MS;

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2015-07-21T08:32:00Z`
pub(crate) fn iso(ms: u64) -> String {
    let days = (ms / DAY_MS) as i64;
    let (y, m, d) = civil_from_days(days);
    let secs = (ms % DAY_MS) / 1000;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// (year, month) of an instant.
pub(crate) fn year_month(ms: u64) -> (i64, u32) {
    let (y, m, _) = civil_from_days((ms / DAY_MS) as i64);
    (y, m)
}

/// The first instant of month `m` of year `y`; a month before 1970 (never simulated) reads as the
/// epoch.
pub(crate) fn month_start_ms(y: i64, m: u32) -> u64 {
    u64::try_from(days_from_civil(y, m, 1)).unwrap_or(0) * DAY_MS
}

pub(crate) fn next_month(y: i64, m: u32) -> (i64, u32) {
    if m == 12 {
        (y + 1, 1)
    } else {
        (y, m + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trip() {
        assert_eq!(iso(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso(1_437_467_520_000), "2015-07-21T08:32:00Z");
        let ms = month_start_ms(2024, 2);
        assert_eq!(iso(ms), "2024-02-01T00:00:00Z");
        assert_eq!(next_month(2024, 12), (2025, 1));
    }
}
