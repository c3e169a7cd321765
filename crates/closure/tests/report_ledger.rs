//! The executor's ledger → the report's deletion records (`report::deletions_from_ledger`), as a
//! table: which outcome each ledger list gives, which times and operation id are carried, what
//! falls back to the verification time, and that exclusions are not deletions.

mod support;
mod support_exec;

use closure::execute::{Ledger, LedgerLine};
use closure::inventory::ResourceKind;
use closure::plan::StepId;
use closure::report::{deletions_from_ledger, DeletionOutcome};

use support_exec::rid;

const VERIFIED: u64 = 9_000;

fn line(
    id: &str,
    step: bool,
    reason: Option<&str>,
    times: (Option<u64>, Option<u64>),
) -> LedgerLine {
    let resource = rid(ResourceKind::Server, id);
    LedgerLine {
        step: step.then(|| StepId::for_resource(&resource)),
        account: String::new(),
        resource,
        label: id.to_uppercase(),
        data_center: Some("VA1".into()),
        reason: reason.map(str::to_string),
        hourly: Some(0.1),
        bills: true,
        operation_id: times.0.map(|_| format!("va1-{id}")),
        sent_at_ms: times.0,
        finished_at_ms: times.1,
        resources: 1,
    }
}

#[test]
fn each_ledger_list_maps_to_its_outcome_with_its_times() {
    let ledger = Ledger {
        removed: vec![
            line("gone", true, None, (Some(100), Some(400))),
            line("seen-gone-at-the-end", true, None, (Some(100), None)),
            line("found-gone-unsent", true, None, (None, Some(300))),
        ],
        failed: vec![
            line(
                "refused",
                true,
                Some("It is protected."),
                (Some(200), Some(250)),
            ),
            line("no-reason", true, None, (Some(200), None)),
        ],
        remaining: vec![
            line(
                "under-way",
                true,
                Some("Still under way."),
                (Some(300), None),
            ),
            line(
                "not-run",
                true,
                Some("Not deleted: it waits."),
                (None, None),
            ),
            line("excluded", false, Some("A system group."), (None, None)),
        ],
        verified_at_ms: VERIFIED,
    };
    let records = deletions_from_ledger(&ledger);
    let v = VERIFIED as i64;
    // (resource, outcome, requested at, finished at)
    let expected: Vec<(&str, DeletionOutcome, Option<i64>, Option<i64>)> = vec![
        ("gone", DeletionOutcome::Removed, Some(100), Some(400)),
        (
            "seen-gone-at-the-end",
            DeletionOutcome::Removed,
            Some(100),
            Some(v),
        ),
        (
            "found-gone-unsent",
            DeletionOutcome::Removed,
            None,
            Some(300),
        ),
        (
            "refused",
            DeletionOutcome::Failed("It is protected.".into()),
            Some(200),
            Some(250),
        ),
        (
            "no-reason",
            DeletionOutcome::Failed("The deletion failed.".into()),
            Some(200),
            Some(v),
        ),
        (
            "under-way",
            DeletionOutcome::Remaining("Still under way.".into()),
            Some(300),
            None,
        ),
        (
            "not-run",
            DeletionOutcome::Remaining("Not deleted: it waits.".into()),
            None,
            None,
        ),
    ];
    assert_eq!(
        records.len(),
        expected.len(),
        "the exclusion is not a deletion"
    );
    for (record, (id, outcome, requested_at, finished_at)) in records.iter().zip(expected) {
        assert_eq!(record.resource.id, id);
        assert_eq!(record.name, id.to_uppercase(), "{id}");
        assert_eq!(record.data_center.as_deref(), Some("VA1"), "{id}");
        assert_eq!(record.outcome, outcome, "{id}");
        assert_eq!(record.requested_at, requested_at, "{id}");
        assert_eq!(record.finished_at, finished_at, "{id}");
        let operation = requested_at.map(|_| format!("va1-{id}"));
        assert_eq!(record.operation_id, operation, "{id}");
    }
}
