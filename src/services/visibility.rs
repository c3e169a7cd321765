//! The tab's visibility (`document.visibilityState`): what the deletion run is told, so a
//! hidden tab polls slowly and, after a long while, not at all.

use closure::Visibility;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

pub fn current() -> Visibility {
    if gloo_utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
        Visibility::Hidden
    } else {
        Visibility::Visible
    }
}

/// Calls `on_change` with the visibility now and at every change, until dropped.
pub fn watch(on_change: impl Fn(Visibility) + 'static) -> Watch {
    on_change(current());
    let listener = Closure::<dyn Fn()>::new(move || on_change(current()));
    let _ = gloo_utils::document()
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    Watch { listener }
}

/// A `visibilitychange` listener, removed when dropped.
pub struct Watch {
    listener: Closure<dyn Fn()>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = gloo_utils::document().remove_event_listener_with_callback(
            "visibilitychange",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}
