//! The record's lines per account, and each account's cost total:
//! - a sub-account that only the plan or the journal names (no reading of it was kept) still
//!   gets its line in the record;
//! - a cancelled reading marks only its own alias's total incomplete: the parent's total is
//!   complete when the parent's own reading finished;
//! - the deletions by account have their own section, in the place `Summary` documents.

use closure::cost::by_account;
use closure::inventory::{Inventory, ResourceId, ResourceKind, Unread};
use closure::report::summary::summarise;
use closure::report::{build, DeletionOutcome, DeletionRecord, ReportInput};
use closure::scan::Part;

fn record(account: &str, id: &str, outcome: DeletionOutcome) -> DeletionRecord {
    DeletionRecord {
        resource: ResourceId::new(ResourceKind::Server, id),
        name: id.to_ascii_uppercase(),
        data_center: Some("VA1".into()),
        requested_at: None,
        operation_id: None,
        outcome,
        finished_at: None,
        resources: 1,
        account: account.into(),
    }
}

fn input(before: Option<Inventory>, deletions: Vec<DeletionRecord>) -> ReportInput {
    ReportInput {
        alias: "DEMO".into(),
        api_base: "https://api.example".into(),
        demo: false,
        generated_at: 1_795_961_100_000,
        utc_offset_minutes: 0,
        utc_offsets: closure::LocalOffsets::default(),
        before: before.map(std::rc::Rc::new),
        after: None,
        deletions,
        manual_marks: Default::default(),
        data_marks: Vec::new(),
        checklist: Default::default(),
    }
}

#[test]
fn a_sub_account_only_the_journal_names_gets_its_line() {
    let kept = "The run was stopped before this was sent.".to_string();
    let deletions = vec![
        record("DEMS", "va1demsweb01", DeletionOutcome::Removed),
        record("DEMS", "va1demsweb02", DeletionOutcome::Remaining(kept)),
        record("DEMO", "va1demoweb01", DeletionOutcome::Removed),
    ];
    // The reading before covers the parent alone; no reading after was kept.
    for before in [Some(Inventory::empty("DEMO")), None] {
        let report = build(&input(before, deletions.clone()));
        assert_eq!(report.account.sub_accounts, ["DEMS"]);
        let text = summarise(&report).to_text();
        assert!(
            text.contains("Account DEMS: 1 removed, 0 failed, 1 not deleted."),
            "{text}"
        );
        assert!(
            text.contains("Account DEMO: 1 removed, 0 failed, 0 not deleted."),
            "{text}"
        );
        // One line per alias, the parent first, in a section the UI pages (an enterprise
        // parent's hundreds of sub-accounts would otherwise be a line each on the page).
        let summary = summarise(&report);
        let by_account = summary
            .sections
            .iter()
            .find(|s| s.heading == "Deletions by account")
            .expect("a section per account");
        assert!(by_account.listed);
        assert_eq!(by_account.lines.len(), 2);
        assert!(by_account.lines[0].starts_with("Account DEMO: "));
    }
}

#[test]
fn a_sub_account_read_and_journalled_is_listed_once() {
    let before = Inventory::merge(Inventory::empty("DEMO"), vec![Inventory::empty("DEMS")]);
    let deletions = vec![record("dems", "va1demsweb01", DeletionOutcome::Removed)];
    let report = build(&input(Some(before), deletions));
    assert_eq!(report.account.sub_accounts, ["DEMS"]);
}

fn cancelled(alias: &str) -> Inventory {
    Inventory {
        unread: vec![Unread {
            part: Part::AlertPolicies,
            data_center: None,
            kinds: Part::AlertPolicies.kinds().to_vec(),
            reason: "The scan was cancelled before this was read.".into(),
            account: String::new(),
        }],
        cancelled: true,
        ..Inventory::empty(alias)
    }
}

fn incomplete(inventory: &Inventory) -> Vec<(String, bool)> {
    by_account(inventory)
        .into_iter()
        .map(|a| (a.account, a.totals.incomplete))
        .collect()
}

#[test]
fn a_cancelled_sub_account_reading_leaves_the_parents_total_complete() {
    let merged = Inventory::merge(
        Inventory::empty("DEMO"),
        vec![cancelled("DEMS"), Inventory::empty("DEMT")],
    );
    assert!(
        !merged.is_complete(),
        "the whole inventory is still incomplete"
    );
    assert_eq!(
        incomplete(&merged),
        [
            ("DEMO".to_string(), false),
            ("DEMS".to_string(), true),
            ("DEMT".to_string(), false)
        ]
    );
    // Saved and read back, it says the same.
    let json = serde_json::to_string(&merged).unwrap();
    let back: Inventory = serde_json::from_str(&json).unwrap();
    assert_eq!(incomplete(&back), incomplete(&merged));
}

#[test]
fn a_cancelled_parent_reading_marks_the_parent_only() {
    let merged = Inventory::merge(cancelled("DEMO"), vec![Inventory::empty("DEMS")]);
    assert_eq!(
        incomplete(&merged),
        [("DEMO".to_string(), true), ("DEMS".to_string(), false)]
    );
}

#[test]
fn an_inventory_saved_before_per_alias_cancellation_counts_every_alias() {
    let merged = Inventory::merge(Inventory::empty("DEMO"), vec![cancelled("DEMS")]);
    let mut json: serde_json::Value = serde_json::to_value(&merged).unwrap();
    json.as_object_mut().unwrap().remove("cancelledAccounts");
    let old: Inventory = serde_json::from_value(json).unwrap();
    assert_eq!(
        incomplete(&old),
        [("DEMO".to_string(), true), ("DEMS".to_string(), true)]
    );
}

#[test]
fn the_deletions_by_account_come_where_the_summary_promises() {
    let deletions = vec![
        record("DEMS", "va1demsweb01", DeletionOutcome::Removed),
        record(
            "DEMS",
            "va1demsweb02",
            DeletionOutcome::Failed("The platform refused.".into()),
        ),
        record("DEMO", "va1demoweb01", DeletionOutcome::Removed),
    ];
    let report = build(&input(Some(Inventory::empty("DEMO")), deletions));
    let summary = summarise(&report);
    let headings: Vec<&str> = summary
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    // The order `Summary` documents: by account right after the deletions, before the failed
    // steps.
    assert_eq!(
        headings,
        [
            "Account",
            "Checklist",
            "Deletions",
            "Deletions by account",
            "Failed deletions",
            "Kept in every closure",
            "After the deletions",
            "Manual items",
            "Data retrieval",
            "Cost",
            "Final invoice",
        ]
    );
}

/// Past a handful of sub-accounts the record's account line counts them and points to
/// "Deletions by account", which names each a page at a time (60 aliases once made one sentence
/// of 60 names); a handful are still named.
#[test]
fn many_sub_accounts_are_counted_in_the_account_line_and_each_named_by_account() {
    let subs: Vec<String> = (0..60).map(|i| format!("S{i:03}")).collect();
    let deletions: Vec<DeletionRecord> = subs
        .iter()
        .map(|a| {
            record(
                a,
                &format!("va1{}web01", a.to_lowercase()),
                DeletionOutcome::Removed,
            )
        })
        .collect();
    let summary = summarise(&build(&input(None, deletions)));
    let account = &summary.sections[0].lines;
    let line = account
        .iter()
        .find(|l| l.starts_with("Sub-accounts read and emptied with it: "))
        .expect("the sub-accounts' line");
    assert!(
        line.starts_with(
            "Sub-accounts read and emptied with it: 60, each named under \u{201c}Deletions by \
             account\u{201d} below. "
        ),
        "{line}"
    );
    assert!(!line.contains("S059"), "{line}");
    let by_account = summary
        .sections
        .iter()
        .find(|s| s.heading == "Deletions by account")
        .expect("a section per account");
    assert_eq!(by_account.lines.len(), 61);
    assert!(subs.iter().all(|a| by_account
        .lines
        .iter()
        .any(|l| l.starts_with(&format!("Account {a}: ")))));
    // Five are still named.
    let five: Vec<DeletionRecord> = subs[..5]
        .iter()
        .map(|a| {
            record(
                a,
                &format!("va1{}web01", a.to_lowercase()),
                DeletionOutcome::Removed,
            )
        })
        .collect();
    let text = summarise(&build(&input(None, five))).to_text();
    assert!(
        text.contains("Sub-accounts read and emptied with it: S000, S001, S002, S003, S004."),
        "{text}"
    );
}
