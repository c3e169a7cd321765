//! The JS boundary's own types: what a host page's script tells the app ([`config::HostConfig`],
//! the object of `mount(element, config)`) and what the app tells the host page
//! ([`events::HostEvent`], the `offboard:*` events on its element). Plain data with serde and no
//! browser code: `services::host` moves them across with serde-wasm-bindgen.

pub mod config;
pub mod events;
