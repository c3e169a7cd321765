//! The checklist state machine: every allowed transition, every refusal with its reason, the
//! exception path, and the phase (including the one-hour window) derived from it.

use closure::checklist::{Action::*, Checklist, Commitment::*, Phase, Refusal, StepId::*};
use closure::{Action, CONFIRMATION_WINDOW_MS};

const T0: i64 = 1_764_420_000_000;

fn run(actions: &[Action]) -> Result<Checklist, (usize, Refusal)> {
    actions
        .iter()
        .enumerate()
        .try_fold(Checklist::default(), |c, (i, a)| {
            c.apply(a.clone()).map_err(|e| (i, e))
        })
}

fn ready_to_request() -> Vec<Action> {
    vec![
        AnswerCommitment(NoCommitment),
        Tick(FindServices),
        Tick(RetrieveData),
        Tick(DeleteResources),
    ]
}

#[test]
fn refusals_are_table_driven() {
    let cases: Vec<(&str, Vec<Action>, Refusal)> = vec![
        (
            "step 2 before step 1",
            vec![Tick(RetrieveData)],
            Refusal::EarlierStepOpen(FindServices),
        ),
        (
            "step 3 with step 2 open",
            vec![Tick(FindServices), Tick(DeleteResources)],
            Refusal::EarlierStepOpen(RetrieveData),
        ),
        (
            "step 4 ticked directly",
            vec![Tick(RequestClosure)],
            Refusal::UseRecordRequest,
        ),
        (
            "untick under a later tick",
            vec![Tick(FindServices), Tick(RetrieveData), Untick(FindServices)],
            Refusal::LaterStepDone(RetrieveData),
        ),
        (
            "request unanswered",
            vec![Tick(FindServices), RecordRequest { at: T0 }],
            Refusal::CommitmentUnanswered,
        ),
        (
            "request with term commitment",
            vec![AnswerCommitment(TermCommitment), RecordRequest { at: T0 }],
            Refusal::TermCommitment,
        ),
        (
            "request with steps open",
            vec![
                AnswerCommitment(NoCommitment),
                Tick(FindServices),
                RecordRequest { at: T0 },
            ],
            Refusal::EarlierStepOpen(RetrieveData),
        ),
        (
            "confirmation before request",
            vec![RecordConfirmation { at: T0 }],
            Refusal::NotRequested,
        ),
        (
            "escalation before request",
            vec![RecordEscalation { at: T0 }],
            Refusal::NotRequested,
        ),
        (
            "withdraw without request",
            vec![WithdrawRequest],
            Refusal::NotRequested,
        ),
    ];
    for (name, actions, refusal) in cases {
        let got = run(&actions);
        assert_eq!(got, Err((actions.len() - 1, refusal)), "{name}");
    }
}

#[test]
fn refusals_after_a_request() {
    let mut a = ready_to_request();
    a.push(RecordRequest { at: T0 });
    let requested = run(&a).unwrap();
    assert_eq!(
        requested.apply(RecordRequest { at: T0 + 1 }),
        Err(Refusal::AlreadyRequested)
    );
    assert_eq!(
        requested.apply(AnswerCommitment(TermCommitment)),
        Err(Refusal::CommitmentLocked)
    );
    assert_eq!(
        requested.apply(Untick(DeleteResources)),
        Err(Refusal::LaterStepDone(RequestClosure))
    );
    assert_eq!(
        requested.apply(RecordConfirmation { at: T0 - 1 }),
        Err(Refusal::BeforeRequest)
    );
    let confirmed = requested.apply(RecordConfirmation { at: T0 + 5 }).unwrap();
    assert_eq!(
        confirmed.apply(RecordConfirmation { at: T0 + 6 }),
        Err(Refusal::AlreadyConfirmed)
    );
    assert_eq!(
        confirmed.apply(WithdrawRequest),
        Err(Refusal::AlreadyConfirmed)
    );
    assert_eq!(
        confirmed.apply(RecordEscalation { at: T0 + 6 }),
        Err(Refusal::AlreadyConfirmed)
    );
}

#[test]
fn the_whole_path_and_its_phases() {
    let c = Checklist::default();
    assert_eq!(c.phase(T0), Phase::AnswerCommitment);
    let c = c.apply(AnswerCommitment(NoCommitment)).unwrap();
    assert_eq!(c.phase(T0), Phase::Working(FindServices));
    let c = c
        .apply(Tick(FindServices))
        .unwrap()
        .apply(Tick(RetrieveData))
        .unwrap();
    assert_eq!(c.phase(T0), Phase::Working(DeleteResources));
    let c = c.apply(Tick(DeleteResources)).unwrap();
    assert_eq!(c.phase(T0), Phase::Working(RequestClosure));
    let c = c.apply(RecordRequest { at: T0 }).unwrap();
    assert!(c.is_done(RequestClosure));
    assert_eq!(c.done_count(), 4);
    assert_eq!(
        c.phase(T0),
        Phase::AwaitingConfirmation {
            remaining_ms: CONFIRMATION_WINDOW_MS
        }
    );
    assert_eq!(
        c.phase(T0 + CONFIRMATION_WINDOW_MS - 1),
        Phase::AwaitingConfirmation { remaining_ms: 1 }
    );
    assert_eq!(
        c.phase(T0 + CONFIRMATION_WINDOW_MS),
        Phase::Escalate { overdue_ms: 0 }
    );
    assert_eq!(
        c.phase(T0 + CONFIRMATION_WINDOW_MS + 90_000),
        Phase::Escalate { overdue_ms: 90_000 }
    );
    let c = c
        .apply(RecordEscalation {
            at: T0 + CONFIRMATION_WINDOW_MS + 1,
        })
        .unwrap();
    assert_eq!(c.escalated_at, Some(T0 + CONFIRMATION_WINDOW_MS + 1));
    let c = c
        .apply(RecordConfirmation {
            at: T0 + 2 * CONFIRMATION_WINDOW_MS,
        })
        .unwrap();
    assert_eq!(c.phase(T0 + 3 * CONFIRMATION_WINDOW_MS), Phase::Confirmed);
    assert_eq!(c.apply(StartOver).unwrap(), Checklist::default());
}

#[test]
fn the_exception_path_keeps_steps_usable_but_never_requests() {
    let c = run(&[
        AnswerCommitment(TermCommitment),
        Tick(FindServices),
        Tick(RetrieveData),
        Tick(DeleteResources),
    ])
    .unwrap();
    assert_eq!(c.phase(T0), Phase::TermCommitment);
    assert_eq!(c.done_count(), 3);
    assert!(!c.allows(RecordRequest { at: T0 }));
    // The answer can change while nothing is requested.
    let c = c.apply(AnswerCommitment(NoCommitment)).unwrap();
    assert!(c.allows(RecordRequest { at: T0 }));
}

#[test]
fn unticking_and_withdrawing_go_back_one_step() {
    let mut a = ready_to_request();
    a.push(RecordRequest { at: T0 });
    a.push(RecordEscalation {
        at: T0 + CONFIRMATION_WINDOW_MS,
    });
    let c = run(&a).unwrap();
    let c = c.apply(Untick(RequestClosure)).unwrap();
    assert_eq!(
        (c.requested_at, c.escalated_at, c.is_done(RequestClosure)),
        (None, None, false)
    );
    let c = c.apply(Untick(DeleteResources)).unwrap();
    assert_eq!(c.first_open_step(), Some(DeleteResources));
}

#[test]
fn apply_never_mutates_the_original() {
    let c = Checklist::default();
    let _ = c.apply(Tick(FindServices)).unwrap();
    assert_eq!(c, Checklist::default());
}
