//! The `/__standin` control endpoints that tests use: reset, fault rules, the request log, token
//! revocation, rate limits, OAuth lifetimes, what the app server answers, XSS payloads. Not awork.
//! They answer this machine only: a request must name a loopback `Host` (no DNS rebinding) and
//! come from no web page or a loopback one (`Origin`); CORS lets only loopback pages read them. So
//! a site open in the same browser while the demo runs can neither read the logged Authorization
//! headers nor repoint `config.json`.

use crate::faults::FaultRule;
use crate::limiter::{Limiter, RateLimit};
use crate::state::{AppConfig, Shared};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use std::collections::HashMap;
use std::time::Duration;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};

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
        .route("/problems", get(crate::watch::problems))
        .route("/intruder.html", get(|| async { Html(INTRUDER_PAGE) }))
        .layer(middleware::from_fn(loopback_only))
        .layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::predicate(|origin, _| origin.to_str().is_ok_and(is_loopback_origin)))
                .allow_methods(AllowMethods::mirror_request())
                .allow_headers(AllowHeaders::mirror_request()),
        )
        // Outside the Origin check: the app's `no-referrer` policy makes its beacons say `Origin: null`.
        .route("/report", post(crate::watch::report).layer(middleware::from_fn(loopback_host_only)))
}

/// Whether `host` (a `Host` header: `name[:port]`) is this machine.
pub fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => {
            return v6
                .split_once(']')
                .is_some_and(|(ip, rest)| ip == "::1" && (rest.is_empty() || rest.starts_with(':')))
        }
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// Whether `origin` (`http://127.0.0.1:8080`) is a page on this machine.
pub fn is_loopback_origin(origin: &str) -> bool {
    origin.strip_prefix("http://").or_else(|| origin.strip_prefix("https://")).is_some_and(is_loopback_host)
}

/// Refuses (403) a request that names another host than this machine, or comes from a page that
/// is not on it.
async fn loopback_only(headers: HeaderMap, req: Request, next: Next) -> Response {
    let header = |name| headers.get(name).map(|v| v.to_str().unwrap_or("?"));
    let host_ok = header(header::HOST).is_some_and(is_loopback_host);
    let origin_ok = header(header::ORIGIN).is_none_or(is_loopback_origin);
    if host_ok && origin_ok {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "the stand-in's control endpoints answer this machine only").into_response()
    }
}

/// Refuses (403) a request that names another host than this machine, whatever page it comes from.
async fn loopback_host_only(headers: HeaderMap, req: Request, next: Next) -> Response {
    if headers.get(header::HOST).and_then(|v| v.to_str().ok()).is_some_and(is_loopback_host) {
        next.run(req).await
    } else {
        (StatusCode::FORBIDDEN, "the stand-in's control endpoints answer this machine only").into_response()
    }
}

/// A page on another origin that tests use to post messages into the app's frame.
const INTRUDER_PAGE: &str = "<!DOCTYPE html><title>another origin</title><p>Another origin.</p>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_is_loopback() {
        for ok in ["127.0.0.1:8787", "127.0.0.1", "localhost:1", "LOCALHOST", "[::1]:8787", "127.9.9.9:1"] {
            assert!(is_loopback_host(ok), "{ok}");
        }
        for bad in ["evil.example", "127.0.0.1.evil.example:80", "localhost.evil.example", "[::2]:1", "10.0.0.1", ""] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
        assert!(is_loopback_origin("http://127.0.0.1:5000"));
        assert!(!is_loopback_origin("https://evil.example"));
        assert!(!is_loopback_origin("null"));
    }
}

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
    s.lock().clear_requests();
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
