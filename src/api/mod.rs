//! Talking to awork: the typed operations ([`awork`]), the one client, wire types, the one error
//! type, paging and rate limits. Nothing here knows about screens or the signed-in session.

pub mod awork;
pub mod client;
pub mod error;
pub mod models;
pub mod paging;
pub mod rate;
pub mod token;

pub use client::{Client, Renewal, TokenSource};
pub use error::{ApiError, FieldError};
pub use token::Token;
