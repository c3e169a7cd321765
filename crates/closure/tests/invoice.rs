//! The final-invoice date: month and year boundaries and leap years, in the billing calendar
//! (UTC months), whatever the customer's offset. The awkward local days are in `calendar.rs`.

use chrono::{NaiveDate, TimeZone, Utc};
use closure::invoice::{final_invoice, local_date};

fn ms(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .timestamp_millis()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn invoice_dates_table() {
    // (moment UTC, offset minutes east, month closes, expected from)
    let cases = [
        (
            ms(2026, 11, 29, 14, 0),
            0,
            date(2026, 11, 30),
            date(2026, 12, 1),
        ),
        (
            ms(2026, 12, 15, 9, 0),
            0,
            date(2026, 12, 31),
            date(2027, 1, 1),
        ),
        (
            ms(2024, 2, 10, 12, 0),
            0,
            date(2024, 2, 29),
            date(2024, 3, 1),
        ),
        (
            ms(2023, 2, 10, 12, 0),
            0,
            date(2023, 2, 28),
            date(2023, 3, 1),
        ),
        (
            ms(2100, 2, 10, 12, 0),
            0,
            date(2100, 2, 28),
            date(2100, 3, 1),
        ),
        (
            ms(2000, 2, 10, 12, 0),
            0,
            date(2000, 2, 29),
            date(2000, 3, 1),
        ),
        (
            ms(2026, 4, 30, 23, 59),
            0,
            date(2026, 4, 30),
            date(2026, 5, 1),
        ),
        // The customer's offset never moves the month: billing months are UTC months. 23:30 UTC
        // on 31 January is already 1 February in Berlin, and still January for CLC...
        (
            ms(2024, 1, 31, 23, 30),
            60,
            date(2024, 1, 31),
            date(2024, 2, 1),
        ),
        // ...and 02:00 UTC on 1 January is still 31 December in Los Angeles, but January here.
        (
            ms(2027, 1, 1, 2, 0),
            -480,
            date(2027, 1, 31),
            date(2027, 2, 1),
        ),
        // The far east edge of the world (UTC+14): 10:00 UTC on 31 December is 1 January there.
        (
            ms(2026, 12, 31, 10, 0),
            14 * 60,
            date(2026, 12, 31),
            date(2027, 1, 1),
        ),
    ];
    for (at, offset, closes, from) in cases {
        let got = final_invoice(at, offset).expect("in range");
        assert_eq!(
            (got.month_closes, got.expected_from),
            (closes, from),
            "at {at} offset {offset}"
        );
        assert_eq!(got.expected_from.pred_opt().unwrap(), got.month_closes);
    }
}

#[test]
fn local_date_follows_the_offset() {
    assert_eq!(
        local_date(ms(2026, 3, 1, 0, 30), -60),
        Some(date(2026, 2, 28))
    );
    assert_eq!(local_date(ms(2026, 3, 1, 0, 30), 0), Some(date(2026, 3, 1)));
}

#[test]
fn impossible_offsets_are_refused() {
    assert_eq!(final_invoice(0, 24 * 60), None);
    assert_eq!(final_invoice(0, i32::MAX), None);
}
