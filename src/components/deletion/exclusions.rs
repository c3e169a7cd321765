//! What the plan leaves in place, each with its reason in words (the free primary network the
//! client VPN uses, system groups, what the token's roles may not delete, free items not
//! chosen, data not marked in step 2, what the customer kept for now) and whether it keeps
//! billing, 25 a page.

use closure::plan::ExclusionReason;
use closure::{Plan, ResourceId};
use yew::prelude::*;

use super::phase_steps::PLAN_PAGE;
use super::resource_name::resource_name;
use crate::components::common::format::{agreeing, count, hourly};
use crate::components::common::pager::use_paging;
use crate::components::common::{table_scroll, ByPtr};

#[derive(Properties, PartialEq)]
pub struct PlanExclusionsProps {
    pub plan: ByPtr<Plan>,
    /// Puts a resource the customer kept for now back in the plan.
    pub on_keep: Callback<ResourceId>,
}

#[component]
pub fn PlanExclusions(props: &PlanExclusionsProps) -> Html {
    let exclusions = &props.plan.0.exclusions;
    let billing = exclusions.iter().filter(|e| e.bills()).count();
    let paging = use_paging(exclusions.len(), PLAN_PAGE);
    let rows = exclusions[paging.window.start..paging.window.end].iter().map(|e| {
        let why = match &e.reason {
            // Kept for now by the customer: they may put it back.
            ExclusionReason::NotSelected => {
                let (id, on_keep) = (e.resource.clone(), props.on_keep.clone());
                html! {
                    <>
                        { e.reason.sentence() }{ " " }
                        <button type="button" class="ob-button ob-button-quiet"
                            onclick={Callback::from(move |_| on_keep.emit(id.clone()))}>
                            { "Put it back in the plan" }
                        </button>
                    </>
                }
            }
            ExclusionReason::DataNotMarked { .. } => html! {
                <>
                    { e.reason.sentence() }{ " " }
                    <a href={format!("#{}", closure::gate::step_anchor(closure::StepId::RetrieveData))}>{ "Mark it in step 2" }</a>
                </>
            },
            reason => html! { { reason.sentence() } },
        };
        html! {
            <tr class={classes!(e.bills().then_some("ob-del-still-bills"))} data-reason={reason_key(&e.reason)}>
                <th scope="row" class="ob-inv-name">{ resource_name(&e.label, &e.resource) }</th>
                <td>{ e.resource.kind.label() }</td>
                <td>{ e.data_center.clone().unwrap_or_else(|| "—".into()) }</td>
                <td>{ why }</td>
                <td class="ob-num">{ match e.hourly_cost { Some(h) => hourly(h), None => "unknown".into() } }</td>
            </tr>
        }
    });
    html! {
        <section class="ob-del-phase" aria-labelledby="ob-del-kept-title" data-testid="deletion-exclusions">
            <h4 id="ob-del-kept-title">{ "What stays, and why" }</h4>
            if exclusions.is_empty() {
                <p>{ "Nothing stays: the plan removes everything the scan found." }</p>
            } else {
                if billing > 0 {
                    <p class="ob-callout">{ billing_words(billing) }</p>
                }
                { table_scroll("Resources the plan keeps, with the reason".into(), html! {
                    <table class="ob-inv-table">
                        <caption class="ob-visually-hidden">{ "Resources the plan keeps, with the reason" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Name" }</th>
                            <th scope="col">{ "Kind" }</th>
                            <th scope="col">{ "Data center" }</th>
                            <th scope="col">{ "Why it stays" }</th>
                            <th scope="col" class="ob-num">{ "Costs" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }) }
                { paging.controls("Pages of what stays".into()) }
            }
        </section>
    }
}

/// A stable name for the reason, for styling and tests.
fn reason_key(reason: &ExclusionReason) -> &'static str {
    match reason {
        ExclusionReason::FreePrimaryNetwork { .. } => "free-primary-network",
        ExclusionReason::SystemGroup => "system-group",
        ExclusionReason::NotPermitted => "not-permitted",
        ExclusionReason::FreeNotChosen => "free-not-chosen",
        ExclusionReason::NotSelected => "kept-for-now",
        ExclusionReason::DataNotMarked { .. } => "data-not-marked",
        ExclusionReason::StillUsed { .. } => "still-used",
        ExclusionReason::NoDeleteCall { .. } => "no-delete-call",
    }
}

/// How many of the resources the plan keeps still bill, counted as the plan counts them.
fn billing_words(billing: usize) -> String {
    format!(
        "{} of these {} billing (or their cost is unknown).",
        count(billing),
        agreeing(billing, "keeps", "keep")
    )
}

#[cfg(test)]
mod tests {
    use super::billing_words;

    /// With the separator and the verb agreeing ("1200 of these keep", "1 of these keep" before).
    #[test]
    fn what_the_plan_keeps_that_bills_is_counted_as_the_plan_counts() {
        assert_eq!(
            billing_words(1_200),
            "1,200 of these keep billing (or their cost is unknown)."
        );
        assert_eq!(
            billing_words(1),
            "1 of these keeps billing (or their cost is unknown)."
        );
    }
}
