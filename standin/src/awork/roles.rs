//! `GET /roles`, `GET /roles/{roleId}`, `GET /roles/{roleId}/users` (admins and
//! `workspace-manage-config:read`), and `POST /roles/moveuser` (admins and `…:write`).

use crate::error::{AworkError, AworkResult};
use crate::extract::{Allowed, Body, ReadConfig, WriteConfig};
use crate::paging::{flag, paged_items, Params};
use crate::state::Shared;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/roles", get(list))
        .route("/roles/moveuser", post(move_user))
        .route("/roles/{roleId}", get(one))
        .route("/roles/{roleId}/users", get(members))
}

/// awork's rule, as its spec words it.
pub const LAST_ADMIN: &str = "At least one user needs to remain in the admin role.";

/// 400 for an action that would leave the workspace without an active admin.
pub fn last_admin() -> AworkError {
    AworkError::new(StatusCode::BAD_REQUEST, "last-admin", LAST_ADMIN)
}

/// `MoveUserInRole`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
struct MoveUserInRole {
    user_id: Option<String>,
    to_role_id: Option<String>,
}

/// `POST /roles/moveuser`: from the user's role to another. Archived roles take no one, and the
/// last active admin stays an admin.
async fn move_user(
    State(s): State<Shared>,
    _: Allowed<WriteConfig>,
    Body(body): Body<MoveUserInRole>,
) -> AworkResult<StatusCode> {
    let mut inner = s.lock();
    let ws = &mut inner.ws;
    let user = body.user_id.as_deref().and_then(|u| ws.user(u)).map(|u| u.id.clone());
    let role = body.to_role_id.as_deref().and_then(|r| ws.role(r)).cloned();
    let mut errors = Vec::new();
    if body.user_id.is_none() {
        errors.push(("UserId", "UserId is required.".to_string()));
    }
    match &role {
        None => errors.push(("ToRoleId", "The role does not exist.".to_string())),
        Some(r) if r.is_archived => errors.push(("ToRoleId", "An archived role takes no users.".to_string())),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(AworkError::validation_failed(errors));
    }
    let (Some(user), Some(role)) = (user, role) else { return Err(AworkError::not_found("user")) };
    let admins = ws.active_admins();
    if !role.is_admin_role && admins.len() == 1 && admins[0] == user {
        return Err(last_admin());
    }
    ws.role_of.insert(user, role.id);
    Ok(StatusCode::OK)
}

async fn list(State(s): State<Shared>, _: Allowed<ReadConfig>, Query(q): Params) -> Response {
    let inner = s.lock();
    let show_archived = flag(&q, "showArchived");
    let list: Vec<_> = inner.ws.roles.iter().filter(|r| show_archived || !r.is_archived).collect();
    Json(list).into_response()
}

async fn one(State(s): State<Shared>, _: Allowed<ReadConfig>, Path(id): Path<String>) -> AworkResult<Response> {
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

async fn members(
    State(s): State<Shared>,
    _: Allowed<ReadConfig>,
    Path(id): Path<String>,
    Query(q): Params,
) -> AworkResult<Response> {
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
