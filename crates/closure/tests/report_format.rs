//! The report's JSON is a document customers keep: a finished demo closure (both inventories in
//! it) is written byte for byte as this version wrote it (`fixtures/report_v2.json`, captured
//! before the inventories were written through a function pointer), so a change to how the report
//! is serialised cannot alter it; and the saved record reads back with its inventories.

mod support;
mod support_report;

use closure::report::{build, Report};

const FIXTURE: &str = include_str!("fixtures/report_v2.json");
/// A closure with a sub-account and hostile strings ([`support_report::hostile_closure`]),
/// written by the serialiser before the inventories' writer (commit 06cab12).
const HOSTILE_FIXTURE: &str = include_str!("fixtures/report_v2_hostile.json");

#[test]
fn a_saved_record_reads_back_with_its_inventories_and_writes_stably() {
    let report = Report::from_json(FIXTURE).expect("the saved record reads");
    let before = report.inventory_before.as_ref().expect("inventory before");
    let after = report.inventory_after.as_ref().expect("inventory after");
    assert!(!before.resources.is_empty() && !after.resources.is_empty());
    // Not compared with FIXTURE itself: serde_json's default float parser reads a few prices
    // one unit in the last place off (0.012580000000000001 comes back as 0.01258).
    let again = report.to_json().unwrap();
    assert_eq!(Report::from_json(&again).unwrap().to_json().unwrap(), again);
    let value = |t: &str| serde_json::from_str::<serde_json::Value>(t).unwrap();
    assert_eq!(
        value(&again)["inventoryBefore"]["resources"]
            .as_array()
            .map(Vec::len),
        value(FIXTURE)["inventoryBefore"]["resources"]
            .as_array()
            .map(Vec::len)
    );
}

#[test]
fn a_finished_closure_is_written_as_the_saved_record() {
    let (_, input) = support_report::finished_demo_closure();
    assert_eq!(build(&input).to_json().unwrap(), FIXTURE);
}

/// Writes the fixture anew, on purpose only (`cargo test -p closure --test report_format --
/// --ignored --exact write_the_saved_record`; a bare `--ignored` would rewrite both fixtures),
/// never in the normal run: the guard above cannot be silenced by the environment.
#[test]
#[ignore = "writes tests/fixtures/report_v2.json; run on purpose, by the version that defines the format"]
fn write_the_saved_record() {
    let (_, input) = support_report::finished_demo_closure();
    std::fs::write(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/report_v2.json"),
        build(&input).to_json().unwrap(),
    )
    .unwrap();
}

#[test]
fn hostile_names_and_a_sub_account_are_written_as_the_saved_record() {
    let json = build(&support_report::hostile_closure()).to_json().unwrap();
    assert_eq!(json, HOSTILE_FIXTURE);
}

#[test]
fn the_saved_hostile_record_reads_back_with_its_strings_intact() {
    use support_report::{HOSTILE, HOSTILE_SUB};
    let report = Report::from_json(HOSTILE_FIXTURE).expect("the saved record reads");
    assert_eq!(report.account.sub_accounts, [HOSTILE_SUB]);
    assert_eq!(report.account.alias, format!("DEMO {}", HOSTILE.concat()));
    let before = report.inventory_before.as_ref().expect("inventory before");
    assert!(before.resources.iter().any(|r| r.account == HOSTILE_SUB));
    for h in HOSTILE {
        assert!(
            before.resources.iter().any(|r| r.name.starts_with(h)),
            "{h:?}"
        );
        assert!(before.notes.iter().any(|n| n == h), "{h:?}");
    }
    // Nothing hostile reaches the text raw where JSON must escape it.
    for raw in ['\u{0}', '\u{1f}'] {
        assert!(!HOSTILE_FIXTURE.contains(raw));
    }
}

/// Writes the hostile fixture anew, on purpose only (see [`write_the_saved_record`]).
#[test]
#[ignore = "writes tests/fixtures/report_v2_hostile.json; run on purpose, by the version that defines the format"]
fn write_the_saved_hostile_record() {
    std::fs::write(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/report_v2_hostile.json"
        ),
        build(&support_report::hostile_closure()).to_json().unwrap(),
    )
    .unwrap();
}
