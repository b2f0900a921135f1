//! `GET /roles`, `GET /roles/{roleId}`, `GET /roles/{roleId}/users`: admins only here (awork also
//! lets `workspace-manage-config:read` holders read them).

use crate::error::{AworkError, AworkResult};
use crate::extract::Admin;
use crate::paging::{flag, paged_items, Params};
use crate::state::Shared;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/roles", get(list))
        .route("/roles/{roleId}", get(one))
        .route("/roles/{roleId}/users", get(members))
}

async fn list(State(s): State<Shared>, _: Admin, Query(q): Params) -> Response {
    let inner = s.lock();
    let show_archived = flag(&q, "showArchived");
    let list: Vec<_> = inner.ws.roles.iter().filter(|r| show_archived || !r.is_archived).collect();
    Json(list).into_response()
}

async fn one(State(s): State<Shared>, _: Admin, Path(id): Path<String>) -> AworkResult<Response> {
    let inner = s.lock();
    inner.ws.role(&id).map(|r| Json(r).into_response()).ok_or_else(|| AworkError::not_found("role"))
}

/// `UserInRole`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserInRole<'a> {
    user_id: &'a str,
    role_id: &'a str,
    is_deactivated: bool,
}

async fn members(State(s): State<Shared>, _: Admin, Path(id): Path<String>, Query(q): Params) -> AworkResult<Response> {
    let inner = s.lock();
    let role = inner.ws.role(&id).ok_or_else(|| AworkError::not_found("role"))?;
    let show_archived = flag(&q, "showArchived");
    let items: Vec<UserInRole> = inner
        .ws
        .users
        .iter()
        .filter(|u| inner.ws.role_of.get(&u.id) == Some(&role.id) && (show_archived || !u.is_archived))
        .map(|u| UserInRole { user_id: &u.id, role_id: &role.id, is_deactivated: u.is_deactivated })
        .collect();
    paged_items(&items, &q)
}
