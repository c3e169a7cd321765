//! The confirmation: the customer types the account alias (any case). A wrong alias is refused
//! in words and nothing happens; the right one starts the countdown. Focus goes to the input.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::common::{callout, Tone};

use super::alias::alias_matches;
use crate::components::common::format::{agreeing, count, hourly, named, plural};

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
                    "{} will delete resources in account {} for good, saving about {}. This cannot be undone.",
                    plural(props.steps, "step", "steps"), props.alias, hourly(props.hourly)
                ) }</p>
            } else {
                <p data-testid="deletion-confirm-accounts">{ accounts_sentence(props) }</p>
            }
            if props.unmarked_deleted > 0 {
                <p class="ob-callout ob-callout-strong" data-testid="deletion-confirm-unmarked">{ format!(
                    "You chose to delete data not marked in step 2: {} whose data you did not mark \
                     as retrieved or not needed will be deleted with {}.",
                    plural(props.unmarked_deleted, "resource", "resources"),
                    agreeing(props.unmarked_deleted, "its data", "their data"),
                ) }</p>
            } else if props.unmarked_held > 0 {
                <p data-testid="deletion-confirm-unmarked">{ format!(
                    "{} with data not marked in step 2 {} kept out of this run.",
                    plural(props.unmarked_held, "resource", "resources"),
                    agreeing(props.unmarked_held, "is", "are"),
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

/// What the run will do in several accounts: the sub-accounts named, or past a handful counted
/// (the plan above lists each account's steps).
fn accounts_sentence(props: &ConfirmAliasProps) -> String {
    let subs = &props.sub_accounts;
    format!(
        "{} will delete resources for good in {} accounts: first in the sub-{} {}, then in the \
         parent {}. They save about {}. This cannot be undone. Confirm with the parent's alias.",
        plural(props.steps, "step", "steps"),
        count(subs.len() + 1),
        agreeing(subs.len(), "account", "accounts"),
        named(subs).unwrap_or_else(|| format!(
            "({}, each with its steps in the plan above)",
            count(subs.len())
        )),
        props.alias,
        hourly(props.hourly)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(sub_accounts: Vec<String>, steps: usize) -> ConfirmAliasProps {
        ConfirmAliasProps {
            alias: "DEMO".into(),
            sub_accounts,
            steps,
            hourly: 0.5,
            unmarked_held: 0,
            unmarked_deleted: 0,
            on_confirmed: Callback::noop(),
            on_cancel: Callback::noop(),
        }
    }

    /// The counts written as the plan writes them (it once said "12000 steps" beside the plan's
    /// "12,000"), a handful of sub-accounts named, sixty counted: the plan above lists each
    /// account's steps (it once named all sixty in one sentence).
    #[test]
    fn the_confirmation_counts_as_the_plan_does_and_names_a_handful_of_accounts() {
        assert_eq!(
            accounts_sentence(&props(vec!["DEMS".into()], 12_000)),
            "12,000 steps will delete resources for good in 2 accounts: first in the \
             sub-account DEMS, then in the parent DEMO. They save about $0.500/h. This cannot \
             be undone. Confirm with the parent's alias."
        );
        let sixty: Vec<String> = (1..=60).map(|i| format!("S{i:03}")).collect();
        assert_eq!(
            accounts_sentence(&props(sixty, 1)),
            "1 step will delete resources for good in 61 accounts: first in the sub-accounts \
             (60, each with its steps in the plan above), then in the parent DEMO. They save \
             about $0.500/h. This cannot be undone. Confirm with the parent's alias."
        );
    }
}
