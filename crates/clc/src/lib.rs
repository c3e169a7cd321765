//! The CenturyLink Cloud API v2 as data: requests are built, responses are decoded, and I/O is
//! left to a [`Transport`] implemented at the edge (fetch in the browser, the in-process
//! simulator in tests and demo mode).

pub mod http;

pub use http::{Method, Request, Response, Transport, TransportError};
