//! The record's parts as long as the account: its table of every deletion, and the lists of
//! its summary that grow with it (one line per failed deletion step, one per resource kept, one
//! per account of a run in sub-accounts).
//! On screen while the record is open each shows 25 lines a page, its heading counting them
//! all; on paper (the record's print button, or the browser's own print) each holds every line.
//! Whether a print is under way is one state for all of them, provided once around them
//! ([`paged_parts`], [`PrintState`]), and one hook pages each ([`use_paged`]). Only the live
//! tools hold deletions and kept resources, so only they link these parts and the pager
//! ([`show_paged`]); the checklist's first load does without.

use std::ops::Range;
use std::sync::OnceLock;

use closure::report::{Report, Summary};
use yew::prelude::*;

use super::deletions::DeletionTable;
use super::plain_section;
use crate::components::common::format::count;
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::ByPtr;
use crate::services::dom;

/// How the paged parts render, set by [`show_paged`]: `parts` wraps them all in the print state
/// (`every`: the record's print button is printing).
struct Paged {
    parts: fn(bool, Html) -> Html,
    deletions: fn(ByPtr<Report>) -> Html,
    listed: fn(ByPtr<Summary>, usize) -> Html,
}

static PAGED: OnceLock<Paged> = OnceLock::new();

/// Lets the record page its long parts. The live tools call it when they load
/// (`LiveSlot::tools`).
pub fn show_paged() {
    PAGED.get_or_init(|| Paged {
        parts: |every, children| html! { <PrintState {every}>{ children }</PrintState> },
        deletions: |report| html! { <DeletionTable {report} /> },
        listed: |summary, index| {
            let key = summary
                .0
                .sections
                .get(index)
                .map(|s| s.heading.clone())
                .unwrap_or_default();
            html! { <ListedSection {key} {summary} {index} /> }
        },
    });
}

/// The record's parts, `parts`, in the one print state the paged ones read: every line while
/// `every` (the record's print button) or while the browser prints. Without the live tools
/// (never expected to hold a paged part) the parts alone.
pub(super) fn paged_parts(every: bool, parts: Html) -> Html {
    match PAGED.get() {
        Some(paged) => (paged.parts)(every, parts),
        None => parts,
    }
}

/// The table of every deletion, or (never expected: only the live tools hold deletions, and they
/// link it) a line that says where the deletions are.
pub(super) fn deletion_table(report: ByPtr<Report>) -> Html {
    match PAGED.get() {
        Some(paged) => (paged.deletions)(report),
        None => html! {
            <p>{ "Every deletion is in the downloads (JSON and CSV): the part of the app that lists them here is not loaded." }</p>
        },
    }
}

/// The summary's section `index`, a list of resources: a page of it, or every line. Without
/// the live tools (never expected: only they find resources to list) every line.
pub(super) fn listed_section(summary: ByPtr<Summary>, index: usize) -> Html {
    match PAGED.get() {
        Some(paged) => (paged.listed)(summary, index),
        None => summary
            .0
            .sections
            .get(index)
            .map(plain_section)
            .unwrap_or_default(),
    }
}

/// Whether the browser's own print (its menu, Ctrl+P) is under way: Yew renders every line in the
/// microtask after `beforeprint`, before the browser lays the page out for paper.
#[hook]
fn use_browser_printing() -> bool {
    let printing = use_state_eq(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let set = |to: bool| {
                let printing = printing.clone();
                move || printing.set(to)
            };
            let listeners = (
                dom::on_window_event("beforeprint", set(true)),
                dom::on_window_event("afterprint", set(false)),
            );
            move || drop(listeners)
        });
    }
    *printing
}

/// Whether the record is being printed (its print button, or the browser's own print): what
/// [`PrintState`] provides to every paged part.
#[derive(Clone, Copy, PartialEq)]
struct Printing(bool);

#[derive(Properties, PartialEq)]
struct PrintStateProps {
    /// The record's print button is printing.
    every: bool,
    children: Html,
}

/// The one print state of the record's paged parts, its `children`: the browser's own print is
/// heard here once for all of them, with the record's print button (`every`).
#[component]
fn PrintState(props: &PrintStateProps) -> Html {
    let browser_printing = use_browser_printing();
    let printing = Printing(props.every || browser_printing);
    html! {
        <ContextProvider<Printing> context={printing}>
            { props.children.clone() }
        </ContextProvider<Printing>>
    }
}

/// The paging of one of these parts, `total` lines long: the lines to show, and below them the
/// pager named `label`. Every line and no pager while the record is printed ([`PrintState`]);
/// else the page the customer is on, 25 lines.
#[hook]
pub(super) fn use_paged(total: usize, label: AttrValue) -> (Range<usize>, Html) {
    let paging = use_paging(total, LIST_PAGE);
    let printing = use_context::<Printing>().is_some_and(|p| p.0);
    if printing {
        return (0..total, Html::default());
    }
    (
        paging.window.start..paging.window.end,
        paging.controls(label),
    )
}

#[derive(Properties, PartialEq)]
struct ListedProps {
    summary: ByPtr<Summary>,
    /// The section's place in the summary.
    index: usize,
}

/// A section of the summary that lists resources: its heading counting them all, a page of
/// them and the page controls, or all of them.
#[component]
fn ListedSection(props: &ListedProps) -> Html {
    let section = props.summary.0.sections.get(props.index);
    let (heading, lines) = section.map_or(("", &[][..]), |s| (&s.heading[..], &s.lines[..]));
    let (shown, pager) = use_paged(
        lines.len(),
        format!("Pages of “{heading}” in the record").into(),
    );
    if section.is_none() {
        return html! {};
    }
    html! {
        <section class="ob-report-part">
            <h4>{ format!("{heading} ({})", count(lines.len())) }</h4>
            <ul>{ for lines[shown].iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
            { pager }
        </section>
    }
}
