//! Lines of last month's invoice that nothing in the inventory explains (bandwidth, DNS, object
//! storage, support...), each with what to do, so nothing billable is missed.

use clc::Money;
use closure::cost::{reconcile_invoice, InvoiceReconciliation};
use closure::scan::Part;
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::format::{agreeing, plural};
use crate::components::common::{table_scroll, ByPtr};
use crate::hooks::use_config;
use crate::services::locale;

#[derive(Properties, PartialEq)]
pub struct InvoiceGapsProps {
    pub inventory: ByPtr<Inventory>,
}

#[component]
pub fn InvoiceGaps(props: &InvoiceGapsProps) -> Html {
    let reconciled = use_memo(props.inventory.clone(), |inv| reconcile_invoice(&inv.0));
    let config = use_config();
    // "of 1 December 2026" in the customer's locale, not the API's ISO time.
    let dated = |r: &InvoiceReconciliation| {
        r.invoice_day()
            .map(|d| format!(" of {}", locale::date(d, config.locale.as_deref())))
            .unwrap_or_default()
    };
    let body = match &*reconciled {
        None if props
            .inventory
            .unread
            .iter()
            .any(|u| matches!(u.part, Part::Invoice { .. })) =>
        {
            html! {
                <p class="ob-inv-flag">
                    { "Last month's invoice could not be read (see above), so charges the scan cannot \
                       see are not checked. Compare your invoice in the Control Portal with the lists here." }
                </p>
            }
        }
        None => html! {
            <p>{ "Last month's invoice is not available, so it could not be compared with what the scan found." }</p>
        },
        Some(r) if r.unexplained.is_empty() => html! {
            <p>{ format!("Every line of the invoice{} is explained by what the scan found.", dated(r)) }</p>
        },
        Some(r) => {
            let rows = r.unexplained.iter().map(|line| {
                html! {
                    <tr>
                        <th scope="row">{ &line.description }</th>
                        <td>{ line.data_center.clone().unwrap_or_else(|| "—".into()) }</td>
                        <td class="ob-num">{ Money::from_dollars(line.total).to_string() }</td>
                        <td>{ line.hint.clone().unwrap_or_default() }</td>
                    </tr>
                }
            });
            html! {
                <>
                    <p>{ format!(
                        "{} of the invoice{} {} not explained by any resource the scan found. Check each one.",
                        plural(r.unexplained.len(), "line", "lines"),
                        dated(r),
                        agreeing(r.unexplained.len(), "is", "are"),
                    ) }</p>
                    { table_scroll("Invoice lines not explained by the inventory".into(), html! {
                        <table class="ob-inv-table ob-inv-gaps" data-testid="inventory-gaps">
                            <caption>{ "Invoice lines not explained by the inventory" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Invoice line" }</th>
                                <th scope="col">{ "Data center" }</th>
                                <th scope="col">{ "Amount" }</th>
                                <th scope="col">{ "What to do" }</th>
                            </tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    }) }
                </>
            }
        }
    };
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-gaps-title">
            <h3 id="ob-inv-gaps-title">{ "Charges the scan cannot see" }</h3>
            { body }
        </section>
    }
}
