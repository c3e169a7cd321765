//! The last chance: ten seconds on the page clock (`Date.now`, timers), announced, with the
//! cancel button focused. At zero the run starts; cancelling sends nothing.

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::components::common::format::agreeing;
use crate::services::clock;

#[derive(Properties, PartialEq)]
pub struct StartCountdownProps {
    /// When the run starts (epoch ms).
    pub ends_at: closure::EpochMs,
    pub on_elapsed: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn StartCountdown(props: &StartCountdownProps) -> Html {
    let now = clock::use_now(200);
    let cancel_ref = use_node_ref();
    let fired = use_mut_ref(|| false);
    {
        let cancel_ref = cancel_ref.clone();
        use_effect_with((), move |_| {
            if let Some(el) = cancel_ref.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    // `use_now` starts from the time of the first render; read the clock again to decide.
    let remaining = props.ends_at - now.max(clock::now_ms());
    {
        let (on_elapsed, fired) = (props.on_elapsed.clone(), fired.clone());
        use_effect_with(remaining <= 0, move |elapsed| {
            if *elapsed && !std::mem::replace(&mut *fired.borrow_mut(), true) {
                on_elapsed.emit(());
            }
        });
    }
    let seconds = (remaining.max(0) + 999) / 1000;
    let cancel = props.on_cancel.reform(|_| ());
    html! {
        <div class="ob-del-countdown" data-testid="deletion-countdown">
            <p class="ob-del-count" role="timer" aria-live="polite" aria-atomic="true">
                if seconds > 0 {
                    { "Deleting starts in " }<strong data-testid="deletion-seconds">{ seconds }</strong>{ agreeing(usize::try_from(seconds).unwrap_or(usize::MAX), " second.", " seconds.") }
                } else {
                    { "Starting…" }
                }
            </p>
            <p>{ "Nothing has been sent yet. Cancel now to go back to the plan." }</p>
            <button type="button" class="ob-button ob-button-primary" ref={cancel_ref} onclick={cancel} disabled={seconds == 0}>
                { "Cancel" }
            </button>
        </div>
    }
}
