//! Extractors for awork's handlers: who calls (from the Bearer token), whether they are an admin,
//! and a typed JSON body; each refuses with awork's error answer.

use crate::data::Workspace;
use crate::error::AworkError;
use crate::state::Shared;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use serde::de::DeserializeOwned;

/// The signed-in user's id. A missing, unknown, expired or revoked token is a 401.
#[derive(Debug, Clone)]
pub struct Caller(pub String);

/// A caller in the admin role; anyone else gets 401, as awork answers a missing permission.
#[derive(Debug, Clone)]
pub struct Admin(pub String);

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

fn authenticate(ws: &Workspace, headers: &HeaderMap) -> Result<String, AworkError> {
    let token = bearer(headers).ok_or_else(|| AworkError::unauthorized("No access token was sent."))?;
    if ws.token_expiry.get(token).is_some_and(|t| *t <= std::time::Instant::now()) {
        return Err(AworkError::unauthorized("The access token has expired."));
    }
    ws.tokens.get(token).cloned().ok_or_else(|| AworkError::unauthorized("The access token is invalid or has expired."))
}

impl FromRequestParts<Shared> for Caller {
    type Rejection = AworkError;

    async fn from_request_parts(parts: &mut Parts, s: &Shared) -> Result<Self, Self::Rejection> {
        authenticate(&s.lock().ws, &parts.headers).map(Caller)
    }
}

impl FromRequestParts<Shared> for Admin {
    type Rejection = AworkError;

    async fn from_request_parts(parts: &mut Parts, s: &Shared) -> Result<Self, Self::Rejection> {
        let inner = s.lock();
        let user = authenticate(&inner.ws, &parts.headers)?;
        if !inner.ws.is_admin(&user) {
            return Err(AworkError::unauthorized("Only admins may do this."));
        }
        Ok(Admin(user))
    }
}

/// A permission a route needs: a feature at an access level (admins have every one).
pub trait Need {
    const FEATURE: &'static str;
    const LEVEL: &'static str;
}

/// Reading roles and their members, API users: `workspace-manage-config:read`.
pub struct ReadConfig;
/// Moving people between roles: `workspace-manage-config:write`.
pub struct WriteConfig;
/// Deactivating and reactivating people: `user-manage-config:write`.
pub struct WriteUsers;

impl Need for ReadConfig {
    const FEATURE: &'static str = crate::data::WORKSPACE_CONFIG;
    const LEVEL: &'static str = "read";
}
impl Need for WriteConfig {
    const FEATURE: &'static str = crate::data::WORKSPACE_CONFIG;
    const LEVEL: &'static str = "write";
}
impl Need for WriteUsers {
    const FEATURE: &'static str = crate::data::USER_CONFIG;
    const LEVEL: &'static str = "write";
}

/// A caller who holds the permission `P` needs; anyone else gets awork's 401.
#[derive(Debug, Clone)]
pub struct Allowed<P>(pub String, std::marker::PhantomData<P>);

impl<P: Need + Send + Sync> FromRequestParts<Shared> for Allowed<P> {
    type Rejection = AworkError;

    async fn from_request_parts(parts: &mut Parts, s: &Shared) -> Result<Self, Self::Rejection> {
        let inner = s.lock();
        let user = authenticate(&inner.ws, &parts.headers)?;
        if !inner.ws.may(&user, P::FEATURE, P::LEVEL) {
            return Err(AworkError::unauthorized(&format!(
                "The user is not an admin and lacks the permission {}:{}.",
                P::FEATURE,
                P::LEVEL
            )));
        }
        Ok(Allowed(user, std::marker::PhantomData))
    }
}

/// A JSON body of type `T`, whatever its content type says; anything else is 400 `invalid-model`.
#[derive(Debug, Clone)]
pub struct Body<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Body<T> {
    type Rejection = AworkError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let bytes = Bytes::from_request(req, state).await.map_err(|_| AworkError::invalid_model())?;
        serde_json::from_slice(&bytes).map(Body).map_err(|_| AworkError::invalid_model())
    }
}

/// A text field that counts as given: present and not blank.
pub fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.trim().is_empty())
}
