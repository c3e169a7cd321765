//! Where the app lives in the host page.

use web_sys::Element;

/// The element marked `data-offboard`, else `#offboard`, else the body.
pub fn mount_point() -> Element {
    let document = gloo_utils::document();
    document
        .query_selector("[data-offboard]")
        .ok()
        .flatten()
        .or_else(|| document.get_element_by_id("offboard"))
        .or_else(|| document.body().map(Into::into))
        .expect("a page always has a body")
}

/// Moves the keyboard focus to the first element matching `selector` inside the app's own
/// element (never the host page's), if there is one.
pub fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = mount_point()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// When the button `pressed` is now disabled (a page button whose press led to the page where it
/// does nothing), moves the keyboard focus to `instead`, if that one is enabled.
pub fn focus_instead_if_disabled(pressed: &yew::NodeRef, instead: &yew::NodeRef) {
    let disabled = |r: &yew::NodeRef| {
        r.cast::<Element>()
            .is_none_or(|el| el.matches(":disabled").unwrap_or(false))
    };
    if !disabled(pressed) || disabled(instead) {
        return;
    }
    if let Some(el) = instead.cast::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// [`focus`], one task later: once the render under way has put the element on the page (for
/// when the element the focus was on is gone with that render).
pub fn focus_after_render(selector: &'static str) {
    gloo_timers::callback::Timeout::new(0, move || focus(selector)).forget();
}

/// Calls `on_event` on every `name` event of the window (e.g. `storage`, which another tab's
/// writes fire), until the returned listener is dropped.
pub fn on_window_event(name: &'static str, on_event: impl Fn() + 'static) -> WindowListener {
    listen(name, on_event, false)
}

/// [`on_window_event`] in the capture phase: the window hears the event before any element of
/// the page, so a page embedding the app that stops it on its way up cannot hide it.
pub fn on_window_event_captured(
    name: &'static str,
    on_event: impl Fn() + 'static,
) -> WindowListener {
    listen(name, on_event, true)
}

fn listen(name: &'static str, on_event: impl Fn() + 'static, capture: bool) -> WindowListener {
    use wasm_bindgen::JsCast;
    let listener = wasm_bindgen::closure::Closure::<dyn Fn()>::new(on_event);
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback_and_bool(
            name,
            listener.as_ref().unchecked_ref(),
            capture,
        );
    }
    WindowListener {
        name,
        listener,
        capture,
    }
}

/// A window event listener, removed when dropped.
pub struct WindowListener {
    name: &'static str,
    listener: wasm_bindgen::closure::Closure<dyn Fn()>,
    capture: bool,
}

impl Drop for WindowListener {
    fn drop(&mut self) {
        use wasm_bindgen::JsCast;
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback_and_bool(
                self.name,
                self.listener.as_ref().unchecked_ref(),
                self.capture,
            );
        }
    }
}
