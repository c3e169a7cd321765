//! The confirmation: the customer types the account alias (any case). A wrong alias is refused
//! in words and nothing happens; the right one starts the countdown. Focus goes to the input.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::common::{callout, Tone};

use super::alias::alias_matches;
use crate::components::common::format::{hourly, plural};

#[derive(Properties, PartialEq)]
pub struct ConfirmAliasProps {
    /// The alias to type (as CLC writes it, upper case): the parent's.
    pub alias: String,
    /// The sub-accounts the plan also deletes in (named, never typed).
    #[prop_or_default]
    pub sub_accounts: Vec<String>,
    pub steps: usize,
    pub hourly: f64,
    /// Resources with data not marked in step 2 that the plan keeps.
    pub unmarked_held: usize,
    /// Resources with data not marked in step 2 that the plan deletes (the customer chose to).
    pub unmarked_deleted: usize,
    pub on_confirmed: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ConfirmAlias(props: &ConfirmAliasProps) -> Html {
    let input = use_node_ref();
    let refused = use_state(|| None::<String>);
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.focus();
            }
        });
    }
    let on_submit = {
        let (input, refused, alias, on_confirmed) = (
            input.clone(),
            refused.clone(),
            props.alias.clone(),
            props.on_confirmed.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = input
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            if alias_matches(&typed, &alias) {
                refused.set(None);
                on_confirmed.emit(());
            } else {
                refused.set(Some(format!(
                    "That is not this account's alias. Type {alias} to confirm; nothing has been sent."
                )));
                if let Some(el) = input.cast::<HtmlInputElement>() {
                    let _ = el.focus();
                }
            }
        })
    };
    let cancel = props.on_cancel.reform(|_| ());
    html! {
        <form class="ob-del-confirm" onsubmit={on_submit} data-testid="deletion-confirm">
            <h4>{ "Confirm the deletion" }</h4>
            if props.sub_accounts.is_empty() {
                <p>{ format!(
                    "{} steps will delete resources in account {} for good, saving about {}. This cannot be undone.",
                    props.steps, props.alias, hourly(props.hourly)
                ) }</p>
            } else {
                <p data-testid="deletion-confirm-accounts">{ format!(
                    "{} steps will delete resources for good in {} accounts: first in the \
                     sub-{} {}, then in the parent {}. They save about {}. This cannot be undone. \
                     Confirm with the parent's alias.",
                    props.steps,
                    props.sub_accounts.len() + 1,
                    if props.sub_accounts.len() == 1 { "account" } else { "accounts" },
                    props.sub_accounts.join(", "),
                    props.alias,
                    hourly(props.hourly)
                ) }</p>
            }
            if props.unmarked_deleted > 0 {
                <p class="ob-callout ob-callout-strong" data-testid="deletion-confirm-unmarked">{ format!(
                    "You chose to delete data not marked in step 2: {} whose data you did not mark \
                     as retrieved or not needed will be deleted with {}.",
                    plural(props.unmarked_deleted, "resource", "resources"),
                    if props.unmarked_deleted == 1 { "its data" } else { "their data" },
                ) }</p>
            } else if props.unmarked_held > 0 {
                <p data-testid="deletion-confirm-unmarked">{ format!(
                    "{} with data not marked in step 2 {} kept out of this run.",
                    plural(props.unmarked_held, "resource", "resources"),
                    if props.unmarked_held == 1 { "is" } else { "are" },
                ) }</p>
            }
            <div class="ob-field">
                <label for="ob-del-alias">{ format!("Type the account alias ({}) to confirm", props.alias) }</label>
                <input id="ob-del-alias" ref={input} type="text" autocomplete="off" spellcheck="false"
                    autocapitalize="characters" aria-invalid={refused.is_some().to_string()}
                    aria-describedby={refused.is_some().then_some("ob-del-alias-error")} />
            </div>
            if let Some(why) = &*refused {
                { callout(Tone::Alert, Some("ob-del-alias-error"), Some("deletion-alias-error".into()), html! { <p>{ why.clone() }</p> }) }
            }
            <p class="ob-actions">
                <button type="submit" class="ob-button ob-button-danger">{ "Confirm and start the 10-second countdown" }</button>
                <button type="button" class="ob-button" onclick={cancel}>{ "Back to the plan" }</button>
            </p>
        </form>
    }
}
