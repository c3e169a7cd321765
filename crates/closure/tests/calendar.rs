//! The awkward days, in every kind of zone: New Year's Eve and Day at 23:30 and 00:30 local,
//! 28 and 29 February of a leap year, both daylight-saving changes in Europe/London and
//! America/Los_Angeles, and the zones where UTC and the local calendar fall in different months
//! (Pacific/Kiritimati, UTC+14; Pacific/Pago_Pago, UTC−11). For each, one table row says what
//! the customer must be told: the billing month (UTC) and so the final invoice, whether the
//! page must say the local month differs, the request time as the customer saw it, and the two
//! reminders of the calendar file. Offsets are what the zone database gives at that instant;
//! the page asks the browser for them (`services::clock`), so pure code takes them as input.

use chrono::{NaiveDate, NaiveDateTime};
use closure::escalation::{describe_time, mailto};
use closure::ics::{calendar, unfold, CalendarInput};
use closure::invoice::{final_invoice, BillingMonth};
use closure::report::{build, ReportInput};
use closure::{Action, Checklist, Commitment, EpochMs, LocalOffsets, Phase, StepId};

/// One awkward instant: where, the local wall-clock time, the zone's offset then (minutes east).
struct Case {
    zone: &'static str,
    local: &'static str,
    offset: i32,
    /// The billing month (UTC) and the day the final invoice is expected from.
    billing: (i32, u32),
    expected_from: (i32, u32, u32),
    /// The local calendar is in another month than the billing calendar.
    differs: bool,
    /// The request time as the record, the e-mail and the calendar file say it.
    described: &'static str,
    /// The calendar file's confirmation reminder: one hour after the request, in UTC.
    reminder: &'static str,
}

const CASES: &[Case] = &[
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

const HOUR: EpochMs = 3_600_000;

impl Case {
    /// The instant: the local wall-clock time less the offset.
    fn at(&self) -> EpochMs {
        let local = NaiveDateTime::parse_from_str(self.local, "%Y-%m-%dT%H:%M").expect("a time");
        local.and_utc().timestamp_millis() - EpochMs::from(self.offset) * 60_000
    }

    fn name(&self) -> String {
        format!("{} {} (UTC{:+})", self.zone, self.local, self.offset)
    }

    fn expected_from(&self) -> NaiveDate {
        let (y, m, d) = self.expected_from;
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }
}

fn requested(at: EpochMs) -> Checklist {
    let mut c = Checklist::default()
        .apply(Action::AnswerCommitment(Commitment::NoCommitment))
        .unwrap();
    for step in &StepId::ALL[..3] {
        c = c.apply(Action::Tick(*step)).unwrap();
    }
    c.apply(Action::RecordRequest { at }).unwrap()
}

#[test]
fn the_final_invoice_follows_the_billing_month_and_says_when_the_local_month_differs() {
    for case in CASES {
        let e = final_invoice(case.at(), case.offset).expect("in range");
        let (year, month) = case.billing;
        assert_eq!(
            e.billing_month,
            BillingMonth { year, month },
            "{}",
            case.name()
        );
        assert_eq!(e.expected_from, case.expected_from(), "{}", case.name());
        assert_eq!(
            e.month_closes.succ_opt(),
            Some(e.expected_from),
            "{}",
            case.name()
        );
        assert_eq!(e.local_month_differs(), case.differs, "{}", case.name());
        assert_eq!(
            e.local_date.format("%Y-%m-%d").to_string(),
            case.local[..10],
            "{}",
            case.name()
        );
    }
}

#[test]
fn month_to_date_is_the_billing_month_of_the_instant() {
    // The live billing figures restart with the UTC month, whatever the local calendar says.
    for case in CASES {
        let (year, month) = case.billing;
        assert_eq!(
            BillingMonth::at(case.at()),
            Some(BillingMonth { year, month }),
            "{}",
            case.name()
        );
    }
    // And the invoice a scan reads as "last month" is the billing month before.
    let december = BillingMonth {
        year: 2026,
        month: 12,
    };
    assert_eq!(
        december.next(),
        BillingMonth {
            year: 2027,
            month: 1
        }
    );
    assert_eq!(december.next().previous(), december);
    assert_eq!(
        BillingMonth {
            year: 2028,
            month: 3
        }
        .previous()
        .last_day(),
        NaiveDate::from_ymd_opt(2028, 2, 29).unwrap()
    );
}

#[test]
fn the_request_time_is_told_as_the_customer_saw_it() {
    for case in CASES {
        assert_eq!(
            describe_time(case.at(), case.offset),
            case.described,
            "{}",
            case.name()
        );
        let link = mailto("ACME", case.at(), case.offset);
        let body = link.split("&body=").nth(1).unwrap();
        assert!(
            body.contains(&closure::escalation::percent_encode(case.described)),
            "{}: {link}",
            case.name()
        );
    }
}

#[test]
fn the_hour_is_sixty_minutes_of_real_time_even_when_the_clocks_change() {
    for case in CASES {
        let at = case.at();
        let c = requested(at);
        assert_eq!(
            c.phase(at),
            Phase::AwaitingConfirmation { remaining_ms: HOUR },
            "{}",
            case.name()
        );
        assert_eq!(
            c.phase(at + HOUR - 1_000),
            Phase::AwaitingConfirmation {
                remaining_ms: 1_000
            },
            "{}",
            case.name()
        );
        assert_eq!(
            c.phase(at + HOUR),
            Phase::Escalate { overdue_ms: 0 },
            "{}",
            case.name()
        );
    }
}

#[test]
fn the_calendar_file_reminds_an_hour_after_the_request_and_on_the_invoice_day() {
    for case in CASES {
        let ics = calendar(&CalendarInput {
            alias: "ACME",
            requested_at: case.at(),
            utc_offset_minutes: case.offset,
            generated_at: case.at() + 5_000,
        })
        .expect("in range");
        let text = unfold(&ics);
        assert!(
            text.contains(&format!("\r\nDTSTART:{}\r\n", case.reminder)),
            "{}: {text}",
            case.name()
        );
        let day = case.expected_from();
        assert!(
            text.contains(&format!(
                "\r\nDTSTART;VALUE=DATE:{}\r\n",
                day.format("%Y%m%d")
            )),
            "{}: {text}",
            case.name()
        );
        assert!(
            text.contains(&format!(
                "\r\nDTEND;VALUE=DATE:{}\r\n",
                day.succ_opt().unwrap().format("%Y%m%d")
            )),
            "{}",
            case.name()
        );
        assert!(
            text.contains(case.described),
            "{}: the description names the request time",
            case.name()
        );
    }
}

#[test]
fn the_record_tells_each_time_with_the_offset_it_had_and_the_invoice_from_the_request() {
    // Requested before the clocks went forward, the record made after: the request keeps the
    // offset it had (00:30 GMT, not "01:30 at UTC+01:00"), the report time has its own.
    let request = &CASES
        .iter()
        .find(|c| c.local == "2027-03-28T00:30")
        .unwrap();
    let at = request.at();
    let generated = at + 3 * HOUR;
    let input = ReportInput {
        alias: "ACME".into(),
        api_base: "none (offline checklist)".into(),
        demo: false,
        generated_at: generated,
        utc_offset_minutes: 60,
        utc_offsets: LocalOffsets::fixed([at], 0),
        before: None,
        after: None,
        deletions: Vec::new(),
        manual_done: Vec::new(),
        data_marks: Vec::new(),
        checklist: requested(at),
    };
    let text = build(&input).summary().to_text();
    assert!(
        text.contains("Closure requested: 2027-03-28 00:30 UTC."),
        "{text}"
    );
    assert!(
        text.contains("Report made 2027-03-28 03:30 UTC (2027-03-28 04:30 at UTC+01:00)."),
        "{text}"
    );
    assert!(
        text.contains("Final invoice expected from 1 April 2027, after the close of the March 2027 billing month"),
        "{text}"
    );

    // New Year's Eve in Los Angeles: the record names January, the billing month.
    let eve = CASES
        .iter()
        .find(|c| c.zone == "America/Los_Angeles" && c.local == "2026-12-31T23:30")
        .unwrap();
    let input = ReportInput {
        generated_at: eve.at() + HOUR,
        utc_offset_minutes: eve.offset,
        utc_offsets: LocalOffsets::fixed([eve.at()], eve.offset),
        checklist: requested(eve.at()),
        ..input
    };
    let report = build(&input);
    let invoice = report.invoice.expect("an invoice section");
    assert_eq!(
        invoice.billing_month,
        BillingMonth {
            year: 2027,
            month: 1
        }
    );
    assert_eq!(invoice.expected_from, eve.expected_from());
    assert!(report
        .summary()
        .to_text()
        .contains("Closure requested: 2027-01-01 07:30 UTC (2026-12-31 23:30 at UTC-08:00)."));
}
