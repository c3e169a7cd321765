//! The record's parts as long as the account: its table of every deletion, and the lists of
//! its summary that grow with it (one line per failed deletion step, one per resource kept, one
//! per account of a run in sub-accounts).
//! On screen while the record is open each shows 25 lines a page, its heading counting them
//! all; on paper (the record's print button, or the browser's own print) each holds every line.
//! Whether a print is under way is one state for all of them, held once where they are rendered
//! ([`PagedParts`], which hears the browser's own print) and given to each; one hook pages each
//! ([`use_paged`]). Only the live tools hold deletions and kept resources, so only they link
//! these parts, the pager and the print state ([`show_paged`]); the checklist's first load does
//! without.

use std::ops::Range;
use std::sync::OnceLock;

use closure::report::{Report, Summary, SummarySection};
use yew::prelude::*;

use super::deletions::DeletionTable;
use super::plain_section;
use crate::components::common::pager::{use_paging, LIST_PAGE};
use crate::components::common::ByPtr;
use crate::services::dom;

/// How the record's parts render, set by [`show_paged`].
static PAGED: OnceLock<fn(PagedPartsProps) -> Html> = OnceLock::new();

/// Lets the record page its long parts. The live tools call it when they load
/// (`LiveSlot::tools`).
pub fn show_paged() {
    PAGED.get_or_init(|| |props| html! { <PagedParts ..props /> });
}

#[derive(Properties, PartialEq)]
pub(super) struct PagedPartsProps {
    pub summary: ByPtr<Summary>,
    pub report: ByPtr<Report>,
    /// The record's print button is printing: every line.
    pub every: bool,
}

/// The record's summary, section by section, and its table of every deletion: the parts as long
/// as the account a page at a time, or every line while the record is printed (`every`). Without
/// the live tools (never expected to hold such parts: only they find resources and delete them)
/// every line of each section, and a line that says where the deletions are.
pub(super) fn record_parts(props: PagedPartsProps) -> Html {
    match PAGED.get() {
        Some(paged) => paged(props),
        None => parts(
            &props,
            |section, _| plain_section(section),
            || {
                html! {
                    <p>{ "Every deletion is in the downloads (JSON and CSV): the part of the app that lists them here is not loaded." }</p>
                }
            },
        ),
    }
}

/// The sections, each keyed by its heading in a list of its own (so that one that comes or goes,
/// the failed steps when a retry succeeds, leaves the others their state), a listed one as
/// `listed` renders it (with its place in the summary); then, if any, the deletions.
fn parts(
    props: &PagedPartsProps,
    listed: impl Fn(&SummarySection, usize) -> Html,
    deletions: impl FnOnce() -> Html,
) -> Html {
    html! {
        <>
            <>{ for props.summary.0.sections.iter().enumerate().map(|(i, s)| if s.listed {
                listed(s, i)
            } else {
                plain_section(s)
            }) }</>
            if !props.report.deletions.records.is_empty() {
                { deletions() }
            }
        </>
    }
}

/// The record's parts with their one print state: every line while the record's print button
/// prints or while the browser's own print is under way (heard here once for all the parts).
#[component]
fn PagedParts(props: &PagedPartsProps) -> Html {
    let browser_printing = use_browser_printing();
    let every = props.every || browser_printing;
    parts(
        props,
        |section, index| {
            html! {
                <ListedSection key={section.heading.clone()} summary={props.summary.clone()} {index} {every} />
            }
        },
        || html! { <DeletionTable report={props.report.clone()} {every} /> },
    )
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

/// The paging of one of these parts, `total` lines long: the lines to show, and below them the
/// pager named `label`. Every line and no pager when `every` (the record is being printed); else
/// the page the customer is on, 25 lines.
#[hook]
pub(super) fn use_paged(total: usize, every: bool, label: AttrValue) -> (Range<usize>, Html) {
    let paging = use_paging(total, LIST_PAGE);
    if every {
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
    /// Every line (the record is being printed), else one page of them with the page controls.
    every: bool,
}

/// A section of the summary that lists resources: its heading counting them all (in resources
/// and steps when its lines are deletion steps, [`SummarySection::counted_heading`]), a page of
/// them and the page controls, or all of them.
#[component]
fn ListedSection(props: &ListedProps) -> Html {
    let section = props.summary.0.sections.get(props.index);
    let (heading, lines) = section.map_or(("", &[][..]), |s| (&s.heading[..], &s.lines[..]));
    let counted = section.map(SummarySection::counted_heading);
    let (shown, pager) = use_paged(
        lines.len(),
        props.every,
        format!("Pages of “{heading}” in the record").into(),
    );
    let Some(counted) = counted else {
        return html! {};
    };
    html! {
        <section class="ob-report-part">
            <h4>{ counted }</h4>
            <ul>{ for lines[shown].iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
            { pager }
        </section>
    }
}
