//! Printing: the closure record on its own (the page's print styles hide everything else while
//! the body carries `ob-print-record`).

/// Prints the record alone (the browser's print dialog), then puts the page back.
pub fn record() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let body = window.document().and_then(|d| d.body());
    if let Some(body) = &body {
        let _ = body.class_list().add_1("ob-print-record");
    }
    let _ = window.print();
    if let Some(body) = &body {
        let _ = body.class_list().remove_1("ob-print-record");
    }
}
