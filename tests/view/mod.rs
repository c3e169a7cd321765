//! One component mounted in its own element of the test page, with the DOM helpers the
//! browser tests share: find by selector or text, click, choose an option, then let Yew render.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlSelectElement};
use yew::{AppHandle, BaseComponent};

pub struct View<C: BaseComponent> {
    root: Element,
    handle: AppHandle<C>,
}

impl<C: BaseComponent> View<C> {
    pub async fn mount(props: C::Properties) -> View<C> {
        let document = gloo_utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        let handle = yew::Renderer::<C>::with_root_and_props(root.clone(), props).render();
        yew::scheduler::flush().await;
        View { root, handle }
    }

    pub fn query(&self, selector: &str) -> Element {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("{selector} exists"))
    }

    pub fn text(&self, selector: &str) -> String {
        self.query(selector).text_content().unwrap_or_default()
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

    pub async fn destroy(self) {
        self.handle.destroy();
        yew::scheduler::flush().await;
        self.root.remove();
    }
}
