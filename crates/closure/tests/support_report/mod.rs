//! Shared by the report tests: a finished demo closure on the in-process simulator (scan,
//! delete every server by hand through `clc::Client`, a refused system-group delete, wait,
//! re-scan) turned into a `ReportInput`, and readers for the CSV and JSON it produces.
#![allow(dead_code)]

use clc::models::queue::Accepted;
use clc_sim::Scenario;
use closure::inventory::Keep;
use closure::manual_marks::{ManualMark, ManualMarks};
use closure::report::{DataMark, DataMarkInput, DeletionOutcome, DeletionRecord, ReportInput};
use closure::{Action, Checklist, Commitment, Inventory, ResourceKind as K, Scanner, StepId};
use serde_json::Value;

use crate::support::{self, Harness};

/// A resource name that looks like a bearer token: it must stay a name.
pub const FAKE_JWT: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJldmlsIn0.c2lnbmF0dXJlX19f";
pub const HOUR: i64 = 3_600_000;

fn scan(h: &Harness) -> Inventory {
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    std::rc::Rc::unwrap_or_clone(outcome.inventory)
}

fn now(h: &Harness) -> i64 {
    clc::Clock::now_ms(&h.clock) as i64
}

/// A demo closure: every server deleted, a system group refused, then a re-scan.
pub fn finished_demo_closure() -> (Harness, ReportInput) {
    let h = Harness::new(Scenario::Demo, 0);
    let alias = Scenario::Demo.alias();
    let mut before = scan(&h);
    let first_server = before.of_kind(K::Server).next().unwrap().id.clone();
    before
        .resources
        .iter_mut()
        .find(|r| r.id == first_server)
        .unwrap()
        .name = FAKE_JWT.into();

    let mut deletions = Vec::new();
    for server in before.of_kind(K::Server) {
        let requested_at = now(&h);
        let accepted = h.clock.run(h.client.execute(clc::api::delete_server(
            h.client.endpoints(),
            alias,
            &server.id.id,
        )));
        let operation_id = match accepted {
            Ok(Accepted::Queued { status_id, .. }) => Some(status_id),
            other => panic!("delete {}: {other:?}", server.id.id),
        };
        deletions.push(DeletionRecord {
            resource: server.id.clone(),
            name: server.name.clone(),
            data_center: server.data_center.clone(),
            requested_at: Some(requested_at),
            operation_id,
            outcome: DeletionOutcome::Remaining("Still under way.".into()),
            finished_at: None,
            resources: 1,
            account: String::new(),
        });
    }
    let system = before
        .of_kind(K::Group)
        .find(|g| g.keep == Some(Keep::SystemGroup))
        .unwrap();
    let refused = h
        .clock
        .run(h.client.execute(clc::api::delete_group(
            h.client.endpoints(),
            alias,
            &system.id.id,
        )))
        .expect_err("system groups cannot be deleted");
    deletions.push(DeletionRecord {
        resource: system.id.clone(),
        name: system.name.clone(),
        data_center: system.data_center.clone(),
        requested_at: Some(now(&h)),
        operation_id: None,
        outcome: DeletionOutcome::Failed(refused.user_message()),
        finished_at: Some(now(&h)),
        resources: 1,
        account: String::new(),
    });

    h.wait(30 * 60 * 1000);
    let after = scan(&h);
    for record in &mut deletions {
        let remaining = matches!(record.outcome, DeletionOutcome::Remaining(_));
        if remaining && after.get(&record.resource).is_none() {
            record.outcome = DeletionOutcome::Removed;
            record.finished_at = Some(now(&h));
        }
    }

    let requested_at = now(&h) + 60_000;
    let checklist = requested_checklist(requested_at)
        .apply(Action::RecordEscalation {
            at: requested_at + 2 * HOUR,
        })
        .unwrap();

    let data_bearing: Vec<_> = before
        .resources
        .iter()
        .filter(|r| {
            matches!(
                r.id.kind,
                K::Server | K::ArchivedServer | K::RdbsSubscription
            )
        })
        .map(|r| r.id.clone())
        .collect();
    let data_marks = data_bearing
        .into_iter()
        .enumerate()
        .map(|(i, resource)| DataMarkInput {
            resource,
            mark: [DataMark::Retrieved, DataMark::NotNeeded, DataMark::Unmarked][i % 3],
        })
        .collect();

    let input = ReportInput {
        alias: alias.into(),
        api_base: support::BASE.into(),
        demo: true,
        generated_at: requested_at + 3 * HOUR,
        utc_offset_minutes: 60,
        utc_offsets: closure::LocalOffsets::default(),
        before: Some(before.into()),
        after: Some(after.into()),
        deletions,
        manual_marks: done(&["object-storage"]),
        data_marks,
        checklist,
    };
    (h, input)
}

/// Strings a name from the API might hold that a careless writer breaks on: quotes and a
/// backslash, control characters (NUL, 0x1f, 0x7f), the JavaScript line separators, a closing
/// script tag, a spreadsheet formula, emoji (outside the basic plane, one joined) and a BOM.
pub const HOSTILE: [&str; 7] = [
    "quote \" and backslash \\ end",
    "NUL \u{0} unit separator \u{1f} delete \u{7f} end",
    "line separator \u{2028} paragraph separator \u{2029} end",
    "</script><script>alert(1)</script>",
    "=HYPERLINK(\"http://evil.example/\",\"click me\")",
    "emoji \u{1f9e8} \u{1f469}\u{200d}\u{1f4bb} end",
    "\u{feff}BOM first",
];

/// The sub-account of [`hostile_closure`], itself a hostile alias.
pub const HOSTILE_SUB: &str = "DEMS \"\\ </script>\u{2028}=1+1";

/// [`finished_demo_closure`] with a sub-account (the parent's first resources read again under
/// [`HOSTILE_SUB`], one of them deleted) and [`HOSTILE`] strings in the alias and in every
/// resource's name, notes and group path, the inventories' notes and the deletions' names.
pub fn hostile_closure() -> ReportInput {
    let (_, mut input) = finished_demo_closure();
    let taint = |inventory: &mut Inventory| {
        for (i, r) in inventory.resources.iter_mut().enumerate() {
            let h = HOSTILE[i % HOSTILE.len()];
            r.name = format!("{h} {}", r.name);
            r.group_path = Some(format!(
                "{} / {h}",
                r.group_path.clone().unwrap_or_default()
            ));
            r.notes.push(HOSTILE[(i + 1) % HOSTILE.len()].to_string());
        }
        inventory
            .notes
            .extend(HOSTILE.iter().map(|h| h.to_string()));
    };
    let with_sub = |inventory: &Inventory| {
        let mut parent = inventory.clone();
        taint(&mut parent);
        let mut sub = inventory.clone();
        sub.account = HOSTILE_SUB.into();
        sub.accounts = vec![HOSTILE_SUB.into()];
        sub.resources.truncate(8);
        sub.notes.clear();
        taint(&mut sub);
        std::rc::Rc::new(Inventory::merge(parent, vec![sub]))
    };
    input.alias = format!("DEMO {}", HOSTILE.concat());
    input.before = input.before.as_deref().map(with_sub);
    input.after = input.after.as_deref().map(with_sub);
    for (i, record) in input.deletions.iter_mut().enumerate() {
        record.name = format!("{} {}", HOSTILE[i % HOSTILE.len()], record.name);
    }
    let mut sub_record = input.deletions[0].clone();
    sub_record.account = HOSTILE_SUB.into();
    sub_record.resource = sub_record.resource.clone().in_account(HOSTILE_SUB);
    sub_record.outcome = DeletionOutcome::Failed(HOSTILE[4].into());
    input.deletions.push(sub_record);
    input
}

/// The manual items with these keys marked done.
fn done(keys: &[&str]) -> ManualMarks {
    let mut marks = ManualMarks::default();
    for key in keys {
        marks.set(key, Some(ManualMark::Done));
    }
    marks
}

/// A checklist as a customer leaves it: no commitment, steps 1 to 3 ticked, the closure
/// requested at `at`.
pub fn requested_checklist(at: i64) -> Checklist {
    let mut checklist = Checklist::default()
        .apply(Action::AnswerCommitment(Commitment::NoCommitment))
        .unwrap();
    for step in &StepId::ALL[..3] {
        checklist = checklist.apply(Action::Tick(*step)).unwrap();
    }
    checklist.apply(Action::RecordRequest { at }).unwrap()
}

/// Every object key in a JSON value, and the key each string value sits under.
pub fn walk<'a>(
    value: &'a Value,
    key: &'a str,
    keys: &mut Vec<&'a str>,
    strings: &mut Vec<(&'a str, &'a str)>,
) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                keys.push(k);
                walk(v, k, keys, strings);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| walk(v, key, keys, strings)),
        Value::String(s) => strings.push((key, s)),
        _ => {}
    }
}

/// Equal JSON, with numbers equal to the last bit or two: serde_json (without its
/// `float_roundtrip` feature) may read a float back one ULP away from what it wrote.
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            (x - y).abs() <= 1e-12 * x.abs().max(1.0)
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
