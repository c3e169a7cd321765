//! The page's reducer on its own: what the rows and the live region show as entries arrive.

use super::*;
use closure::journal::{StepRecord, StepStatus, Tracking, FORMAT_VERSION};
use closure::Step;

fn entry(seq: u64, at_ms: u64, event: Event) -> Entry {
    Entry {
        v: FORMAT_VERSION,
        seq,
        at_ms,
        event,
    }
}

#[test]
fn reads_without_an_answer_are_announced_and_shown_until_one_answers() {
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
        ..DeletionState::default()
    });
    let unsettled = |since_ms| Event::Unsettled {
        step: step.id.clone(),
        since_ms,
    };
    let noticed = state.reduce(Msg::Entries(vec![entry(
        7,
        45_000,
        unsettled(Some(15_000)),
    )]));
    let record = |s: &DeletionState| s.run.as_ref().unwrap().steps[&step.id].clone();
    assert_eq!(record(&noticed).unsettled_since_ms, Some(15_000));
    let said = noticed.last.clone().unwrap_or_default();
    assert!(said.starts_with("Not confirmed gone yet: "), "{said}");
    assert!(said.contains("keeps checking"), "{said}");

    let answered = noticed.reduce(Msg::Entries(vec![entry(7, 60_000, unsettled(None))]));
    assert_eq!(record(&answered).unsettled_since_ms, None);
    assert!(matches!(
        record(&answered).status,
        StepStatus::Queued { .. }
    ));
    assert!(
        answered
            .last
            .as_deref()
            .unwrap_or_default()
            .starts_with("Read back again: "),
        "{:?}",
        answered.last
    );
}
