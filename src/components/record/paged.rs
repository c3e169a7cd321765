//! The record's parts as long as the account: its table of every deletion, and the lists of
//! its summary that hold one line per resource (every failed deletion, every resource kept).
//! On screen while the record is open each shows 25 lines a page, its heading counting them
//! all; on paper (`every`) each holds every line. Only the live tools hold deletions and kept
//! resources, so only they link these parts and the pager ([`show_paged`]); the checklist's first
//! load does without.

use std::sync::OnceLock;

use closure::report::{Report, Summary};
use yew::prelude::*;

use super::deletions::DeletionTable;
use super::plain_section;
use crate::components::common::format::count;
use crate::components::common::pager::{pager_showing, Window, LIST_PAGE};
use crate::components::common::ByPtr;

/// How the paged parts render, set by [`show_paged`]. `every`: all the lines (for paper).
struct Paged {
    deletions: fn(ByPtr<Report>, bool) -> Html,
    listed: fn(ByPtr<Summary>, usize, bool) -> Html,
}

static PAGED: OnceLock<Paged> = OnceLock::new();

/// Lets the record page its long parts. The live tools call it when they load
/// (`LiveSlot::tools`).
pub fn show_paged() {
    PAGED.get_or_init(|| Paged {
        deletions: |report, every| html! { <DeletionTable {report} {every} /> },
        listed: |summary, index, every| {
            let key = summary
                .0
                .sections
                .get(index)
                .map(|s| s.heading.clone())
                .unwrap_or_default();
            html! { <ListedSection {key} {summary} {index} {every} /> }
        },
    });
}

/// The table of every deletion, or (never expected: only the live tools hold deletions, and they
/// link it) a line that says where the deletions are.
pub(super) fn deletion_table(report: ByPtr<Report>, every: bool) -> Html {
    match PAGED.get() {
        Some(paged) => (paged.deletions)(report, every),
        None => html! {
            <p>{ "Every deletion is in the downloads (JSON and CSV): the part of the app that lists them here is not loaded." }</p>
        },
    }
}

/// The summary's section `index`, a list of resources: a page of it, or every line. Without
/// the live tools (never expected: only they find resources to list) every line.
pub(super) fn listed_section(summary: ByPtr<Summary>, index: usize, every: bool) -> Html {
    match PAGED.get() {
        Some(paged) => (paged.listed)(summary, index, every),
        None => summary
            .0
            .sections
            .get(index)
            .map(plain_section)
            .unwrap_or_default(),
    }
}

#[derive(Properties, PartialEq)]
struct ListedProps {
    summary: ByPtr<Summary>,
    /// The section's place in the summary.
    index: usize,
    /// Every line (for paper), else one page of them with the page controls.
    every: bool,
}

/// A section of the summary that lists resources: its heading counting them all, a page of
/// them and the page controls, or all of them.
#[component]
fn ListedSection(props: &ListedProps) -> Html {
    let page = use_state_eq(|| 0_usize);
    let Some(section) = props.summary.0.sections.get(props.index) else {
        return html! {};
    };
    let lines = &section.lines;
    let window = Window::new(lines.len(), *page, LIST_PAGE);
    let shown = if props.every {
        &lines[..]
    } else {
        &lines[window.start..window.end]
    };
    let on_page = Callback::from(move |p| page.set(p));
    html! {
        <section class="ob-report-part">
            <h4>{ format!("{} ({})", section.heading, count(lines.len())) }</h4>
            <ul>{ for shown.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
            if !props.every {
                { pager_showing(window, format!("{}: pages", section.heading).into(), on_page) }
            }
        </section>
    }
}
