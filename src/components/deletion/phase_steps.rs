//! One phase of the plan: its steps in the order they run (biggest hourly cost first), each
//! with what it removes and what it saves per hour, 25 a page (a 10,000-server plan keeps one
//! page in the document). Names come from the API: text only.

use closure::plan::DeletionPhase;
use closure::{Inventory, Plan, ResourceId, ResourceState, Step};
use yew::prelude::*;

use super::resource_name::{resource_name, step_name};
use super::saving;
use crate::components::common::pager::{pager_showing, Window, LIST_PAGE};
use crate::components::common::{table_scroll, ByPtr};

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
    let page = use_state_eq(|| 0_usize);
    let steps: Vec<&Step> = props
        .plan
        .0
        .steps
        .iter()
        .filter(|s| s.phase == props.phase)
        .filter(|s| {
            props
                .account
                .as_deref()
                .is_none_or(|a| props.plan.0.alias_of(s) == a)
        })
        .collect();
    if steps.is_empty() {
        return html! {};
    }
    let heading = match &props.account {
        Some(a) => format!("{a}: {}", props.phase.label()),
        None => props.phase.label().to_string(),
    };
    let window = Window::new(steps.len(), *page, PLAN_PAGE);
    let on_page = {
        let page = page.clone();
        Callback::from(move |p| page.set(p))
    };
    let rows = steps[window.start..window.end]
        .iter()
        .map(|step| {
            let with: Vec<&ResourceId> = step.removes.iter().skip(1).collect();
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
                        if with.is_empty() {
                            { "Only itself" }
                        } else {
                            <details>
                                <summary>{ format!("With it: {} more", with.len()) }</summary>
                                <ul class="ob-del-removes">
                                    { for with.iter().map(|id| html! { <li>{ name(inventory, id) }</li> }) }
                                </ul>
                            </details>
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
            { pager_showing(window, format!("Pages of {heading}").into(), on_page) }
        </section>
    }
}
