//! One row of the resource table. Names and ids come from the API and are rendered as text.

use closure::Resource;
use yew::prelude::*;

use closure::inventory::CostBasis;

use crate::components::common::format::cost_rate;

/// How a row differs from the previous scan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    New,
    Changed,
}

/// The row of `r`, keyed by `key` (its index in the inventory); `account` is the alias that holds
/// it, when the inventory covers sub-accounts too.
pub fn resource_row(
    key: usize,
    r: &Resource,
    change: Option<Change>,
    account: Option<&str>,
) -> Html {
    let marker = change.map(|c| match c {
        Change::New => "New",
        Change::Changed => "Changed",
    });
    let class = classes!(marker.is_some().then_some("ob-inv-row-changed"));
    html! {
        <tr key={key} class={class} data-kind={r.id.kind.label()}>
            <th scope="row">
                if let Some(marker) = marker {
                    <span class="ob-inv-marker">
                        { marker }
                        <span class="ob-visually-hidden">{ " since the last scan:" }</span>
                    </span>
                    { " " }
                }
                <span class="ob-inv-name">{ &r.name }</span>
                if r.name != r.id.id {
                    <span class="ob-inv-id">{ &r.id.id }</span>
                }
            </th>
            <td>{ r.id.kind.label() }</td>
            if let Some(account) = account {
                <td data-testid="resource-account">{ account }</td>
            }
            <td>{ r.data_center.clone().unwrap_or_else(|| "account-wide".into()) }</td>
            <td>{ r.state.label() }</td>
            <td class="ob-num">{ cost_rate(&r.cost) }</td>
            <td class="ob-num">{ month_to_date(r) }</td>
        </tr>
    }
}

fn month_to_date(r: &Resource) -> String {
    match (r.cost.month_to_date, r.cost.basis) {
        (Some(m), _) => m.to_string(),
        (None, CostBasis::Unknown) => "unknown".into(),
        (None, CostBasis::Free | CostBasis::IncludedInParent) => "—".into(),
        (None, _) => "not reported".into(),
    }
}
