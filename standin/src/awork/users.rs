//! `GET /users`, `GET /users/{userId}`.

use crate::error::{AworkError, AworkResult};
use crate::extract::Caller;
use crate::paging::{flag, paged_items, Params};
use crate::state::Shared;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

pub fn routes() -> Router<Shared> {
    Router::new().route("/users", get(list)).route("/users/{userId}", get(one))
}

async fn list(State(s): State<Shared>, Caller(caller): Caller, Query(q): Params) -> AworkResult<Response> {
    let inner = s.lock();
    let show_archived = flag(&q, "showArchived");
    // Without user-master-data:read (only admins have it here) awork returns just the caller.
    let everyone = inner.ws.is_admin(&caller);
    let items: Vec<_> =
        inner.ws.users.iter().filter(|u| (everyone || u.id == caller) && (show_archived || !u.is_archived)).collect();
    paged_items(&items, &q)
}

async fn one(State(s): State<Shared>, Caller(caller): Caller, Path(id): Path<String>) -> AworkResult<Response> {
    let inner = s.lock();
    match inner.ws.user(&id) {
        Some(u) if inner.ws.is_admin(&caller) || u.id == caller => Ok(Json(u).into_response()),
        _ => Err(AworkError::not_found("user")),
    }
}
