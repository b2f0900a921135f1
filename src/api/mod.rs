//! Talking to awork: wire types, the one client, the one error type.

pub mod client;
pub mod error;
pub mod models;
pub mod paging;

pub use client::{path_segment, Client, Page, Renewal, TokenSource};
pub use error::{ApiError, FieldError};
