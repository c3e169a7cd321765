//! The one wrapper that lets a wide table scroll sideways on a narrow screen. A region that
//! scrolls must be reachable by keyboard (axe's `scrollable-region-focusable`), so it is
//! focusable and named after its table.

use yew::prelude::*;

/// `table` in the region; `label` is the region's name for screen readers: the table's caption,
/// or what it lists.
pub fn table_scroll(label: AttrValue, table: Html) -> Html {
    html! {
        <div class="ob-inv-scroll" role="region" tabindex="0" aria-label={label}>
            { table }
        </div>
    }
}
