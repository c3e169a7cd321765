//! The one-hour rule: time left until a confirmation is due, then how to escalate.

use closure::escalation::{describe_time, mailto_with_sub_accounts};
use closure::{Action, Phase};
use yew::prelude::*;

use crate::components::common::{callout, Tone};

use crate::content::*;
use crate::hooks::{use_checklist, use_live};
use crate::services::clock;
use crate::state::ChecklistMsg;

#[derive(Properties, PartialEq)]
pub struct CountdownProps {
    /// When the customer clicked "request to close" (epoch ms).
    pub requested_at: closure::EpochMs,
}

#[component]
pub fn Countdown(props: &CountdownProps) -> Html {
    let state = use_checklist();
    let live = use_live();
    // The sub-accounts read with the parent (the latest reading's), named in the e-mail.
    let sub_accounts: Vec<String> = live
        .latest
        .as_ref()
        .map(|inv| inv.aliases().into_iter().skip(1).collect())
        .unwrap_or_default();
    let now = clock::use_now(1000);
    let offset = clock::utc_offset_minutes(props.requested_at);
    let when = describe_time(props.requested_at, offset);
    let confirm = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(ChecklistMsg::Apply(Action::RecordConfirmation {
                at: clock::now_ms(),
            }))
        })
    };
    let escalated = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(ChecklistMsg::Apply(Action::RecordEscalation {
                at: clock::now_ms(),
            }))
        })
    };
    let phase = state.checklist().phase(now);
    let body = match phase {
        Phase::AwaitingConfirmation { remaining_ms } => html! {
            <p data-testid="countdown">
                { "Waiting for the confirmation. If none has arrived in " }
                <strong><time>{ format_duration(remaining_ms) }</time></strong>
                { ", escalate." }
            </p>
        },
        Phase::Escalate { .. } => {
            let link = mailto_with_sub_accounts(
                &state.saved.alias,
                &sub_accounts,
                props.requested_at,
                offset,
            );
            callout(
                Tone::Alert,
                None,
                Some("escalate".into()),
                html! { <>
                    <h4>{ "More than an hour has passed without a confirmation" }</h4>
                    <p>{ "Check that the request reached the CenturyLink Cloud team:" }</p>
                    <p class="ob-actions">
                        <a class="ob-button ob-button-primary" href={link} onclick={escalated.clone()}>
                            { format!("E-mail {HELP_EMAIL}") }
                        </a>
                        <a class="ob-button" href={TICKET_URL} target="_blank" rel="noopener noreferrer"
                            onclick={escalated}>
                            { "Open a separate ticket" }
                        </a>
                    </p>
                    if let Some(at) = state.checklist().escalated_at {
                        <p>{ format!("You escalated at {}.", describe_time(at, clock::utc_offset_minutes(at))) }</p>
                    }
                </> },
            )
        }
        Phase::Confirmed => html! {
            <p class="ob-callout" data-testid="confirmed">{ "The closure has been confirmed." }</p>
        },
        _ => html! {},
    };
    html! {
        <div class="ob-countdown" aria-live="polite">
            <p>{ "You requested the closure at " }<strong>{ when }</strong>{ "." }</p>
            { body }
            if phase != Phase::Confirmed {
                <button type="button" class="ob-button" onclick={confirm}>
                    { "The CenturyLink Cloud team has confirmed the closure" }
                </button>
            }
        </div>
    }
}

/// `59:58`, or `1:00:00` for a full hour.
fn format_duration(ms: i64) -> String {
    let total = (ms.max(0) + 999) / 1000;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}
