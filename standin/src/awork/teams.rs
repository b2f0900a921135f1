//! `GET /teams`.

use crate::error::{AworkError, AworkResult};
use crate::extract::{Admin, Body, Caller};
use crate::paging::{flag, paged, Params};
use crate::state::Shared;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/teams", get(list))
        .route("/teams/{teamId}/addusers", post(add_users))
        .route("/teams/{teamId}/removeusers", post(remove_users))
}

/// The team and the users a body of user ids names, or why not.
fn team_and_users(s: &Shared, team: &str, ids: &[String]) -> AworkResult<(String, Vec<String>)> {
    let inner = s.lock();
    let team = inner.ws.team_ref(team).ok_or_else(|| AworkError::not_found("team"))?.id;
    let users: Option<Vec<String>> = ids.iter().map(|id| inner.ws.user(id).map(|u| u.id.clone())).collect();
    let users =
        users.ok_or_else(|| AworkError::validation_failed(vec![("UserIds", "A user does not exist.".into())]))?;
    Ok((team, users))
}

/// `POST /teams/{teamId}/addusers` with a JSON array of user ids: 200 `[{userId, teamId}]`.
async fn add_users(
    State(s): State<Shared>,
    _: Admin,
    Path(team): Path<String>,
    Body(ids): Body<Vec<String>>,
) -> AworkResult<Json<Vec<Value>>> {
    let (team, users) = team_and_users(&s, &team, &ids)?;
    let mut inner = s.lock();
    let team_ref = inner.ws.team_ref(&team).ok_or_else(|| AworkError::not_found("team"))?;
    for id in &users {
        if let Some(u) = inner.ws.user_mut(id) {
            if !u.teams.iter().any(|t| t.id == team) {
                u.teams.push(team_ref.clone());
            }
        }
    }
    Ok(Json(users.iter().map(|u| json!({"userId": u, "teamId": team})).collect()))
}

/// `POST /teams/{teamId}/removeusers` with a JSON array of user ids: 204.
async fn remove_users(
    State(s): State<Shared>,
    _: Admin,
    Path(team): Path<String>,
    Body(ids): Body<Vec<String>>,
) -> AworkResult<StatusCode> {
    let (team, users) = team_and_users(&s, &team, &ids)?;
    let mut inner = s.lock();
    for id in &users {
        if let Some(u) = inner.ws.user_mut(id) {
            u.teams.retain(|t| t.id != team);
        }
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn list(State(s): State<Shared>, _: Caller, Query(q): Params) -> AworkResult<Response> {
    let inner = s.lock();
    let include = flag(&q, "includeUserIds");
    let items = inner.ws.teams.iter().map(|t| inner.ws.team_json(t, include)).collect();
    paged(items, &q)
}
