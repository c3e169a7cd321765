//! The closure record (`closure::report`), built from a finished demo closure on the in-process
//! simulator (scan, delete the servers by hand through `clc::Client`, try a system group, wait,
//! re-scan): every section is present, the counts equal the deletion records, the CSV has one
//! row per item with a section column, the JSON round-trips and is versioned, and neither the
//! bearer token nor any token/bearer field appears — a JWT-looking resource name is only data.
//! Also: a report from the offline checklist alone still has every section.

mod support;
mod support_report;

use closure::inventory::Keep;
use closure::report::csv::{COLUMNS, SECTIONS};
use closure::report::{build, DataMark, DeletionOutcome, ReadError, Report, ReportInput, VERSION};
use closure::{Checklist, ResourceKind as K};
use serde_json::Value;

use support::parse_csv;
use support_report::{finished_demo_closure, same_json, walk, FAKE_JWT};

#[test]
fn every_section_is_present_and_filled() {
    let (_, input) = finished_demo_closure();
    let report = build(&input);
    let json: Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "schema",
        "version",
        "generatedAt",
        "utcOffsetMinutes",
        "utcOffsets",
        "account",
        "checklist",
        "inventoryBefore",
        "inventoryAfter",
        "deletions",
        "exclusions",
        "manual",
        "dataRetrieval",
        "invoice",
        "cost",
    ];
    expected.sort();
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    assert_eq!(keys_sorted, expected);
    for key in expected {
        assert!(!json[key].is_null(), "{key} is empty in a finished closure");
    }
    assert_eq!(json["schema"], "offboard.report");
    assert_eq!(json["version"], VERSION);
    assert_eq!(report.account.alias, "DEMO");
    assert!(report.account.demo);
    assert_eq!(report.checklist.steps_done, [true; 4]);
    assert!(report.checklist.requested_at.is_some() && report.checklist.escalated_at.is_some());

    let kept: Vec<&Keep> = input
        .before
        .as_ref()
        .unwrap()
        .resources
        .iter()
        .filter_map(|r| r.keep.as_ref())
        .collect();
    assert_eq!(report.exclusions.len(), kept.len());
    assert!(report
        .exclusions
        .iter()
        .any(|e| e.why.contains("system group")));
    assert!(report
        .exclusions
        .iter()
        .any(|e| e.why.contains("client VPN")));
    assert_eq!(report.manual.len(), 4);
    assert_eq!(
        report
            .manual
            .iter()
            .filter(|m| m.done)
            .map(|m| m.key.as_str())
            .collect::<Vec<_>>(),
        ["object-storage"]
    );
    assert_eq!(report.data_retrieval.len(), input.data_marks.len());
    assert!(report
        .data_retrieval
        .iter()
        .any(|d| d.name == FAKE_JWT && d.mark == DataMark::Retrieved));

    let invoice = report.invoice.unwrap();
    assert!(invoice.from_request);
    assert_eq!(invoice.expected_from.to_string(), "2026-12-01");

    let start = report.cost.at_start.as_ref().unwrap();
    assert!(start.month_to_date().cents() > 0, "{start:?}");
    let end = report.cost.accruing_at_end.as_ref().unwrap();
    let before = closure::cost::accrual(input.before.as_ref().unwrap());
    assert!(
        end.billed_hourly < before.billed_hourly,
        "{end:?} vs {before:?}"
    );
}

#[test]
fn counts_equal_the_deletion_records() {
    let (_, input) = finished_demo_closure();
    let report = build(&input);
    let servers = input.before.as_ref().unwrap().count(K::Server);
    let counts = report.deletions.counts;
    assert_eq!(report.deletions.records, input.deletions);
    assert_eq!(counts.removed, servers, "every server was removed");
    assert_eq!(counts.failed, 1, "the system group was refused");
    assert_eq!(counts.remaining, 0);
    assert_eq!(
        counts.removed + counts.failed + counts.remaining,
        input.deletions.len()
    );
    let failed = report
        .deletions
        .records
        .iter()
        .find_map(|d| match &d.outcome {
            DeletionOutcome::Failed(reason) => Some(reason),
            _ => None,
        });
    assert!(failed.unwrap().contains("system group"), "{failed:?}");
    let after = input.after.as_ref().unwrap();
    assert_eq!(after.count(K::Server), 0);
}

#[test]
fn csv_has_one_row_per_item_with_its_section() {
    let (_, input) = finished_demo_closure();
    let report = build(&input);
    let records = parse_csv(&report.to_csv());
    assert_eq!(records[0], COLUMNS);
    let rows = &records[1..];
    let expected = input.before.as_ref().unwrap().resources.len()
        + input.after.as_ref().unwrap().resources.len()
        + report.deletions.records.len()
        + report.exclusions.len()
        + report.manual.len()
        + report.data_retrieval.len();
    assert_eq!(rows.len(), expected);
    assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
    for (section, count) in [
        ("deletion", report.deletions.records.len()),
        ("exclusion", report.exclusions.len()),
        ("manual", 4),
        ("data", report.data_retrieval.len()),
    ] {
        assert_eq!(
            rows.iter().filter(|r| r[0] == section).count(),
            count,
            "{section}"
        );
    }
    assert!(rows.iter().all(|r| SECTIONS.contains(&r[0].as_str())));
    let removed = rows
        .iter()
        .find(|r| r[0] == "deletion" && r[3] == FAKE_JWT)
        .expect("the JWT-looking name is a name cell");
    assert_eq!(removed[5], "removed");
    assert!(
        removed[7].ends_with('Z') && removed[8].ends_with('Z'),
        "{removed:?}"
    );
    assert!(!removed[9].is_empty(), "operation id");
}

#[test]
fn json_round_trips_and_other_documents_are_refused() {
    let (_, input) = finished_demo_closure();
    let report = build(&input);
    let json = report.to_json().unwrap();
    let back = Report::from_json(&json).unwrap();
    assert_eq!(back.deletions, report.deletions);
    assert_eq!(back.exclusions, report.exclusions);
    assert_eq!(back.data_retrieval, report.data_retrieval);
    let as_value = |r: &Report| serde_json::to_value(r).unwrap();
    assert!(same_json(&as_value(&back), &as_value(&report)), "{json}");
    let mut other: Value = serde_json::from_str(&json).unwrap();
    for version in [1, VERSION + 1] {
        other["version"] = version.into();
        assert_eq!(
            Report::from_json(&other.to_string()),
            Err(ReadError::OtherSchema {
                schema: "offboard.report".into(),
                version
            })
        );
    }
    other["version"] = VERSION.into();
    other["schema"] = "offboard.checklist".into();
    assert!(matches!(
        Report::from_json(&other.to_string()),
        Err(ReadError::OtherSchema { .. })
    ));
    assert!(matches!(
        Report::from_json("{}"),
        Err(ReadError::Unreadable(_))
    ));
}

#[test]
fn the_token_is_nowhere_and_a_jwt_looking_name_is_only_data() {
    let (h, input) = finished_demo_closure();
    assert!(h.token.len() > 20);
    let report = build(&input);
    let json = report.to_json().unwrap();
    let csv = report.to_csv();
    let text = report.summary().to_text();
    for (format, output) in [("json", &json), ("csv", &csv), ("summary", &text)] {
        assert!(!output.contains(&h.token), "{format} contains the token");
    }
    let value: Value = serde_json::from_str(&json).unwrap();
    let (mut keys, mut strings) = (Vec::new(), Vec::new());
    walk(&value, "", &mut keys, &mut strings);
    for key in &keys {
        let key = key.to_ascii_lowercase();
        assert!(
            !key.contains("token") && !key.contains("bearer"),
            "field {key}"
        );
    }
    let holders: Vec<&str> = strings
        .iter()
        .filter(|(_, s)| s.contains(FAKE_JWT))
        .map(|(k, _)| *k)
        .collect();
    assert!(!holders.is_empty());
    assert!(holders.iter().all(|k| *k == "name"), "{holders:?}");
}

#[test]
fn the_summary_is_plain_text_with_every_section() {
    let (_, input) = finished_demo_closure();
    let report = build(&input);
    let summary = report.summary();
    let headings: Vec<&str> = summary
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(
        headings,
        [
            "Account",
            "Checklist",
            "Deletions",
            "Failed deletions",
            "Kept in every closure",
            "After the deletions",
            "Manual items",
            "Data retrieval",
            "Cost",
            "Final invoice"
        ]
    );
    assert!(summary.sections.iter().all(|s| !s.lines.is_empty()));
    // The lists as long as the account (for the UI to page): one line per failed deletion step,
    // one per resource kept; the other sections are a few lines whatever the account's size.
    let listed: Vec<(&str, usize)> = summary
        .sections
        .iter()
        .filter(|s| s.listed)
        .map(|s| (s.heading.as_str(), s.lines.len()))
        .collect();
    assert_eq!(
        listed,
        [
            ("Failed deletions", 1),
            ("Kept in every closure", report.exclusions.len())
        ]
    );
    let text = summary.to_text();
    let servers = input.before.as_ref().unwrap().count(K::Server);
    assert!(
        text.contains(&format!(
            "Resources: {servers} removed, 1 failed, 0 not deleted."
        )),
        "{text}"
    );
    assert!(text.contains("Demo account: nothing real was deleted."));
    assert!(
        text.contains(
            "Final invoice expected from 1 December 2026, after the close of the November 2026 \
             billing month"
        ),
        "{text}"
    );
    assert!(text.contains("[done] Object Storage buckets"), "{text}");
}

#[test]
fn an_offline_checklist_alone_still_gives_every_section() {
    let report = report_of(Vec::new());
    let json: Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    assert_eq!(json.as_object().unwrap().len(), 15);
    assert!(json["inventoryBefore"].is_null() && json["cost"]["atStart"].is_null());
    assert_eq!(report.manual.len(), 4, "the manual items every account has");
    let invoice = report.invoice.unwrap();
    assert!(!invoice.from_request);
    assert_eq!(invoice.expected_from.to_string(), "2026-12-01");
    assert_eq!(parse_csv(&report.to_csv()).len(), 1 + 4);
    assert_eq!(
        Report::from_json(&report.to_json().unwrap()).unwrap(),
        report
    );
}

/// A report of `deletions` and nothing else (no scans, the checklist untouched).
fn report_of(deletions: Vec<closure::report::DeletionRecord>) -> Report {
    build(&ReportInput {
        alias: "ACME".into(),
        api_base: String::new(),
        demo: false,
        generated_at: 1_795_961_100_000,
        utc_offset_minutes: 0,
        utc_offsets: closure::LocalOffsets::default(),
        before: None,
        after: None,
        deletions,
        manual_marks: Default::default(),
        data_marks: Vec::new(),
        checklist: Checklist::default(),
    })
}

#[test]
fn nothing_failed_and_nothing_kept_are_sentences_not_lists() {
    let summary = report_of(Vec::new()).summary();
    assert!(
        summary
            .sections
            .iter()
            .all(|s| !s.heading.starts_with("Failed")),
        "{summary:?}"
    );
    let kept = summary
        .sections
        .iter()
        .find(|s| s.heading == "Kept in every closure")
        .unwrap();
    assert_eq!(kept.lines, ["Nothing kept on purpose."]);
    assert!(!kept.listed, "a sentence, not a list of resources to page");
}

#[test]
fn the_summary_counts_with_the_separator_and_a_failed_group_says_its_resources() {
    let group = closure::report::DeletionRecord {
        resource: closure::ResourceId::new(K::Group, "va1-web"),
        name: "Web".into(),
        data_center: Some("VA1".into()),
        requested_at: Some(1_000),
        operation_id: None,
        outcome: DeletionOutcome::Failed("the queue said failed".into()),
        finished_at: Some(2_000),
        resources: 2_000,
        account: String::new(),
    };
    let summary = report_of(vec![group]).summary();
    let text = summary.to_text();
    // One step failed, with 2,000 resources in it: both numbers true, each with its unit.
    assert!(
        text.contains("Resources: 0 removed, 2,000 failed, 0 not deleted."),
        "{text}"
    );
    let failed = summary
        .sections
        .iter()
        .find(|s| s.heading == "Failed deletions")
        .unwrap();
    assert_eq!(
        failed.lines,
        ["group Web (va1-web), 2,000 resources: the queue said failed"]
    );
    // The record heads the list in resources, as "Deletions" and the ledger count, and in steps,
    // as its lines are: never "(1)" beside "2,000 failed".
    assert_eq!(
        failed.counted_heading(),
        "Failed deletions: 2,000 resources, in 1 step"
    );
}

/// The record writes money as the inventory does: a rate as `$0.123/h` (its "Still accruing" and
/// the ledger's), an amount as `$12.34` and a credit as `-$1.23` (once "$0.1234 an hour" beside
/// the page's "$0.123/h", and a credit "$-1.23").
#[test]
fn the_record_writes_rates_and_amounts_as_the_screens_do() {
    let (_, mut input) = finished_demo_closure();
    // A month to date that is a credit: 1.23 dollars owed to the customer.
    let mut before = (**input.before.as_ref().expect("a scan before")).clone();
    for (i, billing) in before.group_billing.values_mut().enumerate() {
        billing.month_to_date = clc::Money::from_cents(if i == 0 { -123 } else { 0 });
    }
    for r in &mut before.resources {
        r.cost.month_to_date = None;
    }
    assert!(
        !before.group_billing.is_empty(),
        "no group billing to credit"
    );
    input.before = Some(std::rc::Rc::new(before));
    let report = build(&input);
    let accrual = report
        .cost
        .accruing_at_end
        .as_ref()
        .expect("a re-scan after");
    let cost = report.summary();
    let cost = &cost
        .sections
        .iter()
        .find(|s| s.heading == "Cost")
        .unwrap()
        .lines;
    let rate = closure::cost::per_hour;
    assert_eq!(
        cost[1],
        format!(
            "Still accruing at the end: {} ({} billed, {} list-price estimate).",
            rate(accrual.total_hourly()),
            rate(accrual.billed_hourly),
            rate(accrual.estimated_hourly)
        )
    );
    assert!(cost[1].contains("/h"), "{}", cost[1]);
    assert!(
        cost[0].starts_with("Month to date at the start: -$1.23 ("),
        "{}",
        cost[0]
    );
}

#[test]
fn a_list_of_deletion_steps_is_headed_in_resources_and_steps_as_the_ledger_heads_its_tables() {
    use closure::counts::in_steps;
    assert_eq!(in_steps("Removed", 12, 12), "Removed: 12 resources");
    assert_eq!(in_steps("Removed", 1, 1), "Removed: 1 resource");
    assert_eq!(
        in_steps("Every deletion", 2_000, 2_010),
        "Every deletion: 2,010 resources, in 2,000 steps"
    );
    // A listed section of one resource a line counts its lines, as before.
    let (_, input) = finished_demo_closure();
    let summary = build(&input).summary();
    let kept = summary
        .sections
        .iter()
        .find(|s| s.heading == "Kept in every closure")
        .unwrap();
    assert_eq!(
        kept.counted_heading(),
        format!("Kept in every closure ({})", kept.lines.len())
    );
}
