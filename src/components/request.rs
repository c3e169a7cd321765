//! Step 4: where to request the closure, what that click does, and recording when it was made.

use closure::gate::{evaluate, Gate, GateInput, Missing};
use closure::{Action, Phase};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::common::format::count;
use crate::components::common::{callout, Tone};
use crate::components::countdown::Countdown;
use crate::content::*;
use crate::hooks::{use_checklist, use_live, use_unfinished_runs};
use crate::live_state::LiveMsg;
use crate::services::{baseline, clock};
use crate::state::ChecklistMsg;

#[component]
pub fn Request() -> Html {
    let state = use_checklist();
    let checklist = state.checklist();
    let now = clock::now_ms();
    let term = checklist.phase(now) == Phase::TermCommitment;
    let live = use_live();
    let record = {
        let (state, live) = (state.clone(), live.clone());
        Callback::from(move |_| {
            let at = clock::now_ms();
            // Connected: what bills now is the baseline of "bills again" after the request.
            if live.latest.is_some() && !live.alias.is_empty() {
                let ids = live.billing().map(|r| baseline::token(&r.id)).collect();
                baseline::save(&live.alias, at, ids);
            }
            state.dispatch(ChecklistMsg::Apply(Action::RecordRequest { at }))
        })
    };
    let withdraw = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(ChecklistMsg::Apply(Action::WithdrawRequest)))
    };
    let set_alias = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            state.dispatch(ChecklistMsg::SetAlias(input.value()));
        })
    };
    // Connected: the alias is the connection's, unless the customer typed one (it stays editable).
    {
        let (state, alias) = (state.clone(), live.alias.clone());
        use_effect_with(alias, move |alias| {
            if !alias.is_empty() && state.saved.alias.trim().is_empty() {
                state.dispatch(ChecklistMsg::SetAlias(alias.clone()));
            }
        });
    }
    let unfinished = use_unfinished_runs();
    let gate = evaluate(&GateInput {
        checklist,
        inventory: live.latest.as_deref(),
        connected: !live.alias.is_empty(),
        marks: live.marks,
        remaining_accepted: live.remaining_accepted,
        unfinished_runs: &unfinished,
        manual_marks: &live.manual_marks,
    });
    let blocked = checklist.apply(Action::RecordRequest { at: now }).err();
    let billable_left = gate
        .missing()
        .iter()
        .any(|m| matches!(m, Missing::BillableRemaining { .. }));
    let accept = {
        let live = live.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            live.dispatch(LiveMsg::AcceptRemaining(input.checked()));
        })
    };
    let requested_at = checklist.requested_at;
    let baseline = use_memo((live.alias.clone(), requested_at), |(alias, at)| {
        at.and_then(|at| baseline::load(alias, at))
    });
    // After the request: what bills besides what billed then; with no baseline (requested before
    // connecting, or in another browser), everything that bills, said without "since".
    let again: Vec<&closure::Resource> = match (requested_at, baseline.as_ref()) {
        (None, _) => Vec::new(),
        (Some(_), Some(ids)) => live.billing_besides(ids),
        (Some(_), None) => live.billing().collect(),
    };
    let since = baseline.is_some();
    html! {
        <>
            if term {
                <p class="ob-callout">
                    { "With a term commitment, do not use the request link: your sales representative \
                       closes the account with a terminate service order." }
                </p>
            }
            { instructions() }
            if let Some(subs) = sub_accounts(&live) {
                <div class="ob-callout" data-testid="request-sub-accounts">
                    <p>{ format!(
                        "Your sub-accounts {} were read and emptied with {}. The article does not \
                         say how sub-accounts are closed: they may need their own closure request. \
                         Name every one of them ({}) when you request the closure, and in any \
                         ticket or e-mail about it.",
                        subs.join(", "), live.alias, subs.join(", ")
                    ) }</p>
                </div>
            }
            <div class="ob-field">
                <label for="ob-alias">{ "Account alias (optional, goes into the e-mail if you need to escalate)" }</label>
                <input id="ob-alias" type="text" autocomplete="off" spellcheck="false" maxlength="32"
                    value={state.saved.alias.clone()} oninput={set_alias} />
            </div>
            if !again.is_empty() {
                { billing_again(&again, since) }
            }
            if let (Gate::Locked { missing }, None) = (&gate, checklist.requested_at) {
                <div class="ob-callout" data-testid="gate-locked">
                    <h4>{ if term {
                        "This step does not open with a term commitment: your sales representative \
                         closes the account instead (see above)"
                    } else {
                        "Not yet: this step opens when the rest is done"
                    } }</h4>
                    <ul>
                        { for missing.iter().map(|m| html! { <li><a href={m.href()}>{ m.sentence() }</a></li> }) }
                    </ul>
                </div>
            }
            if billable_left || live.remaining_accepted {
                <div class="ob-field ob-field-inline">
                    <input id="ob-accept-remaining" type="checkbox" checked={live.remaining_accepted} onchange={accept} />
                    <label for="ob-accept-remaining">
                        { "I accept that what remains keeps billing until the account is deleted" }
                    </label>
                </div>
            }
            if let Some(at) = checklist.requested_at {
                <Countdown requested_at={at} />
                if checklist.confirmed_at.is_none() {
                    <button type="button" class="ob-button ob-button-quiet" onclick={withdraw}>
                        { "I did not actually click it: forget the recorded time" }
                    </button>
                }
            } else {
                <div class="ob-record">
                    <button type="button" class="ob-button ob-button-primary" onclick={record}
                        disabled={blocked.is_some() || !gate.is_open()}
                        aria-describedby={blocked.as_ref().map(|_| "ob-record-hint")}>
                        { "I have clicked \"request to close\" just now" }
                    </button>
                    if let Some(reason) = blocked {
                        <span id="ob-record-hint" class="ob-hint">{ reason.to_string() }</span>
                    }
                </div>
            }
        </>
    }
}

/// What the "request to close" link does, as the article says it.
fn instructions() -> Html {
    html! {
        <>
                <p>
                    { "Open the " }
                    <a href={ACCOUNT_INFO_URL} target="_blank" rel="noopener noreferrer">{ "Account Profile/Info page" }</a>
                    { " in the Control Portal and click \"request to close\"." }
                </p>
                <ul>
                    <li>
                        <strong>{ "That link opens a ticket at once, with no second prompt. " }</strong>
                        { "The CenturyLink Cloud team then closes the account." }
                    </li>
                    <li>
                        { "After that point nobody can promise that server data or configuration can still \
                           be retrieved." }
                    </li>
                    <li>
                        { "If no one from the CenturyLink Cloud team has confirmed within one hour, e-mail " }
                        <a href={format!("mailto:{HELP_EMAIL}")}>{ HELP_EMAIL }</a>
                        { " or " }
                        <a href={TICKET_URL} target="_blank" rel="noopener noreferrer">{ "open a separate ticket" }</a>
                        { " to check that the request arrived." }
                    </li>
                </ul>
        </>
    }
}

/// What bills besides what billed when the closure was requested (`since`), or everything that
/// bills when there is no such reading.
fn billing_again(again: &[&closure::Resource], since: bool) -> Html {
    let words = billing_again_words(again.len(), since);
    callout(
        Tone::Alert,
        None,
        Some("billing-again".into()),
        html! { <>
            <p>{ words }</p>
            <ul>
                { for again.iter().take(5).map(|r| html! {
                    <li>{ format!("{} {}{}", r.id.kind.label(), r.name,
                                  r.data_center.as_deref().map(|dc| format!(" ({dc})")).unwrap_or_default()) }</li>
                }) }
                if again.len() > 5 {
                    <li>{ format!("and {} more (see the inventory)", count(again.len() - 5)) }</li>
                }
            </ul>
        </> },
    )
}

/// The sentence over [`billing_again`]'s list of the `n` resources, counted as every count on
/// the page is.
fn billing_again_words(n: usize, since: bool) -> String {
    match (since, n) {
        (true, 1) => "Since your request, a resource that bills has appeared (or came back). It \
            adds charges until the account is closed: delete it in step 3."
            .to_string(),
        (true, n) => format!(
            "Since your request, {} resources that bill have appeared (or came back). They add \
             charges until the account is closed: delete them in step 3.",
            count(n)
        ),
        (false, 1) => "The latest reading of the account found a resource that still bills. It \
            adds charges until the account is closed: delete it in step 3."
            .to_string(),
        (false, n) => format!(
            "The latest reading of the account found {} resources that still bill. They add \
             charges until the account is closed: delete them in step 3.",
            count(n)
        ),
    }
}

/// The sub-accounts the latest reading covered, if any.
fn sub_accounts(live: &crate::live_state::LiveSummary) -> Option<Vec<String>> {
    let aliases = live.latest.as_ref()?.aliases();
    (aliases.len() > 1).then(|| aliases[1..].to_vec())
}

#[cfg(test)]
mod tests {
    use super::billing_again_words;

    /// Counted with the separator, as the inventory counts the same resources (it once wrote
    /// "1200 resources that still bill" beside the inventory's "1,200").
    #[test]
    fn what_still_bills_is_counted_as_the_inventory_counts_it() {
        assert!(billing_again_words(1_200, false).starts_with(
            "The latest reading of the account found 1,200 resources that still bill."
        ));
        assert!(billing_again_words(1_200, true)
            .starts_with("Since your request, 1,200 resources that bill have appeared"));
        assert!(billing_again_words(1, false).contains("a resource that still bills. It adds"));
    }
}
