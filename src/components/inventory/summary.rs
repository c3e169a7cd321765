//! Counts and cost per kind and per data center: month to date, monthly estimate and hourly.
//! Figures the API does not report say so, and unknown costs read "unknown", never `$0.00`.
//! The table by account (one row per alias: an enterprise parent may have hundreds of
//! sub-accounts) shows 25 rows a page.

use clc::Money;
use closure::cost::{by_account, by_data_center, by_kind, Totals};
use closure::Inventory;
use yew::prelude::*;

use crate::components::common::format::{count, hourly_with_unknown, named};
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::{table_scroll, ByPtr};

/// One summary row: its label, totals, and whether any resource in it reports each money figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub label: String,
    pub totals: Totals,
    pub reports_month_to_date: bool,
    pub reports_estimate: bool,
}

pub fn kind_lines(inventory: &Inventory) -> Vec<Line> {
    by_kind(inventory)
        .into_iter()
        .map(|s| {
            let rs = || inventory.of_kind(s.kind);
            Line {
                label: s.kind.label().to_string(),
                reports_month_to_date: rs().any(|r| r.cost.month_to_date.is_some()),
                reports_estimate: rs().any(|r| r.cost.monthly_estimate.is_some()),
                totals: s.totals,
            }
        })
        .collect()
}

/// One line per alias (the parent first), when sub-accounts were read with the parent.
pub fn account_lines(inventory: &Inventory) -> Vec<Line> {
    if !inventory.has_sub_accounts() {
        return Vec::new();
    }
    by_account(inventory)
        .into_iter()
        .map(|s| {
            let alias = s.account.as_str();
            let rs = || {
                inventory
                    .resources
                    .iter()
                    .filter(move |r| inventory.alias_of(r) == alias)
            };
            let (reports_month_to_date, reports_estimate) = (
                rs().any(|r| r.cost.month_to_date.is_some()),
                rs().any(|r| r.cost.monthly_estimate.is_some()),
            );
            Line {
                label: if s.parent {
                    format!("{} (parent)", s.account)
                } else {
                    format!("{} (sub-account)", s.account)
                },
                reports_month_to_date,
                reports_estimate,
                totals: s.totals,
            }
        })
        .collect()
}

pub fn data_center_lines(inventory: &Inventory) -> Vec<Line> {
    // The data centers (`None`: account-wide) where some resource reports each figure, seen
    // without copying each resource's data center.
    let reported = |pick: fn(&closure::Resource) -> bool| -> Vec<Option<&str>> {
        closure::sorting::distinct_sorted(
            inventory
                .resources
                .iter()
                .filter(|r| pick(r))
                .map(|r| r.data_center.as_deref()),
        )
    };
    let mtd = reported(|r| r.cost.month_to_date.is_some());
    let estimate = reported(|r| r.cost.monthly_estimate.is_some());
    by_data_center(inventory)
        .into_iter()
        .map(|s| Line {
            reports_month_to_date: mtd.contains(&s.data_center.as_deref()),
            reports_estimate: estimate.contains(&s.data_center.as_deref()),
            label: s.data_center.unwrap_or_else(|| "Account-wide".into()),
            totals: s.totals,
        })
        .collect()
}

/// The hourly cell: `$1.234/h`, `unknown`, or `$1.234/h + 3 unknown`, with estimates labelled.
pub fn hourly_cell(t: &Totals) -> String {
    if t.count == 0 || t.unknown_cost == t.count {
        return "unknown".into();
    }
    let mut text = hourly_with_unknown(t.hourly, t.unknown_cost);
    if t.includes_estimates {
        text.push_str(" (includes estimate)");
    }
    text
}

fn money_cell(sum: Money, reported: bool, t: &Totals, estimate: bool) -> String {
    match (reported, t.unknown_cost > 0 || t.count == 0) {
        (false, true) => "unknown".into(),
        (false, false) => "not reported".into(),
        (true, true) => format!("{sum} + unknown"),
        (true, false) if estimate && t.includes_estimates => format!("{sum} estimate"),
        (true, false) => sum.to_string(),
    }
}

#[derive(Properties, PartialEq)]
pub struct CostSummaryProps {
    pub inventory: ByPtr<Inventory>,
}

#[component]
pub fn CostSummary(props: &CostSummaryProps) -> Html {
    let lines = use_memo(props.inventory.clone(), |inv| {
        (
            kind_lines(&inv.0),
            data_center_lines(&inv.0),
            account_lines(&inv.0),
        )
    });
    let aliases = props.inventory.aliases();
    let accounts = use_paging(lines.2.len(), LIST_PAGE);
    let shown = accounts.window.start..accounts.window.end;
    html! {
        <section class="ob-inv-section" aria-labelledby="ob-inv-summary-title">
            <h3 id="ob-inv-summary-title">{ "What the account has, and what it costs" }</h3>
            { table("By kind", "Kind", &lines.0, "ob-inv-summary-kind") }
            { table("By data center", "Data center", &lines.1, "ob-inv-summary-dc") }
            if !lines.2.is_empty() {
                <p data-testid="inventory-accounts">
                    { match named(&aliases[1..]) {
                        Some(subs) => format!(
                            "These figures add up the parent {} and its sub-accounts {subs}, \
                             which are billed to it. Each account's share:",
                            aliases[0],
                        ),
                        // Thousands would make one endless sentence: the table's pages name each.
                        None => format!(
                            "These figures add up the parent {} and its {} sub-accounts, which \
                             are billed to it. Each account's share, every account named in the \
                             pages of the table:",
                            aliases[0],
                            count(aliases.len() - 1),
                        ),
                    } }
                </p>
                { table("By account", "Account", &lines.2[shown], "ob-inv-summary-account") }
                { accounts.controls("Pages of the figures by account".into()) }
            }
        </section>
    }
}

fn table(caption: &str, first: &str, lines: &[Line], testid: &str) -> Html {
    let rows = lines.iter().map(|l| {
        let t = &l.totals;
        html! {
            <tr class={classes!(t.incomplete.then_some("ob-inv-incomplete"))}>
                <th scope="row">{ &l.label }</th>
                <td class="ob-num">
                    { count(t.count) }
                    if t.incomplete {
                        <span class="ob-inv-flag">{ " may be incomplete" }</span>
                    }
                </td>
                <td class="ob-num">{ money_cell(t.month_to_date, l.reports_month_to_date, t, false) }</td>
                <td class="ob-num">{ money_cell(t.monthly_estimate, l.reports_estimate, t, true) }</td>
                <td class="ob-num">{ hourly_cell(t) }</td>
            </tr>
        }
    });
    table_scroll(
        caption.to_string().into(),
        html! {
            <table class="ob-inv-table" data-testid={testid.to_string()}>
                <caption>{ caption }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ first }</th>
                        <th scope="col" class="ob-num">{ "Count" }</th>
                        <th scope="col" class="ob-num">{ "Month to date" }</th>
                        <th scope="col" class="ob-num">{ "Monthly estimate" }</th>
                        <th scope="col" class="ob-num">{ "Per hour" }</th>
                    </tr>
                </thead>
                <tbody>{ for rows }</tbody>
            </table>
        },
    )
}
