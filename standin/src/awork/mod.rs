//! awork's operations, one module per resource, each with its routes; relative to `/api/v1`.

mod accounts;
mod images;
mod invitations;
mod me;
mod roles;
mod tasks;
mod teams;
mod users;

use crate::error::AworkError;
use crate::state::Shared;
use axum::http::StatusCode;
use axum::{middleware, Router};

/// Where the API is served: on its own origin, or through the app origin's proxy path, which
/// passes only what the app calls there (awork's sign-in page must load at awork's own address).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Site {
    Api,
    Proxy,
}

/// Every operation, behind the gateway (rate limits, faults, the request log).
pub fn router(state: Shared, site: Site) -> Router<Shared> {
    Router::new()
        .merge(me::routes())
        .merge(users::routes())
        .merge(roles::routes())
        .merge(teams::routes())
        .merge(tasks::routes())
        .merge(invitations::routes())
        .merge(images::routes())
        .merge(accounts::routes(site))
        .fallback(|| async {
            AworkError::new(StatusCode::NOT_FOUND, "not-found", "There is no matching path for this URL.")
        })
        .layer(middleware::from_fn_with_state(state, crate::gateway::observe))
}
