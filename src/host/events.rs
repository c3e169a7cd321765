//! What the app tells its host page: a `CustomEvent` for each thing that happened, dispatched on
//! the app's element (`services::host::dispatch`), whose `detail` is one of these types made into
//! a plain object by serde-wasm-bindgen. They hold step numbers, modes, counts, amounts and a
//! time, and no field that could hold anything else: never the token, the user name, the account
//! alias, or a resource's name or id, so a host page can count them as they are.
//!
//! The app does not report what it is doing; it compares what it shows now with what it showed
//! at the previous render ([`Observed`], [`between`]). So a step ticked by the customer and one
//! the app ticked from what it saw are the same event, and a remount (the live tools taking over
//! from the checklist) starts from what is on screen and announces nothing. The one exception:
//! the app's first start on a page load says its mode (`hooks::use_host_events`).

use chrono::{DateTime, SecondsFormat};
use closure::counts::RunCounts;
use closure::{Checklist, EpochMs, Inventory, Ledger, StepId};
use serde::Serialize;

use crate::components::common::ByPtr;
use crate::config::Mode;
use crate::live_state::LiveSummary;

/// One event: its `detail` is the variant's content.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum HostEvent {
    Step(StepDetail),
    Mode(ModeDetail),
    Scan(ScanDetail),
    Run(RunDetail),
    Requested(RequestedDetail),
}

impl HostEvent {
    /// The event's type, as a host page listens for it.
    pub fn name(&self) -> &'static str {
        match self {
            HostEvent::Step(_) => "offboard:step",
            HostEvent::Mode(_) => "offboard:mode",
            HostEvent::Scan(_) => "offboard:scan",
            HostEvent::Run(_) => "offboard:run",
            HostEvent::Requested(_) => "offboard:requested",
        }
    }
}

/// `offboard:step`: a step was ticked or unticked (by the customer, or by the app from what it
/// read in connected and demo mode). `{ step: 1, done: true }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StepDetail {
    /// 1 to 4, as the article numbers them.
    pub step: u8,
    pub done: bool,
}

/// `offboard:mode`: the app started on a page load (once, its first mode), or the customer
/// switched mode. `{ mode: "demo" }`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ModeDetail {
    pub mode: Mode,
}

/// `offboard:scan`: a reading of the account finished (the first, each refresh, a part read
/// again). `{ resources: 42, billable: 30, unread: 0, complete: true, hourlyCost: 1.2345 }`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScanDetail {
    pub resources: u32,
    /// Resources that add to the bill while they exist.
    pub billable: u32,
    /// Parts of the account that could not be read.
    pub unread: u32,
    /// Every part was read, and the scan was not cancelled.
    pub complete: bool,
    /// What still accrues per hour, in the account's currency (the page's "still accruing").
    pub hourly_cost: f64,
}

/// `offboard:run`: a deletion run started (or resumed after a reload), or a round of it ended
/// with its verified ledger: everything done, stopped, or steps failed (a retry then ends with
/// another `finished`). `{ phase: "started" }`,
/// `{ phase: "finished", removed: 12, failed: 0, remaining: 2 }`, in resources (a group counts
/// with everything in it; `remaining`: planned but not deleted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "phase", rename_all = "lowercase")]
pub enum RunDetail {
    Started,
    Finished {
        removed: u32,
        failed: u32,
        remaining: u32,
    },
}

/// `offboard:requested`: the customer recorded that they requested the closure.
/// `{ requestedAt: "2026-12-05T10:00:00.000Z" }` (UTC, as `Date.prototype.toISOString`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestedDetail {
    pub requested_at: String,
}

/// What the events are about, as one render shows it; cheap to compare (the reading and the
/// ledger by identity).
#[derive(Clone, Debug, PartialEq)]
pub struct Observed {
    pub mode: Mode,
    pub done: [bool; 4],
    pub requested_at: Option<EpochMs>,
    /// The latest reading of the account; a new one is a finished scan.
    pub reading: Option<ByPtr<Inventory>>,
    /// This tab holds a deletion run that has not finished or been stopped.
    pub run_open: bool,
    /// The latest run's verified ledger; a new one is a round that ended.
    pub ledger: Option<ByPtr<Ledger>>,
}

impl Observed {
    pub fn of(checklist: &Checklist, mode: Mode, live: &LiveSummary) -> Observed {
        Observed {
            mode,
            done: StepId::ALL.map(|step| checklist.is_done(step)),
            requested_at: checklist.requested_at,
            reading: live.latest.clone().map(ByPtr),
            run_open: live.run_open,
            ledger: live.ledgers.last().cloned().map(ByPtr),
        }
    }
}

/// The events from one render to the next, causes before consequences: the mode, a finished
/// scan, the run, the steps (ticks in the article's order, unticks from the last), the request.
pub fn between(before: &Observed, now: &Observed) -> Vec<HostEvent> {
    let mut events = Vec::new();
    if now.mode != before.mode {
        events.push(HostEvent::Mode(ModeDetail { mode: now.mode }));
    }
    if let Some(reading) = now
        .reading
        .as_ref()
        .filter(|r| Some(*r) != before.reading.as_ref())
    {
        events.push(HostEvent::Scan(ScanDetail::of(reading)));
    }
    if now.run_open && !before.run_open {
        events.push(HostEvent::Run(RunDetail::Started));
    }
    if let Some(ledger) = now
        .ledger
        .as_ref()
        .filter(|l| Some(*l) != before.ledger.as_ref())
    {
        events.push(HostEvent::Run(RunDetail::finished(ledger)));
    }
    let changed = |i: &usize| now.done[*i] != before.done[*i];
    let step = |i: usize| {
        HostEvent::Step(StepDetail {
            step: i as u8 + 1,
            done: now.done[i],
        })
    };
    events.extend((0..4).filter(changed).filter(|i| now.done[*i]).map(step));
    events.extend(
        (0..4)
            .rev()
            .filter(changed)
            .filter(|i| !now.done[*i])
            .map(step),
    );
    if let Some(at) = now
        .requested_at
        .filter(|at| before.requested_at != Some(*at))
    {
        events.push(HostEvent::Requested(RequestedDetail::at(at)));
    }
    events
}

impl ScanDetail {
    pub fn of(inventory: &Inventory) -> ScanDetail {
        let hourly = closure::cost::accrual(inventory).total_hourly();
        ScanDetail {
            resources: count(inventory.resources.len()),
            billable: count(inventory.resources.iter().filter(|r| r.bills()).count()),
            unread: count(inventory.unread.len()),
            complete: inventory.is_complete(),
            // Four decimals, as a rate per hour is shown: no 0.30000000000000004 for a host.
            hourly_cost: (hourly * 10_000.0).round() / 10_000.0,
        }
    }
}

impl RunDetail {
    pub fn finished(ledger: &Ledger) -> RunDetail {
        // Resources, as the ledger on the page counts them; what the plan keeps is not
        // "remaining".
        let counts = RunCounts::of_ledger(ledger);
        RunDetail::Finished {
            removed: count(counts.removed),
            failed: count(counts.failed),
            remaining: count(counts.remaining),
        }
    }
}

impl RequestedDetail {
    pub fn at(at: EpochMs) -> RequestedDetail {
        RequestedDetail {
            requested_at: DateTime::from_timestamp_millis(at)
                .map(|t| t.to_rfc3339_opts(SecondsFormat::Millis, true))
                .unwrap_or_default(),
        }
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
