//! One step of the checklist: its number, title, what to do, and the customer's tick.

use closure::{Action, StepId};
use yew::prelude::*;

use crate::content::step_title;
use crate::hooks::ChecklistHandle;
use crate::state::ChecklistMsg;

/// `step` with `children`, what it asks of the customer. `tickable` is false for step 4, which is
/// ticked by recording the request, not by its checkbox; `unfinished` are the deletion runs this
/// browser holds unfinished.
pub fn checklist_step(
    state: &ChecklistHandle,
    unfinished: &[String],
    step: StepId,
    tickable: bool,
    children: Html,
) -> Html {
    let checklist = state.checklist();
    let done = checklist.is_done(step);
    let toggle = if done {
        Action::Untick(step)
    } else {
        Action::Tick(step)
    };
    // Step 3 is not done while a deletion run of it is unfinished (unticking stays possible).
    let blocked = match toggle {
        Action::Tick(step) => closure::gate::tick_refusal(step, unfinished),
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
            <div class="ob-step-body">{ children }</div>
            if tickable {
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
