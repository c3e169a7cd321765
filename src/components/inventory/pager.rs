//! Page controls for a long list: first, previous, "page 3 of 200", next, last.

use yew::prelude::*;

use super::format::count;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// Zero-based.
    pub page: usize,
    pub pages: usize,
    /// Names the list for screen readers ("Resource pages").
    pub label: AttrValue,
    pub on_page: Callback<usize>,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    if props.pages <= 1 {
        return html! {};
    }
    let last = props.pages - 1;
    let page = props.page.min(last);
    let go = |to: usize, text: &'static str, disabled: bool| {
        let on_page = props.on_page.clone();
        html! {
            <button type="button" class="ob-button ob-button-quiet" disabled={disabled}
                onclick={Callback::from(move |_| on_page.emit(to))}>
                { text }
            </button>
        }
    };
    html! {
        <nav class="ob-inv-pager" aria-label={props.label.clone()}>
            { go(0, "First", page == 0) }
            { go(page.saturating_sub(1), "Previous", page == 0) }
            <span class="ob-inv-page">{ format!("Page {} of {}", count(page + 1), count(props.pages)) }</span>
            { go((page + 1).min(last), "Next", page == last) }
            { go(last, "Last", page == last) }
        </nav>
    }
}
