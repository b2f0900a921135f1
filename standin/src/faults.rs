//! What can go wrong on purpose: rules that tests post to `/__standin/faults` (or the command line
//! sets), matched per request by method and path, and the answers they put in the API's place.

use crate::error::AworkError;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// Each rule matches requests by method and path prefix (relative to `/api/v1`, e.g. `/roles`),
/// then applies to every `every`-th match (1 = all) until `times` runs out.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaultRule {
    pub kind: FaultKind,
    #[serde(default)]
    pub path: Option<String>,
    /// Match `path` exactly rather than as a prefix (`/me` without `/me/permissions`).
    #[serde(default)]
    pub exact: bool,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub times: Option<u32>,
    #[serde(default)]
    pub every: Option<u32>,
    /// For `latency`: the delay.
    #[serde(default)]
    pub ms: Option<u64>,
    /// For `rateLimit`: seconds in `ratelimit-reset`.
    #[serde(default)]
    pub reset_seconds: Option<u64>,
    /// For `error`: the status (default 500).
    #[serde(default)]
    pub status: Option<u16>,
    /// For `error`: the `description` in awork's error body.
    #[serde(default)]
    pub description: Option<String>,
    /// For `huge`: how many bytes the body has (default 20 MiB).
    #[serde(default)]
    pub bytes: Option<usize>,
    /// For `total`: the `aw-totalitems` the answer claims (default 1,000,000,000).
    #[serde(default)]
    pub total: Option<u64>,
    #[serde(skip)]
    seen: u32,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub enum FaultKind {
    /// Wait `ms` before answering normally.
    Latency,
    /// Answer `status` (default 500) with awork's error body.
    Error,
    /// Answer 429 with awork's rate-limit headers.
    RateLimit,
    /// Answer 200 with a truncated JSON body.
    Malformed,
    /// Abort the connection mid-response.
    Drop,
    /// Answer 401 `unauthorized`, as awork does for a missing permission.
    Unauthorized,
    /// Answer 200 with a JSON body of `bytes`, streamed without a `Content-Length`.
    Huge,
    /// Answer normally, but claim `total` items in `aw-totalitems`.
    Total,
}

impl FaultRule {
    /// A rule of `kind` for every request.
    pub fn every(kind: FaultKind, every: Option<u32>, ms: Option<u64>) -> FaultRule {
        FaultRule {
            kind,
            path: None,
            exact: false,
            method: None,
            times: None,
            every,
            ms,
            reset_seconds: None,
            status: None,
            description: None,
            bytes: None,
            total: None,
            seen: 0,
        }
    }

    fn matches(&self, method: &Method, path: &str) -> bool {
        self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()))
            && self.path.as_deref().is_none_or(|p| if self.exact { path == p } else { path.starts_with(p) })
            && self.times != Some(0)
    }

    /// Whether the rule answers in the API's place (latency only delays it, total only changes it).
    pub fn answers(&self) -> bool {
        !matches!(self.kind, FaultKind::Latency | FaultKind::Total)
    }

    /// What the rule changes on the API's own answer.
    pub fn amend(&self, resp: &mut Response) {
        if self.kind == FaultKind::Total {
            let total = self.total.unwrap_or(1_000_000_000);
            resp.headers_mut().insert(HeaderName::from_static("aw-totalitems"), HeaderValue::from(total));
        }
    }

    /// The answer this rule puts in the API's place (`None` when it does not answer).
    pub fn answer(&self) -> Option<Response> {
        Some(match self.kind {
            FaultKind::Latency | FaultKind::Total => return None,
            FaultKind::Huge => {
                let size = self.bytes.unwrap_or(20 << 20);
                const CHUNK: usize = 64 << 10;
                let chunks = futures_util::stream::iter((0..size.div_ceil(CHUNK)).map(move |i| {
                    let n = CHUNK.min(size - i * CHUNK);
                    let mut part = vec![b' '; n];
                    if i == 0 {
                        part[0] = b'[';
                    }
                    Ok::<Bytes, std::io::Error>(Bytes::from(part))
                }));
                ([(header::CONTENT_TYPE, "application/json")], Body::from_stream(chunks)).into_response()
            }
            FaultKind::Error => {
                let status =
                    StatusCode::from_u16(self.status.unwrap_or(500)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                let description = self.description.as_deref().unwrap_or("An unexpected error occurred on the server.");
                AworkError::server_error(status, description).into_response()
            }
            FaultKind::RateLimit => rate_limited(self.reset_seconds.unwrap_or(1)),
            FaultKind::Unauthorized => {
                AworkError::unauthorized("The user lacks the permission for this operation.").into_response()
            }
            FaultKind::Malformed => {
                ([(header::CONTENT_TYPE, "application/json")], "{\"id\": \"4f1c\", \"firstName\": \"Tru")
                    .into_response()
            }
            FaultKind::Drop => {
                // Die mid-body: a connection closed before any byte is silently retried by
                // browsers for GETs, which would hide the fault.
                let head =
                    futures_util::stream::once(async { Ok::<Bytes, std::io::Error>(Bytes::from_static(b"[{\"id\":")) });
                let cut = futures_util::stream::once(async {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Err::<Bytes, std::io::Error>(std::io::Error::other("connection dropped by fault rule"))
                });
                let body = Body::from_stream(futures_util::StreamExt::chain(head, cut));
                ([(header::CONTENT_TYPE, "application/json")], body).into_response()
            }
        })
    }
}

/// A 429 as another client's use of the workspace's quota would cause it.
fn rate_limited(reset_seconds: u64) -> Response {
    let mut resp =
        AworkError::too_many_requests("API calls quota exceeded: at most 50 requests per second.").into_response();
    let h = resp.headers_mut();
    for (name, value) in [
        ("ratelimit-limit", 1000),
        ("ratelimit-remaining", 0),
        ("ratelimit-reset", reset_seconds),
        ("x-ratelimit-limit-second", 50),
        ("x-ratelimit-remaining-second", 0),
        ("x-ratelimit-limit-minute", 1000),
        ("x-ratelimit-remaining-minute", 0),
    ] {
        h.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
    resp
}

/// Picks the faults for this request and counts them: every matching latency rule, and the first
/// matching rule that answers in place of the API (later ones wait for later requests).
pub fn take(rules: &mut [FaultRule], method: &Method, path: &str) -> Vec<FaultRule> {
    let mut hits = Vec::new();
    let mut answered = false;
    for rule in rules.iter_mut() {
        let answers = rule.answers();
        if !rule.matches(method, path) || (answers && answered) {
            continue;
        }
        rule.seen += 1;
        if rule.seen % rule.every.unwrap_or(1).max(1) != 0 {
            continue;
        }
        if let Some(t) = rule.times.as_mut() {
            *t -= 1;
        }
        answered |= answers;
        hits.push(rule.clone());
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(json: serde_json::Value) -> FaultRule {
        serde_json::from_value(json).unwrap()
    }

    #[test]
    fn rules_match_by_path_method_every_and_times() {
        let mut rules = vec![
            rule(serde_json::json!({"kind": "latency", "ms": 5})),
            rule(serde_json::json!({"kind": "error", "path": "/me", "exact": true, "every": 2, "times": 1})),
            rule(serde_json::json!({"kind": "drop", "path": "/me", "method": "GET"})),
        ];
        let kinds = |hits: Vec<FaultRule>| hits.into_iter().map(|r| r.kind).collect::<Vec<_>>();
        assert_eq!(kinds(take(&mut rules, &Method::GET, "/me")), [FaultKind::Latency, FaultKind::Drop]);
        assert_eq!(kinds(take(&mut rules, &Method::GET, "/me")), [FaultKind::Latency, FaultKind::Error]);
        assert_eq!(kinds(take(&mut rules, &Method::GET, "/me/permissions")), [FaultKind::Latency, FaultKind::Drop]);
        assert_eq!(kinds(take(&mut rules, &Method::POST, "/me")), [FaultKind::Latency]);
        assert_eq!(
            kinds(take(&mut rules, &Method::GET, "/me")),
            [FaultKind::Latency, FaultKind::Drop],
            "times ran out"
        );
    }
}
