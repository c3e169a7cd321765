//! The end of a run, as a re-read of the account found it: what was removed (and saves), what
//! failed (with the reason), and what remains (billing or not). Focus lands on the heading.
//! Each table shows 25 lines a page (a 10,000-server run keeps a page of each in the document,
//! not a row per line); its caption counts all of its lines.

use closure::counts::{RunCounts, NAMED_UP_TO};
use closure::execute::LedgerLine;
use closure::Ledger;
use web_sys::HtmlElement;
use yew::prelude::*;

use super::resource_name::resource_name;
use crate::components::common::format::{agreeing, count, hourly, in_steps, named, plural};
use crate::components::common::pager::{use_paging, Paging, LIST_PAGE};
use crate::components::common::{table_scroll, ByPtr};

#[derive(Properties, PartialEq)]
pub struct LedgerViewProps {
    pub ledger: ByPtr<Ledger>,
    /// The run's own (parent) alias: a line whose account is empty is in it.
    pub account: AttrValue,
    /// The customer stopped the run before the end.
    pub stopped: bool,
}

/// One table of ledger lines, the page `paging` shows of them with its page controls (named
/// `pages`); `resources` is their count from [`RunCounts`] (rows are steps, and a group's row
/// stands for everything in it). `accounts`: show each line's alias (the run covered
/// sub-accounts too).
fn table(
    title: &str,
    lines: &[&LedgerLine],
    resources: usize,
    testid: &'static str,
    accounts: bool,
    paging: &Paging,
    pages: &'static str,
) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    let rows = lines[paging.window.start..paging.window.end].iter().map(|l| {
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
    let table = table_scroll(
        title.to_string().into(),
        html! {
            <table class="ob-inv-table" data-testid={testid}>
                <caption>{ in_steps(title, lines.len(), resources) }</caption>
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
        },
    );
    html! {
        <>
            { table }
            { paging.controls(pages.into()) }
        </>
    }
}

/// The accounts a run's lines are in: the run's own (parent) alias, and its sub-accounts.
#[derive(Debug, PartialEq)]
struct RunAccounts<'a> {
    /// A line is in the parent (naming it, or no account, as older ledgers' lines do).
    parent: bool,
    /// The other aliases the lines name, sorted, each once.
    subs: Vec<&'a str>,
}

impl RunAccounts<'_> {
    /// Each line shows its account when any is outside the parent (a run all in one
    /// sub-account shows it too).
    fn shown(&self) -> bool {
        !self.subs.is_empty()
    }
}

fn run_accounts<'a>(ledger: &'a Ledger, parent: &str) -> RunAccounts<'a> {
    let mut out = RunAccounts {
        parent: false,
        subs: Vec::new(),
    };
    for line in ledger
        .removed
        .iter()
        .chain(&ledger.failed)
        .chain(&ledger.remaining)
    {
        let alias = line.account.as_str();
        if alias.is_empty() || alias.eq_ignore_ascii_case(parent) {
            out.parent = true;
        } else {
            out.subs.push(alias);
        }
    }
    closure::sorting::sort(&mut out.subs);
    out.subs.dedup();
    out
}

/// "Accounts in this run: the parent DEMO and the sub-account DEMS.": the `parent` set apart
/// from its sub-accounts, as the identity bar and the confirmation set it, and past a handful of
/// sub-accounts (as those, the summary and the record count them) their count: each line of the
/// tables below names its account.
fn accounts_sentence(accounts: &RunAccounts, parent: &str) -> String {
    let n = accounts.subs.len();
    let subs = match named(&accounts.subs) {
        Some(names) => format!("the {} {names}", agreeing(n, "sub-account", "sub-accounts")),
        None => plural(n, "sub-account", "sub-accounts"),
    };
    let which = if accounts.parent {
        format!("the parent {parent} and {subs}")
    } else {
        subs
    };
    if n <= NAMED_UP_TO {
        format!("Accounts in this run: {which}.")
    } else {
        format!("Accounts in this run: {which}, each line below with its account.")
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
    // The page each table shows: failed, not deleted, kept, removed.
    let pages = [
        use_paging(l.failed.len(), LIST_PAGE),
        use_paging(not_deleted.len(), LIST_PAGE),
        use_paging(kept.len(), LIST_PAGE),
        use_paging(l.removed.len(), LIST_PAGE),
    ];
    let in_accounts = run_accounts(l, &props.account);
    let accounts = in_accounts.shown();
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
                <p data-testid="ledger-accounts">{ accounts_sentence(&in_accounts, &props.account) }</p>
            }
            <p class={classes!("ob-callout", (!l.nothing_billing_left()).then_some("ob-callout-strong"))} role="status">{ verdict }</p>
            <dl class="ob-del-figures">
                <dt>{ "Resources removed" }</dt><dd data-testid="ledger-removed">{ count(counts.removed) }</dd>
                <dt>{ "Failed" }</dt><dd data-testid="ledger-failed">{ count(counts.failed) }</dd>
                <dt>{ "Not deleted" }</dt><dd data-testid="ledger-remaining">{ count(counts.remaining) }</dd>
                <dt>{ "Kept, with the reason" }</dt><dd data-testid="ledger-kept">{ count(counts.kept) }</dd>
                <dt>{ "Saved" }</dt><dd>{ hourly(l.saved_hourly()) }</dd>
            </dl>
            { table("Failed", &l.failed.iter().collect::<Vec<_>>(), counts.failed, "ledger-failed-table", accounts,
                &pages[0], "Pages of what failed") }
            { table("Not deleted", &not_deleted, counts.remaining, "ledger-remaining-table", accounts,
                &pages[1], "Pages of what was not deleted") }
            { table("Kept, with the reason", &kept, counts.kept, "ledger-kept-table", accounts,
                &pages[2], "Pages of what was kept") }
            { table("Removed", &l.removed.iter().collect::<Vec<_>>(), counts.removed, "ledger-removed-table", accounts,
                &pages[3], "Pages of what was removed") }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use closure::{ResourceId, ResourceKind};

    use super::*;

    fn line(account: &str) -> LedgerLine {
        LedgerLine {
            step: None,
            resource: ResourceId::new(ResourceKind::Server, "va1web01"),
            label: "VA1WEB01".into(),
            data_center: Some("VA1".into()),
            reason: None,
            hourly: None,
            bills: false,
            operation_id: None,
            sent_at_ms: None,
            finished_at_ms: None,
            resources: 1,
            account: account.into(),
        }
    }

    fn ledger(accounts: &[&str]) -> Ledger {
        Ledger {
            removed: accounts.iter().map(|a| line(a)).collect(),
            ..Ledger::default()
        }
    }

    fn accounts<'a>(parent: bool, subs: &[&'a str]) -> RunAccounts<'a> {
        RunAccounts {
            parent,
            subs: subs.to_vec(),
        }
    }

    #[test]
    fn the_account_column_shows_whenever_a_line_is_outside_the_parent() {
        // All in one sub-account under the parent DEMO: shown.
        let one_sub = ledger(&["DEMS", "DEMS"]);
        let one_sub = run_accounts(&one_sub, "DEMO");
        assert_eq!(one_sub, accounts(false, &["DEMS"]));
        assert!(one_sub.shown());
        // Several aliases: shown, the parent apart (the sub-accounts sorted).
        let several = ledger(&["DEMT", "DEMO", "DEMS"]);
        let several = run_accounts(&several, "DEMO");
        assert_eq!(several, accounts(true, &["DEMS", "DEMT"]));
        assert!(several.shown());
        // All in the parent, named or not (older ledgers): not shown.
        assert!(!run_accounts(&ledger(&["DEMO", ""]), "DEMO").shown());
        assert!(!run_accounts(&ledger(&["demo"]), "DEMO").shown());
        assert_eq!(run_accounts(&ledger(&[""]), "DEMO"), accounts(true, &[]));
    }

    /// The parent is set apart from its sub-accounts, as the identity bar and the confirmation
    /// set it (the sentence once sorted it among them: "AAA1, ZED" for the parent ZED). A
    /// handful of sub-accounts are named; sixty are counted (each line of the tables names its
    /// own), as the confirmation, the identity bar, the summary and the record count them.
    #[test]
    fn the_accounts_of_a_run_set_the_parent_apart_and_name_a_handful() {
        assert_eq!(
            accounts_sentence(&accounts(true, &["DEMS"]), "DEMO"),
            "Accounts in this run: the parent DEMO and the sub-account DEMS."
        );
        assert_eq!(
            accounts_sentence(&run_accounts(&ledger(&["ZED", "AAA1"]), "ZED"), "ZED"),
            "Accounts in this run: the parent ZED and the sub-account AAA1.",
            "the parent sorted among its sub-accounts"
        );
        let five = ["S001", "S002", "S003", "S004", "S005"];
        assert_eq!(
            accounts_sentence(&accounts(true, &five), "DEMO"),
            "Accounts in this run: the parent DEMO and the sub-accounts S001, S002, S003, S004, \
             S005."
        );
        assert_eq!(
            accounts_sentence(&accounts(false, &["DEMS"]), "DEMO"),
            "Accounts in this run: the sub-account DEMS."
        );
        let many: Vec<String> = (0..61).map(|i| format!("S{i:03}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            accounts_sentence(&accounts(true, &many), "DEMO"),
            "Accounts in this run: the parent DEMO and 61 sub-accounts, each line below with its \
             account."
        );
        assert_eq!(
            accounts_sentence(&accounts(false, &many[..6]), "DEMO"),
            "Accounts in this run: 6 sub-accounts, each line below with its account."
        );
    }
}
