//! One component per file (or, for a part with no state of its own, one function), each rendering
//! a part of the closure checklist. A part with no state is a function, not a component: each
//! component type compiles its own copy of Yew's lifecycle code into the wasm.

pub mod common;
pub mod connect;
pub mod countdown;
pub mod deletion;
pub mod exception;
pub mod identity;
pub mod inventory;
pub mod invoice;
pub mod live;
pub mod mode;
pub mod notices;
pub mod overview;
pub mod record;
pub mod request;
pub mod scan_progress;
pub mod start_over;
pub mod step;
pub mod steps;
pub mod sub_accounts;
