//! What stays out of the closure on purpose, and why: system groups the platform does not let
//! anyone delete, and the free primary network the client VPN uses; 25 a page (an account
//! with hundreds of groups keeps one page in the document).

use closure::counts::always_kept;
use closure::inventory::Keep;
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::format::count;
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::{table_scroll, ByPtr};

#[derive(Properties, PartialEq)]
pub struct ExclusionsProps {
    pub inventory: ByPtr<Inventory>,
}

fn reason(keep: &Keep) -> String {
    match keep {
        Keep::SystemGroup => {
            "System group: the platform does not allow deleting it; it goes with the account."
                .into()
        }
        Keep::FreePrimaryNetwork {
            certain: true,
            reason,
        } => format!("Free primary network, used by the client VPN: {reason}"),
        Keep::FreePrimaryNetwork {
            certain: false,
            reason,
        } => format!("Probably the free primary network (the API could not confirm it): {reason}"),
    }
}

#[component]
pub fn Exclusions(props: &ExclusionsProps) -> Html {
    let kept: Vec<_> = props
        .inventory
        .resources
        .iter()
        .filter_map(|r| Some((r, r.keep.as_ref()?)))
        .collect();
    let paging = use_paging(kept.len(), LIST_PAGE);
    let rows = kept[paging.window.start..paging.window.end]
        .iter()
        .map(|(r, keep)| {
            html! {
                <tr>
                    <th scope="row">{ &r.name }</th>
                    <td>{ r.id.kind.label() }</td>
                    <td>{ r.data_center.clone().unwrap_or_else(|| "—".into()) }</td>
                    <td>{ reason(keep) }</td>
                </tr>
            }
        });
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-exclusions-title" data-testid="inventory-exclusions">
            <h3 id="ob-inv-exclusions-title">{ format!("Kept in every closure ({})", count(always_kept(&props.inventory.0))) }</h3>
            if kept.is_empty() {
                <p>{ "Nothing is kept out: everything the scan found is part of the closure." }</p>
            } else {
                <p>{ "These stay on purpose. They cost nothing and go away with the account. The plan \
                      in step 3 may keep more, each with its reason." }</p>
                { table_scroll("Resources kept in every closure".into(), html! {
                    <table class="ob-inv-table">
                        <caption>{ "Resources kept, with the reason" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Name" }</th>
                            <th scope="col">{ "Kind" }</th>
                            <th scope="col">{ "Data center" }</th>
                            <th scope="col">{ "Why it stays" }</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }) }
                { paging.controls("Pages of what every closure keeps".into()) }
            }
        </section>
    }
}
