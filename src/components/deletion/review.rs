//! The dry run: the whole plan with its counts and savings per phase, the free items the
//! customer may add, each phase's steps (biggest hourly cost first), and what stays and why.
//! Nothing is sent from here; starting is refused while the inventory is incomplete.

use std::collections::BTreeSet;

use closure::counts::PlanCounts;
use closure::inventory::ResourceKind;
use closure::{Inventory, Plan, ResourceId};
use yew::prelude::*;

use super::exclusions::PlanExclusions;
use super::free_choices::free_choices;
use super::phase_steps::PhaseSteps;
use super::saving;
use crate::components::common::format::{agreeing, plural};
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::{table_scroll, ByPtr};

#[derive(Properties, PartialEq)]
pub struct PlanReviewProps {
    pub inventory: ByPtr<Inventory>,
    pub plan: ByPtr<Plan>,
    /// Free kinds the customer chose to remove too.
    pub free_kinds: BTreeSet<ResourceKind>,
    pub on_toggle_free: Callback<ResourceKind>,
    /// Resources whose data is not marked in step 2, held back from the plan.
    pub unmarked_held: usize,
    /// The customer chose to delete data not marked in step 2 too.
    pub delete_unmarked: bool,
    pub on_delete_unmarked: Callback<bool>,
    /// Keeps one resource out of the plan for now, or puts it back.
    pub on_keep: Callback<ResourceId>,
    /// Go on to the confirmation.
    pub on_proceed: Callback<()>,
}

/// Why the run may not start from this plan, if it may not.
fn blocked(inventory: &Inventory, plan: &Plan) -> Option<String> {
    if !inventory.is_complete() {
        let parts = plural(inventory.unread.len(), "part", "parts");
        return Some(format!(
            "The account was not read completely ({parts} of the scan could not be read{}), so \
             this plan may miss resources that bill. Read the account again, or retry the parts \
             listed above, before deleting.",
            if inventory.cancelled {
                ": the scan was cancelled"
            } else {
                ""
            }
        ));
    }
    plan.is_empty().then(|| {
        "Nothing to delete: nothing in this account bills, or your user may not delete what \
         does (see what stays, below)."
            .to_string()
    })
}

/// A plan in several accounts with at most this many steps shows every account's steps at
/// first; a longer one shows them account by account, on demand.
pub const OPEN_ACCOUNTS_UP_TO: usize = 200;

#[component]
pub fn PlanReview(props: &PlanReviewProps) -> Html {
    // The accounts whose steps the customer showed or hid (against the default).
    let toggled = use_state(BTreeSet::<String>::new);
    let plan = &props.plan.0;
    let summary = plan.summary();
    let counts = PlanCounts::of(plan);
    let incomplete_saving = summary.values().any(|p| p.saving_incomplete);
    let blocked = blocked(&props.inventory.0, plan);
    let rows = summary.iter().map(|(phase, p)| {
        html! {
            <tr key={phase.label()}>
                <th scope="row">{ phase.label() }</th>
                <td class="ob-num">{ p.steps }</td>
                <td class="ob-num">{ p.removes }</td>
                <td class="ob-num">{ saving(p.known_hourly_saving, p.saving_incomplete) }</td>
            </tr>
        }
    });
    let aliases = plan.aliases();
    // A plan in several accounts lists each account's steps under a button: open at first when
    // the whole plan is short, closed when it is long (each account's phases are pages of 25,
    // so many accounts would otherwise multiply the page's elements). The accounts themselves
    // are 25 a page: an enterprise parent may have hundreds of sub-accounts.
    let open_at_first = plan.steps.len() <= OPEN_ACCOUNTS_UP_TO;
    let accounts = use_paging(aliases.len(), LIST_PAGE);
    let phases: Html = if aliases.len() > 1 {
        // One part per alias, in the order the run goes: sub-accounts first, the parent last.
        let parts: Html = aliases[accounts.window.start..accounts.window.end]
            .iter()
            .map(|alias| {
                let parent = *alias == plan.account;
                let steps = plan
                    .steps
                    .iter()
                    .filter(|s| plan.alias_of(s) == alias)
                    .count();
                let note = if parent {
                    format!("Account {alias} (the parent): after its sub-accounts")
                } else {
                    format!("Account {alias} (a sub-account): before the parent")
                };
                let open = open_at_first != toggled.contains(alias);
                let parts = summary.keys().map(|phase| {
                    html! { <PhaseSteps key={format!("{alias}-{}", phase.label())} phase={*phase}
                    account={Some(alias.clone())} plan={props.plan.clone()}
                    inventory={props.inventory.clone()} on_keep={props.on_keep.clone()} /> }
                });
                let toggle = {
                    let (toggled, alias) = (toggled.clone(), alias.clone());
                    Callback::from(move |_: MouseEvent| {
                        let mut next = (*toggled).clone();
                        if !next.remove(&alias) {
                            next.insert(alias.clone());
                        }
                        toggled.set(next);
                    })
                };
                let region = format!("ob-del-account-{alias}");
                html! {
                    <section key={alias.clone()} class="ob-del-account" data-testid="plan-account"
                        data-account={alias.clone()} aria-label={note.clone()}>
                        <h4>{ format!("{note}, {}", plural(steps, "step", "steps")) }</h4>
                        <p class="ob-actions">
                            <button type="button" class="ob-button ob-button-quiet" onclick={toggle}
                                aria-expanded={open.to_string()} aria-controls={region.clone()}>
                                { if open { format!("Hide the steps in {alias}") } else { format!("Show the steps in {alias}") } }
                            </button>
                        </p>
                        <div id={region}>
                            if open { { for parts } }
                        </div>
                    </section>
                }
            })
            .collect();
        html! {
            <>
                { parts }
                { accounts.controls("Pages of the accounts in the plan".into()) }
            </>
        }
    } else {
        summary
            .keys()
            .map(|phase| {
                html! { <PhaseSteps key={phase.label()} phase={*phase} plan={props.plan.clone()} inventory={props.inventory.clone()} on_keep={props.on_keep.clone()} /> }
            })
            .collect()
    };
    let proceed = props.on_proceed.reform(|_| ());
    html! {
        <div class="ob-del-review" data-testid="deletion-plan">
            <p class="ob-del-dry-run" role="note">
                <strong>{ "Dry run. " }</strong>
                { "This is the whole plan: what would be deleted, in order, and what it saves. Nothing has been sent." }
            </p>
            // Nothing to delete: say so first, before any table it would otherwise follow.
            if plan.is_empty() {
                { blocked_note(&blocked) }
            }
            <dl class="ob-del-figures" data-testid="deletion-summary">
                <dt>{ "Resources removed" }</dt><dd data-testid="plan-removes">{ counts.removes }</dd>
                <dt>{ "Delete steps" }</dt><dd data-testid="plan-steps">{ counts.steps }</dd>
                if !plan.is_empty() {
                    <dt>{ "Saving" }</dt><dd>{ saving(plan.known_hourly_saving(), incomplete_saving) }</dd>
                }
                <dt>{ "Resources kept, with the reason" }</dt>
                <dd data-testid="plan-kept">{ counts.kept }</dd>
                if counts.always_kept > 0 {
                    <dt>{ "Of those, kept in every closure" }</dt>
                    <dd data-testid="plan-always-kept">{ counts.always_kept }</dd>
                }
            </dl>
            if !summary.is_empty() {
                { table_scroll("The plan by phase".into(), html! {
                    <table class="ob-inv-table">
                        <caption>{ "The plan by phase, in the order it runs" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Phase" }</th>
                            <th scope="col" class="ob-num">{ "Steps" }</th>
                            <th scope="col" class="ob-num">{ "Removes" }</th>
                            <th scope="col" class="ob-num">{ "Saves" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }) }
            }
            { unmarked_data(props.unmarked_held, props.delete_unmarked, &props.on_delete_unmarked) }
            { free_choices(&props.inventory, &props.free_kinds, &props.on_toggle_free) }
            { phases }
            <PlanExclusions plan={props.plan.clone()} on_keep={props.on_keep.clone()} />
            if !plan.is_empty() {
                { blocked_note(&blocked) }
            }
            <p class="ob-actions">
                <button type="button" class="ob-button ob-button-danger" onclick={proceed}
                    disabled={blocked.is_some()} aria-describedby={blocked.as_ref().map(|_| "ob-del-blocked")}>
                    { "Delete these resources…" }
                </button>
            </p>
        </div>
    }
}

/// Why the run may not start, next to the button it disables (`aria-describedby`).
fn blocked_note(blocked: &Option<String>) -> Html {
    match blocked {
        Some(why) => html! {
            <p class="ob-callout ob-callout-strong" id="ob-del-blocked" data-testid="deletion-blocked">{ why.clone() }</p>
        },
        None => html! {},
    }
}

/// What the plan keeps for want of step 2's marks (`held` resources), and the link to step 2,
/// each agreeing with the count.
fn held_words(held: usize) -> (String, &'static str) {
    let words = format!(
        "{} with data {} not marked in step 2 as retrieved or not needed, so the plan keeps {} \
         (listed below, with the reason). ",
        plural(held, "resource", "resources"),
        agreeing(held, "is", "are"),
        agreeing(held, "it", "them"),
    );
    (
        words,
        agreeing(held, "Mark it in step 2", "Mark them in step 2"),
    )
}

/// Step 2 gates step 3: data nobody marked stays out of the plan (`held` resources), unless the
/// customer ticks the one box that deletes it too (`chosen`; the confirmation repeats that choice
/// in words).
fn unmarked_data(held: usize, chosen: bool, on_choose: &Callback<bool>) -> Html {
    if held == 0 && !chosen {
        return html! {};
    }
    let on_change = {
        let on_choose = on_choose.clone();
        Callback::from(move |_: Event| on_choose.emit(!chosen))
    };
    let step_2 = format!(
        "#{}",
        closure::gate::step_anchor(closure::StepId::RetrieveData)
    );
    let (words, link) = held_words(held);
    html! {
        <div class="ob-callout" data-testid="deletion-unmarked">
            if held > 0 {
                <p>
                    { words }
                    <a href={step_2}>{ link }</a>
                    { ", or:" }
                </p>
            }
            <label class="ob-inv-check">
                <input type="checkbox" checked={chosen} onchange={on_change} />
                { " Delete data not marked in step 2 too (it cannot be recovered)" }
            </label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::held_words;

    /// One resource held for want of step 2's marks is "it" in the sentence and in the link
    /// beside it (the link once said "Mark them in step 2" for one).
    #[test]
    fn the_held_data_and_its_link_agree_with_the_count() {
        let (one, link) = held_words(1);
        assert_eq!(
            one,
            "1 resource with data is not marked in step 2 as retrieved or not needed, so the plan \
             keeps it (listed below, with the reason). "
        );
        assert_eq!(link, "Mark it in step 2");
        let (many, link) = held_words(1_200);
        assert_eq!(
            many,
            "1,200 resources with data are not marked in step 2 as retrieved or not needed, so \
             the plan keeps them (listed below, with the reason). "
        );
        assert_eq!(link, "Mark them in step 2");
    }
}
