//! Dates in the customer's language (or the host page's `data-locale`), through the browser's
//! Intl, so the app carries no locale tables of its own.

use chrono::{Datelike, NaiveDate};
use closure::invoice::BillingMonth;
use wasm_bindgen::JsValue;

/// A calendar date, e.g. "Tuesday 1 December 2026" in en-GB. Falls back to ISO on any failure.
pub fn long_date(date: NaiveDate, locale: Option<&str>) -> String {
    let parts = [
        ("weekday", "long"),
        ("year", "numeric"),
        ("month", "long"),
        ("day", "numeric"),
    ];
    format(date, &parts, locale).unwrap_or_else(|| date.to_string())
}

/// A calendar date without the weekday, e.g. "1 December 2026" in en-GB. Falls back to ISO.
pub fn date(date: NaiveDate, locale: Option<&str>) -> String {
    let parts = [("year", "numeric"), ("month", "long"), ("day", "numeric")];
    format(date, &parts, locale).unwrap_or_else(|| date.to_string())
}

/// A billing month, e.g. "December 2026" in en-GB. Falls back to English on any failure.
pub fn month_year(month: BillingMonth, locale: Option<&str>) -> String {
    let parts = [("year", "numeric"), ("month", "long")];
    format(month.first_day(), &parts, locale).unwrap_or_else(|| month.label())
}

fn format(date: NaiveDate, parts: &[(&str, &str)], locale: Option<&str>) -> Option<String> {
    let locales = js_sys::Array::new();
    if let Some(l) = locale {
        locales.push(&JsValue::from_str(l));
    }
    let options = js_sys::Object::new();
    for (k, v) in parts.iter().chain(&[("timeZone", "UTC")]) {
        js_sys::Reflect::set(&options, &(*k).into(), &(*v).into()).ok()?;
    }
    let formatter = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    // Noon UTC on that date, formatted in UTC: the same calendar day in every locale.
    let ms = js_sys::Date::utc(f64::from(date.year()), f64::from(date.month0()));
    let at = js_sys::Date::new(&JsValue::from_f64(
        ms + (f64::from(date.day()) - 1.0) * 86_400_000.0 + 43_200_000.0,
    ));
    formatter.format().call1(&formatter, &at).ok()?.as_string()
}
