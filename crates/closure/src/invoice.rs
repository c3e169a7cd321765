//! When the final invoice comes: after the close of the month in which the account is closed,
//! as the customer's own calendar sees it (a request at 23:30 UTC on the 31st is already next
//! month in Berlin).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};

use crate::EpochMs;

/// The month whose close the final invoice waits for, and the first day it can arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceExpectation {
    /// The last day of the closing month (28, 29, 30 or 31).
    pub month_closes: NaiveDate,
    /// The day after `month_closes`: the final invoice is expected from this day on.
    pub expected_from: NaiveDate,
}

/// `at` is the moment of reference (the closure request, or now before it), `utc_offset_minutes`
/// the customer's offset from UTC at that moment, east positive (JavaScript's
/// `getTimezoneOffset()` is the negation of this). Returns `None` only for times outside
/// chrono's range or offsets of a day or more.
pub fn final_invoice(at: EpochMs, utc_offset_minutes: i32) -> Option<InvoiceExpectation> {
    let offset = FixedOffset::east_opt(utc_offset_minutes.checked_mul(60)?)?;
    let local = DateTime::from_timestamp_millis(at)?
        .with_timezone(&offset)
        .date_naive();
    let first_of_month = NaiveDate::from_ymd_opt(local.year(), local.month(), 1)?;
    let expected_from = first_of_month.checked_add_months(chrono::Months::new(1))?;
    Some(InvoiceExpectation {
        month_closes: expected_from - Duration::days(1),
        expected_from,
    })
}

/// The local calendar date of `at` for a customer at `utc_offset_minutes`.
pub fn local_date(at: EpochMs, utc_offset_minutes: i32) -> Option<NaiveDate> {
    let offset = FixedOffset::east_opt(utc_offset_minutes.checked_mul(60)?)?;
    Some(
        DateTime::from_timestamp_millis(at)?
            .with_timezone(&offset)
            .date_naive(),
    )
}
