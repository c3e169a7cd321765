//! Browser-test harness: each test mounts the app into its own fresh element and cleans up.

use offboard::{App, AppProps};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};
use yew::AppHandle;

pub struct Mounted {
    pub root: Element,
    handle: Option<AppHandle<App>>,
}

impl Mounted {
    pub async fn new() -> Mounted {
        let document = gloo_utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle =
            yew::Renderer::<App>::with_root_and_props(root.clone(), AppProps::default()).render();
        yew::scheduler::flush().await;
        let mounted = Mounted {
            root,
            handle: Some(handle),
        };
        // The app paints the steps first and the rest one task later: wait for the last part
        // (for up to 10 s of the page's time, however many turns that takes on a slow machine).
        let deadline = js_sys::Date::now() + 10_000.0;
        while js_sys::Date::now() < deadline {
            if mounted.query(".ob-start-over").is_some() {
                return mounted;
            }
            gloo_timers::future::TimeoutFuture::new(0).await;
            yew::scheduler::flush().await;
        }
        panic!("the app never rendered its last part");
    }

    pub fn query(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    pub fn checkbox(&self, step: usize) -> HtmlInputElement {
        self.query(&format!("li[data-step='{step}'] input[type=checkbox]"))
            .unwrap_or_else(|| panic!("step {step} has a checkbox"))
            .unchecked_into()
    }

    pub async fn click(&self, selector: &str) {
        let el: HtmlElement = self
            .query(selector)
            .unwrap_or_else(|| panic!("{selector} exists"))
            .unchecked_into();
        el.click();
        yew::scheduler::flush().await;
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    /// Unmounts the app and removes its element, as a page close would.
    pub async fn destroy(mut self) {
        if let Some(handle) = self.handle.take() {
            handle.destroy();
        }
        yew::scheduler::flush().await;
        self.root.remove();
    }
}

pub fn clear_storage() {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .clear()
        .unwrap();
}

pub fn stored(key: &str) -> Option<String> {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .get_item(key)
        .unwrap()
}

pub fn store(key: &str, value: &str) {
    web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item(key, value)
        .unwrap();
}
