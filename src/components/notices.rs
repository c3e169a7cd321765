//! What the page must say about the customer's saved progress (set aside, migrated, not saved)
//! and about the live tools failing to start.

use yew::prelude::*;

use crate::hooks::ChecklistHandle;
use crate::state::{ChecklistMsg, Notice};

/// The checklist's notices, each with its dismiss button; rendered by `App` with the checklist's
/// handle.
pub fn notices(state: &ChecklistHandle) -> Html {
    let count = state.notices.len();
    let items = state.notices.iter().enumerate().map(|(index, notice)| {
        let dismiss = {
            let state = state.clone();
            Callback::from(move |_| {
                state.dispatch(ChecklistMsg::Dismiss(index));
                // The pressed button goes with its notice: the focus moves to the next notice,
                // or to the page's heading when none is left.
                let next = if count > 1 { ".ob-notice" } else { "#ob-title" };
                crate::services::dom::focus_after_render(next);
            })
        };
        html! {
            // Focusable by script only: the page moves the focus to a notice when the button the
            // user pressed is gone (the live tools failed to start, a notice was dismissed).
            <li class="ob-notice" key={index} tabindex="-1">
                <span>{ describe(notice) }</span>
                <button type="button" class="ob-button ob-button-quiet" onclick={dismiss}>
                    { "Dismiss" }
                </button>
            </li>
        }
    });
    // The live region is always on the page, so that a notice added to it is announced.
    html! {
        <div role="status" class="ob-notices-live">
            if count > 0 {
                <section class="ob-notices" aria-label="Notices">
                    <ul>{ for items }</ul>
                </section>
            }
        </div>
    }
}

fn describe(notice: &Notice) -> String {
    match notice {
        Notice::SetAside { key, reason } => format!(
            "{reason} It has been kept unchanged in this browser's storage under \"{key}\", and the \
             checklist below starts fresh."
        ),
        Notice::Migrated { from } => format!(
            "Your progress was saved by an earlier version of this page (format {from}) and has \
             been carried over. Check that the ticks below match what you did."
        ),
        Notice::StorageUnavailable => "This browser does not let the page store data, so your \
            progress will be lost when you close the page. Print the page to keep a record."
            .to_string(),
        Notice::LiveToolsFailed { reason } => format!(
            "The demo and account tools could not start ({reason}), so the checklist is shown \
             again as you left it. Reload the page to try once more."
        ),
        Notice::SaveFailed => "Your latest change could not be saved in this browser (its storage \
            may be full). What you see is correct, but it may not be here next time."
            .to_string(),
    }
}
