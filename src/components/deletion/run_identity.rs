//! Which account the deletes go to, kept in view from the confirmation to the ledger: alias,
//! API address, and whether it is the simulated demo or a real account.

use yew::prelude::*;

use crate::session::Identity;

pub fn run_identity(id: &Identity) -> Html {
    html! {
        <p class={classes!("ob-del-identity", (!id.demo).then_some("ob-del-identity-real"))} data-testid="deletion-identity">
            <span>{ "Account " }<strong>{ id.alias.clone() }</strong></span>
            <span>{ "API " }<strong>{ if id.demo { "inside this page (no network)".to_string() } else { id.api_base.clone() } }</strong></span>
            <span><strong>{ if id.demo { "Demo account (simulated)" } else { "Real account" } }</strong></span>
        </p>
    }
}
