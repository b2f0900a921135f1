//! The `/__standin` control endpoints that tests use: reset, fault rules, the request log, token
//! revocation, rate limits, OAuth lifetimes, what the app server answers, XSS payloads. Not awork.

use crate::faults::FaultRule;
use crate::limiter::{Limiter, RateLimit};
use crate::state::{AppConfig, Shared};
use axum::extract::State;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/reset", post(reset))
        .route("/faults", post(set_faults))
        .route("/requests", get(requests).delete(clear_requests))
        .route("/revoke", post(revoke))
        .route("/app-config", post(app_config))
        .route("/rate-limit", post(rate_limit))
        .route("/oauth", post(oauth))
        .route("/seed-payloads", post(seed_payloads))
        .route("/app-headers", post(app_headers))
        .route("/seats", post(seats))
        .route("/intruder.html", get(|| async { Html(INTRUDER_PAGE) }))
}

/// A page on another origin that tests use to post messages into the app's frame.
const INTRUDER_PAGE: &str = "<!DOCTYPE html><title>another origin</title><p>Another origin.</p>";

fn done() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

async fn reset(State(s): State<Shared>) -> Response {
    s.lock().reset();
    done()
}

async fn set_faults(State(s): State<Shared>, Json(rules): Json<Vec<FaultRule>>) -> Response {
    s.lock().faults = rules;
    done()
}

async fn requests(State(s): State<Shared>) -> Response {
    Json(s.lock().requests.clone()).into_response()
}

async fn clear_requests(State(s): State<Shared>) -> Response {
    s.lock().requests.clear();
    done()
}

#[derive(Deserialize)]
struct TokenBody {
    token: String,
}

/// Kills an access token (demo or OAuth) or an OAuth refresh token.
async fn revoke(State(s): State<Shared>, Json(b): Json<TokenBody>) -> Response {
    let mut inner = s.lock();
    inner.ws.tokens.remove(&b.token);
    inner.ws.oauth.revoke(&b.token);
    done()
}

/// `{"perSecond": 50, "perMinute": 1000}`, or `null` for none; the windows start afresh.
async fn rate_limit(State(s): State<Shared>, Json(limit): Json<Option<RateLimit>>) -> Response {
    s.lock().limiter = Limiter::new(limit);
    done()
}

#[derive(Deserialize)]
struct PayloadBody {
    payload: String,
}

/// `{"payload": "<img src=x onerror=…>"}`: see [`crate::data::Workspace::seed_payloads`]; undone by
/// a reset.
async fn seed_payloads(State(s): State<Shared>, Json(b): Json<PayloadBody>) -> Response {
    s.lock().ws.seed_payloads(&b.payload);
    done()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OAuthSettings {
    access_ttl_seconds: u64,
    reported_ttl_seconds: Option<u64>,
}

/// How long new access tokens live, and what `expires_in` claims.
async fn oauth(State(s): State<Shared>, Json(o): Json<OAuthSettings>) -> Response {
    let oauth = &mut s.lock().ws.oauth;
    oauth.access_ttl = Duration::from_secs(o.access_ttl_seconds);
    oauth.reported_ttl = o.reported_ttl_seconds;
    done()
}

/// `{"Content-Security-Policy": "…"}`, added to every answer of the app server until the next reset.
async fn app_headers(State(s): State<Shared>, Json(h): Json<HashMap<String, String>>) -> Response {
    let mut headers: Vec<(String, String)> = h.into_iter().collect();
    if headers.iter().any(|(k, v)| HeaderName::try_from(k).is_err() || HeaderValue::try_from(v).is_err()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    headers.sort();
    s.lock().app_headers = headers;
    done()
}

/// What the app server answers for `config.json` (see [`AppConfig`]).
async fn app_config(State(s): State<Shared>, Json(c): Json<AppConfig>) -> Response {
    s.lock().app_config = c;
    done()
}

#[derive(Deserialize)]
struct Seats {
    seats: usize,
}

/// `{"seats": N}`: how many licences the workspace has booked (reactivating needs a free one).
async fn seats(State(s): State<Shared>, Json(b): Json<Seats>) -> Response {
    s.lock().ws.seats = b.seats;
    done()
}
