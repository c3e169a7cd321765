//! The article's exception: accounts with a cloud term commitment close through sales.

use closure::{Action, Commitment, Phase};
use yew::prelude::*;

use crate::components::common::{callout, Tone};

use crate::hooks::ChecklistHandle;
use crate::services::clock;
use crate::state::ChecklistMsg;

/// The term-commitment question and, once answered, what it means for the closure; rendered by
/// `App` with the checklist's handle.
pub fn exception(state: &ChecklistHandle) -> Html {
    let checklist = state.checklist();
    let choice = |value: &'static str, commitment: Commitment, text: &'static str| {
        let state = state.clone();
        let onchange = Callback::from(move |_: Event| {
            state.dispatch(ChecklistMsg::Apply(Action::AnswerCommitment(commitment)))
        });
        html! {
            <label>
                <input type="radio" name="ob-commitment" {value}
                    checked={checklist.commitment == commitment} {onchange} />
                { text }
            </label>
        }
    };
    let locked = checklist.requested_at.is_some();
    let term = checklist.phase(clock::now_ms()) == Phase::TermCommitment;
    html! {
        <section class="ob-exception" id="ob-exception" aria-labelledby="ob-exception-title">
            <h2 id="ob-exception-title">{ "First: do you have a cloud term commitment?" }</h2>
            <fieldset class="ob-choice" disabled={locked}>
                <legend>{ "Does this account have a cloud term commitment (a contract for a fixed term)?" }</legend>
                { choice("no", Commitment::NoCommitment, " No, there is no term commitment") }
                { choice("yes", Commitment::TermCommitment, " Yes, the account has a term commitment") }
            </fieldset>
            if term {
                { callout(Tone::Alert, None, Some("term-commitment".into()), html! { <>
                    <h3>{ "Your closure goes through your sales representative" }</h3>
                    <p>
                        { "Accounts with a cloud term commitment are not closed with the request link in \
                           step 4. Contact your sales representative and ask them to execute a " }
                        <strong>{ "terminate service order" }</strong>
                        { ". The steps below still help you find your services and keep your data." }
                    </p>
                </> }) }
            }
        </section>
    }
}
