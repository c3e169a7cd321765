//! The three ways to use the app: the offline checklist, the demo account, or a real account.

use yew::prelude::*;

use crate::config::Mode;

#[derive(Properties, PartialEq)]
pub struct ModeSwitchProps {
    pub mode: Mode,
    pub on_change: Callback<Mode>,
}

#[component]
pub fn ModeSwitch(props: &ModeSwitchProps) -> Html {
    let button = |mode: Mode, label: &'static str| {
        let on_change = props.on_change.clone();
        let pressed = props.mode == mode;
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
