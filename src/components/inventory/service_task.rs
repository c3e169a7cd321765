//! Step 2's Service Task request: the text offboard prepares from the inventory
//! (`closure::service_task::text`), which the customer copies or opens in their own mail program.
//! Nothing leaves the page unless the customer sends it.

use closure::escalation::HELP_EMAIL;
use closure::service_task::{mailto_for, text};
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::format::plural;
use crate::components::common::{details_toggle, ByPtr};
use crate::content::SERVICE_TASK_URL;
use crate::hooks::use_painted;
use crate::services::clipboard;

/// Above this many bytes of text (characters, for the ASCII it mostly is) the request's text sits in a `<details>` that starts closed. A
/// large account's request runs to about a megabyte (10,000 servers: some 43,000 lines), and
/// laying it out in a textarea cost the browser most of a second right after the scan; a closed
/// `<details>` is not laid out. 20,000 characters is a few hundred lines, more than anyone reads
/// in the box, so short requests stay open as they were. Its box is filled when it is first
/// opened: even closed, putting a megabyte into a textarea cost the browser over 100 ms right
/// after the scan (the text is split into lines and styled), and "Copy the request" copies the
/// text, not the box.
const LONG_REQUEST_BYTES: usize = 20_000;

#[derive(Properties, PartialEq)]
pub struct ServiceTaskProps {
    pub inventory: ByPtr<Inventory>,
}

#[derive(Clone, Copy, PartialEq)]
enum Copied {
    Not,
    Yes,
    Failed,
}

#[component]
pub fn ServiceTask(props: &ServiceTaskProps) -> Html {
    // Written once the inventory's table is on the page (see `use_painted`).
    let painted = use_painted();
    let prepared = use_memo((props.inventory.clone(), painted), |(inv, painted)| {
        painted.then(|| {
            let body = text(inv);
            // Over the threshold, how many lines the closed request holds (said in its summary).
            let lines = (body.len() > LONG_REQUEST_BYTES).then(|| body.lines().count());
            let link = mailto_for(inv, &body);
            (body, link, lines)
        })
    });
    let copied = use_state_eq(|| Copied::Not);
    // A long request's box holds the text only while its `<details>` is open: closed, a
    // megabyte in the box costs style and layout on every new reading.
    let opened = use_state_eq(|| false);
    let Some((body, link, lines)) = prepared.as_ref() else {
        return html! {
            <div class="ob-inv-service-task" data-testid="service-task">
                <h4 id="ob-service-task-title">{ "Ask for help: a Service Task request" }</h4>
                <p role="status">{ "Preparing the request…" }</p>
            </div>
        };
    };
    let on_copy = {
        let (body, copied) = (body.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (body, copied) = (body.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(if clipboard::copy(&body).await {
                    Copied::Yes
                } else {
                    Copied::Failed
                });
            });
        })
    };
    let long = lines.is_some();
    let shown = if long && !*opened {
        String::new()
    } else {
        body.clone()
    };
    let field = html! {
        <>
            <label for="ob-service-task-text">{ "Service Task request" }</label>
            <textarea id="ob-service-task-text" readonly=true rows="10"
                data-testid="service-task-text" value={shown} />
        </>
    };
    // Filled on the summary's click, before the browser opens the `<details>` (so the box is
    // never shown empty); the toggle event, which comes after any opening or closing, then
    // says whether it is open (a click that closes it empties the box once it is closed).
    let on_click = {
        let opened = opened.clone();
        Callback::from(move |_: MouseEvent| opened.set(true))
    };
    let on_toggle = details_toggle(&opened);
    html! {
        <div class="ob-inv-service-task" data-testid="service-task">
            <h4 id="ob-service-task-title">{ "Ask for help: a Service Task request" }</h4>
            <p>
                { "If you need help getting a server or other data out, you can order a " }
                <a href={SERVICE_TASK_URL} target="_blank" rel="noopener noreferrer">{ "Service Task" }</a>
                { format!(
                    ", which is billed. The request below lists your account, its data centers and \
                     every resource that holds data. Copy it into a ticket, or open it as an e-mail \
                     to {HELP_EMAIL}. Nothing is sent until you send it yourself."
                ) }
            </p>
            if let Some(lines) = *lines {
                <details class="ob-service-task-whole" data-testid="service-task-whole"
                    ontoggle={on_toggle}>
                    <summary onclick={on_click}>
                        { format!("The whole request ({})", plural(lines, "line", "lines")) }
                    </summary>
                    { field }
                </details>
            } else {
                { field }
            }
            <p class="ob-actions">
                <button type="button" class="ob-button" onclick={on_copy}>{ "Copy the request" }</button>
                <a class="ob-button ob-button-quiet" href={link.href.clone()} data-testid="service-task-mail"
                    aria-describedby={link.cut.then_some("ob-service-task-cut")}>
                    { format!("Send by e-mail to {HELP_EMAIL}") }
                </a>
            </p>
            if link.cut {
                <p id="ob-service-task-cut" data-testid="service-task-cut">
                    { "The request is too long for an e-mail link, so the e-mail opens with its \
                       first part and a note saying where it stops. Press \"Copy the request\" \
                       and paste the whole text into the e-mail before you send it." }
                </p>
            }
            <p role="status" aria-live="polite">
                { match *copied {
                    Copied::Not => "",
                    Copied::Yes => "The request is copied.",
                    Copied::Failed if long => "This browser did not allow copying. Open \"The whole request\" above, select its text and copy it yourself.",
                    Copied::Failed => "This browser did not allow copying. Select the text above and copy it yourself.",
                } }
            </p>
        </div>
    }
}
