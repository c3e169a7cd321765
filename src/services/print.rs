//! Printing: the closure record on its own (the page's print styles hide everything else while
//! the body carries `ob-print-record`).

use std::rc::Rc;

use super::dom::{on_window_event, on_window_event_captured, WindowListener};

/// The body's class while the record is printed alone.
const ALONE: &str = "ob-print-record";

/// A print of the record under way. Dropping it puts the page back (the body's class) and stops
/// listening for the end of the print.
pub struct RecordPrint {
    _ends: [WindowListener; 3],
}

/// Opens the print dialog for the record alone (the caller has put every line of it on the
/// page). `over` is called once the print is over, and the caller then drops the print:
/// - at `afterprint`, which the browser fires once it has laid the page out for paper: during
///   `window.print()` where that blocks (desktop browsers), later where it returns at once and
///   the dialog comes after (some mobile ones);
/// - else, for a browser that never fires it, at the next `pointerdown` or `keydown` the page
///   gets: the print dialog keeps them from the page while it is open. A timer would guess how
///   long the dialog stays open, and a guess too short prints one page of the record.
pub fn record(over: impl Fn() + 'static) -> RecordPrint {
    let over = Rc::new(over);
    let on = |name, captured: bool| {
        let over = over.clone();
        let end = move || over();
        if captured {
            on_window_event_captured(name, end)
        } else {
            on_window_event(name, end)
        }
    };
    // Listening before `window.print()`, which fires `afterprint` before it returns where it
    // blocks; to touches and keys in the capture phase, so that a page embedding the app that
    // stops them on their way up cannot hide them.
    let print = RecordPrint {
        _ends: [
            on("afterprint", false),
            on("pointerdown", true),
            on("keydown", true),
        ],
    };
    let Some(window) = web_sys::window() else {
        over();
        return print;
    };
    if let Some(body) = body() {
        let _ = body.class_list().add_1(ALONE);
    }
    let _ = window.print();
    print
}

fn body() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.body()
}

impl Drop for RecordPrint {
    fn drop(&mut self) {
        if let Some(body) = body() {
            let _ = body.class_list().remove_1(ALONE);
        }
    }
}
