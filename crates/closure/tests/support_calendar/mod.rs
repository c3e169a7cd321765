//! The awkward instants the calendar tests run through, one row each: where, the local
//! wall-clock time, the zone's offset then, and what the customer must be told.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use closure::EpochMs;

/// One awkward instant: where, the local wall-clock time, the zone's offset then (minutes east).
pub struct Case {
    pub zone: &'static str,
    pub local: &'static str,
    pub offset: i32,
    /// The billing month (UTC) and the day the final invoice is expected from.
    pub billing: (i32, u32),
    pub expected_from: (i32, u32, u32),
    /// The local calendar is in another month than the billing calendar.
    pub differs: bool,
    /// The request time as the record, the e-mail and the calendar file say it.
    pub described: &'static str,
    /// The calendar file's confirmation reminder: one hour after the request, in UTC.
    pub reminder: &'static str,
}

pub const CASES: &[Case] = &[
    // New Year, where UTC and local agree (London in winter is UTC+0).
    Case {
        zone: "Europe/London",
        local: "2026-12-31T23:30",
        offset: 0,
        billing: (2026, 12),
        expected_from: (2027, 1, 1),
        differs: false,
        described: "2026-12-31 23:30 UTC",
        reminder: "20270101T003000Z",
    },
    Case {
        zone: "Europe/London",
        local: "2027-01-01T00:30",
        offset: 0,
        billing: (2027, 1),
        expected_from: (2027, 2, 1),
        differs: false,
        described: "2027-01-01 00:30 UTC",
        reminder: "20270101T013000Z",
    },
    // New Year's Eve in Los Angeles is already New Year's Day in UTC.
    Case {
        zone: "America/Los_Angeles",
        local: "2026-12-31T23:30",
        offset: -480,
        billing: (2027, 1),
        expected_from: (2027, 2, 1),
        differs: true,
        described: "2027-01-01 07:30 UTC (2026-12-31 23:30 at UTC-08:00)",
        reminder: "20270101T083000Z",
    },
    Case {
        zone: "America/Los_Angeles",
        local: "2027-01-01T00:30",
        offset: -480,
        billing: (2027, 1),
        expected_from: (2027, 2, 1),
        differs: false,
        described: "2027-01-01 08:30 UTC (2027-01-01 00:30 at UTC-08:00)",
        reminder: "20270101T093000Z",
    },
    // New Year's Day in Berlin starts while UTC is still in December.
    Case {
        zone: "Europe/Berlin",
        local: "2027-01-01T00:30",
        offset: 60,
        billing: (2026, 12),
        expected_from: (2027, 1, 1),
        differs: true,
        described: "2026-12-31 23:30 UTC (2027-01-01 00:30 at UTC+01:00)",
        reminder: "20270101T003000Z",
    },
    // Kiritimati (UTC+14) is in the new year for the last 14 hours of UTC's old one.
    Case {
        zone: "Pacific/Kiritimati",
        local: "2027-01-01T00:30",
        offset: 840,
        billing: (2026, 12),
        expected_from: (2027, 1, 1),
        differs: true,
        described: "2026-12-31 10:30 UTC (2027-01-01 00:30 at UTC+14:00)",
        reminder: "20261231T113000Z",
    },
    Case {
        zone: "Pacific/Kiritimati",
        local: "2026-12-31T23:30",
        offset: 840,
        billing: (2026, 12),
        expected_from: (2027, 1, 1),
        differs: false,
        described: "2026-12-31 09:30 UTC (2026-12-31 23:30 at UTC+14:00)",
        reminder: "20261231T103000Z",
    },
    // Pago Pago (UTC−11) is still in the old year for the first 11 hours of UTC's new one.
    Case {
        zone: "Pacific/Pago_Pago",
        local: "2026-12-31T23:30",
        offset: -660,
        billing: (2027, 1),
        expected_from: (2027, 2, 1),
        differs: true,
        described: "2027-01-01 10:30 UTC (2026-12-31 23:30 at UTC-11:00)",
        reminder: "20270101T113000Z",
    },
    // A leap year's end of February.
    Case {
        zone: "Europe/London",
        local: "2028-02-28T23:30",
        offset: 0,
        billing: (2028, 2),
        expected_from: (2028, 3, 1),
        differs: false,
        described: "2028-02-28 23:30 UTC",
        reminder: "20280229T003000Z",
    },
    Case {
        zone: "Europe/London",
        local: "2028-02-29T23:30",
        offset: 0,
        billing: (2028, 2),
        expected_from: (2028, 3, 1),
        differs: false,
        described: "2028-02-29 23:30 UTC",
        reminder: "20280301T003000Z",
    },
    Case {
        zone: "Pacific/Kiritimati",
        local: "2028-03-01T05:00",
        offset: 840,
        billing: (2028, 2),
        expected_from: (2028, 3, 1),
        differs: true,
        described: "2028-02-29 15:00 UTC (2028-03-01 05:00 at UTC+14:00)",
        reminder: "20280229T160000Z",
    },
    Case {
        zone: "Pacific/Pago_Pago",
        local: "2028-02-29T20:00",
        offset: -660,
        billing: (2028, 3),
        expected_from: (2028, 4, 1),
        differs: true,
        described: "2028-03-01 07:00 UTC (2028-02-29 20:00 at UTC-11:00)",
        reminder: "20280301T080000Z",
    },
    // Daylight saving starts: London at 01:00 GMT on 28 March 2027, Los Angeles at 02:00 PST
    // on 14 March 2027. Half an hour before, an hour after.
    Case {
        zone: "Europe/London",
        local: "2027-03-28T00:30",
        offset: 0,
        billing: (2027, 3),
        expected_from: (2027, 4, 1),
        differs: false,
        described: "2027-03-28 00:30 UTC",
        reminder: "20270328T013000Z",
    },
    Case {
        zone: "Europe/London",
        local: "2027-03-28T02:30",
        offset: 60,
        billing: (2027, 3),
        expected_from: (2027, 4, 1),
        differs: false,
        described: "2027-03-28 01:30 UTC (2027-03-28 02:30 at UTC+01:00)",
        reminder: "20270328T023000Z",
    },
    Case {
        zone: "America/Los_Angeles",
        local: "2027-03-14T01:30",
        offset: -480,
        billing: (2027, 3),
        expected_from: (2027, 4, 1),
        differs: false,
        described: "2027-03-14 09:30 UTC (2027-03-14 01:30 at UTC-08:00)",
        reminder: "20270314T103000Z",
    },
    // Daylight saving ends: 01:30 happens twice, an hour apart, and the offset tells them apart.
    Case {
        zone: "Europe/London",
        local: "2027-10-31T01:30",
        offset: 60,
        billing: (2027, 10),
        expected_from: (2027, 11, 1),
        differs: false,
        described: "2027-10-31 00:30 UTC (2027-10-31 01:30 at UTC+01:00)",
        reminder: "20271031T013000Z",
    },
    Case {
        zone: "Europe/London",
        local: "2027-10-31T01:30",
        offset: 0,
        billing: (2027, 10),
        expected_from: (2027, 11, 1),
        differs: false,
        described: "2027-10-31 01:30 UTC",
        reminder: "20271031T023000Z",
    },
    Case {
        zone: "America/Los_Angeles",
        local: "2027-11-07T01:30",
        offset: -420,
        billing: (2027, 11),
        expected_from: (2027, 12, 1),
        differs: false,
        described: "2027-11-07 08:30 UTC (2027-11-07 01:30 at UTC-07:00)",
        reminder: "20271107T093000Z",
    },
    Case {
        zone: "America/Los_Angeles",
        local: "2027-11-07T01:30",
        offset: -480,
        billing: (2027, 11),
        expected_from: (2027, 12, 1),
        differs: false,
        described: "2027-11-07 09:30 UTC (2027-11-07 01:30 at UTC-08:00)",
        reminder: "20271107T103000Z",
    },
    // October's last evening in Los Angeles is November in UTC.
    Case {
        zone: "America/Los_Angeles",
        local: "2027-10-31T23:30",
        offset: -420,
        billing: (2027, 11),
        expected_from: (2027, 12, 1),
        differs: true,
        described: "2027-11-01 06:30 UTC (2027-10-31 23:30 at UTC-07:00)",
        reminder: "20271101T073000Z",
    },
];

pub const HOUR: EpochMs = 3_600_000;

impl Case {
    /// The instant: the local wall-clock time less the offset.
    pub fn at(&self) -> EpochMs {
        let local = NaiveDateTime::parse_from_str(self.local, "%Y-%m-%dT%H:%M").expect("a time");
        local.and_utc().timestamp_millis() - EpochMs::from(self.offset) * 60_000
    }

    pub fn name(&self) -> String {
        format!("{} {} (UTC{:+})", self.zone, self.local, self.offset)
    }

    pub fn expected_from(&self) -> NaiveDate {
        let (y, m, d) = self.expected_from;
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }
}
