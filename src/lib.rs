//! offboard: the CenturyLink Cloud account-closure checklist, as a Yew app.
//!
//! UI only: the domain lives in the `closure` crate, I/O in [`services`].

pub mod app;
pub mod components;
pub mod content;
pub mod services;
pub mod state;

pub use app::App;

/// Mounts the app into the host page: into the element marked `data-offboard` (or with id
/// `offboard`) if the page has one, otherwise into the body.
pub fn start() {
    services::worker::register();
    let root = services::dom::mount_point();
    yew::Renderer::<App>::with_root(root).render();
}
