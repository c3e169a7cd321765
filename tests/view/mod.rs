//! The one browser-test harness: a component (or the whole app) mounted in its own element of
//! the test page on a pinned clock, with the DOM helpers the browser tests share (find by
//! selector or text, click, choose an option, then let Yew render) and the storage they seed.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;

use closure::{Inventory, Plan};
use offboard::components::common::ByPtr;
use offboard::components::deletion::review::{PlanReview, PlanReviewProps};
use offboard::{App, AppProps};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::{BaseComponent, Callback};

/// 2026-12-05T10:00:00Z: the instant every browser test starts at (the app's clock is pinned
/// there, with the zone at UTC+0), so no test reads the real date or time zone.
pub const TEST_NOW: i64 = 1_796_464_800_000;

/// The view on the page: its element, and how to unmount it.
struct Mounted {
    root: Element,
    unmount: Box<dyn FnOnce()>,
}

thread_local! {
    /// The view mounted and not yet destroyed. A failing test panics before its `destroy`, and a
    /// panic in wasm aborts without dropping anything: its view would stay mounted, listening
    /// to the window, under the next test. The next mount unmounts it first, so that one failure
    /// does not cascade into the tests after it.
    static MOUNTED: RefCell<Option<Mounted>> = const { RefCell::new(None) };
}

/// A component mounted in its own element, one at a time: mounting a view unmounts any other
/// still on the page. Unmounted by [`View::destroy`], or when dropped.
pub struct View<C: BaseComponent> {
    root: Element,
    /// Shared with the unmount of [`MOUNTED`], which takes it: `None` once unmounted.
    handle: Rc<RefCell<Option<yew::AppHandle<C>>>>,
}

impl<C: BaseComponent> View<C> {
    pub async fn mount(props: C::Properties) -> View<C> {
        if let Some(left) = MOUNTED.take() {
            (left.unmount)();
            yew::scheduler::flush().await;
            left.root.remove();
        }
        offboard::services::clock::pin_for_tests(TEST_NOW, 0);
        let document = gloo_utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = Rc::new(RefCell::new(Some(
            yew::Renderer::<C>::with_root_and_props(root.clone(), props).render(),
        )));
        let unmounted = handle.clone();
        MOUNTED.set(Some(Mounted {
            root: root.clone(),
            unmount: Box::new(move || {
                if let Some(handle) = unmounted.take() {
                    handle.destroy();
                }
            }),
        }));
        yew::scheduler::flush().await;
        View { root, handle }
    }

    /// How to unmount this view, if it is still the one mounted.
    fn take_mounted(&self) -> Option<Mounted> {
        MOUNTED.with_borrow_mut(|m| m.take_if(|m| m.root == self.root))
    }

    pub fn query(&self, selector: &str) -> Element {
        self.try_query(selector)
            .unwrap_or_else(|| panic!("{selector} exists"))
    }

    pub fn try_query(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn text(&self, selector: &str) -> String {
        self.query(selector).text_content().unwrap_or_default()
    }

    /// Everything the view shows, as text.
    pub fn all_text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    /// Every element matching `selector`, in document order.
    pub fn all(&self, selector: &str) -> Vec<Element> {
        let all = self.root.query_selector_all(selector).unwrap();
        (0..all.length())
            .filter_map(|i| all.item(i))
            .map(|n| n.unchecked_into::<Element>())
            .collect()
    }

    pub async fn click(&self, element: Element) {
        element.unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    pub async fn click_on(&self, selector: &str) {
        self.click(self.query(selector)).await;
    }

    pub async fn choose(&self, selector: &str, value: &str) {
        let select: HtmlSelectElement = self.query(selector).unchecked_into();
        select.set_value(value);
        select
            .dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
        yew::scheduler::flush().await;
    }

    /// The element matching `selector` whose text contains `text`.
    pub fn find(&self, selector: &str, text: &str) -> Element {
        self.all(selector)
            .into_iter()
            .find(|e| e.text_content().unwrap_or_default().contains(text))
            .unwrap_or_else(|| panic!("{selector} with {text:?}"))
    }

    /// Renders the component again with `props`, as its parent would.
    pub async fn update(&mut self, props: C::Properties) {
        self.handle
            .borrow_mut()
            .as_mut()
            .expect("the view is still mounted")
            .update(props);
        yew::scheduler::flush().await;
    }

    /// Unmounts the view and removes its element, as a page close would.
    pub async fn destroy(self) {
        if let Some(mounted) = self.take_mounted() {
            (mounted.unmount)();
        }
        yew::scheduler::flush().await;
        self.root.remove();
    }
}

impl<C: BaseComponent> Drop for View<C> {
    fn drop(&mut self) {
        if let Some(mounted) = self.take_mounted() {
            (mounted.unmount)();
            mounted.root.remove();
        }
    }
}

impl View<App> {
    /// The whole app, as a page with no saved state passed in shows it, once it has painted its
    /// last part (the record and Start over come one task after the steps): waited for up to 10 s
    /// of the page's time, however many turns that takes on a slow machine.
    pub async fn app() -> View<App> {
        View::app_with(AppProps::default()).await
    }

    /// The app with `props`, once its last part is on the page.
    pub async fn app_with(props: AppProps) -> View<App> {
        let view = View::<App>::mount(props).await;
        until("the app rendered its last part", || {
            view.try_query(".ob-start-over").is_some()
        })
        .await;
        view
    }

    pub fn checkbox(&self, step: usize) -> HtmlInputElement {
        self.query(&format!("li[data-step='{step}'] input[type=checkbox]"))
            .unchecked_into()
    }
}

impl View<PlanReview> {
    /// The dry-run plan's review of `plan` on an empty inventory of its account, with nothing
    /// chosen and every choice ignored.
    pub async fn plan(plan: Plan) -> View<PlanReview> {
        View::<PlanReview>::mount(PlanReviewProps {
            inventory: ByPtr(Rc::new(Inventory::empty(&plan.account))),
            plan: ByPtr(Rc::new(plan)),
            free_kinds: Default::default(),
            on_toggle_free: Callback::noop(),
            unmarked_held: 0,
            delete_unmarked: false,
            on_delete_unmarked: Callback::noop(),
            on_keep: Callback::noop(),
            on_proceed: Callback::noop(),
        })
        .await
    }
}

/// Waits, up to 10 s of the page's time however many turns that takes on a slow machine, until
/// `done`; fails the test naming `what` never happened.
pub async fn until(what: &str, done: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 10_000.0;
    while !done() {
        assert!(js_sys::Date::now() < deadline, "never: {what}");
        gloo_timers::future::TimeoutFuture::new(0).await;
        yew::scheduler::flush().await;
    }
}

fn local_storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

pub fn clear_storage() {
    local_storage().clear().unwrap();
}

pub fn stored(key: &str) -> Option<String> {
    local_storage().get_item(key).unwrap()
}

pub fn store(key: &str, value: &str) {
    local_storage().set_item(key, value).unwrap();
}
