//! What the sign-in token cannot see (object storage, DNS, SMTP relay, client VPN): each item
//! with why it is manual and what to do.

use closure::inventory::ManualItem;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ManualItemsProps {
    pub items: Vec<ManualItem>,
}

#[component]
pub fn ManualItems(props: &ManualItemsProps) -> Html {
    let items = props.items.iter().map(|item| {
        let id = format!("ob-inv-manual-{}", item.key);
        html! {
            <li class="ob-inv-manual-item" key={item.key.clone()}>
                <h4 id={id}>
                    { &item.title }
                    { " " }
                    if item.billable {
                        <span class="ob-inv-tag ob-inv-tag-warn">{ "Can keep billing" }</span>
                    } else {
                        <span class="ob-badge">{ "Free" }</span>
                    }
                </h4>
                <p class="ob-inv-muted">{ &item.why_manual }</p>
                <p><strong>{ "What to do: " }</strong>{ &item.what_to_do }</p>
            </li>
        }
    });
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-manual-title" data-testid="inventory-manual">
            <h3 id="ob-inv-manual-title">{ "Check these by hand" }</h3>
            <p>{ "This app cannot see the following with your sign-in, so they are not in the lists above." }</p>
            <ul class="ob-inv-manual">{ for items }</ul>
        </section>
    }
}
