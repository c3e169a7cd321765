//! A resource's name from the account, set apart from the words around it: `<bdi>` isolates it
//! (a right-to-left override in a name cannot reorder the sentence), and its id stands beside
//! it, so two look-alike names cannot pass one resource off as another.

use closure::{ResourceId, Step};
use yew::prelude::*;

/// `<bdi>name</bdi> (id)`; the id alone when the name is empty or is the id.
pub fn resource_name(name: &str, id: &ResourceId) -> Html {
    if name.trim().is_empty() || name == id.id {
        return html! { <bdi class="ob-del-name">{ id.id.clone() }</bdi> };
    }
    html! {
        <>
            <bdi class="ob-del-name">{ name.to_string() }</bdi>
            { " " }
            <span class="ob-inv-id">{ format!("({})", id.id) }</span>
        </>
    }
}

/// A step in words ("Delete server <name> (id) (VA1)"), its name set apart; a sub-account's
/// step says which sub-account.
pub fn step_name(step: &Step) -> Html {
    let (before, name, after) = step.described_parts();
    let sub = &step.resource.account;
    html! {
        <>
            { before }{ resource_name(name, &step.resource) }{ after }
            if !sub.is_empty() {
                <span class="ob-inv-id">{ format!(" in sub-account {sub}") }</span>
            }
        </>
    }
}
