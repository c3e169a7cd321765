//! The JS boundary's own types: what a host page's script tells the app ([`config::HostConfig`],
//! the object of `mount(element, config)`). Plain data with serde and no browser code:
//! `services::host` moves it across with serde-wasm-bindgen.

pub mod config;
