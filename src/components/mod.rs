//! One component per file, each rendering a part of the closure checklist.

pub mod countdown;
pub mod exception;
pub mod invoice;
pub mod notices;
pub mod overview;
pub mod request;
pub mod start_over;
pub mod step;
pub mod steps;
