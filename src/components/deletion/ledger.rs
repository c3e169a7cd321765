//! The end of a run, as a re-read of the account found it: what was removed (and saves), what
//! failed (with the reason), and what remains (billing or not). Focus lands on the heading.

use closure::counts::RunCounts;
use closure::execute::LedgerLine;
use closure::Ledger;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::resource_name::resource_name;
use crate::components::common::format::{hourly, plural};
use crate::components::common::{ByPtr, TableScroll};

#[derive(Properties, PartialEq)]
pub struct LedgerViewProps {
    pub ledger: ByPtr<Ledger>,
    /// The customer stopped the run before the end.
    pub stopped: bool,
}

/// One table of ledger lines; `resources` is their count from [`RunCounts`] (rows are steps,
/// and a group's row stands for everything in it).
/// `accounts`: show each line's alias (the run covered sub-accounts too).
fn table(
    title: &str,
    lines: &[&LedgerLine],
    resources: usize,
    testid: &'static str,
    accounts: bool,
) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    let rows = lines.iter().map(|l| {
        html! {
            <tr class={classes!(l.bills.then_some("ob-del-still-bills"))}>
                <th scope="row" class="ob-inv-name">{ resource_name(&l.label, &l.resource) }</th>
                if accounts {
                    <td data-testid="ledger-account">{ l.account.clone() }</td>
                }
                <td>{ l.resource.kind.label() }</td>
                <td>{ l.data_center.clone().unwrap_or_else(|| "—".into()) }</td>
                <td>{ l.reason.clone().unwrap_or_default() }</td>
                <td class="ob-num">{ l.hourly.map_or_else(|| "unknown".into(), hourly) }</td>
                <td>{ if l.bills { "yes" } else { "no" } }</td>
            </tr>
        }
    });
    html! {
        <TableScroll label={title.to_string()}>
            <table class="ob-inv-table" data-testid={testid}>
                <caption>{ caption(title, lines.len(), resources) }</caption>
                <thead><tr>
                    <th scope="col">{ "Name" }</th>
                    if accounts {
                        <th scope="col">{ "Account" }</th>
                    }
                    <th scope="col">{ "Kind" }</th>
                    <th scope="col">{ "Data center" }</th>
                    <th scope="col">{ "Why" }</th>
                    <th scope="col" class="ob-num">{ "Per hour" }</th>
                    <th scope="col">{ "Bills" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </TableScroll>
    }
}

fn caption(title: &str, rows: usize, resources: usize) -> String {
    let what = plural(resources, "resource", "resources");
    if rows == resources {
        format!("{title}: {what}")
    } else {
        format!("{title}: {what}, in {}", plural(rows, "step", "steps"))
    }
}

#[component]
pub fn LedgerView(props: &LedgerViewProps) -> Html {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(el) = heading.cast::<HtmlElement>() {
                let _ = el.focus();
            }
        });
    }
    let l = &props.ledger.0;
    let counts = RunCounts::of_ledger(l);
    let (not_deleted, kept): (Vec<&LedgerLine>, Vec<&LedgerLine>) =
        l.remaining.iter().partition(|line| line.step.is_some());
    let mut aliases: Vec<&str> = l
        .removed
        .iter()
        .chain(&l.failed)
        .chain(&l.remaining)
        .map(|line| line.account.as_str())
        .filter(|a| !a.is_empty())
        .collect();
    aliases.sort_unstable();
    aliases.dedup();
    let accounts = aliases.len() > 1;
    let verdict = if l.nothing_billing_left() {
        "Nothing that bills is left, as far as the re-read can tell.".to_string()
    } else {
        format!(
            "Still billing: about {} (known part). See what failed or remains below.",
            hourly(l.still_billing_hourly())
        )
    };
    html! {
        <section class="ob-del-ledger" aria-labelledby="ob-del-ledger-title" data-testid="deletion-ledger">
            <h4 id="ob-del-ledger-title" tabindex="-1" ref={heading}>
                { if props.stopped { "The run was stopped: what it did" } else { "What the run did" } }
            </h4>
            if accounts {
                <p data-testid="ledger-accounts">{ format!("Accounts in this run: {}.", aliases.join(", ")) }</p>
            }
            <p class={classes!("ob-callout", (!l.nothing_billing_left()).then_some("ob-callout-strong"))} role="status">{ verdict }</p>
            <dl class="ob-del-figures">
                <dt>{ "Resources removed" }</dt><dd data-testid="ledger-removed">{ counts.removed }</dd>
                <dt>{ "Failed" }</dt><dd data-testid="ledger-failed">{ counts.failed }</dd>
                <dt>{ "Not deleted" }</dt><dd data-testid="ledger-remaining">{ counts.remaining }</dd>
                <dt>{ "Kept, with the reason" }</dt><dd data-testid="ledger-kept">{ counts.kept }</dd>
                <dt>{ "Saved" }</dt><dd>{ hourly(l.saved_hourly()) }</dd>
            </dl>
            { table("Failed", &l.failed.iter().collect::<Vec<_>>(), counts.failed, "ledger-failed-table", accounts) }
            { table("Not deleted", &not_deleted, counts.remaining, "ledger-remaining-table", accounts) }
            { table("Kept, with the reason", &kept, counts.kept, "ledger-kept-table", accounts) }
            { table("Removed", &l.removed.iter().collect::<Vec<_>>(), counts.removed, "ledger-removed-table", accounts) }
        </section>
    }
}
