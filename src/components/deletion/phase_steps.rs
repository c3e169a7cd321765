//! One phase of the plan: its steps in the order they run (biggest hourly cost first), each
//! with what it removes and what it saves per hour. Names come from the API: text only.

use closure::plan::DeletionPhase;
use closure::{Inventory, Plan, ResourceId};
use yew::prelude::*;

use super::saving;
use crate::components::inventory::ByPtr;

#[derive(Properties, PartialEq)]
pub struct PhaseStepsProps {
    pub phase: DeletionPhase,
    pub plan: ByPtr<Plan>,
    pub inventory: ByPtr<Inventory>,
}

fn name(inventory: &Inventory, id: &ResourceId) -> String {
    let name = inventory
        .get(id)
        .map_or(id.id.as_str(), |r| r.name.as_str());
    format!("{} {name}", id.kind.label())
}

#[component]
pub fn PhaseSteps(props: &PhaseStepsProps) -> Html {
    let inventory = &props.inventory.0;
    let rows = props
        .plan
        .0
        .steps
        .iter()
        .filter(|s| s.phase == props.phase)
        .map(|step| {
            let with: Vec<&ResourceId> = step.removes.iter().skip(1).collect();
            html! {
                <tr key={step.id.0.clone()}>
                    <th scope="row" class="ob-inv-name">{ step.describe() }</th>
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
                </tr>
            }
        });
    let title = format!("ob-del-phase-{:?}", props.phase);
    html! {
        <section class="ob-del-phase" aria-labelledby={title.clone()}>
            <h4 id={title}>{ props.phase.label() }</h4>
            <div class="ob-inv-scroll">
                <table class="ob-inv-table">
                    <caption class="ob-visually-hidden">{ format!("{}: steps in the order they run", props.phase.label()) }</caption>
                    <thead><tr>
                        <th scope="col">{ "Step" }</th>
                        <th scope="col">{ "Also removes" }</th>
                        <th scope="col" class="ob-num">{ "Saves" }</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
