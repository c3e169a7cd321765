//! Page controls for a long list: first, previous, "page 3 of 200", next, last, with the
//! "Showing a–b of n" line above them ([`Paging::controls`]). A list's component keeps the page
//! it is on with [`use_paging`].

use yew::prelude::*;

use super::format::count;
use crate::services::dom;

/// Rows a page in the lists beside the resource table (the plan's phases, what the plan keeps,
/// step 2's marks, what every closure keeps) and in the lists with a line per sub-account (those
/// listed by hand and those not read, the cost by account, the plan's part per account, the
/// record's deletions by account): small enough that, with the resource table's own page, the
/// page holds under 3,000 elements after the scan of any account.
pub const LIST_PAGE: usize = 25;

/// One page of a list of `total` items, `size` to a page: the page shown (the one asked for,
/// or the last one when the list has become shorter), how many pages there are, and the range
/// of the items on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// Zero-based.
    pub page: usize,
    pub pages: usize,
    pub start: usize,
    pub end: usize,
    pub total: usize,
}

impl Window {
    pub fn new(total: usize, asked: usize, size: usize) -> Window {
        let pages = total.div_ceil(size).max(1);
        let page = asked.min(pages - 1);
        let start = page * size;
        Window {
            page,
            pages,
            start,
            end: (start + size).min(total),
            total,
        }
    }

    /// "Showing 51–100 of 10,002"; `None` for an empty list.
    pub fn showing(&self) -> Option<String> {
        (self.total > 0).then(|| {
            format!(
                "Showing {}–{} of {}",
                count(self.start + 1),
                count(self.end),
                count(self.total)
            )
        })
    }
}

/// The page one list is on ([`use_paging`]): its window over the list, and what moves it.
#[derive(Clone)]
pub struct Paging {
    pub window: Window,
    size: usize,
    page: UseStateHandle<usize>,
}

impl Paging {
    /// Shows the zero-based page `page` (past the end: the last one).
    pub fn go(&self, page: usize) {
        self.page.set(page);
    }

    /// Shows the page that holds the item at `index` (zero-based).
    pub fn go_to_item(&self, index: usize) {
        self.go(index / self.size);
    }

    /// Asks for the page shown when the one asked for is past the end of a list that became
    /// shorter, so that items arriving later do not move the list to a page the customer never
    /// saw.
    pub fn hold_shown(&self) {
        if *self.page != self.window.page {
            self.page.set(self.window.page);
        }
    }

    /// What the page controls call.
    pub fn on_page(&self) -> Callback<usize> {
        let page = self.page.clone();
        Callback::from(move |p| page.set(p))
    }

    /// The "Showing a–b of n" line and the page controls named `label`, both only when the list
    /// takes more than one page.
    pub fn controls(&self, label: AttrValue) -> Html {
        pager_showing(self.window, label, self.on_page())
    }
}

/// The page of a list `total` items long, `size` to a page: the first one at first, then the one
/// the customer or the component asks for (kept while the list changes length; a list that
/// became shorter shows its last page).
#[hook]
pub fn use_paging(total: usize, size: usize) -> Paging {
    let page = use_state_eq(|| 0_usize);
    Paging {
        window: Window::new(total, *page, size),
        size,
        page,
    }
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// Zero-based.
    pub page: usize,
    pub pages: usize,
    /// Names the list for screen readers ("Resource pages").
    pub label: AttrValue,
    pub on_page: Callback<usize>,
}

/// Pressing a button that the new page disables (First or Previous to the first page, Next or
/// Last to the last) would leave the focus on a disabled button, or drop it to the page in
/// browsers that do not focus a clicked button: the focus then goes to the nearest button still
/// enabled, Next on the first page and Previous on the last. Any other press leaves it alone.
#[component]
pub fn Pager(props: &PagerProps) -> Html {
    // First, Previous, Next, Last.
    let buttons = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    let pressed = use_mut_ref(|| None::<usize>);
    {
        let (buttons, pressed) = (buttons.clone(), pressed.clone());
        use_effect(move || {
            if let Some(i) = pressed.take() {
                let nearest = if i < 2 { 2 } else { 1 };
                dom::focus_instead_if_disabled(&buttons[i], &buttons[nearest]);
            }
        });
    }
    if props.pages <= 1 {
        return html! {};
    }
    let last = props.pages - 1;
    let page = props.page.min(last);
    let go = |i: usize, to: usize, text: &'static str, disabled: bool| {
        let (on_page, pressed) = (props.on_page.clone(), pressed.clone());
        html! {
            <button type="button" class="ob-button ob-button-quiet" disabled={disabled}
                ref={buttons[i].clone()}
                onclick={Callback::from(move |_| {
                    *pressed.borrow_mut() = Some(i);
                    on_page.emit(to);
                })}>
                { text }
            </button>
        }
    };
    html! {
        <nav class="ob-inv-pager" aria-label={props.label.clone()}>
            { go(0, 0, "First", page == 0) }
            { go(1, page.saturating_sub(1), "Previous", page == 0) }
            <span class="ob-inv-page">{ format!("Page {} of {}", count(page + 1), count(props.pages)) }</span>
            { go(2, (page + 1).min(last), "Next", page == last) }
            { go(3, last, "Last", page == last) }
        </nav>
    }
}

/// The page controls with, above them, the line that says which items the page shows: both
/// only when the list takes more than one page.
fn pager_showing(window: Window, label: AttrValue, on_page: Callback<usize>) -> Html {
    html! {
        <>
            if window.pages > 1 {
                <p class="ob-inv-showing">{ window.showing().unwrap_or_default() }</p>
            }
            <Pager page={window.page} pages={window.pages} {label} {on_page} />
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::Window;

    #[test]
    fn a_window_holds_one_page_and_stays_within_the_list() {
        let w = Window::new(10_002, 1, 50);
        assert_eq!((w.page, w.pages, w.start, w.end), (1, 201, 50, 100));
        assert_eq!(w.showing().as_deref(), Some("Showing 51–100 of 10,002"));
        // The last page is short; a page past the end shows the last one.
        let w = Window::new(10_002, 500, 50);
        assert_eq!((w.page, w.start, w.end), (200, 10_000, 10_002));
        let empty = Window::new(0, 3, 50);
        assert_eq!(
            (empty.page, empty.pages, empty.start, empty.end),
            (0, 1, 0, 0)
        );
        assert_eq!(empty.showing(), None);
    }
}
