//! Every count the customer reads about a closure, in one unit: resources. A group step removes
//! the group and everything in it, so steps and resources differ; steps are counted only where
//! steps are the subject (the run's progress), and labelled as steps there.
//!
//! Each figure is computed here once; the plan, the run, the ledger, the record and the gate show
//! these, never a tally of their own, so the same thing has the same number everywhere.

use serde::{Deserialize, Serialize};

use crate::inventory::Inventory;
use crate::journal::{Ledger, LedgerLine, RunState, StepStatus};
use crate::plan::{ExclusionReason, Plan};

/// A count as the customer reads it, with the thousands separator: `10,000`. Every screen and
/// the record write counts this way, so the same number reads the same everywhere.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A sentence names at most this many aliases; past it, it says how many and points to the
/// paged list that names each (an enterprise parent may have thousands of sub-accounts).
pub const NAMED_UP_TO: usize = 5;

/// `DEMS, DEMT`: the names joined, when a sentence may name them all ([`NAMED_UP_TO`]); `None`
/// when there are more, for the sentence to count them instead.
pub fn named<S: AsRef<str>>(names: &[S]) -> Option<String> {
    (names.len() <= NAMED_UP_TO).then(|| {
        names
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", ")
    })
}

/// `one` for a count of 1, else `many`: the word that agrees with a count (`is` / `are`).
pub fn agreeing<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// `1 resource`, `2,010 resources`: a count with the separator and the word that agrees with it.
/// The screens (`format::plural`), the record and the gate count this way.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n), agreeing(n, one, many))
}

/// A list of deletion steps headed by what it holds, in resources, the unit every count is in:
/// `Removed: 12 resources`, or `Removed: 2,010 resources, in 2,000 steps` when a group's step
/// stands for several. The ledger's tables and the record's lists of deletions head themselves
/// this way, so a count of steps is never read as one of resources.
pub fn in_steps(title: &str, steps: usize, resources: usize) -> String {
    let what = plural(resources, "resource", "resources");
    if steps == resources {
        format!("{title}: {what}")
    } else {
        format!("{title}: {what}, in {}", plural(steps, "step", "steps"))
    }
}

/// What a plan would do, before it runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanCounts {
    /// Delete calls (the run's unit of work).
    pub steps: usize,
    /// Resources the steps remove, with what goes with them.
    pub removes: usize,
    /// Resources the plan keeps, each with its reason.
    pub kept: usize,
    /// Of `kept`, those every closure keeps (system groups, the client VPN's free network):
    /// the inventory's "Always kept" list, see [`always_kept`].
    pub always_kept: usize,
}

impl PlanCounts {
    pub fn of(plan: &Plan) -> PlanCounts {
        PlanCounts {
            steps: plan.steps.len(),
            removes: plan.steps.iter().map(|s| s.removes.len()).sum(),
            kept: plan.exclusions.len(),
            always_kept: plan
                .exclusions
                .iter()
                .filter(|e| {
                    matches!(
                        e.reason,
                        ExclusionReason::SystemGroup | ExclusionReason::FreePrimaryNetwork { .. }
                    )
                })
                .count(),
        }
    }
}

/// Resources of the inventory that every closure keeps (its `keep` marks).
pub fn always_kept(inventory: &Inventory) -> usize {
    inventory
        .resources
        .iter()
        .filter(|r| r.keep.is_some())
        .count()
}

/// What a run did, in resources: each of the plan's resources is in exactly one of `removed`,
/// `failed` and `remaining` (not deleted); `kept` are the plan's exclusions.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunCounts {
    pub removed: usize,
    pub failed: usize,
    pub remaining: usize,
    pub kept: usize,
}

fn resources(lines: &[LedgerLine]) -> usize {
    lines.iter().map(|l| l.resources).sum()
}

impl RunCounts {
    /// The counts of a finished run's ledger (its `remaining` list holds both the steps not
    /// deleted and the exclusions, told apart by their step).
    pub fn of_ledger(ledger: &Ledger) -> RunCounts {
        let (steps, kept): (Vec<_>, Vec<_>) = ledger
            .remaining
            .iter()
            .cloned()
            .partition(|l| l.step.is_some());
        RunCounts {
            removed: resources(&ledger.removed),
            failed: resources(&ledger.failed),
            remaining: resources(&steps),
            kept: resources(&kept),
        }
    }

    /// Several runs of one closure, added up.
    pub fn sum<'a>(ledgers: impl IntoIterator<Item = &'a Ledger>) -> RunCounts {
        ledgers
            .into_iter()
            .map(RunCounts::of_ledger)
            .fold(RunCounts::default(), |a, b| RunCounts {
                removed: a.removed + b.removed,
                failed: a.failed + b.failed,
                remaining: a.remaining + b.remaining,
                kept: a.kept + b.kept,
            })
    }
}

/// A run under way: steps are the subject, with the resources their deletes removed so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgressCounts {
    pub steps: usize,
    pub steps_done: usize,
    pub steps_failed: usize,
    pub steps_under_way: usize,
    /// Resources removed by the steps done, of the plan's [`PlanCounts::removes`].
    pub removed: usize,
    pub removes: usize,
}

impl ProgressCounts {
    pub fn of(plan: &Plan, run: &RunState) -> ProgressCounts {
        let mut out = ProgressCounts {
            steps: plan.steps.len(),
            removes: PlanCounts::of(plan).removes,
            ..ProgressCounts::default()
        };
        for step in &plan.steps {
            match run.status_of(&step.id) {
                Some(StepStatus::Succeeded { .. }) => {
                    out.steps_done += 1;
                    out.removed += step.removes.len();
                }
                Some(StepStatus::Failed { .. }) => out.steps_failed += 1,
                Some(
                    StepStatus::Sent | StepStatus::Queued { .. } | StepStatus::Executing { .. },
                ) => out.steps_under_way += 1,
                Some(StepStatus::Pending) | None => {}
            }
        }
        out
    }
}
