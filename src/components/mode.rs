//! The three ways to use the app: the offline checklist, the demo account, or a real account.

use yew::prelude::*;

use crate::config::Mode;

/// The three buttons, `current` pressed; `on_change` hears the one clicked.
pub fn mode_switch(current: Mode, on_change: &Callback<Mode>) -> Html {
    let button = |mode: Mode, label: &'static str| {
        let on_change = on_change.clone();
        let pressed = current == mode;
        html! {
            <button type="button" aria-pressed={pressed.to_string()}
                class={classes!("ob-button", pressed.then_some("ob-button-primary"))}
                onclick={Callback::from(move |_| on_change.emit(mode))}>
                { label }
            </button>
        }
    };
    html! {
        <nav class="ob-mode-switch" aria-label="How to use this checklist">
            { button(Mode::Checklist, "Checklist only (offline)") }
            { button(Mode::Demo, "Try the demo account") }
            { button(Mode::Connected, "Connect my account") }
        </nav>
    }
}
