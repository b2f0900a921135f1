//! `GET /users`, `GET /users/{userId}`.

use crate::error::{AworkError, AworkResult};
use crate::extract::{Allowed, Caller, ReadConfig, WriteUsers};
use crate::paging::{flag, paged_items, Params};
use crate::state::Shared;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/users", get(list))
        .route("/users/{userId}", get(one))
        .route("/users/{userId}/deactivate", post(deactivate))
        .route("/users/{userId}/activate", post(activate))
        .route("/apiusers", get(api_users))
}

/// `POST /users/{userId}/deactivate`: the user can no longer sign in; their licence stays booked.
/// Not the last active admin. With `includeSummary=true` a 200 tells what happened to their
/// private projects (a number derived from the user here), else 204.
async fn deactivate(
    State(s): State<Shared>,
    _: Allowed<WriteUsers>,
    Path(id): Path<String>,
    Query(q): Params,
) -> AworkResult<Response> {
    let mut inner = s.lock();
    let ws = &mut inner.ws;
    let user = ws.user(&id).ok_or_else(|| AworkError::not_found("user"))?.id.clone();
    if ws.active_admins() == [user.as_str()] {
        return Err(super::roles::last_admin());
    }
    let u = ws.user_mut(&user).ok_or_else(|| AworkError::not_found("user"))?;
    let n = u.resource_version as u64;
    if !u.is_deactivated {
        u.is_deactivated = true;
        u.status.is_deactivated = true;
        u.deactivated_on = Some(crate::data::now());
    }
    if !flag(&q, "includeSummary") {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let summary = json!({"privateProjectManagersReassignedCount": n % 3, "privateProjectsDeletedCount": n % 2});
    Ok(Json(summary).into_response())
}

/// `POST /users/{userId}/activate`: the user may sign in again (awork emails them). Needs a free
/// licence: `insufficient-seats` otherwise.
async fn activate(State(s): State<Shared>, _: Allowed<WriteUsers>, Path(id): Path<String>) -> AworkResult<StatusCode> {
    let mut inner = s.lock();
    let ws = &mut inner.ws;
    let user = ws.user(&id).ok_or_else(|| AworkError::not_found("user"))?;
    if !user.is_deactivated {
        return Ok(StatusCode::NO_CONTENT);
    }
    if !user.is_archived && ws.seats_used() >= ws.seats {
        return Err(AworkError::new(
            StatusCode::BAD_REQUEST,
            "insufficient-seats",
            "There is no free seat for this user. Book more seats or deactivate someone else.",
        ));
    }
    let user = user.id.clone();
    if let Some(u) = ws.user_mut(&user) {
        u.is_deactivated = false;
        u.status.is_deactivated = false;
        u.deactivated_on = None;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /apiusers`.
async fn api_users(State(s): State<Shared>, _: Allowed<ReadConfig>) -> Json<Vec<Value>> {
    let inner = s.lock();
    let ws = &inner.ws;
    Json(
        ws.users
            .iter()
            .filter(|u| u.is_api_user)
            .map(|u| {
                json!({
                    "id": u.id,
                    "name": format!("{} {}", u.first_name.as_deref().unwrap_or(""), u.last_name.as_deref().unwrap_or("")).trim(),
                    "roleId": ws.role_of.get(&u.id),
                    "clientId": "awork-connector",
                    "createdOn": u.created_on, "createdBy": u.created_by,
                    "updatedOn": u.updated_on, "updatedBy": u.updated_by,
                })
            })
            .collect(),
    )
}

async fn list(State(s): State<Shared>, Caller(caller): Caller, Query(q): Params) -> AworkResult<Response> {
    let inner = s.lock();
    let show_archived = flag(&q, "showArchived");
    // Without user-master-data:read awork returns just the caller.
    let everyone = inner.ws.may(&caller, crate::data::USER_MASTER_DATA, "read");
    let items: Vec<_> =
        inner.ws.users.iter().filter(|u| (everyone || u.id == caller) && (show_archived || !u.is_archived)).collect();
    paged_items(&items, &q)
}

async fn one(State(s): State<Shared>, Caller(caller): Caller, Path(id): Path<String>) -> AworkResult<Response> {
    let inner = s.lock();
    match inner.ws.user(&id) {
        Some(u) if inner.ws.may(&caller, crate::data::USER_MASTER_DATA, "read") || u.id == caller => {
            Ok(Json(u).into_response())
        }
        _ => Err(AworkError::not_found("user")),
    }
}
