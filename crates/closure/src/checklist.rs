//! The four steps of the closure article and the term-commitment exception, as a state machine.
//!
//! The customer ticks steps by hand (or, in connected mode, the app ticks them from what it
//! observed). Order matters because the article's order protects data: nothing is deleted before
//! it is retrieved, and closure is not requested while resources still bill. Every change goes
//! through [`Checklist::apply`], which refuses what the article does not allow and says why.

use serde::{Deserialize, Serialize};

use crate::{EpochMs, CONFIRMATION_WINDOW_MS};

/// The article's steps, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum StepId {
    /// 1. Find every service the account has.
    FindServices,
    /// 2. Retrieve the data from those services.
    RetrieveData,
    /// 3. Delete everything that bills.
    DeleteResources,
    /// 4. Ask for the account to be closed.
    RequestClosure,
}

impl StepId {
    pub const ALL: [StepId; 4] = [
        StepId::FindServices,
        StepId::RetrieveData,
        StepId::DeleteResources,
        StepId::RequestClosure,
    ];

    /// 1-based number as the article shows it.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn previous(self) -> Option<StepId> {
        self.index().checked_sub(1).map(|i| StepId::ALL[i])
    }

    pub fn next(self) -> Option<StepId> {
        StepId::ALL.get(self.index() + 1).copied()
    }
}

/// The answer to the article's exception: does the account have a cloud term commitment?
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Commitment {
    #[default]
    Unanswered,
    /// No commitment: the customer closes the account through the four steps.
    NoCommitment,
    /// A term commitment: closure goes through the sales representative and a terminate service
    /// order, not through the request link.
    TermCommitment,
}

/// Everything the customer has told us about their closure. Invariants (kept by `apply`):
/// a ticked step has all earlier steps ticked; `requested_at` is set exactly when
/// `RequestClosure` is ticked; `confirmed_at` and `escalated_at` only follow a request.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checklist {
    pub commitment: Commitment,
    done: [bool; 4],
    pub requested_at: Option<EpochMs>,
    pub confirmed_at: Option<EpochMs>,
    pub escalated_at: Option<EpochMs>,
}

/// What the customer (or the app on their behalf) does to the checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    AnswerCommitment(Commitment),
    Tick(StepId),
    Untick(StepId),
    /// The customer clicked "request to close" in the Control Portal at this time.
    RecordRequest {
        at: EpochMs,
    },
    /// The request was recorded by mistake: forget it (the customer says they did not click).
    WithdrawRequest,
    /// The CenturyLink Cloud team confirmed the closure.
    RecordConfirmation {
        at: EpochMs,
    },
    /// The customer escalated (e-mail or ticket) at this time.
    RecordEscalation {
        at: EpochMs,
    },
    StartOver,
}

/// Why an action was refused, in words the customer can act on.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Finish step {} first.", .0.number())]
    EarlierStepOpen(StepId),
    #[error("Untick step {} first.", .0.number())]
    LaterStepDone(StepId),
    #[error("Step 4 is done by recording when you requested closure.")]
    UseRecordRequest,
    #[error("Answer the term-commitment question first.")]
    CommitmentUnanswered,
    #[error("With a cloud term commitment, closure goes through your sales representative, not the request link.")]
    TermCommitment,
    #[error("The closure request is already recorded.")]
    AlreadyRequested,
    #[error("Record when you requested closure first.")]
    NotRequested,
    #[error("The closure is already confirmed.")]
    AlreadyConfirmed,
    #[error("That time is before the closure request.")]
    BeforeRequest,
    #[error("The answer cannot change once closure has been requested.")]
    CommitmentLocked,
    #[error("A deletion run has not finished: resume it, or stop it, in step 3 first.")]
    RunUnfinished,
}

/// Where the customer stands, derived from the checklist and the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// The exception question has not been answered.
    AnswerCommitment,
    /// Term commitment: the sales path.
    TermCommitment,
    /// Working through the steps; the first open one.
    Working(StepId),
    /// Requested, inside the one-hour window; milliseconds left.
    AwaitingConfirmation {
        remaining_ms: EpochMs,
    },
    /// Requested over an hour ago without confirmation: time to escalate.
    Escalate {
        overdue_ms: EpochMs,
    },
    Confirmed,
}

impl Checklist {
    pub fn is_done(&self, step: StepId) -> bool {
        self.done[step.index()]
    }

    pub fn done_count(&self) -> usize {
        self.done.iter().filter(|d| **d).count()
    }

    pub fn first_open_step(&self) -> Option<StepId> {
        StepId::ALL.into_iter().find(|s| !self.is_done(*s))
    }

    /// Applies `action`, or says why it is not allowed. The checklist itself never changes.
    pub fn apply(&self, action: Action) -> Result<Checklist, Refusal> {
        let mut next = self.clone();
        match action {
            Action::AnswerCommitment(answer) => {
                if self.requested_at.is_some() && answer != self.commitment {
                    return Err(Refusal::CommitmentLocked);
                }
                next.commitment = answer;
            }
            Action::Tick(StepId::RequestClosure) => return Err(Refusal::UseRecordRequest),
            Action::Tick(step) => {
                self.require_earlier_done(step)?;
                next.done[step.index()] = true;
            }
            Action::Untick(StepId::RequestClosure) => return self.apply(Action::WithdrawRequest),
            Action::Untick(step) => {
                if let Some(later) = step.next().filter(|l| self.is_done(*l)) {
                    return Err(Refusal::LaterStepDone(later));
                }
                next.done[step.index()] = false;
            }
            Action::RecordRequest { at } => {
                match self.commitment {
                    Commitment::Unanswered => return Err(Refusal::CommitmentUnanswered),
                    Commitment::TermCommitment => return Err(Refusal::TermCommitment),
                    Commitment::NoCommitment => {}
                }
                if self.requested_at.is_some() {
                    return Err(Refusal::AlreadyRequested);
                }
                self.require_earlier_done(StepId::RequestClosure)?;
                next.done[StepId::RequestClosure.index()] = true;
                next.requested_at = Some(at);
            }
            Action::WithdrawRequest => {
                if self.requested_at.is_none() {
                    return Err(Refusal::NotRequested);
                }
                if self.confirmed_at.is_some() {
                    return Err(Refusal::AlreadyConfirmed);
                }
                next.done[StepId::RequestClosure.index()] = false;
                next.requested_at = None;
                next.escalated_at = None;
            }
            Action::RecordConfirmation { at } => {
                let requested = self.requested_at.ok_or(Refusal::NotRequested)?;
                if self.confirmed_at.is_some() {
                    return Err(Refusal::AlreadyConfirmed);
                }
                if at < requested {
                    return Err(Refusal::BeforeRequest);
                }
                next.confirmed_at = Some(at);
            }
            Action::RecordEscalation { at } => {
                let requested = self.requested_at.ok_or(Refusal::NotRequested)?;
                if self.confirmed_at.is_some() {
                    return Err(Refusal::AlreadyConfirmed);
                }
                if at < requested {
                    return Err(Refusal::BeforeRequest);
                }
                next.escalated_at = Some(at);
            }
            Action::StartOver => next = Checklist::default(),
        }
        Ok(next)
    }

    /// Whether `action` would be accepted (for enabling controls).
    pub fn allows(&self, action: Action) -> bool {
        self.apply(action).is_ok()
    }

    pub fn phase(&self, now: EpochMs) -> Phase {
        match self.commitment {
            Commitment::Unanswered => return Phase::AnswerCommitment,
            Commitment::TermCommitment => return Phase::TermCommitment,
            Commitment::NoCommitment => {}
        }
        if self.confirmed_at.is_some() {
            return Phase::Confirmed;
        }
        match self.requested_at {
            None => Phase::Working(self.first_open_step().unwrap_or(StepId::RequestClosure)),
            Some(at) => {
                let deadline = at + CONFIRMATION_WINDOW_MS;
                if now < deadline {
                    Phase::AwaitingConfirmation {
                        remaining_ms: deadline - now,
                    }
                } else {
                    Phase::Escalate {
                        overdue_ms: now - deadline,
                    }
                }
            }
        }
    }

    fn require_earlier_done(&self, step: StepId) -> Result<(), Refusal> {
        match StepId::ALL[..step.index()]
            .iter()
            .find(|s| !self.is_done(**s))
        {
            Some(open) => Err(Refusal::EarlierStepOpen(*open)),
            None => Ok(()),
        }
    }

    /// Builds a checklist from stored ticks, restoring the invariants (a tick whose earlier steps
    /// are open is dropped, step 4 follows `requested_at`). Used when loading saved state.
    pub(crate) fn from_parts(
        commitment: Commitment,
        ticks: [bool; 4],
        requested_at: Option<EpochMs>,
        confirmed_at: Option<EpochMs>,
        escalated_at: Option<EpochMs>,
    ) -> Checklist {
        let mut done = [false; 4];
        for i in 0..3 {
            done[i] = ticks[i] && (i == 0 || done[i - 1]);
        }
        let requested_at = requested_at.filter(|_| done[2]);
        done[3] = requested_at.is_some();
        let after = |t: Option<EpochMs>| t.filter(|t| requested_at.is_some_and(|r| *t >= r));
        Checklist {
            commitment,
            done,
            requested_at,
            confirmed_at: after(confirmed_at),
            escalated_at: after(escalated_at),
        }
    }

    pub(crate) fn ticks(&self) -> [bool; 4] {
        self.done
    }
}
