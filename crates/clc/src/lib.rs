//! The CenturyLink Cloud API v2 as data: requests are built, responses are decoded, and I/O is
//! left to a [`Transport`] implemented at the edge (fetch in the browser, the in-process
//! simulator in tests and demo mode).
//!
//! - [`models`]: serde shapes of every response the closure app reads, tolerant of the quirks
//!   recorded in `clc-api.md` §0.4–§0.9.
//! - [`api`]: pure request builders, one function per endpoint.
//! - [`Client`]: sends those requests through a [`Transport`], adds the bearer token, retries
//!   reads on a [`Clock`], and maps every answer to a model or one [`Error`].
//! - [`jwt`]: reads a token's claims (expiry) without verifying it.

#[macro_use]
mod de;

pub mod api;
pub mod client;
pub mod clock;
pub mod endpoints;
pub mod error;
pub mod http;
pub mod ids;
pub mod jwt;
pub mod models;
pub mod money;
pub mod records;
pub mod retry;

pub use client::{Body, Client, Session};
pub use clock::{Clock, EpochMs, VirtualClock};
pub use endpoints::{normalize_href, Endpoints};
pub use error::Error;
pub use http::{Method, Request, Response, Transport, TransportError};
pub use jwt::BearerToken;
pub use money::Money;
pub use records::{BadRecord, Records};
pub use retry::RetryPolicy;
