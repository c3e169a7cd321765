//! Pieces every part of the page uses: [`ByPtr`] props and memo keys, number and money
//! formatting, page controls for long lists (with the line that says what a page shows), the
//! one callout for alerts and notes, and the one way to show something that is loading, loaded
//! or failed, and the one scroll region for wide tables.

pub mod callout;
pub mod format;
pub mod pager;
pub mod remote;
pub mod table_scroll;

pub use callout::{callout, Tone};
pub use remote::{render_remote, Failure, Remote};
pub use table_scroll::table_scroll;

use std::rc::Rc;

/// A shared value compared by identity: memo keys and props over a 10,000-resource inventory
/// must not compare it field by field on every render.
#[derive(Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> ByPtr<T> {
    pub fn new(value: T) -> ByPtr<T> {
        ByPtr(Rc::new(value))
    }
}

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(self.0.clone())
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for ByPtr<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<Rc<T>> for ByPtr<T> {
    fn from(rc: Rc<T>) -> ByPtr<T> {
        ByPtr(rc)
    }
}

/// A `<details>`'s `ontoggle`: sets `open` to whether it is open now (the event comes after
/// any opening or closing, however it was done: click, keyboard or find-in-page).
pub fn details_toggle(open: &yew::UseStateHandle<bool>) -> yew::Callback<web_sys::Event> {
    use yew::TargetCast;
    let open = open.clone();
    yew::Callback::from(move |e: web_sys::Event| {
        open.set(
            e.target_unchecked_into::<web_sys::Element>()
                .has_attribute("open"),
        )
    })
}
