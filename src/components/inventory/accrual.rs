//! What still accrues per hour (billed figures and list-price estimates, labelled apart) and the
//! month so far from live billing.

use chrono::Datelike;
use closure::cost::{accrual, live_billing};
use closure::inventory::CostBasis;
use closure::invoice::{local_date, BillingMonth};
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::format::{count, hourly, plural};
use crate::components::common::{table_scroll, ByPtr};
use crate::hooks::use_config;
use crate::services::{clock, locale};

#[derive(Properties, PartialEq)]
pub struct AccrualViewProps {
    pub inventory: ByPtr<Inventory>,
    /// When the billing figures were read: they are for the billing month (UTC) of that moment.
    pub scanned_at: closure::EpochMs,
}

#[component]
pub fn AccrualView(props: &AccrualViewProps) -> Html {
    let figures = use_memo(props.inventory.clone(), |inv| {
        (accrual(&inv.0), live_billing(&inv.0))
    });
    let (accrual, live) = &*figures;
    let config = use_config();
    let month = BillingMonth::at(props.scanned_at);
    let month_name = month.map_or_else(
        || "This month".to_string(),
        |m| locale::month_year(m, config.locale.as_deref()),
    );
    // Where the customer's calendar is already (or still) in another month, say which one.
    let local = local_date(
        props.scanned_at,
        clock::utc_offset_minutes(props.scanned_at),
    );
    let other_month = match (month, local) {
        (Some(m), Some(d)) if !m.contains(d) => {
            let mine = BillingMonth {
                year: d.year(),
                month: d.month(),
            };
            Some(format!(
                "These figures are for {month_name}, the billing month in UTC; where you are it is {} {}.",
                if mine > m { "already" } else { "still" },
                locale::month_year(mine, config.locale.as_deref())
            ))
        }
        _ => None,
    };
    let unknown: usize = accrual.lines.iter().map(|l| l.unknown).sum();
    // With a billing part unread, a zero is not a figure: say it is unknown.
    let live_figure = |m: clc::Money, suffix: &str| match (live.incomplete, m == clc::Money::ZERO) {
        (true, true) => "unknown (billing not read)".to_string(),
        (true, false) => format!("at least {m}{suffix}"),
        (false, _) => format!("{m}{suffix}"),
    };
    let lines = accrual.lines.iter().map(|l| {
        let source = match l.basis {
            CostBasis::Billed => "billed",
            CostBasis::ListPriceEstimate => "list-price estimate",
            _ => "unknown (billing not read)",
        };
        let rate = if l.basis == CostBasis::Unknown {
            "unknown".to_string()
        } else {
            hourly(l.hourly)
        };
        html! {
            <tr>
                <th scope="row">{ l.kind.label() }</th>
                <td class="ob-num">{ count(l.count) }</td>
                <td class="ob-num">{ rate }</td>
                <td>{ source }</td>
            </tr>
        }
    });
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-accrual-title" data-testid="inventory-accrual">
            <h3 id="ob-inv-accrual-title">{ "Still accruing" }</h3>
            <p class="ob-inv-headline">
                <strong>{ hourly(accrual.total_hourly()) }</strong>
                { " accrues while these resources exist" }
                if unknown > 0 {
                    { format!(", plus {} whose rate is unknown", plural(unknown, "resource", "resources")) }
                }
                { "." }
            </p>
            <dl class="ob-inv-figures">
                <dt>{ "Billed (the platform's own figures)" }</dt>
                <dd>{ hourly(accrual.billed_hourly) }</dd>
                <dt>{ "Estimated from list prices" }</dt>
                <dd>{ format!("{} estimate", hourly(accrual.estimated_hourly)) }</dd>
                <dt data-testid="month-to-date-label">{ format!("{month_name} so far (live billing)") }</dt>
                <dd>{ live_figure(live.month_to_date(), "") }</dd>
                <dt>{ format!("{month_name} in total (live billing)") }</dt>
                <dd>{ live_figure(live.monthly_estimate(), " estimate") }</dd>
            </dl>
            if let Some(note) = other_month {
                <p class="ob-inv-flag" data-testid="month-to-date-differs">{ note }</p>
            }
            if live.incomplete {
                <p class="ob-inv-flag">
                    { "Some server billing could not be read, so the live billing figures are partial." }
                </p>
            }
            if !accrual.lines.is_empty() {
                { table_scroll("What accrues, by kind and source".into(), html! {
                    <table class="ob-inv-table">
                        <caption>{ "What accrues, by kind and source" }</caption>
                        <thead><tr>
                            <th scope="col">{ "Kind" }</th>
                            <th scope="col">{ "Count" }</th>
                            <th scope="col">{ "Per hour" }</th>
                            <th scope="col">{ "Source" }</th>
                        </tr></thead>
                        <tbody>{ for lines }</tbody>
                    </table>
                }) }
            }
        </section>
    }
}
