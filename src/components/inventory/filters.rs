//! The resource table's controls: search by name or id, and filters by kind, state, data
//! center and (with sub-accounts) account. Every control has a visible label.

use closure::ResourceKind;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::query::{Filter, TableMsg};
use crate::components::common::format::count;

/// The values present in the inventory, offered as filter options.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FilterOptions {
    pub kinds: Vec<ResourceKind>,
    pub states: Vec<String>,
    /// Upper-case codes; `""` stands for account-wide resources.
    pub data_centers: Vec<String>,
    /// Every alias read, the parent first; the account filter shows when there are several.
    pub accounts: Vec<String>,
}

/// The select's value for "any".
const ANY: &str = "";
/// Up to this many accounts the account filter is a list to choose from; past it (an enterprise
/// parent may have thousands of sub-accounts, an option each) a field to type the alias in: the
/// table by account above names every one.
const ACCOUNT_OPTIONS_UP_TO: usize = 25;
const ACCOUNT_WIDE: &str = "account-wide";

/// The controls, set as `f` says, offering `options`; `has_diff` offers "only new or changed"
/// (there is a previous scan to compare with).
pub fn table_filters(
    f: &Filter,
    options: &FilterOptions,
    has_diff: bool,
    on_change: &Callback<TableMsg>,
) -> Html {
    let select = |make: fn(String) -> TableMsg| {
        on_change
            .reform(move |e: Event| make(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_search = on_change.reform(|e: InputEvent| {
        TableMsg::Search(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let on_changed = on_change.reform(|e: Event| {
        TableMsg::ChangedOnly(e.target_unchecked_into::<HtmlInputElement>().checked())
    });
    let kind_options = options.kinds.iter().map(|k| {
        let value = ResourceKind::ALL
            .iter()
            .position(|a| a == k)
            .unwrap_or(0)
            .to_string();
        html! { <option value={value} selected={f.kind == Some(*k)}>{ k.label() }</option> }
    });
    let state_options = options.states.iter().map(|s| {
        html! { <option value={s.clone()} selected={f.state.as_deref() == Some(s)}>{ s }</option> }
    });
    let dc_options = options.data_centers.iter().map(|dc| {
        let (value, label) = if dc.is_empty() { (ACCOUNT_WIDE, "Account-wide") } else { (dc.as_str(), dc.as_str()) };
        html! {
            <option value={value.to_string()} selected={f.data_center.as_deref() == Some(dc)}>{ label }</option>
        }
    });
    // Typed: trimmed and in upper case, as CLC writes aliases; empty for every account.
    let on_account_typed = on_change.reform(|e: Event| {
        let typed = e.target_unchecked_into::<HtmlInputElement>().value();
        let alias = typed.trim().to_ascii_uppercase();
        TableMsg::Account((!alias.is_empty()).then_some(alias))
    });
    // Emptied (Escape, the search field's ×, deleting the alias): every account at once, not
    // only once the field loses focus.
    let on_account_emptied = {
        let on_change = on_change.clone();
        Callback::from(move |e: InputEvent| {
            let typed = e.target_unchecked_into::<HtmlInputElement>().value();
            if typed.trim().is_empty() {
                on_change.emit(TableMsg::Account(None));
            }
        })
    };
    let account_options = options.accounts.iter().enumerate().map(|(i, a)| {
        let label = if i == 0 { format!("{a} (parent)") } else { format!("{a} (sub-account)") };
        html! { <option value={a.clone()} selected={f.account.as_deref() == Some(a)}>{ label }</option> }
    });
    html! {
        <div class="ob-inv-filters" role="search" aria-label="Filter the resources">
            <p class="ob-field">
                <label for="ob-inv-search">{ "Search by name or ID" }</label>
                <input id="ob-inv-search" type="search" autocomplete="off" value={f.search.clone()}
                    oninput={on_search} />
            </p>
            <p class="ob-field">
                <label for="ob-inv-kind">{ "Kind" }</label>
                <select id="ob-inv-kind" onchange={select(|v| TableMsg::Kind(
                    v.parse::<usize>().ok().and_then(|i| ResourceKind::ALL.get(i).copied())))}>
                    <option value={ANY} selected={f.kind.is_none()}>{ "All kinds" }</option>
                    { for kind_options }
                </select>
            </p>
            <p class="ob-field">
                <label for="ob-inv-state">{ "State" }</label>
                <select id="ob-inv-state" onchange={select(|v| TableMsg::State((!v.is_empty()).then_some(v)))}>
                    <option value={ANY} selected={f.state.is_none()}>{ "All states" }</option>
                    { for state_options }
                </select>
            </p>
            <p class="ob-field">
                <label for="ob-inv-dc">{ "Data center" }</label>
                <select id="ob-inv-dc" onchange={select(|v| TableMsg::DataCenter(match v.as_str() {
                    ANY => None,
                    ACCOUNT_WIDE => Some(String::new()),
                    _ => Some(v),
                }))}>
                    <option value={ANY} selected={f.data_center.is_none()}>{ "All data centers" }</option>
                    { for dc_options }
                </select>
            </p>
            if options.accounts.len() > ACCOUNT_OPTIONS_UP_TO {
                <p class="ob-field">
                    <label for="ob-inv-account">
                        { format!("Account (type an alias, of {})", count(options.accounts.len())) }
                    </label>
                    <input id="ob-inv-account" type="search" autocomplete="off" spellcheck="false"
                        autocapitalize="characters" value={f.account.clone().unwrap_or_default()}
                        aria-describedby="ob-inv-account-hint" onchange={on_account_typed}
                        oninput={on_account_emptied} />
                    <span class="ob-inv-muted" id="ob-inv-account-hint">
                        { "Every alias is in the figures by account above. Press Enter to apply; empty the field for all accounts." }
                    </span>
                </p>
            } else if options.accounts.len() > 1 {
                <p class="ob-field">
                    <label for="ob-inv-account">{ "Account" }</label>
                    <select id="ob-inv-account" onchange={select(|v| TableMsg::Account((!v.is_empty()).then_some(v)))}>
                        <option value={ANY} selected={f.account.is_none()}>{ "All accounts" }</option>
                        { for account_options }
                    </select>
                </p>
            }
            if has_diff {
                <p class="ob-field ob-inv-check">
                    <label>
                        <input type="checkbox" checked={f.changed_only} onchange={on_changed} />
                        { " Only new or changed since the last scan" }
                    </label>
                </p>
            }
        </div>
    }
}
