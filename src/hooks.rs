//! The app's shared state as hooks over its contexts, so components never see the raw context
//! types or import the app shell: the checklist, what the live modes learned, the host's
//! configuration, and the deletion runs this browser holds unfinished; and what the host page
//! is told about them.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::{Config, Mode};
use crate::host::events::{between, HostEvent, ModeDetail, Observed};
use crate::live_state::LiveSummary;
use crate::services::{host, timer};
use crate::state::ChecklistState;

/// The checklist state, shared with every component below the app.
pub type ChecklistHandle = UseReducerHandle<ChecklistState>;
/// What the live modes learned about the account, shared with the checklist.
pub type LiveHandle = UseReducerHandle<LiveSummary>;

/// Aliases whose deletion run has not finished or been stopped (in this browser's journals, or
/// open in this tab): step 3 cannot be ticked and step 4 stays locked while there is one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct UnfinishedRuns(pub Rc<Vec<String>>);

/// The checklist state from context; every component below `App` has it.
#[hook]
pub fn use_checklist() -> ChecklistHandle {
    use_context::<ChecklistHandle>().expect("components are rendered inside App")
}

/// The live summary from context; every component below `App` has it.
#[hook]
pub fn use_live() -> LiveHandle {
    use_context::<LiveHandle>().expect("components are rendered inside App")
}

/// The host page's configuration; every component below `App` has it.
#[hook]
pub fn use_config() -> Config {
    use_context::<Config>().unwrap_or_default()
}

/// The unfinished deletion runs; none outside `App`.
#[hook]
pub fn use_unfinished_runs() -> Rc<Vec<String>> {
    use_context::<UnfinishedRuns>().unwrap_or_default().0
}

/// Tells the host page what changed (the `offboard:*` events, see `host::events`): after each
/// render, what the app shows is compared with what it showed after the previous one. The first
/// render is only remembered, so a remount announces nothing; with `announce_mode` (the app's
/// first start on this page load) it also says the mode the app starts in.
#[hook]
pub fn use_host_events(
    checklist: &ChecklistState,
    mode: Mode,
    live: &LiveSummary,
    announce_mode: bool,
) {
    let observed = Observed::of(checklist.checklist(), mode, live);
    let shown = use_mut_ref(|| None::<Observed>);
    use_effect_with(observed, move |now| {
        // Taken out first: a listener may act on the page while it hears the event.
        let before = shown.borrow_mut().replace(now.clone());
        match before {
            Some(before) => {
                for event in between(&before, now) {
                    host::dispatch(&event);
                }
            }
            None if announce_mode => {
                host::dispatch(&HostEvent::Mode(ModeDetail { mode: now.mode }))
            }
            None => {}
        }
    });
}

/// False for a component's first render, true once the browser has painted it: what is slow to
/// build (the deletion plan, the Service Task text) comes after what the page shows at once
/// (the inventory's table), which a 10,000-server account's scan waited 0.1-0.2 s longer for.
#[hook]
pub fn use_painted() -> bool {
    let painted = use_state_eq(|| false);
    {
        let painted = painted.clone();
        use_effect_with((), move |_| timer::after_paint(move || painted.set(true)));
    }
    *painted
}
