//! What happens to every API request before and after awork's handlers, as awork's gateway and
//! the tests need it: the rate limiter, fault rules, and the request log.

use crate::error::AworkError;
use crate::state::{LoggedRequest, Shared};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;
use std::time::{Duration, Instant};

/// At most this many requests are kept in the log.
const MAX_LOGGED: usize = 50_000;
/// Bodies larger than this are not read (awork's own bodies here are tiny).
const MAX_BODY: usize = 1 << 20;

/// A JSON body as it is; a form body (the OAuth token endpoint) as an object of its fields.
fn logged_body(headers: &HeaderMap, bytes: &[u8]) -> Option<Value> {
    if bytes.is_empty() {
        return None;
    }
    let form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if form {
        let fields: serde_json::Map<String, Value> =
            form_urlencoded::parse(bytes).map(|(k, v)| (k.into_owned(), Value::String(v.into_owned()))).collect();
        return Some(Value::Object(fields));
    }
    serde_json::from_slice(bytes).ok()
}

/// Logs the request, counts it against the rate limit, applies the fault rules that match, and
/// puts the rate-limit headers on whatever answers.
pub async fn observe(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return AworkError::invalid_model().into_response();
    };
    let path = parts.uri.path().strip_prefix("/api/v1").unwrap_or(parts.uri.path()).to_string();
    let logged = LoggedRequest {
        method: parts.method.to_string(),
        path: path.clone(),
        query: parts.uri.query().unwrap_or("").to_string(),
        host: parts.headers.get(header::HOST).and_then(|v| v.to_str().ok()).map(str::to_string),
        authorization: parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::to_string),
        body: logged_body(&parts.headers, &bytes),
        status: 0,
        ms: s.started.elapsed().as_millis() as u64,
    };
    let (verdict, faults, log_epoch) = {
        let mut inner = s.lock();
        let verdict = inner.limiter.check(Instant::now());
        let faults = crate::faults::take(&mut inner.faults, &parts.method, &path);
        (verdict, faults, inner.log_epoch)
    };
    let mut answer = None;
    if verdict.as_ref().is_some_and(|v| v.refuse) {
        answer = Some(AworkError::too_many_requests("API calls quota exceeded for this workspace.").into_response());
    } else {
        for f in &faults {
            if f.kind == crate::faults::FaultKind::Latency {
                tokio::time::sleep(Duration::from_millis(f.ms.unwrap_or(3000))).await;
            }
            if answer.is_none() {
                answer = f.answer();
            }
        }
    }
    let mut resp = match answer {
        Some(r) => r,
        None => {
            let mut resp = next.run(Request::from_parts(parts, Body::from(bytes))).await;
            faults.iter().for_each(|f| f.amend(&mut resp));
            resp
        }
    };
    if let Some(v) = verdict {
        for (name, value) in v.headers {
            resp.headers_mut().insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
    }
    let mut inner = s.lock();
    if inner.requests.len() < MAX_LOGGED && inner.log_epoch == log_epoch {
        inner.requests.push(LoggedRequest { status: resp.status().as_u16(), ..logged });
    }
    resp
}
