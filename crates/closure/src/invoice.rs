//! When the final invoice comes: after the close of the billing month in which the account is
//! closed.
//!
//! CLC bills by calendar month, and its billing calendar is UTC: an invoice is dated
//! `YYYY-MM-01T00:00:00Z` (every one in the recorded traffic), the API states every time in
//! UTC, and the live month-to-date figures restart with the UTC month. That is an assumption
//! (no document says it in words), stated once in the UI and the README. So the closing month
//! is the UTC month of the request, and where the customer's own calendar is already in another
//! month (31 December 23:30 in Los Angeles is 1 January in UTC; 1 January 10:00 on Kiritimati is
//! still 31 December), [`InvoiceExpectation::local_month_differs`] tells the page to say which
//! month it means.

use chrono::{DateTime, Datelike, Duration, FixedOffset, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::EpochMs;

/// A calendar month of CLC's billing (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct BillingMonth {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl BillingMonth {
    /// The billing month `at` falls in. `None` only outside chrono's range.
    pub fn at(at: EpochMs) -> Option<BillingMonth> {
        let utc = DateTime::from_timestamp_millis(at)?.date_naive();
        Some(BillingMonth {
            year: utc.year(),
            month: utc.month(),
        })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a month is 1–12")
    }

    /// 28, 29, 30 or 31.
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    pub fn next(self) -> BillingMonth {
        let d = self.first_day() + Months::new(1);
        BillingMonth {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn previous(self) -> BillingMonth {
        let d = self.first_day() - Months::new(1);
        BillingMonth {
            year: d.year(),
            month: d.month(),
        }
    }

    /// `date` is a day of this month (a local date compared with the billing calendar).
    pub fn contains(self, date: NaiveDate) -> bool {
        (date.year(), date.month()) == (self.year, self.month)
    }

    /// `December 2026` (English; the page formats its own in the customer's language).
    pub fn label(self) -> String {
        crate::date_text::month_year(&self.first_day())
    }
}

/// The month whose close the final invoice waits for, and the first day it can arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InvoiceExpectation {
    /// The billing month (UTC) the moment of reference falls in.
    pub billing_month: BillingMonth,
    /// The last day of that month (28, 29, 30 or 31).
    pub month_closes: NaiveDate,
    /// The day after `month_closes`: the final invoice is expected from this day on.
    pub expected_from: NaiveDate,
    /// The customer's own date at the moment of reference.
    pub local_date: NaiveDate,
}

impl InvoiceExpectation {
    /// The customer's calendar is in another month than the billing calendar (UTC), so a page
    /// that says "this month" must say which one it means.
    pub fn local_month_differs(&self) -> bool {
        !self.billing_month.contains(self.local_date)
    }
}

/// `at` is the moment of reference (the closure request, or now before it), `utc_offset_minutes`
/// the customer's offset from UTC at that moment, east positive (JavaScript's
/// `getTimezoneOffset()` is the negation of this); it decides only `local_date`. Returns `None`
/// only for times outside chrono's range or offsets of a day or more.
pub fn final_invoice(at: EpochMs, utc_offset_minutes: i32) -> Option<InvoiceExpectation> {
    let billing_month = BillingMonth::at(at)?;
    let local_date = local_date(at, utc_offset_minutes)?;
    Some(InvoiceExpectation {
        billing_month,
        month_closes: billing_month.last_day(),
        expected_from: billing_month.next().first_day(),
        local_date,
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
