//! The report in a few plain sentences, for the UI to render as text (never as HTML: names
//! from the API are copied as they are, and the UI must escape them like any other text).

use serde::{Deserialize, Serialize};

use super::input::{DataMark, DeletionOutcome};
use super::model::Report;
use crate::checklist::Commitment;
use crate::cost::per_hour;
use crate::counts::{grouped, in_steps, named};
use crate::escalation::describe_time;
use crate::EpochMs;

/// One headed block of plain lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummarySection {
    pub heading: String,
    pub lines: Vec<String>,
    /// The lines grow with the account (one per failed deletion step, a group's line standing
    /// for its resources; one per resource kept; one per alias, of an enterprise parent's
    /// hundreds of sub-accounts), so the UI shows them a page at a time.
    /// Otherwise a few lines, whatever the account's size.
    #[serde(default)]
    pub listed: bool,
    /// The resources a listed section's lines stand for, when a line may stand for more than one
    /// (the failed deletions: a group's step fails with everything in it); `None` when each line
    /// is one of what the heading names.
    #[serde(default)]
    pub resources: Option<usize>,
}

impl SummarySection {
    /// The heading with how many its lines hold, as the record shows a listed section:
    /// `Kept in every closure (3)`, or in resources and steps (`Failed deletions: 12 resources,
    /// in 2 steps`, as the ledger heads its tables) when its lines are deletion steps.
    pub fn counted_heading(&self) -> String {
        match self.resources {
            Some(resources) => in_steps(&self.heading, self.lines.len(), resources),
            None => format!("{} ({})", self.heading, grouped(self.lines.len())),
        }
    }
}

/// The summary. Invariant: plain text only; sections always in the same order (account,
/// checklist, deletions, deletions by account when sub-accounts were read or deleted in,
/// failed deletion steps when any failed, kept in every closure, after,
/// manual, data, cost, invoice), each with at least one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub title: String,
    pub sections: Vec<SummarySection>,
}

impl Summary {
    /// The summary as one text: title, then each heading and its lines indented.
    pub fn to_text(&self) -> String {
        let mut out = format!("{}\n", self.title);
        for section in &self.sections {
            out.push_str(&format!("\n{}\n", section.heading));
            for line in &section.lines {
                out.push_str(&format!("  {line}\n"));
            }
        }
        out
    }
}

const KEPT: &str = "Kept in every closure";
const FAILED: &str = "Failed deletions";
const BY_ACCOUNT: &str = "Deletions by account";

fn section(heading: &str, lines: Vec<String>) -> SummarySection {
    SummarySection {
        heading: heading.into(),
        lines,
        listed: false,
        resources: None,
    }
}

/// A section that lists resources, one a line.
fn listed(heading: &str, lines: Vec<String>) -> SummarySection {
    SummarySection {
        listed: true,
        ..section(heading, lines)
    }
}

/// Builds the summary from a report.
pub fn summarise(report: &Report) -> Summary {
    let offset = report.utc_offset_minutes;
    let when = |at: Option<EpochMs>| at.map(|t| describe_time(t, report.utc_offsets.at(t, offset)));
    let a = &report.account;
    let c = &report.checklist;
    let mut account = vec![
        format!("Account alias: {}", a.alias),
        format!("API: {}", a.api_base),
        format!(
            "Report made {}.",
            describe_time(report.generated_at, offset)
        ),
    ];
    if !a.sub_accounts.is_empty() {
        // Past a handful, counted: "Deletions by account" names each, a page at a time.
        let which = named(&a.sub_accounts).unwrap_or_else(|| {
            format!(
                "{}, each named under \u{201c}{BY_ACCOUNT}\u{201d} below",
                grouped(a.sub_accounts.len())
            )
        });
        account.push(format!(
            "Sub-accounts read and emptied with it: {which}. The article does not say how \
             sub-accounts are closed: they may need their own closure request; name them in \
             the request and in any ticket."
        ));
    }
    if a.demo {
        account.push("Demo account: nothing real was deleted.".into());
    }

    let mut checklist = vec![match c.commitment {
        Commitment::Unanswered => "Term commitment: not answered.".to_string(),
        Commitment::NoCommitment => "Term commitment: none.".into(),
        Commitment::TermCommitment => "Term commitment: yes (closure through the sales \
            representative and a terminate service order)."
            .into(),
    }];
    checklist.push(format!(
        "Steps done: {} of 4.",
        c.steps_done.iter().filter(|d| **d).count()
    ));
    for (label, at) in [
        ("Closure requested", c.requested_at),
        ("Escalated", c.escalated_at),
        ("Closure confirmed", c.confirmed_at),
    ] {
        checklist.push(match when(at) {
            Some(t) => format!("{label}: {t}."),
            None => format!("{label}: not yet."),
        });
    }

    let counts = report.deletions.counts;
    let deletions = vec![format!(
        "Resources: {} removed, {} failed, {} not deleted.",
        grouped(counts.removed),
        grouped(counts.failed),
        grouped(counts.remaining)
    )];
    // One line per alias, the parent first.
    let mut by_account = Vec::new();
    if !a.sub_accounts.is_empty() {
        for alias in std::iter::once(&a.alias).chain(&a.sub_accounts) {
            let of_alias = |d: &&super::input::DeletionRecord| {
                let own = if d.account.is_empty() {
                    &a.alias
                } else {
                    &d.account
                };
                own == alias
            };
            let mut tally = [0usize; 3];
            for d in report.deletions.records.iter().filter(of_alias) {
                let i = match d.outcome {
                    DeletionOutcome::Removed => 0,
                    DeletionOutcome::Failed(_) => 1,
                    DeletionOutcome::Remaining(_) => 2,
                };
                tally[i] += d.resources;
            }
            by_account.push(format!(
                "Account {alias}: {} removed, {} failed, {} not deleted.",
                grouped(tally[0]),
                grouped(tally[1]),
                grouped(tally[2])
            ));
        }
    }
    let failed: Vec<String> = report
        .deletions
        .records
        .iter()
        .filter_map(|d| match &d.outcome {
            DeletionOutcome::Failed(reason) => Some((d, reason)),
            _ => None,
        })
        .map(|(d, reason)| {
            let account = if d.account.is_empty() || d.account == a.alias {
                String::new()
            } else {
                format!(" in account {}", d.account)
            };
            // A group's step failed with everything in it: the resources it counts in
            // "failed" above.
            let with = if d.resources > 1 {
                format!(", {} resources", grouped(d.resources))
            } else {
                String::new()
            };
            format!(
                "{} {} ({}){account}{with}: {reason}",
                d.resource.kind.label(),
                d.name,
                d.resource.id
            )
        })
        .collect();

    let kept: Vec<String> = report
        .exclusions
        .iter()
        .map(|e| match &e.data_center {
            Some(dc) => format!("{} {} ({dc}): {}", e.resource.kind.label(), e.name, e.why),
            None => format!("{} {}: {}", e.resource.kind.label(), e.name, e.why),
        })
        .collect();
    let kept = if kept.is_empty() {
        section(KEPT, vec!["Nothing kept on purpose.".into()])
    } else {
        listed(KEPT, kept)
    };

    let after = match &report.inventory_after {
        None => vec!["No re-scan after the deletions.".to_string()],
        Some(inv) => {
            let billing = inv.resources.iter().filter(|r| r.bills()).count();
            let mut lines = vec![format!(
                "{} resources found, {} of them still billing.",
                grouped(inv.resources.len()),
                grouped(billing)
            )];
            if !inv.is_complete() {
                lines.push("The re-scan did not read everything.".into());
            }
            lines
        }
    };

    let mut manual: Vec<String> = report
        .manual
        .iter()
        .map(|m| {
            let answer = match m.answer {
                Some(answer) => answer.label(),
                None if m.done => "done",
                None => "not done",
            };
            format!("[{answer}] {}", m.title)
        })
        .collect();
    if manual.is_empty() {
        manual.push("No manual items.".into());
    }

    let tally = |mark: DataMark| {
        grouped(
            report
                .data_retrieval
                .iter()
                .filter(|d| d.mark == mark)
                .count(),
        )
    };
    let data = vec![format!(
        "{} retrieved, {} not needed, {} unmarked.",
        tally(DataMark::Retrieved),
        tally(DataMark::NotNeeded),
        tally(DataMark::Unmarked)
    )];

    let cost = vec![
        match &report.cost.at_start {
            Some(b) => format!(
                "Month to date at the start: {} (servers and databases, from billing{}).",
                b.month_to_date(),
                if b.incomplete { "; partial" } else { "" }
            ),
            None => "Month to date at the start: not known (no scan before).".into(),
        },
        match &report.cost.accruing_at_end {
            // Written as the inventory's "Still accruing" and the ledger write rates.
            Some(a) => format!(
                "Still accruing at the end: {} ({} billed, {} list-price estimate).",
                per_hour(a.total_hourly()),
                per_hour(a.billed_hourly),
                per_hour(a.estimated_hourly)
            ),
            None => "Still accruing at the end: not known (no re-scan after).".into(),
        },
    ];

    let invoice = vec![match &report.invoice {
        Some(i) => format!(
            "Final invoice expected from {}, after the close of the {} billing month (CLC's \
             billing months are taken to be UTC calendar months).",
            crate::date_text::day_month_year(&i.expected_from),
            i.billing_month.label()
        ),
        None => "Final invoice date: not known.".into(),
    }];

    let mut sections = vec![
        section("Account", account),
        section("Checklist", checklist),
        section("Deletions", deletions),
    ];
    if !by_account.is_empty() {
        sections.push(listed(BY_ACCOUNT, by_account));
    }
    if !failed.is_empty() {
        // One line per step that failed (a group's stands for the resources in it): its heading
        // counts the resources, as "failed" in "Deletions" and the ledger do, and the steps.
        sections.push(SummarySection {
            resources: Some(counts.failed),
            ..listed(FAILED, failed)
        });
    }
    sections.extend([
        kept,
        section("After the deletions", after),
        section("Manual items", manual),
        section("Data retrieval", data),
        section("Cost", cost),
        section("Final invoice", invoice),
    ]);
    Summary {
        title: format!("Closure record for account {}", a.alias),
        sections,
    }
}
