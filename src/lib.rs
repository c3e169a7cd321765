//! offboard: the CenturyLink Cloud account-closure checklist, as a Yew app.
//!
//! UI only: the domain lives in the `closure` crate, I/O in [`services`].

pub mod app;
pub mod components;
pub mod config;
pub mod content;
pub mod handover;
pub mod hooks;
pub mod host;
pub mod live_slot;
pub mod live_state;
pub mod services;
pub mod session;
pub mod state;
pub mod sub_accounts;

pub use app::{App, AppProps};
pub use config::{Config, Mode};
pub use live_slot::LiveSlot;

/// Mounts the app into the host page: into the element marked `data-offboard` (or with id
/// `offboard`) if the page has one, otherwise into the body, configured by that element's
/// `data-` attributes. `live` says what fills the live section; `mode`, when given, overrides
/// the page's `data-mode` (the live tools taking over from the checklist after the user chose a
/// mode), and the focus goes back to that mode's button. `initial`, when given, is the
/// checklist as the previous app had it on screen (read instead of storage). Without either,
/// this is the page load's first start, and the host page hears the mode it starts in.
pub fn start(
    live: LiveSlot,
    mode: Option<Mode>,
    initial: Option<handover::HandOver>,
) -> yew::AppHandle<App> {
    services::worker::register();
    let root = services::dom::mount_point();
    let origin = services::boot::page_origin();
    let (mut config, problems) = Config::from_attributes(|name| match name {
        "location-origin" => origin.clone(),
        _ => root.get_attribute(name),
    });
    for problem in problems {
        web_sys::console::warn_1(&format!("offboard: {problem}").into());
    }
    let announce_mode = mode.is_none() && initial.is_none();
    match mode {
        Some(mode) => config.mode = mode,
        None => {
            let kept = services::storage::kept_session().is_some();
            config.mode = Mode::on_load(config.mode, config.mode_given, kept);
        }
    }
    yew::Renderer::<App>::with_root_and_props(
        root,
        AppProps {
            config,
            live,
            focus_mode: mode.is_some(),
            initial,
            announce_mode,
        },
    )
    .render()
}
