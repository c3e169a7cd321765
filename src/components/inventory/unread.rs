//! The parts of the account the scan could not read, each with its reason and a Retry button.
//! Shown first and loudly: a part that failed must never look like "nothing there". 25 a page:
//! a scan whose servers were read one by one can leave a part per server unread.

use closure::scan::Part;
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::format::plural;
use crate::components::common::pager::Paging;

/// The parts of `inventory` that could not be read, the heading counting them all, the page
/// `paging` shows of them (the caller keeps it); `on_retry` re-reads one part.
pub fn unread_parts(inventory: &Inventory, on_retry: &Callback<Part>, paging: &Paging) -> Html {
    if inventory.is_complete() {
        return html! {};
    }
    let window = paging.window;
    let with_accounts = inventory.has_sub_accounts();
    let items = inventory.unread[window.start..window.end].iter().map(|unread| {
        let alias = if unread.account.is_empty() {
            inventory.account.as_str()
        } else {
            unread.account.as_str()
        };
        let what = if with_accounts {
            format!("{} in account {alias}", unread.part.describe())
        } else {
            unread.part.describe()
        };
        let retry = {
            let part = unread.part.clone();
            on_retry.reform(move |_: MouseEvent| part.clone())
        };
        let missing = if unread.kinds.is_empty() {
            "last month's invoice lines".to_string()
        } else {
            let labels: Vec<&str> = unread.kinds.iter().map(|k| k.label()).collect();
            labels.join(", ")
        };
        html! {
            <li class="ob-inv-unread-item">
                <div>
                    <strong>{ capitalise(&what) }</strong>
                    <p>{ &unread.reason }</p>
                    <p class="ob-inv-muted">{ format!("May be missing or unpriced: {missing}.") }</p>
                </div>
                <button type="button" class="ob-button" aria-label={format!("Retry reading {what}")}
                    onclick={retry}>
                    { "Retry" }
                </button>
            </li>
        }
    });
    let title = if inventory.unread.is_empty() {
        "The scan did not finish".to_string()
    } else {
        format!(
            "{} could not be read",
            plural(
                inventory.unread.len(),
                "part of the account",
                "parts of the account"
            )
        )
    };
    html! {
        <section class="ob-inv-section ob-inv-unread" aria-labelledby="ob-inv-unread-title"
            data-testid="inventory-unread">
            <h3 id="ob-inv-unread-title">{ title }</h3>
            if inventory.cancelled {
                <p><strong>{ "The scan was stopped before it finished." }</strong></p>
            }
            <p>
                { "What these parts hold is not in the lists and totals below, so they may show \
                   less than the account really has. Retry each part, or check it in the Control \
                   Portal." }
            </p>
            <ul class="ob-inv-unread-list">{ for items }</ul>
            { paging.controls("Pages of what could not be read".into()) }
        </section>
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
