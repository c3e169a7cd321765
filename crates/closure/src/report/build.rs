//! [`ReportInput`] → [`Report`], pure: the same input gives the same report.

use super::input::{DataMarkInput, DeletionOutcome, DeletionRecord, ReportInput};
use super::model::{
    AccountSection, ChecklistSection, CostSection, DataRetrievalLine, DeletionCounts,
    DeletionsSection, ExclusionLine, InvoiceSection, ManualLine, Report,
};
use super::{SCHEMA, VERSION};
use crate::checklist::StepId;
use crate::cost::{accrual, live_billing};
use crate::inventory::{manual, Inventory, Keep, Resource};
use crate::invoice::final_invoice;
use crate::manual_marks::ManualMark;

/// Builds the closure record. Every section is filled from the input alone.
pub fn build(input: &ReportInput) -> Report {
    let checklist = &input.checklist;
    Report {
        schema: SCHEMA.to_string(),
        version: VERSION,
        generated_at: input.generated_at,
        utc_offset_minutes: input.utc_offset_minutes,
        utc_offsets: input.utc_offsets.clone(),
        account: AccountSection {
            alias: input.alias.clone(),
            api_base: input.api_base.clone(),
            demo: input.demo,
            sub_accounts: sub_accounts(input),
        },
        checklist: ChecklistSection {
            commitment: checklist.commitment,
            steps_done: StepId::ALL.map(|s| checklist.is_done(s)),
            requested_at: checklist.requested_at,
            escalated_at: checklist.escalated_at,
            confirmed_at: checklist.confirmed_at,
        },
        inventory_before: input.before.clone(),
        inventory_after: input.after.clone(),
        deletions: deletions(&input.deletions),
        exclusions: exclusions(input),
        manual: manual_lines(input),
        data_retrieval: input
            .data_marks
            .iter()
            .map(|m| data_line(input, m))
            .collect(),
        invoice: invoice(input),
        cost: CostSection {
            at_start: input.before.as_deref().map(live_billing),
            accruing_at_end: input.after.as_deref().map(accrual),
        },
    }
}

/// Every sub-account the closure touched, once each: those the readings before and after
/// covered, then any that only the plan or the journal names (a deletion record's alias), so
/// each gets its line in the record even when no reading of it was kept.
fn sub_accounts(input: &ReportInput) -> Vec<String> {
    let read = input
        .before
        .iter()
        .chain(&input.after)
        .flat_map(|i| i.aliases().into_iter().skip(1));
    let planned = input
        .deletions
        .iter()
        .map(|d| d.account.clone())
        .filter(|a| !a.is_empty() && !a.eq_ignore_ascii_case(&input.alias));
    read.chain(planned).fold(Vec::new(), |mut all, a| {
        if !all.iter().any(|b: &String| b.eq_ignore_ascii_case(&a)) {
            all.push(a);
        }
        all
    })
}

fn deletions(records: &[DeletionRecord]) -> DeletionsSection {
    let mut counts = DeletionCounts::default();
    for record in records {
        let tally = match record.outcome {
            DeletionOutcome::Removed => &mut counts.removed,
            DeletionOutcome::Failed(_) => &mut counts.failed,
            DeletionOutcome::Remaining(_) => &mut counts.remaining,
        };
        *tally += record.resources;
    }
    DeletionsSection {
        counts,
        records: records.to_vec(),
    }
}

/// The inventory that describes the account as the closure found it: before, else after.
fn reference(input: &ReportInput) -> Option<&Inventory> {
    input.before.as_deref().or(input.after.as_deref())
}

fn find<'a>(input: &'a ReportInput, id: &crate::ResourceId) -> Option<&'a Resource> {
    [input.before.as_deref(), input.after.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|inventory| inventory.get(id))
}

/// Kept resources of the reference inventory, in its (id) order.
fn exclusions(input: &ReportInput) -> Vec<ExclusionLine> {
    let Some(inventory) = reference(input) else {
        return Vec::new();
    };
    inventory
        .resources
        .iter()
        .filter_map(|r| {
            let why = match r.keep.as_ref()? {
                Keep::SystemGroup => {
                    "A system group, which CenturyLink Cloud does not allow deleting.".to_string()
                }
                Keep::FreePrimaryNetwork { certain, reason } => format!(
                    "{} free primary network of this data center, which the client VPN \
                     depends on; it is not charged ({}).",
                    if *certain { "The" } else { "Probably the" },
                    reason.trim_end_matches('.')
                ),
            };
            Some(ExclusionLine {
                resource: r.id.clone(),
                name: r.name.clone(),
                data_center: r.data_center.clone(),
                why,
            })
        })
        .collect()
}

fn manual_lines(input: &ReportInput) -> Vec<ManualLine> {
    let items = reference(input).map_or_else(manual::items, |i| i.manual.clone());
    items
        .into_iter()
        .map(|item| ManualLine {
            done: input.manual_marks.get(&item.key) == Some(ManualMark::Done),
            answer: input.manual_marks.get(&item.key),
            key: item.key,
            title: item.title,
            what_to_do: item.what_to_do,
            billable: item.billable,
        })
        .collect()
}

fn data_line(input: &ReportInput, mark: &DataMarkInput) -> DataRetrievalLine {
    let found = find(input, &mark.resource);
    DataRetrievalLine {
        resource: mark.resource.clone(),
        name: found.map_or_else(|| mark.resource.id.clone(), |r| r.name.clone()),
        data_center: found.and_then(|r| r.data_center.clone()),
        mark: mark.mark,
    }
}

fn invoice(input: &ReportInput) -> Option<InvoiceSection> {
    let requested = input.checklist.requested_at;
    let at = requested.unwrap_or(input.generated_at);
    let offset = input.utc_offsets.at(at, input.utc_offset_minutes);
    let expectation = final_invoice(at, offset)?;
    Some(InvoiceSection {
        from_request: requested.is_some(),
        billing_month: expectation.billing_month,
        month_closes: expectation.month_closes,
        expected_from: expectation.expected_from,
    })
}
