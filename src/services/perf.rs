//! The page's own `performance` marks, which `cargo xtask bench` reads: a mark where something
//! starts (the scan's result arriving, a keystroke in the table's search, a sort), and a measure
//! once the page has rendered what it leads to. Nothing in the app reads them back.

/// The scan's result has arrived; the table's first render is measured from here.
pub const SCAN_DONE: &str = "ob-scan-done";
/// The first render of the resource table after a scan.
pub const TABLE_FIRST_RENDER: &str = "ob-table-first-render";
/// A keystroke in the table's search box, until its page is rendered.
pub const TABLE_SEARCH: &str = "ob-table-search";
/// A click on a column's sort button, until the sorted page is rendered.
pub const TABLE_SORT: &str = "ob-table-sort";

fn performance() -> Option<web_sys::Performance> {
    web_sys::window().and_then(|w| w.performance())
}

/// Marks `name` now (replacing an earlier, unmeasured mark of that name).
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        p.clear_marks_with_mark_name(name);
        let _ = p.mark(name);
    }
}

/// Measures `name` from the mark `start` to now, then removes the mark so that one start is
/// measured once; nothing when there is no such mark.
pub fn measure_from(name: &str, start: &str) {
    if let Some(p) = performance() {
        if p.get_entries_by_name_with_entry_type(start, "mark")
            .length()
            > 0
        {
            let _ = p.measure_with_start_mark(name, start);
            p.clear_marks_with_mark_name(start);
        }
    }
}
