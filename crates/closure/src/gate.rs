//! The lock on step 4: closure may be requested only when steps 1 to 3 are done, which in
//! connected mode means a complete re-scan shows nothing billable left but explained exclusions,
//! or the customer has explicitly accepted what remains. A pure function over plain inputs; the
//! lock names every missing thing with a sentence and the stable anchor id of the place where it
//! can be fixed, so the UI can link to it.

use crate::checklist::{Checklist, Commitment, Refusal, StepId};
use crate::cost::per_hour;
use crate::counts::{agreeing, grouped, plural};
use crate::inventory::{Inventory, Resource, ResourceKind};
use crate::manual_marks::{open_billable, ManualMarks};
use crate::marks::{marked_count, DataMarks, DATA_KINDS};

/// Anchor of the term-commitment question.
pub const ANCHOR_EXCEPTION: &str = "ob-exception";
/// Anchor of the manual items (what the sign-in cannot see).
pub const ANCHOR_MANUAL: &str = "ob-manual";
/// Anchor of the live status (what the latest scan found and what still bills).
pub const ANCHOR_LIVE: &str = "ob-live";

/// The anchor id of a step's section (`ob-step-1` … `ob-step-4`).
pub fn step_anchor(step: StepId) -> &'static str {
    match step {
        StepId::FindServices => "ob-step-1",
        StepId::RetrieveData => "ob-step-2",
        StepId::DeleteResources => "ob-step-3",
        StepId::RequestClosure => "ob-step-4",
    }
}

/// Step 2's marks in connected mode: how many data-bearing resources the customer marked
/// ("retrieved" or "not needed") out of how many there are. Invariant expected: `marked <= total`
/// (a larger `marked` is read as "all marked").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarksState {
    pub marked: usize,
    pub total: usize,
}

/// Everything the gate looks at. `inventory` is the latest re-scan; `None` is offline checklist
/// mode, where the customer's ticks of steps 1–3 decide on their own, unless `connected`.
#[derive(Clone, Copy, Debug)]
pub struct GateInput<'a> {
    pub checklist: &'a Checklist,
    pub inventory: Option<&'a Inventory>,
    /// Connected to an account (or the demo): with no `inventory`, no scan has finished since
    /// the connection or its list of sub-accounts changed, and the gate waits for one
    /// ([`Missing::NotScanned`]) rather than trust the ticks alone.
    pub connected: bool,
    pub marks: MarksState,
    /// The customer explicitly accepted that what remains keeps billing until the account is
    /// closed. Waives only [`Missing::BillableRemaining`], never an incomplete scan.
    pub remaining_accepted: bool,
    /// Aliases whose deletion journal holds a run that has not finished or been stopped (in
    /// every mode: the journals are in this browser). Nothing waives it.
    pub unfinished_runs: &'a [String],
    /// Connected mode: the customer's answers about the inventory's manual items.
    pub manual_marks: &'a ManualMarks,
}

/// Whether step 4 may be done now. Invariant: `Locked` always has at least one [`Missing`].
#[derive(Clone, Debug, PartialEq)]
pub enum Gate {
    Open,
    Locked { missing: Vec<Missing> },
}

impl Gate {
    pub fn is_open(&self) -> bool {
        matches!(self, Gate::Open)
    }

    /// What is missing (empty when open).
    pub fn missing(&self) -> &[Missing] {
        match self {
            Gate::Open => &[],
            Gate::Locked { missing } => missing,
        }
    }
}

/// Resources of one kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindCount {
    pub kind: ResourceKind,
    pub count: usize,
}

/// One reason step 4 is locked.
#[derive(Clone, Debug, PartialEq)]
pub enum Missing {
    /// The term-commitment question has not been answered.
    CommitmentUnanswered,
    /// A cloud term commitment: the request link is never the way; this lock never opens.
    TermCommitment,
    /// One of steps 1–3 is not ticked.
    StepOpen(StepId),
    /// A deletion run has not finished: step 3 is not done while it is open.
    RunUnfinished { aliases: Vec<String> },
    /// Connected mode: data-bearing resources without a step-2 mark.
    DataUnmarked { unmarked: usize, total: usize },
    /// Connected mode: no scan has finished since the connection (or since its list of
    /// sub-accounts changed), so nothing is known of what the account still holds.
    NotScanned,
    /// Connected mode: the latest scan did not read everything. `parts` describe what was not
    /// read (deduplicated, in scan order).
    ScanIncomplete { parts: Vec<String>, cancelled: bool },
    /// Connected mode: resources that still bill and are not explained exclusions. `kinds` in
    /// [`ResourceKind::ALL`] order; `hourly` is the known part of their rate, `unknown_rate`
    /// how many have a rate that could not be read.
    /// Connected mode: manual items that can keep billing and are not marked done or not
    /// applicable (their titles, in the inventory's order).
    ManualOpen { titles: Vec<String> },
    BillableRemaining {
        count: usize,
        kinds: Vec<KindCount>,
        hourly: f64,
        unknown_rate: usize,
    },
}

impl Missing {
    /// The id of the element where the customer can fix this (without `#`).
    pub fn anchor(&self) -> &'static str {
        match self {
            Missing::CommitmentUnanswered | Missing::TermCommitment => ANCHOR_EXCEPTION,
            Missing::StepOpen(step) => step_anchor(*step),
            Missing::DataUnmarked { .. } => step_anchor(StepId::RetrieveData),
            Missing::ManualOpen { .. } => ANCHOR_MANUAL,
            Missing::NotScanned
            | Missing::ScanIncomplete { .. }
            | Missing::BillableRemaining { .. }
            | Missing::RunUnfinished { .. } => ANCHOR_LIVE,
        }
    }

    /// `#ob-step-1`: the link target.
    pub fn href(&self) -> String {
        format!("#{}", self.anchor())
    }

    /// What is missing and what to do, as one sentence for the customer.
    pub fn sentence(&self) -> String {
        match self {
            Missing::CommitmentUnanswered => "Answer the term-commitment question first.".into(),
            Missing::TermCommitment => "With a cloud term commitment, do not use the request \
                link: contact your sales representative to execute a terminate service order."
                .into(),
            Missing::StepOpen(step) => format!(
                "Step {} is not done: {}.",
                step.number(),
                match step {
                    StepId::FindServices => "find every service the account has",
                    StepId::RetrieveData => "retrieve the data from those services",
                    StepId::DeleteResources => "delete every actively billed resource",
                    StepId::RequestClosure => "request the closure",
                }
            ),
            Missing::RunUnfinished { aliases } => format!(
                "A deletion run on account {} has not finished: resume it, or stop it, in step 3 \
                 (connect to the account to see it).",
                aliases.join(", ")
            ),
            Missing::DataUnmarked { unmarked, total } => format!(
                "{} of {} with data {} not marked as retrieved or not needed.",
                grouped(*unmarked),
                plural(*total, "resource", "resources"),
                agreeing(*total, "is", "are"),
            ),
            Missing::ManualOpen { titles } => format!(
                "Not yet marked done or not applicable, and {} can keep billing: {}.",
                agreeing(titles.len(), "it", "they"),
                titles.join(", ")
            ),
            Missing::NotScanned => "No scan of the account has finished since it was \
                connected or its sub-accounts changed: wait for the scan, or scan again."
                .into(),
            Missing::ScanIncomplete { parts, cancelled } => {
                let what = if *cancelled {
                    "The latest scan was cancelled before it finished"
                } else {
                    "The latest scan could not read everything"
                };
                if parts.is_empty() {
                    format!("{what}: scan again.")
                } else {
                    format!("{what} (not read: {}): scan again.", parts.join(", "))
                }
            }
            Missing::BillableRemaining {
                count,
                kinds,
                hourly,
                unknown_rate,
            } => {
                // Counts and the rate written as the inventory and the ledger write them.
                let list: Vec<String> = kinds
                    .iter()
                    .map(|k| format!("{} {}", grouped(k.count), kind_label(k.kind, k.count)))
                    .collect();
                let mut rate = format!("about {}", per_hour(*hourly));
                if *unknown_rate > 0 {
                    rate.push_str(&format!(
                        " plus {} at an unknown rate",
                        grouped(*unknown_rate)
                    ));
                }
                format!(
                    "{} still {} ({}), {rate}: delete {} in step 3, or accept \
                     that {} keep billing until the account is closed.",
                    plural(*count, "billable resource", "billable resources"),
                    agreeing(*count, "exists", "exist"),
                    list.join(", "),
                    agreeing(*count, "it", "them"),
                    agreeing(*count, "it", "they"),
                )
            }
        }
    }
}

/// Why ticking `step` is refused while deletion runs are unfinished: step 3 ("delete every
/// actively billed resource") is not done while a run of it is open, by hand or automatically.
pub fn tick_refusal(step: StepId, unfinished_runs: &[String]) -> Option<Refusal> {
    (step == StepId::DeleteResources && !unfinished_runs.is_empty())
        .then_some(Refusal::RunUnfinished)
}

/// Step 2 is done: every data-bearing resource is marked, and no part that could list more of
/// them failed (an unread part must not pass for "nothing left to copy").
pub fn all_marked(inventory: &Inventory, marks: &DataMarks) -> bool {
    let (marked, total) = marked_count(inventory, marks);
    marked == total
        && !DATA_KINDS
            .iter()
            .any(|&k| inventory.may_be_incomplete(k, None))
}

/// Decides whether step 4 is open. Rules, in the order the missing items are listed:
/// 1. the commitment must be answered; a term commitment locks for good (and nothing else is
///    listed, since no step leads to the request link);
/// 2. steps 1–3 must be ticked, and no deletion run may be unfinished;
/// 3. connected mode only (`inventory` is `Some`): every data-bearing resource marked; the scan
///    complete (no unread part, not cancelled); no resource that [`Resource::bills`], unless
///    `remaining_accepted`.
pub fn evaluate(input: &GateInput<'_>) -> Gate {
    let mut missing = Vec::new();
    match input.checklist.commitment {
        Commitment::TermCommitment => {
            return Gate::Locked {
                missing: vec![Missing::TermCommitment],
            }
        }
        Commitment::Unanswered => missing.push(Missing::CommitmentUnanswered),
        Commitment::NoCommitment => {}
    }
    for step in [
        StepId::FindServices,
        StepId::RetrieveData,
        StepId::DeleteResources,
    ] {
        if !input.checklist.is_done(step) {
            missing.push(Missing::StepOpen(step));
        }
    }
    if !input.unfinished_runs.is_empty() {
        missing.push(Missing::RunUnfinished {
            aliases: input.unfinished_runs.to_vec(),
        });
    }
    match input.inventory {
        Some(inventory) => connected(inventory, input, &mut missing),
        None if input.connected => missing.push(Missing::NotScanned),
        None => {}
    }
    if missing.is_empty() {
        Gate::Open
    } else {
        Gate::Locked { missing }
    }
}

fn connected(inventory: &Inventory, input: &GateInput<'_>, missing: &mut Vec<Missing>) {
    let marks = input.marks;
    if marks.marked < marks.total {
        missing.push(Missing::DataUnmarked {
            unmarked: marks.total - marks.marked,
            total: marks.total,
        });
    }
    if !inventory.is_complete() {
        let mut parts: Vec<String> = Vec::new();
        for unread in &inventory.unread {
            let described = unread.part.describe();
            if !parts.contains(&described) {
                parts.push(described);
            }
        }
        missing.push(Missing::ScanIncomplete {
            parts,
            cancelled: inventory.cancelled,
        });
    }
    let manual: Vec<String> = open_billable(&inventory.manual, input.manual_marks)
        .into_iter()
        .map(|item| item.title.clone())
        .collect();
    if !manual.is_empty() {
        missing.push(Missing::ManualOpen { titles: manual });
    }
    if input.remaining_accepted {
        return;
    }
    let billing: Vec<&Resource> = inventory.resources.iter().filter(|r| r.bills()).collect();
    if billing.is_empty() {
        return;
    }
    let kinds = ResourceKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let count = billing.iter().filter(|r| r.id.kind == kind).count();
            (count > 0).then_some(KindCount { kind, count })
        })
        .collect();
    missing.push(Missing::BillableRemaining {
        count: billing.len(),
        kinds,
        hourly: billing.iter().filter_map(|r| r.cost.hourly).sum(),
        unknown_rate: billing.iter().filter(|r| r.cost.hourly.is_none()).count(),
    });
}

/// `server` / `servers`, `firewall policy` / `firewall policies`.
fn kind_label(kind: ResourceKind, n: usize) -> String {
    let one = kind.label();
    if n == 1 {
        one.to_string()
    } else if let Some(stem) = one.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{one}s")
    }
}
