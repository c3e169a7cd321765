//! The lock on step 4 (`closure::gate`): a table over checklist × inventory × step-2 marks ×
//! "remaining accepted" says exactly which things are missing, in order; each missing thing has
//! a sentence that names what to do and a stable anchor to link to. (What bills is
//! `Resource::bills`, tested beside it; the scanned demo account is in `gate_accounts.rs`.)

use closure::gate::{evaluate, Gate, GateInput, MarksState, Missing};
use closure::inventory::{Cost, Keep, Unread};
use closure::manual_marks::{ManualMark, ManualMarks};
use closure::{
    Action, Checklist, Commitment, Inventory, Part, Resource, ResourceId, ResourceKind as K,
    ResourceState, StepId,
};

fn checklist(commitment: Commitment, ticked: usize) -> Checklist {
    let mut c = Checklist::default();
    c = c.apply(Action::AnswerCommitment(commitment)).unwrap();
    for step in &StepId::ALL[..ticked] {
        c = c.apply(Action::Tick(*step)).unwrap();
    }
    c
}

fn resource(kind: K, id: &str, cost: Cost, keep: Option<Keep>) -> Resource {
    Resource {
        id: ResourceId::new(kind, id),
        account: String::new(),
        name: format!("{id} name"),
        data_center: Some("VA1".into()),
        group_path: None,
        state: ResourceState::Active,
        cost,
        depends_on: Vec::new(),
        deletable: keep.is_none(),
        keep,
        notes: Vec::new(),
    }
}

fn billed(hourly: f64) -> Cost {
    Cost {
        basis: closure::inventory::CostBasis::Billed,
        hourly: Some(hourly),
        month_to_date: None,
        monthly_estimate: None,
    }
}

fn inventory(resources: Vec<Resource>, unread: Vec<Part>, cancelled: bool) -> Inventory {
    let mut resources = resources;
    resources.sort_by(|a, b| a.id.cmp(&b.id));
    Inventory {
        resources,
        unread: unread
            .into_iter()
            .map(|part| Unread {
                kinds: part.kinds().to_vec(),
                data_center: part.data_center().map(str::to_string),
                part,
                reason: "The server did not answer.".into(),
                account: String::new(),
            })
            .collect(),
        cancelled,
        manual: closure::inventory::manual::items(),
        ..Inventory::empty("DEMO")
    }
}

/// Every manual item answered (done or not applicable).
fn answered() -> ManualMarks {
    let mut marks = ManualMarks::default();
    for item in closure::inventory::manual::items() {
        marks.set(&item.key, Some(ManualMark::NotApplicable));
    }
    marks
}

/// Only what may stay: system group, the free primary network, a free policy, a snapshot
/// included in its server's bill.
fn clean() -> Inventory {
    let network = Keep::FreePrimaryNetwork {
        certain: true,
        reason: "the VPN uses it".into(),
    };
    inventory(
        vec![
            resource(
                K::Group,
                "va1-hardware",
                Cost::free(),
                Some(Keep::SystemGroup),
            ),
            resource(K::Network, "vlan-100", Cost::free(), Some(network)),
            resource(K::AlertPolicy, "cpu-alert", Cost::free(), None),
            resource(K::Snapshot, "web01/snap", Cost::included_in_parent(), None),
        ],
        vec![],
        false,
    )
}

/// Clean plus two servers (one billed at zero this hour), a list-priced public IP and a load
/// balancer whose rate could not be read.
fn billing() -> Inventory {
    let mut inv = clean();
    inv.resources.extend([
        resource(K::Server, "va1demoweb01", billed(0.25), None),
        resource(K::Server, "va1demoweb02", billed(0.0), None),
        resource(K::PublicIp, "10.0.0.1", Cost::list_price_monthly(7.3), None),
        resource(K::SharedLoadBalancer, "lb-1", Cost::unknown(), None),
    ]);
    inv.resources.sort_by(|a, b| a.id.cmp(&b.id));
    inv
}

fn incomplete() -> Inventory {
    let mut inv = clean();
    inv.unread = inventory(
        vec![],
        vec![
            Part::Networks {
                data_center: "VA1".into(),
            },
            Part::Webhooks,
        ],
        false,
    )
    .unread;
    inv
}

fn cancelled() -> Inventory {
    let mut inv = clean();
    inv.cancelled = true;
    inv
}

/// A short code per missing item, so the table reads as the rule.
fn code(missing: &Missing) -> String {
    match missing {
        Missing::CommitmentUnanswered => "commitment".into(),
        Missing::TermCommitment => "term".into(),
        Missing::StepOpen(step) => format!("step{}", step.number()),
        Missing::DataUnmarked { unmarked, total } => format!("data {unmarked}/{total}"),
        Missing::NotScanned => "not scanned".into(),
        Missing::ScanIncomplete { parts, cancelled } => {
            format!("scan {} cancelled={cancelled}", parts.len())
        }
        Missing::BillableRemaining { count, .. } => format!("billable {count}"),
        Missing::RunUnfinished { aliases } => format!("run {}", aliases.join(",")),
        Missing::ManualOpen { titles } => format!("manual {}", titles.len()),
    }
}

const ALL: MarksState = MarksState {
    marked: 3,
    total: 3,
};
const SOME: MarksState = MarksState {
    marked: 1,
    total: 3,
};
const NONE_TO_MARK: MarksState = MarksState {
    marked: 0,
    total: 0,
};

/// name, checklist, latest scan (`None`: offline), step-2 marks, remaining accepted, expected.
type Row = (
    &'static str,
    Checklist,
    Option<Inventory>,
    MarksState,
    bool,
    Vec<&'static str>,
);

#[test]
fn the_gate_lists_exactly_what_is_missing() {
    use Commitment::{NoCommitment as No, TermCommitment as Term, Unanswered};
    let ready = || checklist(No, 3);
    #[rustfmt::skip]
    let table: Vec<Row> = vec![
        ("offline, fresh", Checklist::default(), None, NONE_TO_MARK, false,
            vec!["commitment", "step1", "step2", "step3"]),
        ("offline, unanswered but ticked", checklist(Unanswered, 3), None, ALL, false,
            vec!["commitment"]),
        ("offline, step 3 open", checklist(No, 2), None, SOME, false, vec!["step3"]),
        ("offline, ticks decide (marks ignored)", ready(), None, SOME, false, vec![]),
        ("term commitment never opens", checklist(Term, 3), Some(clean()), ALL, true,
            vec!["term"]),
        ("term commitment, offline", checklist(Term, 0), None, ALL, false, vec!["term"]),
        ("connected, clean", ready(), Some(clean()), ALL, false, vec![]),
        ("connected, nothing to mark", ready(), Some(clean()), NONE_TO_MARK, false, vec![]),
        ("connected, marks missing", ready(), Some(clean()), SOME, false, vec!["data 2/3"]),
        ("connected, billing left", ready(), Some(billing()), ALL, false, vec!["billable 4"]),
        ("connected, billing accepted", ready(), Some(billing()), ALL, true, vec![]),
        ("connected, unread parts", ready(), Some(incomplete()), ALL, false,
            vec!["scan 2 cancelled=false"]),
        ("accepting does not excuse an unread scan", ready(), Some(incomplete()), ALL, true,
            vec!["scan 2 cancelled=false"]),
        ("connected, cancelled scan", ready(), Some(cancelled()), ALL, false,
            vec!["scan 0 cancelled=true"]),
        ("connected, everything wrong", checklist(No, 1), Some(billing()), SOME, false,
            vec!["step2", "step3", "data 2/3", "billable 4"]),
        ("connected, ticks still required", checklist(No, 0), Some(clean()), ALL, true,
            vec!["step1", "step2", "step3"]),
    ];
    let manual = answered();
    for (name, checklist, inventory, marks, accepted, expected) in table {
        let gate = evaluate(&GateInput {
            checklist: &checklist,
            inventory: inventory.as_ref(),
            connected: inventory.is_some(),
            marks,
            remaining_accepted: accepted,
            unfinished_runs: &[],
            manual_marks: &manual,
        });
        let codes: Vec<String> = gate.missing().iter().map(code).collect();
        assert_eq!(codes, expected, "{name}");
        assert_eq!(gate.is_open(), expected.is_empty(), "{name}");
        if let Gate::Locked { missing } = &gate {
            assert!(!missing.is_empty(), "{name}: locked with nothing missing");
        }
    }
}

fn locked(checklist: &Checklist, inventory: Option<&Inventory>) -> Vec<Missing> {
    evaluate(&GateInput {
        checklist,
        inventory,
        connected: inventory.is_some(),
        marks: ALL,
        remaining_accepted: false,
        unfinished_runs: &[],
        manual_marks: &answered(),
    })
    .missing()
    .to_vec()
}

#[test]
fn each_missing_item_links_to_where_it_is_fixed() {
    let missing = locked(&Checklist::default(), Some(&billing()));
    let anchors: Vec<&str> = missing.iter().map(Missing::anchor).collect();
    assert_eq!(
        anchors,
        [
            "ob-exception",
            "ob-step-1",
            "ob-step-2",
            "ob-step-3",
            "ob-live"
        ]
    );
    for m in &missing {
        assert_eq!(m.href(), format!("#{}", m.anchor()));
        assert!(m.sentence().ends_with('.'), "{}", m.sentence());
    }
    let unmarked = Missing::DataUnmarked {
        unmarked: 1,
        total: 4,
    };
    assert_eq!(unmarked.anchor(), "ob-step-2");
    assert_eq!(
        unmarked.sentence(),
        "1 of 4 resources with data are not marked as retrieved or not needed."
    );
}

#[test]
fn a_term_commitment_points_to_the_sales_representative_not_the_link() {
    let missing = locked(&checklist(Commitment::TermCommitment, 3), None);
    assert_eq!(missing, [Missing::TermCommitment]);
    let sentence = missing[0].sentence();
    assert!(sentence.contains("sales representative"), "{sentence}");
    assert!(sentence.contains("terminate service order"), "{sentence}");
    assert!(
        sentence.contains("do not use the request link"),
        "{sentence}"
    );
    assert_eq!(missing[0].anchor(), "ob-exception");
}

#[test]
fn billable_remaining_says_how_many_of_which_kinds_and_the_rate() {
    let missing = locked(&checklist(Commitment::NoCommitment, 3), Some(&billing()));
    let [m @ Missing::BillableRemaining { .. }] = missing.as_slice() else {
        panic!("{missing:?}");
    };
    assert_eq!(
        m.sentence(),
        "4 billable resources still exist (2 servers, 1 public IP, 1 shared load balancer), \
         about $0.260/h plus 1 at an unknown rate: delete them in step 3, or accept that \
         they keep billing until the account is closed."
    );
}

/// The gate writes its counts with the thousands separator and its rate as `$0.123/h`, as the
/// inventory, the plan and the ledger write the same figures (it once said "10000" and
/// "about $0.26 an hour" beside their "10,000" and "$0.260/h").
#[test]
fn the_gate_writes_counts_and_rates_as_the_other_screens_do() {
    let unmarked = Missing::DataUnmarked {
        unmarked: 1_200,
        total: 10_000,
    };
    assert_eq!(
        unmarked.sentence(),
        "1,200 of 10,000 resources with data are not marked as retrieved or not needed."
    );
    let remaining = Missing::BillableRemaining {
        count: 12_000,
        kinds: vec![closure::gate::KindCount {
            kind: K::Server,
            count: 12_000,
        }],
        hourly: 1_234.5,
        unknown_rate: 1_500,
    };
    assert!(
        remaining.sentence().starts_with(
            "12,000 billable resources still exist (12,000 servers), about $1234.500/h plus \
             1,500 at an unknown rate:"
        ),
        "{}",
        remaining.sentence()
    );
}

#[test]
fn an_incomplete_scan_names_the_parts_it_could_not_read() {
    let missing = locked(&checklist(Commitment::NoCommitment, 3), Some(&incomplete()));
    assert_eq!(
        missing[0].sentence(),
        "The latest scan could not read everything (not read: networks of VA1, webhooks): \
         scan again."
    );
    let missing = locked(&checklist(Commitment::NoCommitment, 3), Some(&cancelled()));
    assert_eq!(
        missing[0].sentence(),
        "The latest scan was cancelled before it finished: scan again."
    );
}
