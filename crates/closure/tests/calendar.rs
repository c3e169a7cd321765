//! The awkward days, in every kind of zone: New Year's Eve and Day at 23:30 and 00:30 local,
//! 28 and 29 February of a leap year, both daylight-saving changes in Europe/London and
//! America/Los_Angeles, and the zones where UTC and the local calendar fall in different months
//! (Pacific/Kiritimati, UTC+14; Pacific/Pago_Pago, UTC−11). For each, one table row says what
//! the customer must be told: the billing month (UTC) and so the final invoice, whether the
//! page must say the local month differs, the request time as the customer saw it, and the two
//! reminders of the calendar file. Offsets are what the zone database gives at that instant;
//! the page asks the browser for them (`services::clock`), so pure code takes them as input.

mod support_calendar;

use chrono::NaiveDate;
use closure::escalation::{describe_time, mailto};
use closure::ics::{calendar, unfold, CalendarInput};
use closure::invoice::{final_invoice, BillingMonth};
use closure::report::{build, ReportInput};
use closure::{Action, Checklist, Commitment, EpochMs, LocalOffsets, Phase, StepId};

use support_calendar::{CASES, HOUR};

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
        manual_marks: Default::default(),
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
