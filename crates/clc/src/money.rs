//! Amounts and instants as the API writes them: RDBS money as strings with a currency symbol
//! (`"$85.52"`), core billing as floats, RDBS/LBaaS/backup times as epoch milliseconds.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, Sub};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An amount of US dollars held as whole cents, so sums do not drift.
///
/// Decodes from `"$85.52"`, `"-$1.00"`, `"$1,234.5"`, `"85.52"` or a JSON number of dollars;
/// encodes as the `"$85.52"` string form.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money {
    cents: i64,
}

impl Money {
    pub const ZERO: Money = Money { cents: 0 };

    pub fn from_cents(cents: i64) -> Money {
        Money { cents }
    }

    /// Rounds a float dollar amount to the nearest cent (half away from zero).
    pub fn from_dollars(dollars: f64) -> Money {
        Money {
            cents: (dollars * 100.0).round() as i64,
        }
    }

    pub fn cents(self) -> i64 {
        self.cents
    }

    pub fn dollars(self) -> f64 {
        self.cents as f64 / 100.0
    }

    /// Parses the API's money strings; `None` for anything that is not an amount.
    pub fn parse(text: &str) -> Option<Money> {
        let mut s = text.trim();
        let mut negative = false;
        if let Some(rest) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            negative = true;
            s = rest.trim();
        }
        if let Some(rest) = s.strip_prefix('-') {
            negative = !negative;
            s = rest.trim_start();
        }
        s = s.strip_prefix("US").unwrap_or(s);
        s = s.strip_prefix('$').unwrap_or(s).trim_start();
        if let Some(rest) = s.strip_prefix('-') {
            negative = !negative;
            s = rest;
        }
        let (whole, frac) = match s.split_once('.') {
            Some((w, f)) => (w, f),
            None => (s, ""),
        };
        let whole: String = whole.chars().filter(|c| *c != ',').collect();
        if whole.is_empty() && frac.is_empty() {
            return None;
        }
        if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().ok()?
        };
        let frac_digits: Vec<u32> = frac.chars().filter_map(|c| c.to_digit(10)).collect();
        let mut cents = whole.checked_mul(100)?;
        cents += i64::from(*frac_digits.first().unwrap_or(&0)) * 10;
        cents += i64::from(*frac_digits.get(1).unwrap_or(&0));
        if frac_digits.get(2).is_some_and(|d| *d >= 5) {
            cents += 1;
        }
        Some(Money {
            cents: if negative { -cents } else { cents },
        })
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        write!(f, "{sign}${}.{:02}", abs / 100, abs % 100)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::from_cents(self.cents + rhs.cents)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::from_cents(self.cents - rhs.cents)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Money, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => Money::parse(&s)
                .ok_or_else(|| serde::de::Error::custom(format!("not a money amount: {s:?}"))),
            serde_json::Value::Number(n) => Ok(Money::from_dollars(n.as_f64().unwrap_or(0.0))),
            other => Err(serde::de::Error::custom(format!(
                "expected a money amount, found {other}"
            ))),
        }
    }
}
