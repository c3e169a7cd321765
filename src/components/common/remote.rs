//! The one way to show something that comes from elsewhere: not asked for yet, under way,
//! there, or failed with a sentence that says what to do.

use yew::prelude::*;

use super::callout::{callout, Tone};

/// Why something could not be had: the CLC API's error, or one of the page's own, in words.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Api(clc::Error),
    Other(String),
}

impl Failure {
    pub fn user_message(&self) -> String {
        match self {
            Failure::Api(e) => e.user_message(),
            Failure::Other(message) => message.clone(),
        }
    }
}

impl From<clc::Error> for Failure {
    fn from(e: clc::Error) -> Failure {
        Failure::Api(e)
    }
}

/// Something the page asks for and waits on.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Remote<T> {
    #[default]
    NotAsked,
    Loading,
    Loaded(T),
    Failed(Failure),
}

impl<T> Remote<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self, Remote::Loading)
    }

    pub fn loaded(&self) -> Option<&T> {
        match self {
            Remote::Loaded(value) => Some(value),
            _ => None,
        }
    }

    pub fn failure(&self) -> Option<&Failure> {
        match self {
            Remote::Failed(failure) => Some(failure),
            _ => None,
        }
    }
}

impl<T, E: Into<Failure>> From<Result<T, E>> for Remote<T> {
    fn from(result: Result<T, E>) -> Remote<T> {
        match result {
            Ok(value) => Remote::Loaded(value),
            Err(e) => Remote::Failed(e.into()),
        }
    }
}

/// `remote` on the page: nothing before it is asked for, `loading` (announced) while under way,
/// `loaded(value)` once there, and the failure in words (an alert) when it failed.
pub fn render_remote<T>(remote: &Remote<T>, loading: &str, loaded: impl Fn(&T) -> Html) -> Html {
    match remote {
        Remote::NotAsked => html! {},
        Remote::Loading => html! { <p role="status">{ loading.to_string() }</p> },
        Remote::Loaded(value) => loaded(value),
        Remote::Failed(failure) => callout(
            Tone::Alert,
            None,
            None,
            html! { <p>{ failure.user_message() }</p> },
        ),
    }
}
