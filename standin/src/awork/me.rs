//! `GET /me`, `GET /users/me`, `GET /me/permissions`.

use crate::extract::Caller;
use crate::state::Shared;
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

pub fn routes() -> Router<Shared> {
    Router::new().route("/me", get(me)).route("/users/me", get(me)).route("/me/permissions", get(permissions))
}

async fn me(State(s): State<Shared>, Caller(user): Caller) -> Json<Value> {
    Json(s.lock().ws.me_json(&user))
}

async fn permissions(State(s): State<Shared>, Caller(user): Caller) -> Json<Value> {
    let inner = s.lock();
    let admin = inner.ws.is_admin(&user);
    let role = inner.ws.role_of.get(&user).and_then(|r| inner.ws.role(r));
    let permissions: Vec<Value> = role
        .map(|r| r.permissions.iter().map(|(f, levels)| json!({"feature": f, "accessLevels": levels})).collect())
        .unwrap_or_default();
    Json(json!({
        "signature": null,
        "userPermission": {
            "userId": user,
            "isAdmin": admin,
            "isGuest": role.is_some_and(|r| r.is_guest_role),
            "roleId": role.map(|r| r.id.clone()),
            "isBlocked": false,
            "permissions": permissions,
            "projectRolesPermissions": []
        }
    }))
}
