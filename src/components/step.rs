//! One step of the checklist: its number, title, what to do, and the customer's tick.

use closure::{Action, StepId};
use yew::prelude::*;

use crate::content::step_title;
use crate::hooks::{use_checklist, use_unfinished_runs};
use crate::state::ChecklistMsg;

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub step: StepId,
    /// What the step asks of the customer.
    pub children: Html,
    /// Step 4 is ticked by recording the request, not by its checkbox.
    #[prop_or(true)]
    pub tickable: bool,
}

#[component]
pub fn Step(props: &StepProps) -> Html {
    let state = use_checklist();
    let checklist = state.checklist();
    let step = props.step;
    let done = checklist.is_done(step);
    let toggle = if done {
        Action::Untick(step)
    } else {
        Action::Tick(step)
    };
    let unfinished = use_unfinished_runs();
    // Step 3 is not done while a deletion run of it is unfinished (unticking stays possible).
    let blocked = match toggle {
        Action::Tick(step) => closure::gate::tick_refusal(step, &unfinished),
        _ => None,
    }
    .or_else(|| checklist.apply(toggle.clone()).err());
    let on_change = {
        let state = state.clone();
        Callback::from(move |_: Event| state.dispatch(ChecklistMsg::Apply(toggle.clone())))
    };
    let n = step.number();
    let title_id = format!("ob-step-{n}-title");
    let hint_id = format!("ob-step-{n}-hint");
    let class = classes!("ob-step", done.then_some("ob-step-done"));
    html! {
        <li class={class} id={format!("ob-step-{n}")} aria-labelledby={title_id.clone()} data-step={n.to_string()}>
            <h3 id={title_id}>
                <span class="ob-step-number" aria-hidden="true">{ n }</span>
                <span class="ob-visually-hidden">{ format!("Step {n}: ") }</span>
                { step_title(step) }
                if done { <span class="ob-badge">{ "Done" }</span> }
            </h3>
            <div class="ob-step-body">{ props.children.clone() }</div>
            if props.tickable {
                <div class="ob-tick">
                    <label>
                        <input type="checkbox" checked={done} disabled={blocked.is_some()}
                            aria-describedby={blocked.as_ref().map(|_| hint_id.clone())}
                            onchange={on_change} />
                        { format!(" I have done step {n}") }
                    </label>
                    if let Some(reason) = blocked {
                        <span id={hint_id} class="ob-hint">{ reason.to_string() }</span>
                    }
                </div>
            }
        </li>
    }
}
