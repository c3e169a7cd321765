//! The one wrapper that lets a wide table scroll sideways on a narrow screen. A region that
//! scrolls must be reachable by keyboard (axe's `scrollable-region-focusable`), so it is
//! focusable and named after its table.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableScrollProps {
    /// The region's name for screen readers: the table's caption, or what it lists.
    pub label: AttrValue,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn TableScroll(props: &TableScrollProps) -> Html {
    html! {
        <div class="ob-inv-scroll" role="region" tabindex="0" aria-label={props.label.clone()}>
            { props.children.clone() }
        </div>
    }
}
