//! Intl-free formatting: money through `clc::Money`'s Display, rates as `$0.123/h`, counts with
//! thousands separators, ages in words, instants in the customer's time, export file names.

use closure::inventory::{Cost, CostBasis};

/// `$0.123/h`: the record and step 4's gate write rates the same way.
pub use closure::cost::per_hour as hourly;

/// `$1.234/h`, followed by ` + 3 unknown` when that many rates are not known.
pub fn hourly_with_unknown(dollars: f64, unknown: usize) -> String {
    let mut text = hourly(dollars);
    if unknown > 0 {
        text.push_str(&format!(" + {} unknown", count(unknown)));
    }
    text
}

/// A resource's rate with where it comes from; never `$0` for an unknown cost.
pub fn cost_rate(cost: &Cost) -> String {
    match (cost.basis, cost.hourly) {
        (CostBasis::Unknown, _) | (_, None) => "unknown".into(),
        (CostBasis::Free, _) => "free".into(),
        (CostBasis::IncludedInParent, _) => "included in parent".into(),
        (CostBasis::ListPriceEstimate, Some(h)) => format!("{} estimate", hourly(h)),
        (CostBasis::Billed, Some(h)) => hourly(h),
    }
}

/// `10,000`: the record's summary writes its counts the same way.
pub use closure::counts::grouped as count;
/// `Removed: 2,010 resources, in 2,000 steps`: a list of deletion steps headed in resources.
pub use closure::counts::in_steps;
/// `DEMS, DEMT`, or `None` past a handful: a sentence then counts them and points to the paged
/// list that names each.
pub use closure::counts::named;

/// `is` / `are`, `account` / `accounts`: the word that agrees with a count written apart.
pub use closure::counts::agreeing;
/// `1 server`, `2 servers`: counted as the record and step 4's gate count.
pub use closure::counts::plural;

/// "just now", "2 minutes ago", "3 hours ago", "2 days ago".
pub fn age(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (n, one, many) = match minutes {
        0 => return "just now".into(),
        1..=59 => (minutes, "minute", "minutes"),
        60..=1439 => (minutes / 60, "hour", "hours"),
        _ => (minutes / 1440, "day", "days"),
    };
    format!(
        "{} ago",
        plural(usize::try_from(n).unwrap_or(usize::MAX), one, many)
    )
}

/// `at` (epoch ms) in the customer's zone, `utc_offset_minutes` east of UTC as the page's clock
/// says it (`services::clock::utc_offset_minutes`); `None` outside chrono's range.
fn local(at: u64, utc_offset_minutes: i32) -> Option<chrono::DateTime<chrono::FixedOffset>> {
    let zone = chrono::FixedOffset::east_opt(utc_offset_minutes.saturating_mul(60))
        .unwrap_or(chrono::FixedOffset::east_opt(0).expect("UTC"));
    let at = chrono::DateTime::from_timestamp_millis(i64::try_from(at).ok()?)?;
    Some(at.with_timezone(&zone))
}

/// `at` as a time of day where the customer is ("14:02:10").
pub fn time_of_day(at: u64, utc_offset_minutes: i32) -> String {
    local(at, utc_offset_minutes)
        .map_or_else(String::new, |t| closure::date_text::clock_seconds(&t))
}

/// `at` as a date and time where the customer is ("2026-12-04 14:02:10").
pub fn date_and_time(at: u64, utc_offset_minutes: i32) -> String {
    local(at, utc_offset_minutes).map_or_else(String::new, |t| closure::date_text::date_seconds(&t))
}

/// `offboard-inventory-ALIAS-YYYYMMDD.ext`; the alias reduced to letters and digits so it can
/// never steer the path.
pub fn export_file_name(alias: &str, date: Option<chrono::NaiveDate>, ext: &str) -> String {
    let alias: String = alias
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_uppercase();
    let alias = if alias.is_empty() {
        "ACCOUNT".into()
    } else {
        alias
    };
    let date = date
        .map(|d| closure::date_text::compact_date(&d))
        .unwrap_or_default();
    format!("offboard-inventory-{alias}-{date}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_without_intl() {
        assert_eq!(hourly(0.1234), "$0.123/h");
        assert_eq!(count(10_000), "10,000");
        assert_eq!(count(999), "999");
        assert_eq!(hourly_with_unknown(0.15, 0), "$0.150/h");
        assert_eq!(hourly_with_unknown(0.15, 1_200), "$0.150/h + 1,200 unknown");
        assert_eq!(age(125_000), "2 minutes ago");
        assert_eq!(age(3_600_000), "1 hour ago");
        // Counted as every count on the page: with the separator (it once wrote "1200 days").
        assert_eq!(age(1_200 * 86_400_000), "1,200 days ago");
        assert_eq!(cost_rate(&Cost::unknown()), "unknown");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 11, 29);
        assert_eq!(
            export_file_name("ab/c1", date, "json"),
            "offboard-inventory-ABC1-20261129.json"
        );
    }

    #[test]
    fn instants_are_said_in_the_customers_zone() {
        // 2026-12-04 22:32:10 UTC: already the next day in India (UTC+5:30).
        let at = 1_796_423_530_000;
        assert_eq!(time_of_day(at, 0), "22:32:10");
        assert_eq!(time_of_day(at, -300), "17:32:10");
        assert_eq!(date_and_time(at, 0), "2026-12-04 22:32:10");
        assert_eq!(date_and_time(at, 330), "2026-12-05 04:02:10");
    }
}
