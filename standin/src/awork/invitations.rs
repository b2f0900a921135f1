//! `POST /invitations`: admins only. A bad email, unknown or archived role, unknown team, wrong
//! workspace id or a flow other than `invite` is a 400 `validation-failed`; an email already in
//! the workspace a 400 `already-exist-error`, unless that person has not joined yet: then the
//! invitation is issued again with a new code. Without `roleId` the person joins the Member role.

use crate::data::{make_id, new_user, WORKSPACE_ID};
use crate::error::{AworkError, AworkResult};
use crate::extract::{given, Admin, Body};
use crate::state::Shared;
use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new().route("/invitations", post(invite))
}

/// A deliberately plain check: one `@`, something before it, a dot in the domain, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s.chars().any(char::is_whitespace)
}

/// The checks every form that names a new person shares: email and gender.
pub fn person_errors(email: Option<&str>, gender: Option<&str>) -> Vec<(&'static str, String)> {
    let mut errors = Vec::new();
    match email {
        None => errors.push(("Email", "Email is required.".to_string())),
        Some(e) if !looks_like_email(e) => errors.push(("Email", "Email is not a valid email address.".into())),
        _ => {}
    }
    if gender.is_some_and(|g| !["male", "female", "other"].contains(&g)) {
        errors.push(("Gender", "Gender must be male, female or other.".into()));
    }
    errors
}

/// `InvitationModel`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct Invitation {
    workspace_id: Option<String>,
    invitation_flow: Option<String>,
    role_id: Option<String>,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    title: Option<String>,
    position: Option<String>,
    gender: Option<String>,
    team_ids: Option<Vec<String>>,
}

async fn invite(State(s): State<Shared>, _: Admin, Body(body): Body<Invitation>) -> AworkResult<Json<Value>> {
    let mut inner = s.lock();
    let mut errors = person_errors(given(&body.email), given(&body.gender));
    if given(&body.workspace_id).is_none_or(|w| !w.eq_ignore_ascii_case(WORKSPACE_ID)) {
        errors.push(("WorkspaceId", "WorkspaceId must be the id of this workspace.".into()));
    }
    if given(&body.invitation_flow).is_some_and(|f| f != "invite") {
        errors.push(("InvitationFlow", "InvitationFlow must be 'invite'.".into()));
    }
    let role_id = given(&body.role_id).map(str::to_string);
    if role_id.as_deref().is_some_and(|r| inner.ws.role(r).is_none_or(|r| r.is_archived)) {
        errors.push(("RoleId", "The role does not exist.".into()));
    }
    let teams = inner.ws.team_refs(body.team_ids.as_deref().unwrap_or_default());
    if teams.is_err() {
        errors.push(("TeamIds", "A team does not exist.".into()));
    }
    if !errors.is_empty() {
        return Err(AworkError::validation_failed(errors));
    }
    let email = given(&body.email).unwrap_or_default();
    if let Some(existing) = inner.ws.user_by_email(email) {
        // Inviting someone who has not joined yet issues a new code; anyone else is already in.
        if existing.status.invitation_accepted {
            return Err(AworkError::new(
                StatusCode::BAD_REQUEST,
                "already-exist-error",
                "A user with this email already exists in the workspace.",
            ));
        }
        let id = existing.id.clone();
        if let Some(u) = inner.ws.user_mut(&id) {
            u.created_on = crate::data::now();
        }
        return Ok(Json(invitation_answer(&mut inner, &id)));
    }
    let n = inner.ws.next_user_number();
    let mut user = new_user(n, given(&body.first_name), given(&body.last_name), email);
    user.title = given(&body.title).map(str::to_string);
    user.position = given(&body.position).map(str::to_string);
    user.gender = given(&body.gender).map(str::to_string);
    user.teams = teams.unwrap_or_default();
    user.status.invitation_accepted = false;
    user.created_on = crate::data::now();
    let user_id = user.id.clone();
    let role_id = role_id.unwrap_or_else(|| make_id(0xb2, 2));
    let role_id = inner.ws.role(&role_id).map(|r| r.id.clone()).unwrap_or(role_id);
    inner.ws.insert_user(user, &role_id);
    Ok(Json(invitation_answer(&mut inner, &user_id)))
}

/// `InvitationResponse` with a fresh code for `user_id`.
fn invitation_answer(inner: &mut crate::state::Inner, user_id: &str) -> Value {
    inner.invitations += 1;
    let n = inner.invitations;
    let code = format!("inv-{n:06}-{:08x}", n.wrapping_mul(2_654_435_761) as u32);
    json!({
        "invitationCode": code,
        "passwordResetCode": null,
        "userId": user_id,
        "workspace": {
            "id": WORKSPACE_ID,
            "name": inner.ws.name,
            "allowSocialLogin": true,
            "allowCredentialsLogin": true,
            "memberCount": inner.ws.users.len(),
            "hasImage": false
        }
    })
}
