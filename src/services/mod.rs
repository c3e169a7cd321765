//! The only code that touches the browser: storage, the clock, the DOM's mount point, the tab's
//! visibility and Web Locks, the service worker, and the JS boundary with the host page.

pub mod api;
pub mod baseline;
pub mod boot;
pub mod clipboard;
pub mod clock;
pub mod dom;
pub mod download;
pub mod host;
pub mod journal_store;
pub mod locale;
pub mod manual_marks;
pub mod marks;
pub mod perf;
pub mod print;
mod sim_protocol;
pub mod sim_worker;
pub mod storage;
pub mod stored;
pub mod sub_accounts;
pub mod tab_lock;
pub mod timer;
pub mod visibility;
pub mod worker;
