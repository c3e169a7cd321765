//! The free items the plan leaves alone unless chosen: alert policies, autoscale mappings,
//! webhooks and anti-affinity policies. One checkbox per kind the account has.

use std::collections::BTreeSet;

use closure::inventory::ResourceKind;
use closure::plan::selection::OPTIONAL_FREE_KINDS;
use closure::Inventory;
use yew::prelude::*;

fn label(kind: ResourceKind) -> &'static str {
    match kind {
        ResourceKind::AlertPolicy => "alert policies",
        ResourceKind::AutoscalePolicy => "autoscale policy mappings (from their servers)",
        ResourceKind::Webhook => "webhooks",
        ResourceKind::AntiAffinityPolicy => "anti-affinity policies",
        other => other.label(),
    }
}

/// A checkbox for each free kind `inventory` has, ticked when `chosen`.
pub fn free_choices(
    inventory: &Inventory,
    chosen: &BTreeSet<ResourceKind>,
    on_toggle: &Callback<ResourceKind>,
) -> Html {
    let boxes: Vec<Html> = OPTIONAL_FREE_KINDS
        .iter()
        .filter_map(|&kind| {
            // Only what this user may delete: a viewer is offered nothing to choose.
            let n = inventory.of_kind(kind).filter(|r| r.deletable).count();
            (n > 0).then(|| {
                let id = format!("ob-del-free-{kind:?}");
                let on_toggle = on_toggle.clone();
                html! {
                    <li key={id.clone()}>
                        <input type="checkbox" id={id.clone()} checked={chosen.contains(&kind)}
                            onchange={Callback::from(move |_: Event| on_toggle.emit(kind))} />
                        <label for={id}>{ format!("Also remove the {} ({n})", label(kind)) }</label>
                    </li>
                }
            })
        })
        .collect();
    if boxes.is_empty() {
        return html! {};
    }
    html! {
        <fieldset class="ob-del-free">
            <legend>{ "Free items (they cost nothing; kept unless you choose them)" }</legend>
            <ul>{ for boxes }</ul>
        </fieldset>
    }
}
