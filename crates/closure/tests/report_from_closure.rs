//! The closure record built from a real closure: the `demo` account on the in-process simulator
//! is scanned, planned and emptied by the `Executor` (virtual clock, some request latency), then
//! re-scanned; the report's deletions come from the executor's own ledger (as stored in the
//! journal) through `report::deletions_from_ledger`. Checks: every section present; the login
//! token in none of JSON, CSV or summary; one deletion line per step the journal completed, with
//! counts in resources that
//! agree with the plan's and the ledger's; each line carries the operation id the simulator issued for that
//! delete (seen in the simulator's answer at the time the journal says it was sent) and times
//! within the run; the CSV says the same; the JSON round-trips.

mod support;
mod support_exec;
mod support_report;

use clc::Clock;
use clc_sim::{Scenario, DEFAULT_EPOCH_MS};
use closure::counts::{always_kept, PlanCounts, RunCounts};
use closure::inventory::ResourceKind as K;
use closure::journal::Confirmation;
use closure::manual_marks::{ManualMark, ManualMarks};
use closure::marks::{data_bearing, DataMarks, Mark};
use closure::report::csv::COLUMNS;
use closure::report::{
    build, data_mark_lines, deletions_from_ledger, DataMark, DataMarkInput, DeletionOutcome,
    Report, ReportInput,
};
use closure::{
    Executor, Inventory, Journal, Ledger, MemoryStore, RunOutcome, RunState, Scanner, StepStatus,
};
use serde_json::Value;

use support::{parse_csv, Harness};
use support_exec::{config, scanned_plan};
use support_report::requested_checklist;

const HOUR: i64 = 3_600_000;

/// A finished demo closure and what the report is made of.
struct Closure {
    h: Harness,
    started_at: i64,
    ended_at: i64,
    /// The journal, reopened from the store the executor wrote.
    state: RunState,
    ledger: Ledger,
    input: ReportInput,
}

fn rescan(h: &Harness) -> Inventory {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    std::rc::Rc::unwrap_or_clone(outcome.inventory)
}

fn finished_closure() -> Closure {
    let h = Harness::new(Scenario::Demo, 15);
    let (before, plan) = scanned_plan(&h);
    assert!(plan.steps.len() > 10, "{} steps", plan.steps.len());
    let store = MemoryStore::new();
    let started_at = h.clock.now_ms() as i64;
    let executor = Executor::start(&h.client, store.clone(), plan, config("tab-1")).unwrap();
    let outcome = h.clock.run(executor.run()).unwrap();
    let RunOutcome::Finished(ledger) = outcome else {
        panic!("not finished: {outcome:?}");
    };
    drop(executor);
    let ended_at = h.clock.now_ms() as i64;
    let journal = Journal::open(store).unwrap();
    assert!(journal.corrupt().is_empty());
    let state = journal.state().clone();
    assert_eq!(
        state.ledger.as_ref(),
        Some(&ledger),
        "the journal keeps the ledger"
    );

    let after = rescan(&h);
    let requested_at = ended_at + 60_000;
    let checklist = requested_checklist(requested_at);
    let data_marks = before
        .resources
        .iter()
        .filter(|r| matches!(r.id.kind, K::Server | K::RdbsSubscription))
        .map(|r| DataMarkInput {
            resource: r.id.clone(),
            mark: DataMark::Retrieved,
        })
        .collect();
    let input = ReportInput {
        alias: Scenario::Demo.alias().into(),
        api_base: support::BASE.into(),
        demo: true,
        generated_at: requested_at + HOUR,
        utc_offset_minutes: 0,
        utc_offsets: closure::LocalOffsets::default(),
        before: Some(before.into()),
        after: Some(after.into()),
        deletions: deletions_from_ledger(state.ledger.as_ref().unwrap()),
        manual_marks: {
            let mut marks = ManualMarks::default();
            marks.set("dns", Some(ManualMark::Done));
            marks.set("client-vpn", Some(ManualMark::NotApplicable));
            marks
        },
        data_marks,
        checklist,
    };
    Closure {
        h,
        started_at,
        ended_at,
        state,
        ledger,
        input,
    }
}

#[test]
fn every_section_is_present_and_the_token_is_absent() {
    let c = finished_closure();
    let report = build(&c.input);
    let json = report.to_json().unwrap();
    let value: Value = serde_json::from_str(&json).unwrap();
    let sections = value.as_object().unwrap();
    assert_eq!(sections.len(), 15, "{:?}", sections.keys());
    for (key, section) in sections {
        assert!(!section.is_null(), "{key} is empty in a finished closure");
    }
    for list in ["exclusions", "manual", "dataRetrieval"] {
        assert!(!value[list].as_array().unwrap().is_empty(), "{list}");
    }
    assert!(!report.deletions.records.is_empty());
    let csv = report.to_csv();
    let text = report.summary().to_text();
    assert!(c.h.token.len() > 20);
    for (format, output) in [("json", &json), ("csv", &csv), ("summary", &text)] {
        assert!(!output.contains(&c.h.token), "{format} contains the token");
    }
}

#[test]
fn deletion_lines_equal_the_journals_completed_steps_and_counts_are_in_resources() {
    let c = finished_closure();
    let report = build(&c.input);
    let plan = c.state.plan.as_ref().unwrap();
    let completed: Vec<_> = c
        .state
        .steps
        .iter()
        .filter(|(_, r)| r.status.is_terminal())
        .collect();
    assert_eq!(completed.len(), c.state.steps.len(), "the run finished");
    assert!(completed
        .iter()
        .all(|(_, r)| matches!(r.status, StepStatus::Succeeded { .. })));
    assert_eq!(report.deletions.records.len(), completed.len());
    // One unit everywhere: the plan's resources removed are the ledger's and the record's.
    let planned = PlanCounts::of(plan);
    let run = RunCounts::of_ledger(&c.ledger);
    let counts = report.deletions.counts;
    assert!(
        planned.removes > planned.steps,
        "a group step removes more than one resource"
    );
    assert_eq!(run.removed, planned.removes);
    assert_eq!(
        (counts.removed, counts.failed, counts.remaining),
        (run.removed, run.failed, run.remaining)
    );
    assert_eq!(counts.remaining, 0);
    // What the plan keeps is what the ledger keeps; what every closure keeps is the inventory's
    // list and the record's.
    assert_eq!(run.kept, planned.kept);
    let before = c.input.before.as_ref().unwrap();
    assert_eq!(planned.always_kept, always_kept(before));
    assert_eq!(report.exclusions.len(), planned.always_kept);
    // One line per step: each step's resource once.
    let mut resources: Vec<_> = report
        .deletions
        .records
        .iter()
        .map(|d| &d.resource)
        .collect();
    resources.sort();
    resources.dedup();
    assert_eq!(resources.len(), completed.len());
}

#[test]
fn every_deletion_has_the_operation_id_the_simulator_issued_and_times_within_the_run() {
    let c = finished_closure();
    let report = build(&c.input);
    let plan = c.state.plan.as_ref().unwrap();
    let answers = c.h.traffic.borrow().destructive_answers.clone();
    let mut synchronous = 0;
    for record in &report.deletions.records {
        let what = format!("{} {}", record.resource.kind.label(), record.resource.id);
        let step = plan
            .steps
            .iter()
            .find(|s| s.resource == record.resource)
            .unwrap_or_else(|| panic!("{what}: not a planned step"));
        let journal = &c.state.steps[&step.id];
        assert_eq!(record.outcome, DeletionOutcome::Removed, "{what}");
        if step.under_way && journal.sends == 0 {
            // A delete requested before the run (the demo's queued one): followed until gone,
            // never sent, so no request time and no operation of this run.
            assert_eq!(
                (record.requested_at, &record.operation_id),
                (None, &None),
                "{what}"
            );
            continue;
        }
        let (sent, finished) = (record.requested_at.unwrap(), record.finished_at.unwrap());
        assert!(
            c.started_at <= sent && sent <= finished && finished <= c.ended_at,
            "{what}: sent {sent}, finished {finished}, run {}..{}",
            c.started_at,
            c.ended_at
        );
        assert_eq!(journal.sent_at_ms, Some(sent as u64), "{what}");
        assert_eq!(journal.finished_at_ms, Some(finished as u64), "{what}");
        assert_eq!(record.operation_id, journal.operation_id, "{what}");
        // The simulator's answer to this resource's delete (its path names the resource).
        let id_lower = record.resource.id.to_ascii_lowercase();
        let answer: Vec<_> = answers
            .iter()
            .filter(|(_, path, _, _)| path.to_ascii_lowercase().contains(&id_lower))
            .collect();
        let [(at, path, status, body)] = answer[..] else {
            panic!("{what}: not exactly one delete answer: {answer:?}");
        };
        let at = (at + DEFAULT_EPOCH_MS) as i64;
        assert!(
            (200..300).contains(status),
            "{what}: {path} answered {status}"
        );
        assert!(sent <= at && at <= finished, "{what}: answered at {at}");
        match &record.operation_id {
            Some(id) => {
                assert!(!id.trim().is_empty(), "{what}");
                assert!(
                    body.contains(&format!("\"{id}\"")),
                    "{what}: {id} is not in the simulator's answer {body}"
                );
                assert_eq!(at, sent, "{what}: sent as soon as recorded");
            }
            None => {
                // Done synchronously (204, or 200 with the deleted item): the API issued no
                // operation, so there is none to show; a re-read confirmed it.
                assert!(
                    !body.contains("/operations/") && !body.starts_with('"'),
                    "{what}: the answer had an operation: {body}"
                );
                assert_eq!(
                    journal.status,
                    StepStatus::Succeeded {
                        how: Confirmation::Confirmed
                    },
                    "{what}"
                );
                synchronous += 1;
            }
        }
    }
    let sent = |d: &&closure::report::DeletionRecord| d.requested_at.is_some();
    let with_id = report.deletions.records.iter().filter(sent).count() - synchronous;
    assert!(
        with_id >= 5 && synchronous >= 5,
        "{with_id} with an operation id, {synchronous} synchronous"
    );
    // Queue jobs (servers, groups) and VPN jobs this run sent always have one.
    let queued = report.deletions.records.iter().filter(sent).filter(|d| {
        matches!(
            d.resource.kind,
            K::Server | K::Template | K::ArchivedServer | K::Group | K::SiteToSiteVpn
        )
    });
    for record in queued {
        assert!(record.operation_id.is_some(), "{}", record.resource.id);
    }
}

#[test]
fn the_csv_says_the_same_and_the_json_round_trips() {
    let c = finished_closure();
    let report = build(&c.input);
    let csv = report.to_csv();
    let rows = parse_csv(&csv);
    let column = |name: &str| COLUMNS.iter().position(|c| *c == name).unwrap();
    let deletions: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "deletion").collect();
    assert_eq!(deletions.len(), report.deletions.records.len());
    for (row, record) in deletions.iter().zip(&report.deletions.records) {
        assert_eq!(row[column("id")], record.resource.id);
        assert_eq!(row[column("status")], "removed");
        assert_eq!(
            row[column("operation_id")],
            record.operation_id.as_deref().unwrap_or_default()
        );
        // Empty only for a removal the run followed without sending anything.
        assert_eq!(
            row[column("requested_at")].ends_with('Z'),
            record.requested_at.is_some(),
            "{row:?}"
        );
        assert!(row[column("finished_at")].ends_with('Z'), "{row:?}");
    }
    let back = Report::from_json(&report.to_json().unwrap()).unwrap();
    assert_eq!(back.deletions, report.deletions);
    assert_eq!(back.exclusions, report.exclusions);
    assert_eq!(back.manual, report.manual);
}

#[test]
fn step_2_marks_outlive_the_resources_the_run_deleted() {
    let c = finished_closure();
    let (before, after) = (c.input.before.as_deref(), c.input.after.as_deref());
    let mut marks = DataMarks::default();
    let data: Vec<_> = data_bearing(before.unwrap()).collect();
    for r in &data {
        marks.set(&r.id, Mark::NotNeeded);
    }
    assert!(data.len() > 5, "{} data-bearing resources", data.len());
    assert_eq!(
        data_bearing(after.unwrap()).count(),
        0,
        "the run deleted them"
    );
    let lines = data_mark_lines(before, after, &marks);
    assert_eq!(lines.len(), data.len());
    assert!(lines.iter().all(|l| l.mark == DataMark::NotNeeded));
    let report = build(&ReportInput {
        data_marks: lines,
        ..c.input.clone()
    });
    let text = report.summary().to_text();
    assert!(
        text.contains(&format!(
            "0 retrieved, {} not needed, 0 unmarked.",
            data.len()
        )),
        "{text}"
    );
}

#[test]
fn the_record_says_which_manual_items_are_done_or_not_applicable() {
    let c = finished_closure();
    let report = build(&c.input);
    let text = report.summary().to_text();
    for line in [
        "[done] DNS zones",
        "[not applicable] Client VPN (OpenVPN)",
        "[not done] Object Storage buckets",
    ] {
        assert!(text.contains(line), "{line} in:\n{text}");
    }
    let json: Value = serde_json::from_str(&report.to_json().unwrap()).unwrap();
    let answers: Vec<_> = json["manual"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["key"].as_str().unwrap(), m["answer"].clone()))
        .collect();
    assert!(
        answers.contains(&("dns", Value::from("done"))),
        "{answers:?}"
    );
    assert!(answers.contains(&("client-vpn", Value::from("notApplicable"))));
    assert!(answers.contains(&("object-storage", Value::Null)));
}
