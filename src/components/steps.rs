//! The article's four steps, with their links and caveats.

use closure::StepId;
use yew::prelude::*;

use crate::components::request::Request;
use crate::components::step::checklist_step;
use crate::content::*;
use crate::hooks::ChecklistHandle;

/// `unfinished` are the deletion runs this browser holds unfinished.
pub fn steps(state: &ChecklistHandle, unfinished: &[String]) -> Html {
    let step = |id: StepId, tickable: bool, children: Html| {
        checklist_step(state, unfinished, id, tickable, children)
    };
    let done = state.checklist().done_count();
    html! {
        <section class="ob-steps" aria-labelledby="ob-steps-title">
            <h2 id="ob-steps-title">{ "The four steps" }</h2>
            <p class="ob-progress">
                <label for="ob-progress-bar">{ format!("{done} of 4 steps done") }</label>
                <progress id="ob-progress-bar" max="4" value={done.to_string()}></progress>
            </p>
            <ol class="ob-step-list">
                { step(StepId::FindServices, true, html! { <>
                    <p>
                        { "List every service the account has: servers, networks, public IP addresses, \
                           load balancers, VPNs, databases, backups, storage. Your " }
                        <a href={USAGE_HISTORY_URL} target="_blank" rel="noopener noreferrer">{ "usage history" }</a>
                        { " in the Control Portal shows what you have been billed for, which is a good \
                           map of what exists." }
                    </p>
                </> }) }
                { step(StepId::RetrieveData, true, html! { <>
                    <p>
                        { "Copy off everything you want to keep from those services. If you need help \
                           getting a virtual machine or other data out, you can order a " }
                        <a href={SERVICE_TASK_URL} target="_blank" rel="noopener noreferrer">{ "Service Task" }</a>
                        { " (this is billed)." }
                    </p>
                </> }) }
                { step(StepId::DeleteResources, true, html! { <>
                    <p>
                        { "Delete every resource that is still billed, with the " }
                        <a href={API_DOCS_URL} target="_blank" rel="noopener noreferrer">{ "CenturyLink Cloud API" }</a>
                        { " or in the Control Portal." }
                    </p>
                    <ul>
                        <li>
                            { "Anything you leave keeps adding charges until the account is completely \
                               deleted, " }
                            <strong>{ "even after the closure has been confirmed" }</strong>
                            { ". Delete all of it before you request the closure." }
                        </li>
                        <li>
                            { "One exception: the network in your account's default data center, used by \
                               the account's OpenVPN server, is free. You do not need to delete it." }
                        </li>
                    </ul>
                </> }) }
                { step(StepId::RequestClosure, false, html! { <Request /> }) }
            </ol>
        </section>
    }
}
