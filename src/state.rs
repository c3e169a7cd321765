//! The checklist page's state: the customer's saved checklist plus what the page says about it.
//! Pure: time comes in with the actions, and persistence happens in an effect, not here.

use std::rc::Rc;

use closure::{Action, Checklist, Refusal, SavedChecklist};
use yew::Reducible;

/// Something the page must tell the customer about their saved data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Unreadable saved progress was kept under `key`; the checklist started fresh.
    SetAside { key: String, reason: String },
    /// Progress from an older version of the page was carried over.
    Migrated { from: u32 },
    /// The browser refuses storage (private mode, blocked by the host page): nothing persists.
    StorageUnavailable,
    /// Saving failed (e.g. storage full); the on-screen state is still correct.
    SaveFailed,
    /// The live tools were loaded but could not start; the checklist is back as it was.
    LiveToolsFailed { reason: String },
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChecklistState {
    pub saved: SavedChecklist,
    /// The last refused action's reason, shown until the next accepted change.
    pub refusal: Option<Refusal>,
    pub notices: Vec<Notice>,
    /// The customer asked to start over and has not confirmed yet.
    pub confirming_start_over: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChecklistMsg {
    Apply(Action),
    SetAlias(String),
    AskStartOver,
    CancelStartOver,
    ConfirmStartOver,
    Notify(Notice),
    Dismiss(usize),
    /// Steps the app observed as done (connected mode), ticked in order; any the checklist
    /// refuses are skipped without a message, since the customer did not ask for them.
    AutoTick(Vec<closure::StepId>),
}

impl ChecklistState {
    pub fn new(saved: SavedChecklist, notices: Vec<Notice>) -> Self {
        ChecklistState {
            saved,
            notices,
            ..Default::default()
        }
    }

    pub fn checklist(&self) -> &Checklist {
        &self.saved.checklist
    }
}

impl Reducible for ChecklistState {
    type Action = ChecklistMsg;

    fn reduce(self: Rc<Self>, msg: ChecklistMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            ChecklistMsg::Apply(action) => match self.saved.checklist.apply(action) {
                Ok(checklist) => {
                    next.saved.checklist = checklist;
                    next.refusal = None;
                }
                Err(refusal) => next.refusal = Some(refusal),
            },
            ChecklistMsg::SetAlias(alias) => next.saved.alias = alias,
            ChecklistMsg::AskStartOver => next.confirming_start_over = true,
            ChecklistMsg::CancelStartOver => next.confirming_start_over = false,
            ChecklistMsg::ConfirmStartOver => {
                next.saved = SavedChecklist::default();
                next.refusal = None;
                next.confirming_start_over = false;
            }
            ChecklistMsg::Notify(notice) => {
                if !next.notices.contains(&notice) {
                    next.notices.push(notice);
                }
            }
            ChecklistMsg::AutoTick(steps) => {
                for step in steps {
                    if !next.saved.checklist.is_done(step) {
                        if let Ok(ticked) = next.saved.checklist.apply(Action::Tick(step)) {
                            next.saved.checklist = ticked;
                        }
                    }
                }
            }
            ChecklistMsg::Dismiss(index) => {
                if index < next.notices.len() {
                    next.notices.remove(index);
                }
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
