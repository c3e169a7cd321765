//! Which account the deletes go to, kept in view from the confirmation to the ledger: alias,
//! API address, and whether it is the simulated demo or a real account.

use yew::prelude::*;

use crate::session::Identity;

#[derive(Properties, PartialEq)]
pub struct RunIdentityProps {
    pub identity: Identity,
}

#[component]
pub fn RunIdentity(props: &RunIdentityProps) -> Html {
    let id = &props.identity;
    html! {
        <p class={classes!("ob-del-identity", (!id.demo).then_some("ob-del-identity-real"))} data-testid="deletion-identity">
            <span>{ "Account " }<strong>{ id.alias.clone() }</strong></span>
            <span>{ "API " }<strong>{ if id.demo { "inside this page (no network)".to_string() } else { id.api_base.clone() } }</strong></span>
            <span><strong>{ if id.demo { "Demo account (simulated)" } else { "Real account" } }</strong></span>
        </p>
    }
}
