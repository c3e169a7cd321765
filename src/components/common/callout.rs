//! The one callout: a boxed message set apart from the page. An alert interrupts (screen
//! readers announce it at once), a status is announced politely, a note is only shown.

use yew::prelude::*;

/// How much a callout interrupts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// Something failed or needs the customer now: `role="alert"`, strong colours.
    #[default]
    Alert,
    /// Important news as it happens: `role="status"`, strong colours.
    Warning,
    /// News as it happens: `role="status"`.
    Status,
    /// Only shown.
    Note,
}

#[derive(Properties, PartialEq)]
pub struct CalloutProps {
    #[prop_or_default]
    pub tone: Tone,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// `data-testid`, for the tests that find it.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Callout(props: &CalloutProps) -> Html {
    let (strong, role) = match props.tone {
        Tone::Alert => (true, Some("alert")),
        Tone::Warning => (true, Some("status")),
        Tone::Status => (false, Some("status")),
        Tone::Note => (false, None),
    };
    html! {
        <div class={classes!("ob-callout", strong.then_some("ob-callout-strong"))} role={role}
            id={props.id.clone()} data-testid={props.testid.clone()}>
            { props.children.clone() }
        </div>
    }
}
