//! The sub-account aliases the customer lists by hand (the v2 API cannot list them), on the
//! connect form and, once signed in, beside the identity. Before sign-in an alias is only
//! checked for its shape; once signed in each is read once before it is accepted, and the list
//! is saved per parent alias (`services::sub_accounts`). Usable with the keyboard alone: Enter
//! in the field adds, and the focus goes back to the field after an add and to the next entry
//! after a remove. An enterprise parent may list hundreds: the list (and the list of those not
//! read) shows 25 a page, on the page of the entry just added or of the one the focus goes to.

use std::rc::Rc;

use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::common::format::count;
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::{callout, Tone};
use crate::services::sub_accounts::{self as store, Refused, SignInChecks};
use crate::services::{clock, dom};
use crate::session::Connection;
use crate::sub_accounts::normalise;

#[derive(Properties, PartialEq)]
pub struct SubAccountsProps {
    /// The start of every id inside (`ob-sub-connect`, `ob-sub-live`).
    pub id: AttrValue,
    /// The aliases listed now (once signed in: those accepted).
    pub aliases: Vec<String>,
    /// Signed in: each new alias is read once with this connection, and the list is saved
    /// under its alias (not in the demo).
    #[prop_or_default]
    pub connection: Option<Rc<Connection>>,
    /// Before sign-in: the parent's alias when it is typed (a token's), refused as a sub-account.
    #[prop_or_default]
    pub parent: AttrValue,
    /// What the sign-in's checks found (signed in only).
    #[prop_or_default]
    pub checks: Rc<SignInChecks>,
    /// Why the list cannot change right now, if it cannot.
    #[prop_or_default]
    pub locked: Option<AttrValue>,
    /// The new list, after an add or a remove.
    pub on_change: Callback<Vec<String>>,
}

/// What the last action said: news (a status) or a refusal (an alert tied to the field).
#[derive(Clone, PartialEq)]
enum Said {
    Nothing,
    News(String),
    Refusal(String),
}

#[component]
pub fn SubAccounts(props: &SubAccountsProps) -> Html {
    let id = props.id.to_string();
    let input = use_node_ref();
    let said = use_state(|| Said::Nothing);
    let checking = use_state(|| None::<String>);
    let refused = use_state(|| props.checks.refused.clone());
    let notice = use_state(|| props.checks.notice.clone());
    let parent = props
        .connection
        .as_ref()
        .map(|c| c.identity.alias.clone())
        .unwrap_or_else(|| props.parent.trim().to_ascii_uppercase());
    let demo = props.connection.as_ref().is_some_and(|c| c.identity.demo);
    let listed = use_paging(props.aliases.len(), LIST_PAGE);
    let refused_paging = use_paging(refused.len(), LIST_PAGE);
    let may_save = props.checks.may_save && !demo;
    let busy = checking.is_some() || props.locked.is_some();

    // Saves what is kept (accepted, then saved ones not reachable now), or says it could not.
    let persist = {
        let (parent, notice) = (parent.clone(), notice.clone());
        move |accepted: &[String], refused: &[Refused]| {
            if may_save {
                let list = store::saved_list(accepted, refused);
                if store::save(&parent, &list, clock::now_ms()).is_err() {
                    notice.set(Some(store::NOT_SAVED.into()));
                }
            }
        }
    };

    // Adds `typed`: its shape first; once signed in, one read before it is accepted.
    let add = {
        let (input, said, checking, refused) = (
            input.clone(),
            said.clone(),
            checking.clone(),
            refused.clone(),
        );
        let (aliases, connection, on_change, parent) = (
            props.aliases.clone(),
            props.connection.clone(),
            props.on_change.clone(),
            parent.clone(),
        );
        let (persist, listed) = (persist.clone(), listed.clone());
        let field = format!("#{id}-alias");
        let locked = props.locked.clone();
        Callback::from(move |typed: String| {
            if checking.is_some() {
                return;
            }
            if let Some(reason) = &locked {
                said.set(Said::Refusal(reason.to_string()));
                return;
            }
            let alias = match normalise(&typed, &parent, &aliases) {
                Ok(alias) => alias,
                Err(why) => {
                    said.set(Said::Refusal(why.message()));
                    focus_soon(field.clone());
                    return;
                }
            };
            let Some(conn) = connection.clone() else {
                let mut next = aliases.clone();
                next.push(alias.clone());
                listed.go_to_item(next.len() - 1);
                on_change.emit(next);
                clear(&input);
                said.set(Said::News(format!(
                    "{alias} added: it is checked when you connect."
                )));
                focus_soon(field.clone());
                return;
            };
            checking.set(Some(alias.clone()));
            said.set(Said::News(format!(
                "Checking that this user can reach {alias}…"
            )));
            let (input, said, checking, refused, aliases, on_change, persist, field, listed) = (
                input.clone(),
                said.clone(),
                checking.clone(),
                refused.clone(),
                aliases.clone(),
                on_change.clone(),
                persist.clone(),
                field.clone(),
                listed.clone(),
            );
            spawn_local(async move {
                let parent = &conn.identity.alias;
                let checked =
                    store::check(&conn.client, parent, &aliases, std::slice::from_ref(&alias))
                        .await;
                checking.set(None);
                if let Some((_, message)) = checked.refused.into_iter().next() {
                    said.set(Said::Refusal(message));
                } else {
                    let mut next = aliases.clone();
                    next.push(alias.clone());
                    let still = store::forget(&refused, &alias);
                    persist(&next, &still);
                    refused.set(still);
                    listed.go_to_item(next.len() - 1);
                    on_change.emit(next);
                    clear(&input);
                    said.set(Said::News(format!(
                        "{alias} was read and added to the list."
                    )));
                }
                focus_soon(field);
            });
        })
    };

    // Removes `alias` (listed, or saved and not reachable now); the focus goes to what follows.
    let remove = {
        let (said, refused, aliases, on_change, id) = (
            said.clone(),
            refused.clone(),
            props.aliases.clone(),
            props.on_change.clone(),
            id.clone(),
        );
        let persist = persist.clone();
        // Named, not disabled, while the list cannot change: a disabled button would drop the
        // keyboard focus, and a press says why nothing happens.
        let wait = props.locked.clone().or_else(|| {
            checking
                .as_ref()
                .map(|a| format!("Wait until {a} is checked.").into())
        });
        Callback::from(move |alias: String| {
            if let Some(reason) = &wait {
                said.set(Said::Refusal(reason.to_string()));
                return;
            }
            let position = aliases.iter().position(|a| *a == alias);
            let next: Vec<String> = aliases.iter().filter(|a| **a != alias).cloned().collect();
            let still = store::forget(&refused, &alias);
            persist(&next, &still);
            refused.set(still);
            if next != aliases {
                on_change.emit(next.clone());
            }
            said.set(Said::News(format!("{alias} removed from the list.")));
            // The entry that took its place, else the one before it, else the field: on the page
            // shown, which holds the entry removed (or, if that was alone on the last page, is
            // the one before).
            let target = match position {
                Some(i) if i < next.len() => format!("#{id}-remove-{}", next[i]),
                Some(i) if i > 0 => format!("#{id}-remove-{}", next[i - 1]),
                _ => format!("#{id}-alias"),
            };
            focus_soon(target);
        })
    };

    let onkeydown = {
        let (add, input) = (add.clone(), input.clone());
        Callback::from(move |e: KeyboardEvent| {
            // Inside the connect form, Enter adds the alias rather than signing in.
            if e.key() == "Enter" {
                e.prevent_default();
                add.emit(value(&input));
            }
        })
    };
    let onclick = {
        let input = input.clone();
        add.reform(move |_: MouseEvent| value(&input))
    };

    let field_id = format!("{id}-alias");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let refusal = match &*said {
        Said::Refusal(m) => Some(m.clone()),
        _ => None,
    };
    let described = if refusal.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let signed_in = props.connection.is_some();
    let how = if !signed_in {
        "Each alias is read once when you connect, and aliases saved in this browser for the \
         account are added then too."
            .to_string()
    } else if demo {
        "Each alias is read once before it is added. The demo's list is not saved.".to_string()
    } else {
        format!("Each alias is read once before it is added. The list is saved in this browser for {parent}.")
    };
    html! {
        <fieldset class="ob-subaccounts" data-testid={props.id.clone()} aria-describedby={hint_id.clone()}>
            <legend>{ "Sub-accounts (optional)" }</legend>
            <p class="ob-hint" id={hint_id.clone()}>
                { "If this account has sub-accounts, list their aliases to read and close them with it: \
                   the API cannot list them. The Control Portal shows them in the account switcher at \
                   the top of its pages, and on the Sub-accounts page under the account settings. " }
                { how }
                { " Reading an alias proves that this user can reach it; where CenturyLink Cloud \
                   also gives the account's details, an alias whose details name another parent \
                   account is refused. Where it does not, the page cannot prove the alias belongs \
                   to this account: check each one in the Control Portal." }
            </p>
            if let Some(n) = &*notice {
                { callout(Tone::Warning, None, None, html! { <p>{ n.clone() }</p> }) }
            }
            if props.aliases.is_empty() {
                <p>{ "No sub-account listed." }</p>
            } else {
                <ul class="ob-subaccount-list" aria-label={format!("Sub-accounts listed ({})", count(props.aliases.len()))}>
                    { for props.aliases[listed.window.start..listed.window.end].iter().map(|a| {
                        let alias = a.clone();
                        let onclick = remove.reform(move |_: MouseEvent| alias.clone());
                        html! {
                            <li>
                                <span class="ob-subaccount-alias">{ a.clone() }</span>
                                <button type="button" class="ob-button ob-button-quiet" id={format!("{id}-remove-{a}")}
                                    aria-label={format!("Remove {a}")} aria-disabled={busy.to_string()} {onclick}>{ "Remove" }</button>
                            </li>
                        }
                    }) }
                </ul>
                { listed.controls("Pages of the sub-accounts listed".into()) }
            }
            if !refused.is_empty() {
                <div class="ob-callout" data-testid={format!("{id}-refused")}>
                    <p>{ format!("Not read, so not in the list ({}):", count(refused.len())) }</p>
                    <ul>
                        { for refused[refused_paging.window.start..refused_paging.window.end].iter().map(|r| {
                            let (again, gone) = (r.alias.clone(), r.alias.clone());
                            let again = add.reform(move |_: MouseEvent| again.clone());
                            let gone = remove.reform(move |_: MouseEvent| gone.clone());
                            html! {
                                <li>
                                    <p><strong>{ format!("{}: ", r.alias) }</strong>{ r.message.clone() }</p>
                                    if signed_in {
                                        <p class="ob-actions">
                                            <button type="button" class="ob-button ob-button-quiet" disabled={busy}
                                                onclick={again}>{ format!("Read {} again", r.alias) }</button>
                                            <button type="button" class="ob-button ob-button-quiet" aria-disabled={busy.to_string()}
                                                id={format!("{id}-remove-{}", r.alias)}
                                                onclick={gone}>{ format!("Forget {}", r.alias) }</button>
                                        </p>
                                    }
                                </li>
                            }
                        }) }
                    </ul>
                    { refused_paging.controls("Pages of the sub-accounts not read".into()) }
                </div>
            }
            <div class="ob-field">
                <label for={field_id.clone()}>{ "Sub-account alias" }</label>
                <span class="ob-subaccount-add">
                    <input id={field_id.clone()} type="text" ref={input} autocomplete="off" spellcheck="false"
                        maxlength="20" aria-describedby={described} aria-invalid={refusal.is_some().to_string()}
                        {onkeydown} />
                    <button type="button" class="ob-button" disabled={busy} {onclick}>
                        { if checking.is_some() { "Checking…" } else { "Add" } }
                    </button>
                </span>
            </div>
            if let Some(reason) = &props.locked {
                <p class="ob-hint">{ reason.clone() }</p>
            }
            if let Some(m) = refusal {
                <div id={error_id}>{ callout(Tone::Alert, None, Some(format!("{id}-error").into()), html! { <p>{ m }</p> }) }</div>
            }
            <p role="status" class="ob-hint">
                { if let Said::News(m) = &*said { m.clone() } else { String::new() } }
            </p>
        </fieldset>
    }
}

fn value(input: &NodeRef) -> String {
    input
        .cast::<HtmlInputElement>()
        .map(|i| i.value())
        .unwrap_or_default()
}

fn clear(input: &NodeRef) {
    if let Some(i) = input.cast::<HtmlInputElement>() {
        i.set_value("");
    }
}

/// Moves the focus once the page shows the change.
fn focus_soon(selector: String) {
    gloo_timers::callback::Timeout::new(0, move || dom::focus(&selector)).forget();
}
