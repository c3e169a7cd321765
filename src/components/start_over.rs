//! Clearing all progress, only after an explicit second confirmation.

use yew::prelude::*;

use crate::hooks::use_checklist;
use crate::state::ChecklistMsg;

#[component]
pub fn StartOver() -> Html {
    let state = use_checklist();
    let cancel_ref = use_node_ref();
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with(state.confirming_start_over, move |confirming| {
            if *confirming {
                if let Some(button) = cancel_ref.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    let send = |msg: ChecklistMsg| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(msg.clone()))
    };
    html! {
        <section class="ob-start-over" aria-label="Start over">
            if state.confirming_start_over {
                <div role="alertdialog" aria-labelledby="ob-start-over-q" class="ob-callout">
                    <p id="ob-start-over-q">
                        { "Clear every tick and the recorded request time? This cannot be undone." }
                    </p>
                    <p class="ob-actions">
                        <button type="button" class="ob-button ob-button-danger"
                            onclick={send(ChecklistMsg::ConfirmStartOver)}>
                            { "Yes, clear my progress" }
                        </button>
                        <button type="button" class="ob-button" ref={cancel_ref}
                            onclick={send(ChecklistMsg::CancelStartOver)}>
                            { "Keep my progress" }
                        </button>
                    </p>
                </div>
            } else {
                <button type="button" class="ob-button ob-button-quiet"
                    onclick={send(ChecklistMsg::AskStartOver)}>
                    { "Start over" }
                </button>
            }
        </section>
    }
}
