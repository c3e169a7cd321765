//! One phase of the plan: its steps in the order they run (biggest hourly cost first), each
//! with what it removes and what it saves per hour, 25 a page (a 10,000-server plan keeps one
//! page in the document; what goes with a step is named 25 a page, once its details are opened).
//! Names come from the API: text only.

use closure::plan::DeletionPhase;
use closure::{Inventory, Plan, ResourceId, ResourceState, Step};
use yew::prelude::*;

use super::resource_name::{resource_name, step_name};
use super::saving;
use crate::components::common::format::count;
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::{details_toggle, table_scroll, ByPtr};

#[derive(Properties, PartialEq)]
pub struct PhaseStepsProps {
    pub phase: DeletionPhase,
    pub plan: ByPtr<Plan>,
    pub inventory: ByPtr<Inventory>,
    /// Keeps a step's resource out of the plan for now (with everything that goes with it).
    pub on_keep: Callback<ResourceId>,
    /// Only this alias's steps (a plan with sub-accounts has a part per alias).
    #[prop_or_default]
    pub account: Option<String>,
}

fn name(inventory: &Inventory, id: &ResourceId) -> Html {
    let name = inventory.get(id).map_or("", |r| r.name.as_str());
    html! { <>{ format!("{} ", id.kind.label()) }{ resource_name(name, id) }</> }
}

/// What happens to a step whose resource is already on its way: a delete requested earlier
/// is followed (not sent again), a server being built is deleted once built.
fn on_its_way(inventory: &Inventory, step: &Step) -> Option<&'static str> {
    if !step.under_way {
        return None;
    }
    match inventory.get(&step.resource)?.state {
        ResourceState::QueuedForDelete => Some("already being deleted: followed until gone"),
        ResourceState::UnderConstruction => Some("being built: deleted once the build finishes"),
        _ => None,
    }
}

/// Steps shown per page.
pub const PLAN_PAGE: usize = LIST_PAGE;

#[component]
pub fn PhaseSteps(props: &PhaseStepsProps) -> Html {
    let inventory = &props.inventory.0;
    // Each with its place in the plan.
    let steps: Vec<(usize, &Step)> = props
        .plan
        .0
        .steps
        .iter()
        .enumerate()
        .filter(|(_, s)| s.phase == props.phase)
        .filter(|(_, s)| {
            props
                .account
                .as_deref()
                .is_none_or(|a| props.plan.0.alias_of(s) == a)
        })
        .collect();
    let paging = use_paging(steps.len(), PLAN_PAGE);
    if steps.is_empty() {
        return html! {};
    }
    let heading = match &props.account {
        Some(a) => format!("{a}: {}", props.phase.label()),
        None => props.phase.label().to_string(),
    };
    let rows = steps[paging.window.start..paging.window.end]
        .iter()
        .map(|&(index, step)| {
            let keep = {
                let (id, on_keep) = (step.resource.clone(), props.on_keep.clone());
                Callback::from(move |_| on_keep.emit(id.clone()))
            };
            html! {
                <tr key={step.id.0.clone()} data-step={step.id.0.clone()}>
                    <th scope="row" class="ob-inv-name">
                        { step_name(step) }
                        if let Some(note) = on_its_way(inventory, step) {
                            <span class="ob-inv-id">{ note }</span>
                        }
                    </th>
                    <td>
                        if step.removes.len() > 1 {
                            <WithIt plan={props.plan.clone()} step={index} inventory={props.inventory.clone()} />
                        } else {
                            { "Only itself" }
                        }
                    </td>
                    <td class="ob-num">
                        { saving(step.known_hourly_saving, step.hourly_saving.is_none()) }
                        if step.saving_is_estimate {
                            <span class="ob-inv-id">{ "list-price estimate" }</span>
                        }
                    </td>
                    <td>
                        <button type="button" class="ob-button ob-button-quiet" onclick={keep}
                            aria-label={format!("Keep for now: {}", step.describe())}>{ "Keep for now" }</button>
                    </td>
                </tr>
            }
        });
    let title = match &props.account {
        Some(a) => format!("ob-del-phase-{a}-{:?}", props.phase),
        None => format!("ob-del-phase-{:?}", props.phase),
    };
    html! {
        <section class="ob-del-phase" aria-labelledby={title.clone()}>
            <h4 id={title}>{ heading.clone() }</h4>
            { table_scroll(format!("{heading}: steps").into(), html! {
                <table class="ob-inv-table">
                    <caption class="ob-visually-hidden">{ format!("{heading}: steps in the order they run") }</caption>
                    <thead><tr>
                        <th scope="col">{ "Step" }</th>
                        <th scope="col">{ "Also removes" }</th>
                        <th scope="col" class="ob-num">{ "Saves" }</th>
                        <th scope="col">{ "Keep it" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }) }
            { paging.controls(format!("Pages of {heading}").into()) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct WithItProps {
    plan: ByPtr<Plan>,
    /// The step's place in the plan.
    step: usize,
    inventory: ByPtr<Inventory>,
}

/// What goes with a step (a group's subgroups and servers, a server's public IPs and snapshots),
/// counted, and named only while its details are open, 25 a page: a group of 10,000 servers
/// keeps a page of names in the document, not one per server.
#[component]
fn WithIt(props: &WithItProps) -> Html {
    let open = use_state_eq(|| false);
    let step = props.plan.0.steps.get(props.step);
    let with = step.and_then(|s| s.removes.get(1..)).unwrap_or_default();
    let paging = use_paging(with.len(), LIST_PAGE);
    let Some(step) = step else {
        return html! {};
    };
    let ontoggle = details_toggle(&open);
    let window = paging.window;
    html! {
        <details {ontoggle}>
            <summary>{ format!("With it: {} more", count(with.len())) }</summary>
            if *open {
                <ul class="ob-del-removes">
                    { for with[window.start..window.end].iter().map(|id| html! { <li>{ name(&props.inventory.0, id) }</li> }) }
                </ul>
                { paging.controls(format!("Pages of what goes with {} {} ({})", step.kind.label(), step.label, step.resource.id).into()) }
            }
        </details>
    }
}
