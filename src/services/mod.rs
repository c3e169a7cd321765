//! The only code that touches the browser: storage, the clock, the DOM's mount point and the
//! service worker.

pub mod clock;
pub mod dom;
pub mod locale;
pub mod storage;
pub mod worker;
