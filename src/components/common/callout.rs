//! The one callout: a boxed message set apart from the page. An alert interrupts (screen
//! readers announce it at once), a status is announced politely, a note is only shown.

use yew::prelude::*;

/// How much a callout interrupts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something failed or needs the customer now: `role="alert"`, strong colours.
    Alert,
    /// Important news as it happens: `role="status"`, strong colours.
    Warning,
    /// News as it happens: `role="status"`.
    Status,
    /// Only shown.
    Note,
}

/// `body` in the callout. `id` is the element's id, `testid` its `data-testid` (for the tests that
/// find it).
pub fn callout(
    tone: Tone,
    id: Option<&'static str>,
    testid: Option<AttrValue>,
    body: Html,
) -> Html {
    let (strong, role, key) = match tone {
        Tone::Alert => (true, Some("alert"), "callout-alert"),
        Tone::Warning => (true, Some("status"), "callout-warning"),
        Tone::Status => (false, Some("status"), "callout-status"),
        Tone::Note => (false, None, "callout-note"),
    };
    // Keyed by tone, so that Yew replaces what stood in its place (another element, or a
    // callout of another tone) instead of patching it: an alert is inserted as one, which screen
    // readers announce, never made by adding the role to an element already there.
    html! {
        <div {key} class={classes!("ob-callout", strong.then_some("ob-callout-strong"))} role={role}
            id={id} data-testid={testid}>
            { body }
        </div>
    }
}
