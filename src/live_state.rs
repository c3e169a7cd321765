//! What the live modes have learned about the account, shared with the checklist: the first and
//! latest inventories, step 2's marks, the deletion runs' ledgers, and whether the customer
//! accepted what still bills. Pure: the live components dispatch what they observed.

use std::rc::Rc;

use closure::gate::MarksState;
use closure::marks::DataMarks;
use closure::{Inventory, Ledger, Resource};
use yew::Reducible;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct LiveSummary {
    pub alias: String,
    pub api_base: String,
    pub demo: bool,
    /// The first complete reading of the account (the "before" of the closure record).
    pub first: Option<Rc<Inventory>>,
    /// The latest reading.
    pub latest: Option<Rc<Inventory>>,
    pub marks: MarksState,
    pub marks_complete: bool,
    pub ledgers: Vec<Rc<Ledger>>,
    /// The customer explicitly accepted that what remains keeps billing.
    pub remaining_accepted: bool,
    /// Step 2's marks as they are now (they outlive the resources they describe).
    pub data_marks: Rc<DataMarks>,
    /// This tab holds a deletion run that has not finished or been stopped.
    pub run_open: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LiveMsg {
    Connected {
        alias: String,
        api_base: String,
        demo: bool,
    },
    Scanned(Rc<Inventory>),
    Marked {
        marks: Rc<DataMarks>,
        state: MarksState,
        complete: bool,
    },
    RunOpen(bool),
    RunFinished(Rc<Ledger>),
    AcceptRemaining(bool),
    Disconnected,
}

impl Reducible for LiveSummary {
    type Action = LiveMsg;

    fn reduce(self: Rc<Self>, msg: LiveMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match msg {
            LiveMsg::Connected {
                alias,
                api_base,
                demo,
            } => {
                if alias != next.alias || api_base != next.api_base {
                    next = LiveSummary::default();
                }
                next.alias = alias;
                next.api_base = api_base;
                next.demo = demo;
            }
            LiveMsg::Scanned(inventory) => {
                if next.first.is_none() && inventory.is_complete() {
                    next.first = Some(inventory.clone());
                }
                next.latest = Some(inventory);
            }
            LiveMsg::Marked {
                marks,
                state,
                complete,
            } => {
                next.data_marks = marks;
                next.marks = state;
                next.marks_complete = complete;
            }
            LiveMsg::RunOpen(open) => next.run_open = open,
            LiveMsg::RunFinished(ledger) => next.ledgers.push(ledger),
            LiveMsg::AcceptRemaining(accepted) => next.remaining_accepted = accepted,
            LiveMsg::Disconnected => next = LiveSummary::default(),
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}

impl LiveSummary {
    /// The resources of the latest reading that still bill (exclusions and free items aside).
    pub fn still_billing(&self) -> usize {
        self.billing().count()
    }

    /// What bills in the latest reading and is not in `baseline` (what billed when the closure
    /// was requested, as `services::baseline` stores it): something that appeared, or came
    /// back, since.
    pub fn billing_besides(&self, baseline: &[String]) -> Vec<&Resource> {
        self.billing()
            .filter(|r| !baseline.contains(&crate::services::baseline::token(&r.id)))
            .collect()
    }

    /// The resources of the latest reading that still bill.
    pub fn billing(&self) -> impl Iterator<Item = &Resource> {
        self.latest
            .iter()
            .flat_map(|inv| inv.resources.iter())
            .filter(|r| r.bills())
    }
}
