//! The connect form: the API base, then a user name and password (sent to the login endpoint)
//! or a bearer token with its account alias. Errors are said in words, with what to do.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::common::{callout, Failure, Remote, Tone};
use crate::components::sub_accounts::SubAccounts;
use crate::services::sub_accounts::{self as sub_store, SignInChecks};
use crate::services::{clock, dom, storage};
use crate::session::{self, Connection, Credentials};

#[derive(Properties, PartialEq)]
pub struct ConnectProps {
    /// The API base to start from (the host page's `data-api-base`).
    pub api_base: String,
    pub on_connected: Callback<Rc<Connection>>,
    /// What the sign-in found about the sub-accounts, just before `on_connected`.
    #[prop_or_default]
    pub on_checks: Callback<Rc<SignInChecks>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Method {
    Login,
    Token,
}

#[component]
pub fn Connect(props: &ConnectProps) -> Html {
    let method = use_state(|| Method::Login);
    // Controlled, so re-rendering (e.g. switching the sign-in method) keeps what was typed.
    let base = use_state(|| props.api_base.clone());
    let on_base = {
        let base = base.clone();
        Callback::from(move |e: InputEvent| {
            base.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    // The sign-in: not tried yet, under way, or failed (success hands the connection over).
    let attempt = use_state(|| Remote::<()>::NotAsked);
    // Sub-account aliases listed before sign-in: read once the sign-in succeeds.
    let sub_accounts = use_state(Vec::<String>::new);
    // The alias typed next to a token: the parent, so not a sub-account.
    let token_alias = use_state(String::new);
    let on_token_alias = {
        let token_alias = token_alias.clone();
        Callback::from(move |e: InputEvent| {
            token_alias.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_sub_accounts = {
        let sub_accounts = sub_accounts.clone();
        Callback::from(move |list: Vec<String>| sub_accounts.set(list))
    };
    let refs = (
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    );
    let (base_ref, user_ref, password_ref, alias_ref, token_ref, keep_ref) = refs.clone();

    let on_method = {
        let method = method.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            method.set(if select.value() == "token" {
                Method::Token
            } else {
                Method::Login
            });
        })
    };
    let on_submit = {
        let (base_ref, user_ref, password_ref, alias_ref, token_ref, keep_ref) = refs;
        let (method, attempt, on_connected, on_checks) = (
            method.clone(),
            attempt.clone(),
            props.on_connected.clone(),
            props.on_checks.clone(),
        );
        let sub_accounts = sub_accounts.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |r: &NodeRef| {
                r.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let base = value(&base_ref);
            let credentials = match *method {
                Method::Login => Credentials::Login {
                    username: value(&user_ref),
                    password: value(&password_ref),
                },
                Method::Token => Credentials::Token {
                    alias: value(&alias_ref),
                    token: value(&token_ref),
                },
            };
            let keep = keep_ref
                .cast::<HtmlInputElement>()
                .is_some_and(|i| i.checked());
            if let Some(input) = password_ref.cast::<HtmlInputElement>() {
                input.set_value("");
            }
            if let Some(input) = token_ref.cast::<HtmlInputElement>() {
                input.set_value("");
            }
            let (attempt, on_connected, on_checks) =
                (attempt.clone(), on_connected.clone(), on_checks.clone());
            let listed = (*sub_accounts).clone();
            attempt.set(Remote::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                match session::connect(&base, credentials).await {
                    Ok(connection) => {
                        if keep {
                            storage::keep_session(&connection);
                        }
                        let (connection, checks) =
                            sub_store::attach(connection, listed, clock::now_ms()).await;
                        on_checks.emit(Rc::new(checks));
                        attempt.set(Remote::Loaded(()));
                        on_connected.emit(Rc::new(connection));
                        // The form goes away: the keyboard lands on the live section's heading.
                        dom::focus_after_render("#ob-live-title");
                    }
                    Err(e) => attempt.set(Remote::Failed(e.into())),
                }
            });
        })
    };

    let busy = attempt.is_loading();
    html! {
        <form class="ob-connect" onsubmit={on_submit} aria-labelledby="ob-connect-title" aria-busy={busy.to_string()}>
            <h3 id="ob-connect-title">{ "Connect to your account" }</h3>
            <p class="ob-hint">
                { "The token stays in this page's memory and is sent only to the API address below. \
                   It is never saved unless you ask for it, and never appears in exports." }
            </p>
            <div class="ob-field">
                <label for="ob-api-base">{ "API address" }</label>
                <input id="ob-api-base" type="url" required=true ref={base_ref} value={(*base).clone()} oninput={on_base}
                    autocomplete="off" spellcheck="false" />
            </div>
            <div class="ob-field">
                <label for="ob-method">{ "Sign in with" }</label>
                <select id="ob-method" onchange={on_method}>
                    <option value="login" selected={*method == Method::Login}>{ "Control Portal user name and password" }</option>
                    <option value="token" selected={*method == Method::Token}>{ "A bearer token" }</option>
                </select>
            </div>
            if *method == Method::Login {
                <div class="ob-field">
                    <label for="ob-username">{ "User name" }</label>
                    <input id="ob-username" type="text" required=true ref={user_ref} autocomplete="username" />
                </div>
                <div class="ob-field">
                    <label for="ob-password">{ "Password" }</label>
                    <input id="ob-password" type="password" required=true ref={password_ref} autocomplete="current-password" />
                </div>
            } else {
                <div class="ob-field">
                    <label for="ob-token-alias">{ "Account alias" }</label>
                    <input id="ob-token-alias" type="text" ref={alias_ref} value={(*token_alias).clone()} oninput={on_token_alias}
                        autocomplete="off" spellcheck="false" />
                </div>
                <div class="ob-field">
                    <label for="ob-token">{ "Bearer token" }</label>
                    <input id="ob-token" type="password" required=true ref={token_ref} autocomplete="off" spellcheck="false" />
                </div>
            }
            <SubAccounts id="ob-sub-connect" aliases={(*sub_accounts).clone()} on_change={on_sub_accounts}
                parent={if *method == Method::Token { (*token_alias).clone() } else { String::new() }} />
            <div class="ob-field ob-field-inline">
                <input id="ob-keep" type="checkbox" ref={keep_ref} />
                <label for="ob-keep">{ "Keep me connected in this tab (the token is stored until the tab closes)" }</label>
            </div>
            <p class="ob-actions">
                <button type="submit" class="ob-button ob-button-primary" disabled={busy}>
                    { if busy { "Connecting…" } else { "Connect" } }
                </button>
            </p>
            if let Some(failure) = attempt.failure() {
                <ConnectError failure={failure.clone()} />
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ConnectErrorProps {
    failure: Failure,
}

/// Takes the focus when it appears (the button that sent the form is disabled meanwhile, so
/// the focus would otherwise fall to the page).
#[component]
fn ConnectError(props: &ConnectErrorProps) -> Html {
    let wrap = use_node_ref();
    {
        let wrap = wrap.clone();
        use_effect_with((), move |_| {
            if let Some(el) = wrap.cast::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    html! {
        <div tabindex="-1" ref={wrap}>
        { callout(Tone::Alert, None, Some("connect-error".into()), html! { <>
            <p>{ props.failure.user_message() }</p>
            if matches!(props.failure, Failure::Api(clc::Error::Network(_))) {
                <p>
                    { "If this page is served from another address than the API, the browser only \
                       allows the calls when the API permits them (CORS). The CenturyLink Cloud API \
                       may not. Run a small proxy on this page's own address that forwards to \
                       https://api.ctl.io, and enter the proxy's address as the API address." }
                </p>
            }
        </> }) }
        </div>
    }
}
