//! When to expect the final invoice: after CLC's billing month closes, and billing months are
//! UTC calendar months (the assumption `closure::invoice` states), so where the customer's own
//! calendar is in another month the page says which month it means.

use closure::invoice::final_invoice;
use yew::prelude::*;

use crate::hooks::{use_checklist, use_config};
use crate::services::{clock, locale};

#[component]
pub fn FinalInvoice() -> Html {
    let state = use_checklist();
    let now = clock::use_now(60_000);
    let config = use_config();
    let lang = config.locale.as_deref();
    // Before the request, "now" is the best guess of the closing month.
    let at = state.checklist().requested_at.unwrap_or(now);
    let date = |d: chrono::NaiveDate| {
        html! { <time datetime={d.to_string()}>{ locale::long_date(d, lang) }</time> }
    };
    let text = match final_invoice(at, clock::utc_offset_minutes(at)) {
        Some(e) => {
            let month = locale::month_year(e.billing_month, lang);
            html! {
                <>
                <p data-testid="final-invoice">
                    { format!("Your final invoice comes after the {month} billing month closes on ") }
                    { date(e.month_closes) }
                    { ": expect it from " }
                    <strong>{ date(e.expected_from) }</strong>
                    { " on. Check that it shows no charges after the date you deleted everything." }
                </p>
                if e.local_month_differs() {
                    <p data-testid="billing-month-differs">
                        { "Where you are it is " }{ date(e.local_date) }
                        { format!(", but in UTC it is {month}: the month that closes is {month}.") }
                    </p>
                }
                <p class="ob-hint">
                    { "CLC bills by calendar month in UTC (invoices are dated midnight UTC on the \
                       1st), so \"this month\" on this page is always the UTC month." }
                </p>
                </>
            }
        }
        None => html! { <p>{ "Your final invoice comes after the current month closes." }</p> },
    };
    html! {
        <section class="ob-invoice" aria-labelledby="ob-invoice-title">
            <h2 id="ob-invoice-title">{ "Your final invoice" }</h2>
            { text }
        </section>
    }
}
