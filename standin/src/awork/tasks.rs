//! Tasks: `GET /me/allavailabletasks`, `GET /tasks/{taskId}`, `GET /tasks/key/{taskIdentifier}`,
//! and `POST /tasks/assignuserbyemail`.

use crate::data::new_user;
use crate::error::{AworkError, AworkResult};
use crate::extract::{given, Body, Caller};
use crate::paging::{paged, Params};
use crate::state::Shared;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/me/allavailabletasks", get(available))
        .route("/tasks/{taskId}", get(by_id))
        .route("/tasks/key/{taskIdentifier}", get(by_key))
        .route("/tasks/assignuserbyemail", post(assign_by_email))
}

async fn available(State(s): State<Shared>, _: Caller, Query(q): Params) -> AworkResult<Response> {
    let inner = s.lock();
    paged(inner.ws.tasks.iter().map(|t| inner.ws.task_json(t)).collect(), &q)
}

async fn by_id(State(s): State<Shared>, _: Caller, Path(id): Path<String>) -> AworkResult<Json<Value>> {
    let inner = s.lock();
    let task =
        inner.ws.tasks.iter().find(|t| t.id.eq_ignore_ascii_case(&id)).ok_or_else(|| AworkError::not_found("task"))?;
    Ok(Json(inner.ws.task_json(task)))
}

async fn by_key(State(s): State<Shared>, _: Caller, Path(key): Path<String>) -> AworkResult<Json<Value>> {
    let inner = s.lock();
    let task = inner.ws.task_by_key(&key).ok_or_else(|| {
        AworkError::new(StatusCode::NOT_FOUND, "not-found", format!("No task with the key '{key}' exists."))
    })?;
    Ok(Json(inner.ws.task_json(task)))
}

/// `AssignByEmailForm`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct AssignByEmail {
    task_id: Option<String>,
    email: Option<String>,
    role_id: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    gender: Option<String>,
}

/// 200 `{}`; a new email becomes an invited user in the given role.
async fn assign_by_email(
    State(s): State<Shared>,
    _: Caller,
    Body(body): Body<AssignByEmail>,
) -> AworkResult<Json<Value>> {
    let mut inner = s.lock();
    let mut errors = crate::awork::invitations::person_errors(given(&body.email), given(&body.gender));
    let role = given(&body.role_id).and_then(|r| inner.ws.role(r)).filter(|r| !r.is_archived).map(|r| r.id.clone());
    match (given(&body.role_id), &role) {
        (None, _) => errors.push(("RoleId", "RoleId is required.".into())),
        (Some(_), None) => errors.push(("RoleId", "The role does not exist.".into())),
        _ => {}
    }
    let task_id = given(&body.task_id);
    if task_id.is_none() {
        errors.push(("TaskId", "TaskId is required.".into()));
    }
    if !errors.is_empty() {
        return Err(AworkError::validation_failed(errors));
    }
    let task_id = task_id.unwrap_or_default();
    if !inner.ws.tasks.iter().any(|t| t.id.eq_ignore_ascii_case(task_id)) {
        return Err(AworkError::not_found("task"));
    }
    let email = given(&body.email).unwrap_or_default();
    if inner.ws.user_by_email(email).is_none() {
        let n = inner.ws.next_user_number();
        let mut user = new_user(n, given(&body.first_name), given(&body.last_name), email);
        user.gender = given(&body.gender).map(str::to_string);
        user.status.invitation_accepted = false;
        inner.ws.insert_user(user, &role.unwrap_or_default());
    }
    Ok(Json(json!({})))
}
