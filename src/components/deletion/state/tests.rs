//! The page's reducer on its own: what the rows and the live region show as entries arrive.

use closure::journal::{StepRecord, StepStatus, Tracking, FORMAT_VERSION};
use closure::plan::StepId;
use closure::Step;

use super::*;

fn entry(seq: u64, at_ms: u64, event: Event) -> Entry {
    Entry {
        v: FORMAT_VERSION,
        seq,
        at_ms,
        event,
    }
}

/// A one-step run whose step was accepted and whose confirming reads have got no usable answer
/// since 15 s: the notice is on its row.
fn noticed() -> (Rc<DeletionState>, StepId) {
    let step = Step::delete_server("va1web01", "VA1", Some(0.1));
    let mut run = RunState::default();
    let queued = StepRecord {
        status: StepStatus::Queued {
            tracking: Tracking::Queue {
                status_id: "va1-1".into(),
            },
        },
        ..StepRecord::default()
    };
    run.steps.insert(step.id.clone(), queued);
    let state = Rc::new(DeletionState {
        plan: Some(Rc::new(Plan {
            account: "DEMO".into(),
            steps: vec![step.clone()],
            exclusions: vec![],
        })),
        run: Some(Rc::new(run)),
        stage: Stage::Running {
            pausing: false,
            stopping: false,
        },
        ..DeletionState::default()
    });
    let notice = Event::Unsettled {
        step: step.id.clone(),
        since_ms: Some(15_000),
    };
    let noticed = state.reduce(Msg::Entries(vec![entry(7, 45_000, notice)]));
    (noticed, step.id)
}

fn record(s: &DeletionState, step: &StepId) -> StepRecord {
    s.run.as_ref().unwrap().steps[step].clone()
}

#[test]
fn reads_without_an_answer_are_announced_and_shown_until_one_answers() {
    let (noticed, step) = noticed();
    assert_eq!(record(&noticed, &step).unsettled_since_ms, Some(15_000));
    let said = noticed.last.clone().unwrap_or_default();
    assert!(said.starts_with("Not confirmed gone yet: "), "{said}");
    assert!(said.contains("keeps checking"), "{said}");

    let over = Event::Unsettled {
        step: step.clone(),
        since_ms: None,
    };
    let answered = noticed.reduce(Msg::Entries(vec![entry(7, 60_000, over)]));
    assert_eq!(record(&answered, &step).unsettled_since_ms, None);
    assert!(matches!(
        record(&answered, &step).status,
        StepStatus::Queued { .. }
    ));
    assert_eq!(
        answered.last.as_deref(),
        Some("Answered again when read back; checking that it is gone: Delete server VA1WEB01 (VA1).")
    );
}

#[test]
fn once_the_run_stops_however_no_row_says_this_tool_keeps_checking() {
    let outcomes = || {
        vec![
            Ok(RunOutcome::Paused),
            Ok(RunOutcome::Suspended),
            Ok(RunOutcome::SessionEnded {
                message: "Sign in again.".into(),
            }),
            Ok(RunOutcome::Incomplete(Ledger::default())),
            Ok(RunOutcome::Stopped(Ledger::default())),
            Ok(RunOutcome::Finished(Ledger::default())),
            Err(ExecError::Journal(closure::journal::StoreError::Write(
                "full".into(),
            ))),
        ]
    };
    for outcome in outcomes() {
        let (noticed, step) = noticed();
        let what = format!("{outcome:?}");
        let ended = noticed.reduce(Msg::Ended(outcome));
        let row = record(&ended, &step);
        assert_eq!(row.unsettled_since_ms, None, "{what}");
        // The step itself is as it was: still accepted, not confirmed gone.
        assert!(matches!(row.status, StepStatus::Queued { .. }), "{what}");
    }
}
