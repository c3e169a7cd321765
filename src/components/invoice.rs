//! When to expect the final invoice, in the customer's own calendar.

use closure::invoice::final_invoice;
use yew::prelude::*;

use crate::app::{use_checklist, use_config};
use crate::services::{clock, locale};

#[component]
pub fn FinalInvoice() -> Html {
    let state = use_checklist();
    let now = clock::use_now(60_000);
    let config = use_config();
    let lang = config.locale.as_deref();
    // Before the request, "now" is the best guess of the closing month.
    let at = state.checklist().requested_at.unwrap_or(now);
    let text = match final_invoice(at, clock::utc_offset_minutes(at)) {
        Some(e) => html! {
            <p data-testid="final-invoice">
                { "Your final invoice comes after the current month closes on " }
                <time datetime={e.month_closes.to_string()}>{ locale::long_date(e.month_closes, lang) }</time>
                { ": expect it from " }
                <strong><time datetime={e.expected_from.to_string()}>{ locale::long_date(e.expected_from, lang) }</time></strong>
                { " on. Check that it shows no charges after the date you deleted everything." }
            </p>
        },
        None => html! { <p>{ "Your final invoice comes after the current month closes." }</p> },
    };
    html! {
        <section class="ob-invoice" aria-labelledby="ob-invoice-title">
            <h2 id="ob-invoice-title">{ "Your final invoice" }</h2>
            { text }
        </section>
    }
}
