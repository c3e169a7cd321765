//! The closure record: everything that happened, to keep. A summary on the page (printable on
//! its own), downloads as JSON and CSV, and a calendar file with the two reminders.
//!
//! Its parts as long as the account (the table of every deletion, the lists of failed
//! deletions and of resources kept) show 25 lines a page while the record is open, and none
//! while it is closed: a 10,000-server deletion keeps a page of lines in the document, not one
//! per resource. On paper every line is there: "Print the record" renders them all before it
//! opens the print dialog, until the print is over (see [`print::record`]), and the browser's own
//! print of the open record renders them all between `beforeprint` and `afterprint`: one print
//! state for all the paged parts, held where they are rendered (`paged::PagedParts`). Only the
//! live tools hold such lists, so only they link the paged parts ([`show_paged`]).

use std::cell::LazyCell;
use std::rc::Rc;

use closure::ics::{calendar, CalendarInput};
use closure::manual_marks::ManualMarks;
use closure::marks::DataMarks;
use closure::report::{
    build, data_mark_lines, deletions_from_ledger, Report, ReportInput, SummarySection,
};
use closure::{Inventory, Ledger};
use yew::prelude::*;

use crate::components::common::{callout, ByPtr, Tone};
use crate::hooks::{use_checklist, use_live};
use crate::live_state::LiveSummary;
use crate::services::{clock, download, marks, print};

mod deletions;
mod paged;

pub use paged::show_paged;
use paged::{record_parts, PagedPartsProps};

#[component]
pub fn Record() -> Html {
    let state = use_checklist();
    let live = use_live();
    let open = use_state(|| false);
    let error = use_state(|| None::<String>);
    // "Print the record" was pressed (the number of the press) and its print is not over: every
    // line of the record is on the page. The effect after that render opens the print dialog;
    // when the print is over (`print::record`), one page of each list again, or none if the
    // record is closed. A new press is a new print, even before the last one is known to be over.
    let presses = use_mut_ref(|| 0_u32);
    let printing = use_state(|| None::<u32>);
    {
        let printing = printing.clone();
        use_effect_with(*printing, move |press| {
            let print = press.map(|_| print::record(move || printing.set(None)));
            move || drop(print)
        });
    }
    let now = clock::now_ms();
    // Made again only when what it records changed (or a minute later, for its time): the
    // record re-renders with every change of the live summary. Built only once it is needed
    // (shown, printed or downloaded), from what it recorded then: a closed record costs a
    // 10,000-server scan nothing at its end, when the inventory is being put on screen.
    let report = {
        let (saved, live) = (state.saved.clone(), (*live).clone());
        use_memo(RecordKey::of(&saved, &live, now), move |_| {
            // The marks as stored and the customer's zone as the clock says it now, as when the
            // report was built at once.
            let recorded = Recorded::of(&saved, &live, now);
            let make: Box<dyn FnOnce() -> Rc<Report>> =
                Box::new(move || Rc::new(build(&report_input(&saved, &live, recorded, now))));
            LazyCell::new(make)
        })
    };
    let alias = report_alias(&state.saved, &live);
    let stem = format!(
        "offboard-closure-{}-{}",
        if alias.is_empty() {
            "account".to_string()
        } else {
            safe(&alias)
        },
        chrono::DateTime::from_timestamp_millis(now)
            .map(|d| closure::date_text::compact_date(&d))
            .unwrap_or_default()
    );
    // Files are serialised when asked for, not on every render (a large inventory makes them big).
    // A file that cannot be written says why in the callout, as a failed download does.
    type Text = Rc<dyn Fn() -> Result<String, String>>;
    let save = |name: String, mime: &'static str, text: Text| {
        let error = error.clone();
        Callback::from(move |_| {
            match text()
                .and_then(|t| download::save_text(&name, mime, &t).map_err(|e| e.to_string()))
            {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    let json = {
        let report = report.clone();
        save(
            format!("{stem}.json"),
            "application/json",
            Rc::new(move || {
                LazyCell::force(&*report)
                    .to_json()
                    .map_err(|e| e.to_string())
            }),
        )
    };
    let csv = {
        let report = report.clone();
        save(
            format!("{stem}.csv"),
            "text/csv;charset=utf-8",
            Rc::new(move || Ok(LazyCell::force(&*report).to_csv())),
        )
    };
    let ics = state.saved.checklist.requested_at.and_then(|at| {
        calendar(&CalendarInput {
            alias: &alias,
            requested_at: at,
            utc_offset_minutes: clock::utc_offset_minutes(at),
            generated_at: now,
        })
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let print = {
        let printing = printing.clone();
        Callback::from(move |_| {
            let press = {
                let mut presses = presses.borrow_mut();
                *presses += 1;
                *presses
            };
            printing.set(Some(press));
        })
    };
    let every = printing.is_some();
    // Closed, the record is hidden: its lines and rows would only weigh on the page, unless they
    // are about to be printed.
    let shown = (*open || printing.is_some()).then(|| LazyCell::force(&*report).clone());
    let summary = shown.as_ref().map(|report| ByPtr::new(report.summary()));
    html! {
        <section class="ob-record-section" id="ob-record" aria-labelledby="ob-record-title">
            <h2 id="ob-record-title">{ "Your closure record" }</h2>
            <p>
                { "Keep a record of what was found, what was deleted and when, what was kept and why, \
                   and when you asked for the closure. It never contains your token." }
            </p>
            <p class="ob-actions">
                <button type="button" class="ob-button" aria-expanded={open.to_string()} onclick={toggle}>
                    { if *open { "Hide the record" } else { "Show the record" } }
                </button>
                <button type="button" class="ob-button" onclick={print}>{ "Print the record" }</button>
                <button type="button" class="ob-button" onclick={json}>{ "Download as JSON" }</button>
                <button type="button" class="ob-button" onclick={csv}>{ "Download as CSV" }</button>
                if let Some(ics) = ics {
                    <button type="button" class="ob-button" onclick={save(format!("{stem}.ics"), "text/calendar;charset=utf-8", Rc::new(move || Ok(ics.clone())))}>
                        { "Add the reminders to my calendar (.ics)" }
                    </button>
                }
            </p>
            if let Some(e) = &*error {
                { callout(Tone::Alert, None, None, html! { <p>{ e.clone() }</p> }) }
            }
            <div class={classes!("ob-report", (!*open).then_some("ob-report-closed"))} data-testid="record">
                if let (Some(summary), Some(report)) = (&summary, &shown) {
                    <h3>{ summary.0.title.clone() }</h3>
                    { record_parts(PagedPartsProps {
                        summary: summary.clone(),
                        report: ByPtr(report.clone()),
                        every,
                    }) }
                }
            </div>
        </section>
    }
}

/// A section of the summary, every line of it.
fn plain_section(section: &SummarySection) -> Html {
    html! {
        <section class="ob-report-part" key={section.heading.clone()}>
            <h4>{ section.heading.clone() }</h4>
            <ul>{ for section.lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
        </section>
    }
}

/// A file-name-safe form of the alias (letters and digits only).
fn safe(alias: &str) -> String {
    alias
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect()
}

/// What the record is built from, compared cheaply (the inventories, ledgers and marks by
/// identity), and the minute it is built in.
#[derive(PartialEq)]
struct RecordKey {
    saved: closure::SavedChecklist,
    alias: String,
    api_base: String,
    demo: bool,
    first: Option<ByPtr<Inventory>>,
    latest: Option<ByPtr<Inventory>>,
    ledgers: Vec<ByPtr<Ledger>>,
    manual_marks: ByPtr<ManualMarks>,
    data_marks: ByPtr<DataMarks>,
    minute: i64,
}

impl RecordKey {
    fn of(saved: &closure::SavedChecklist, live: &LiveSummary, now: i64) -> RecordKey {
        RecordKey {
            saved: saved.clone(),
            alias: live.alias.clone(),
            api_base: live.api_base.clone(),
            demo: live.demo,
            first: live.first.clone().map(ByPtr),
            latest: live.latest.clone().map(ByPtr),
            ledgers: live.ledgers.iter().cloned().map(ByPtr).collect(),
            manual_marks: ByPtr(live.manual_marks.clone()),
            data_marks: ByPtr(live.data_marks.clone()),
            minute: now.div_euclid(60_000),
        }
    }
}

fn report_alias(saved: &closure::SavedChecklist, live: &LiveSummary) -> String {
    if live.alias.is_empty() {
        saved.alias.trim().to_string()
    } else {
        live.alias.clone()
    }
}

/// What the report reads outside the checklist and the live summary, read when what it records
/// changed (not when it is built, which may be much later): step 2's marks as `services::marks`
/// keeps them, and the customer's offsets from UTC as the page's clock says them.
struct Recorded {
    stored: DataMarks,
    utc_offset_minutes: i32,
    utc_offsets: closure::LocalOffsets,
}

impl Recorded {
    fn of(saved: &closure::SavedChecklist, live: &LiveSummary, now: i64) -> Recorded {
        Recorded {
            stored: marks::load(&report_alias(saved, live), now).value,
            utc_offset_minutes: clock::utc_offset_minutes(now),
            utc_offsets: closure::LocalOffsets::of(
                [
                    saved.checklist.requested_at,
                    saved.checklist.escalated_at,
                    saved.checklist.confirmed_at,
                ]
                .into_iter()
                .flatten(),
                clock::utc_offset_minutes,
            ),
        }
    }
}

/// What the report is built from.
fn report_input(
    saved: &closure::SavedChecklist,
    live: &LiveSummary,
    recorded: Recorded,
    now: i64,
) -> ReportInput {
    let alias = report_alias(saved, live);
    // Marks of everything the closure found, not only of what is left: the record is the proof
    // of what the customer kept, after step 3 deleted it.
    let data_marks = data_mark_lines(
        live.first.as_deref(),
        live.latest.as_deref(),
        &recorded.stored,
    );
    let deletions = live
        .ledgers
        .iter()
        .flat_map(|ledger| deletions_from_ledger(ledger))
        .collect();
    ReportInput {
        alias,
        api_base: if live.api_base.is_empty() {
            "none (offline checklist)".to_string()
        } else {
            live.api_base.clone()
        },
        demo: live.demo,
        generated_at: now,
        utc_offset_minutes: recorded.utc_offset_minutes,
        utc_offsets: recorded.utc_offsets,
        before: live.first.clone(),
        after: live.latest.clone(),
        deletions,
        manual_marks: live.manual_marks.as_ref().clone(),
        data_marks,
        checklist: saved.checklist.clone(),
    }
}
