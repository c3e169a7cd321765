//! Step 4's lock over whole accounts: it stays locked, and step 3 cannot be ticked, while a
//! deletion run is unfinished (in checklist mode too: the journals are in the browser), after
//! everything else is done and whatever the customer accepted, with a link to the run; and the
//! demo account, scanned for real, is locked until its billing is accepted.

mod support;

use clc_sim::Scenario;
use closure::checklist::{Action, Checklist, Commitment, Refusal, StepId};
use closure::gate::{evaluate, tick_refusal, Gate, GateInput, MarksState, Missing, ANCHOR_LIVE};
use closure::manual_marks::{ManualMark, ManualMarks};
use closure::{ResourceKind, Scanner};

fn ready() -> Checklist {
    let mut c = Checklist::default()
        .apply(Action::AnswerCommitment(Commitment::NoCommitment))
        .unwrap();
    for step in &StepId::ALL[..3] {
        c = c.apply(Action::Tick(*step)).unwrap();
    }
    c
}

#[test]
fn an_unfinished_run_keeps_step_4_locked_with_a_link_to_it() {
    let checklist = ready();
    let aliases = vec!["DEMO".to_string()];
    for (inventory_seen, accepted) in [(false, false), (false, true)] {
        let gate = evaluate(&GateInput {
            checklist: &checklist,
            inventory: None,
            connected: false,
            marks: MarksState::default(),
            remaining_accepted: accepted,
            unfinished_runs: &aliases,
            manual_marks: &ManualMarks::default(),
        });
        let missing = gate.missing();
        assert_eq!(
            missing,
            [Missing::RunUnfinished {
                aliases: aliases.clone()
            }],
            "inventory {inventory_seen}, accepted {accepted}"
        );
        assert_eq!(missing[0].anchor(), ANCHOR_LIVE);
        assert!(missing[0].sentence().contains("DEMO has not finished"));
    }
    let open = evaluate(&GateInput {
        checklist: &checklist,
        inventory: None,
        connected: false,
        marks: MarksState::default(),
        remaining_accepted: false,
        unfinished_runs: &[],
        manual_marks: &ManualMarks::default(),
    });
    assert!(open.is_open());
}

#[test]
fn step_3_cannot_be_ticked_while_a_run_is_unfinished() {
    let runs = vec!["DEMO".to_string()];
    assert_eq!(
        tick_refusal(StepId::DeleteResources, &runs),
        Some(Refusal::RunUnfinished)
    );
    assert_eq!(tick_refusal(StepId::DeleteResources, &[]), None);
    for other in [
        StepId::FindServices,
        StepId::RetrieveData,
        StepId::RequestClosure,
    ] {
        assert_eq!(tick_refusal(other, &runs), None, "{other:?}");
    }
    assert!(Refusal::RunUnfinished.to_string().contains("step 3"));
}

#[test]
fn the_scanned_demo_account_is_locked_until_its_billing_is_accepted() {
    let h = support::Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    assert!(outcome.failures.is_empty(), "{:?}", outcome.failures);
    let checklist = ready();
    let mut manual = ManualMarks::default();
    for item in &outcome.inventory.manual {
        manual.set(&item.key, Some(ManualMark::Done));
    }
    let input = |accepted| GateInput {
        checklist: &checklist,
        inventory: Some(&outcome.inventory),
        connected: true,
        marks: MarksState {
            marked: 10,
            total: 10,
        },
        remaining_accepted: accepted,
        unfinished_runs: &[],
        manual_marks: &manual,
    };
    let gate = evaluate(&input(false));
    let [Missing::BillableRemaining { count, kinds, .. }] = gate.missing() else {
        panic!("{gate:?}");
    };
    assert!(*count > 0);
    assert!(
        kinds.iter().any(|k| k.kind == ResourceKind::Server),
        "{kinds:?}"
    );
    assert_eq!(kinds.iter().map(|k| k.count).sum::<usize>(), *count);
    assert_eq!(evaluate(&input(true)), Gate::Open);
}

#[test]
fn manual_items_that_can_keep_billing_hold_the_gate_until_each_is_answered() {
    let h = support::Harness::new(Scenario::Demo, 0);
    let outcome = h.clock.run(Scanner::new(&h.client).scan());
    let checklist = ready();
    let gate = |manual: &ManualMarks| {
        evaluate(&GateInput {
            checklist: &checklist,
            inventory: Some(&outcome.inventory),
            connected: true,
            marks: MarksState::default(),
            remaining_accepted: true,
            unfinished_runs: &[],
            manual_marks: manual,
        })
    };
    let mut manual = ManualMarks::default();
    let missing = gate(&manual).missing().to_vec();
    let [Missing::ManualOpen { titles }] = &missing[..] else {
        panic!("{missing:?}");
    };
    // The client VPN needs nothing done and bills nothing: never asked for.
    assert_eq!(
        titles,
        &["Object Storage buckets", "DNS zones", "SMTP relay aliases"]
    );
    assert_eq!(missing[0].anchor(), "ob-manual");
    assert!(missing[0].sentence().contains("DNS zones"));
    manual.set("object-storage", Some(ManualMark::Done));
    manual.set("dns", Some(ManualMark::NotApplicable));
    let left = gate(&manual);
    let [Missing::ManualOpen { titles }] = left.missing() else {
        panic!("one left: {left:?}");
    };
    assert_eq!(titles, &["SMTP relay aliases"]);
    manual.set("smtp-relay", Some(ManualMark::NotApplicable));
    assert_eq!(gate(&manual), Gate::Open);
    // Taking an answer back reopens it.
    manual.set("dns", None);
    assert!(!gate(&manual).is_open());
}

/// Connected, with no scan finished since the connection or since its sub-accounts changed: the
/// ticks of steps 1–3 alone do not open step 4 (offline, they do).
#[test]
fn connected_with_no_finished_scan_keeps_step_4_locked_until_a_scan() {
    let checklist = ready();
    let manual = ManualMarks::default();
    let input = |connected| GateInput {
        checklist: &checklist,
        inventory: None,
        connected,
        marks: MarksState::default(),
        remaining_accepted: true,
        unfinished_runs: &[],
        manual_marks: &manual,
    };
    assert!(
        evaluate(&input(false)).is_open(),
        "offline, the ticks decide"
    );
    let gate = evaluate(&input(true));
    assert_eq!(
        gate.missing(),
        [Missing::NotScanned],
        "connected, no scan yet"
    );
    assert_eq!(gate.missing()[0].anchor(), ANCHOR_LIVE);
    assert!(gate.missing()[0].sentence().contains("wait for the scan"));
}
