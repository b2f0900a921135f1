//! The HTTP side: awork's routes under `/api/v1`, CORS, fault injection, the request log, the
//! `/__standin` control endpoints for tests, and the static server for a built `dist/`.

use crate::data::{make_id, new_user, Workspace, WORKSPACE_ID};
use crate::filter;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

/// What can go wrong on purpose. Each rule matches requests by method and path prefix (relative to
/// `/api/v1`, e.g. `/roles`), then applies to every `every`-th match (1 = all) until `times` runs out.
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
    /// For `latency`: the delay; for `rateLimit`: seconds in `ratelimit-reset`.
    #[serde(default)]
    pub ms: Option<u64>,
    #[serde(default)]
    pub reset_seconds: Option<u64>,
    /// For `error`: the status (default 500).
    #[serde(default)]
    pub status: Option<u16>,
    /// For `error`: the `description` in awork's error body.
    #[serde(default)]
    pub description: Option<String>,
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
}

/// One request as the stand-in received it, for tests to inspect.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    pub authorization: Option<String>,
    pub body: Option<Value>,
    pub status: u16,
}

/// What the static app server answers for `config.json`.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase", tag = "mode")]
pub enum AppConfig {
    /// `{"apiBaseUrl": "<this stand-in>/api/v1"}`.
    Generated,
    /// The file in `dist/` as built.
    FromDist,
    /// 404.
    Missing,
    /// These bytes, whatever they are.
    Raw { body: String },
}

/// awork's documented per-workspace limits: requests per second and per minute.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct RateLimit {
    pub per_second: usize,
    pub per_minute: usize,
}

impl Default for RateLimit {
    fn default() -> Self {
        RateLimit { per_second: 50, per_minute: 1000 }
    }
}

/// Sliding windows over the times of accepted requests.
#[derive(Debug, Default)]
pub struct Limiter {
    pub limit: Option<RateLimit>,
    accepted: std::collections::VecDeque<std::time::Instant>,
}

/// What the limiter decided: the headers to send, and whether to refuse with 429.
struct Verdict {
    refuse: bool,
    headers: Vec<(&'static str, u64)>,
}

impl Limiter {
    fn check(&mut self, now: std::time::Instant) -> Option<Verdict> {
        let limit = self.limit?;
        let minute = Duration::from_secs(60);
        while self.accepted.front().is_some_and(|t| now.duration_since(*t) >= minute) {
            self.accepted.pop_front();
        }
        let second = Duration::from_secs(1);
        let in_second = self.accepted.iter().rev().take_while(|t| now.duration_since(**t) < second).count();
        let in_minute = self.accepted.len();
        let refuse = in_second >= limit.per_second || in_minute >= limit.per_minute;
        if !refuse {
            self.accepted.push_back(now);
        }
        let (used_s, used_m) = (in_second + usize::from(!refuse), in_minute + usize::from(!refuse));
        // Seconds until a request would be accepted again (at least 1 when refused).
        let reset = if in_minute >= limit.per_minute {
            self.accepted.front().map(|t| minute.saturating_sub(now.duration_since(*t))).unwrap_or_default()
        } else if in_second >= limit.per_second {
            let oldest_in_second = self.accepted.iter().rev().nth(in_second - 1).copied().unwrap_or(now);
            second.saturating_sub(now.duration_since(oldest_in_second))
        } else {
            Duration::ZERO
        };
        let reset_secs =
            if refuse { reset.as_secs_f64().ceil().max(1.0) as u64 } else { reset.as_secs_f64().ceil() as u64 };
        Some(Verdict {
            refuse,
            headers: vec![
                ("ratelimit-limit", limit.per_minute as u64),
                ("ratelimit-remaining", limit.per_minute.saturating_sub(used_m) as u64),
                ("ratelimit-reset", reset_secs),
                ("x-ratelimit-limit-second", limit.per_second as u64),
                ("x-ratelimit-remaining-second", limit.per_second.saturating_sub(used_s) as u64),
                ("x-ratelimit-limit-minute", limit.per_minute as u64),
                ("x-ratelimit-remaining-minute", limit.per_minute.saturating_sub(used_m) as u64),
            ],
        })
    }
}

pub struct Inner {
    pub ws: Workspace,
    pub limiter: Limiter,
    pub faults: Vec<FaultRule>,
    pub requests: Vec<LoggedRequest>,
    pub app_config: AppConfig,
    pub big_role_members: usize,
    invitations: u64,
    /// Extra headers on every answer of the app server (a CSP, frame-ancestors), set by tests.
    pub app_headers: Vec<(String, String)>,
}

#[derive(Clone)]
pub struct Shared {
    inner: Arc<Mutex<Inner>>,
    pub api_base: Arc<Mutex<String>>,
}

impl Shared {
    pub fn new(big_role_members: usize, faults: Vec<FaultRule>) -> Shared {
        Shared {
            inner: Arc::new(Mutex::new(Inner {
                ws: Workspace::seed(big_role_members),
                limiter: Limiter::default(),
                faults,
                requests: Vec::new(),
                app_config: AppConfig::Generated,
                big_role_members,
                invitations: 0,
                app_headers: Vec::new(),
            })),
            api_base: Arc::new(Mutex::new(String::new())),
        }
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panicking handler must not take the whole stand-in down with a poisoned lock.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

const DOCS_LINK: &str = "https://developers.awork.com/api-reference/error-handling";
const MAX_LOGGED: usize = 50_000;

/// awork's error body.
pub fn error(status: StatusCode, code: &str, description: &str, validation: &[(&str, &str)]) -> Response {
    let validation_errors: Option<Vec<Value>> = if validation.is_empty() {
        None
    } else {
        Some(validation.iter().map(|(p, m)| json!({"property": p, "message": m})).collect())
    };
    let body = json!({
        "code": code,
        "description": description,
        "link": DOCS_LINK,
        "details": null,
        "validationErrors": validation_errors,
        "traceId": format!("{:032x}", description.len() as u128 * 7919 + status.as_u16() as u128),
    });
    (status, Json(body)).into_response()
}

fn unauthorized(description: &str) -> Response {
    error(StatusCode::UNAUTHORIZED, "unauthorized", description, &[])
}

fn not_found(what: &str) -> Response {
    error(StatusCode::NOT_FOUND, "not-found", &format!("No {what} with this id exists."), &[])
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(token.trim())
}

/// The caller's user id, or awork's 401.
fn authenticate(ws: &Workspace, headers: &HeaderMap) -> Result<String, Response> {
    let token = bearer(headers).ok_or_else(|| unauthorized("No access token was sent."))?;
    if ws.token_expiry.get(token).is_some_and(|t| *t <= std::time::Instant::now()) {
        return Err(unauthorized("The access token has expired."));
    }
    ws.tokens.get(token).cloned().ok_or_else(|| unauthorized("The access token is invalid or has expired."))
}

fn require_admin(ws: &Workspace, user_id: &str) -> Result<(), Response> {
    if ws.is_admin(user_id) {
        Ok(())
    } else {
        Err(unauthorized("The user is not an admin and lacks the permission workspace-manage-config:read."))
    }
}

macro_rules! try_resp {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

type Params = Query<HashMap<String, String>>;

fn param<'a>(q: &'a HashMap<String, String>, name: &str) -> Option<&'a str> {
    q.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn flag(q: &HashMap<String, String>, name: &str) -> bool {
    param(q, name).is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

fn invalid_filter(e: filter::SyntaxError) -> Response {
    error(
        StatusCode::BAD_REQUEST,
        "invalid-filter-or-order",
        &format!("The filter or order expression is invalid: {}", e.0),
        &[],
    )
}

/// `page` and `pageSize` as awork reads them: page from 1 (default 1), size default 10, capped at
/// 1000; anything else is a 400.
fn page_bounds(q: &HashMap<String, String>) -> Result<(usize, usize), Response> {
    let number = |name: &str, default: usize| -> Result<usize, Response> {
        match param(q, name) {
            None | Some("") => Ok(default),
            Some(v) => v.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| {
                let msg = format!("{name} must be a whole number from 1.");
                error(StatusCode::BAD_REQUEST, "validation-failed", &msg, &[(name, msg.as_str())])
            }),
        }
    };
    Ok((number("page", 1)?, number("pageSize", 10)?.min(1000)))
}

/// The `start..end` of `page` in a list of `total`.
fn page_range(page: usize, size: usize, total: usize) -> std::ops::Range<usize> {
    let start = (page - 1).saturating_mul(size).min(total);
    start..(start + size).min(total)
}

/// One page as JSON with `aw-page`, `aw-pagesize`, `aw-items`, `aw-totalitems`.
fn page_response(slice: &[Value], page: usize, size: usize, total: usize) -> Response {
    let mut resp = Json(slice).into_response();
    let h = resp.headers_mut();
    for (name, value) in [("aw-page", page), ("aw-pagesize", size), ("aw-items", slice.len()), ("aw-totalitems", total)]
    {
        h.insert(HeaderName::from_static(name), HeaderValue::from(value));
    }
    resp
}

/// Filters, orders and pages a list as awork documents.
pub fn paged(mut items: Vec<Value>, q: &HashMap<String, String>) -> Response {
    let (page, size) = try_resp!(page_bounds(q));
    if let Some(f) = param(q, "filterby").filter(|f| !f.trim().is_empty()) {
        match filter::parse_filter(f) {
            Ok(expr) => items.retain(|i| filter::matches(&expr, i)),
            Err(e) => return invalid_filter(e),
        }
    }
    if let Some(o) = param(q, "orderby").filter(|o| !o.trim().is_empty()) {
        match filter::parse_order(o) {
            Ok(keys) => filter::sort(&mut items, &keys),
            Err(e) => return invalid_filter(e),
        }
    }
    let range = page_range(page, size, items.len());
    page_response(&items[range], page, size, items.len())
}

/// [`paged`] for typed items: without `filterby`/`orderby` only the requested page is turned into
/// JSON, which keeps 1000-item pages of a 10,000-user workspace fast.
pub fn paged_items<T: Serialize>(items: Vec<&T>, q: &HashMap<String, String>) -> Response {
    let to_json = |t: &&T| serde_json::to_value(t).unwrap_or(Value::Null);
    if ["filterby", "orderby"].iter().any(|k| param(q, k).is_some_and(|v| !v.trim().is_empty())) {
        return paged(items.iter().map(to_json).collect(), q);
    }
    let (page, size) = try_resp!(page_bounds(q));
    let range = page_range(page, size, items.len());
    let slice: Vec<Value> = items[range].iter().map(to_json).collect();
    page_response(&slice, page, size, items.len())
}

async fn me(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let inner = s.lock();
    let user = try_resp!(authenticate(&inner.ws, &headers));
    Json(inner.ws.me_json(&user)).into_response()
}

async fn me_permissions(State(s): State<Shared>, headers: HeaderMap) -> Response {
    let inner = s.lock();
    let user = try_resp!(authenticate(&inner.ws, &headers));
    let admin = inner.ws.is_admin(&user);
    let role = inner.ws.role_of.get(&user).and_then(|r| inner.ws.role(r));
    let permissions = if admin {
        json!([
            {"feature": "workspace-manage-config", "accessLevels": ["read", "manage"]},
            {"feature": "user-master-data", "accessLevels": ["read", "manage"]},
            {"feature": "project-planning", "accessLevels": ["read", "manage"]}
        ])
    } else {
        json!([{"feature": "project-planning", "accessLevels": ["read"]}])
    };
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
    .into_response()
}

async fn users(State(s): State<Shared>, headers: HeaderMap, Query(q): Params) -> Response {
    let inner = s.lock();
    let caller = try_resp!(authenticate(&inner.ws, &headers));
    let show_archived = flag(&q, "showArchived");
    // Without user-master-data:read (only admins have it here) awork returns just the caller.
    let everyone = inner.ws.is_admin(&caller);
    let items: Vec<_> =
        inner.ws.users.iter().filter(|u| (everyone || u.id == caller) && (show_archived || !u.is_archived)).collect();
    paged_items(items, &q)
}

async fn user_by_id(State(s): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let inner = s.lock();
    let caller = try_resp!(authenticate(&inner.ws, &headers));
    match inner.ws.user(&id) {
        Some(u) if inner.ws.is_admin(&caller) || u.id == caller => Json(u).into_response(),
        _ => not_found("user"),
    }
}

async fn roles(State(s): State<Shared>, headers: HeaderMap, Query(q): Params) -> Response {
    let inner = s.lock();
    let caller = try_resp!(authenticate(&inner.ws, &headers));
    try_resp!(require_admin(&inner.ws, &caller));
    let show_archived = flag(&q, "showArchived");
    let list: Vec<_> = inner.ws.roles.iter().filter(|r| show_archived || !r.is_archived).collect();
    Json(list).into_response()
}

async fn role_by_id(State(s): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let inner = s.lock();
    let caller = try_resp!(authenticate(&inner.ws, &headers));
    try_resp!(require_admin(&inner.ws, &caller));
    match inner.ws.role(&id) {
        Some(r) => Json(r).into_response(),
        None => not_found("role"),
    }
}

/// `UserInRole`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct UserInRole<'a> {
    user_id: &'a str,
    role_id: &'a str,
    is_deactivated: bool,
}

async fn role_users(State(s): State<Shared>, headers: HeaderMap, Path(id): Path<String>, Query(q): Params) -> Response {
    let inner = s.lock();
    let caller = try_resp!(authenticate(&inner.ws, &headers));
    try_resp!(require_admin(&inner.ws, &caller));
    let Some(role) = inner.ws.role(&id) else {
        return not_found("role");
    };
    let show_archived = flag(&q, "showArchived");
    let items: Vec<UserInRole> = inner
        .ws
        .users
        .iter()
        .filter(|u| inner.ws.role_of.get(&u.id) == Some(&role.id) && (show_archived || !u.is_archived))
        .map(|u| UserInRole { user_id: &u.id, role_id: &role.id, is_deactivated: u.is_deactivated })
        .collect();
    paged_items(items.iter().collect(), &q)
}

async fn teams(State(s): State<Shared>, headers: HeaderMap, Query(q): Params) -> Response {
    let inner = s.lock();
    try_resp!(authenticate(&inner.ws, &headers));
    let include = flag(&q, "includeUserIds");
    let items = inner.ws.teams.iter().map(|t| inner.ws.team_json(t, include)).collect();
    paged(items, &q)
}

fn task_list(inner: &Inner) -> Vec<Value> {
    inner.ws.tasks.iter().map(|t| inner.ws.task_json(t)).collect()
}

async fn all_available_tasks(State(s): State<Shared>, headers: HeaderMap, Query(q): Params) -> Response {
    let inner = s.lock();
    try_resp!(authenticate(&inner.ws, &headers));
    paged(task_list(&inner), &q)
}

async fn task_by_id(State(s): State<Shared>, headers: HeaderMap, Path(id): Path<String>) -> Response {
    let inner = s.lock();
    try_resp!(authenticate(&inner.ws, &headers));
    match inner.ws.tasks.iter().find(|t| t.id.eq_ignore_ascii_case(&id)) {
        Some(t) => Json(inner.ws.task_json(t)).into_response(),
        None => not_found("task"),
    }
}

async fn task_by_key(State(s): State<Shared>, headers: HeaderMap, Path(key): Path<String>) -> Response {
    let inner = s.lock();
    try_resp!(authenticate(&inner.ws, &headers));
    match inner.ws.task_by_key(&key) {
        Some(t) => Json(inner.ws.task_json(t)).into_response(),
        None => error(StatusCode::NOT_FOUND, "not-found", &format!("No task with the key '{key}' exists."), &[]),
    }
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

fn text<'a>(body: &'a Value, field: &str) -> Option<&'a str> {
    body.get(field).and_then(Value::as_str).filter(|s| !s.trim().is_empty())
}

fn bad_body() -> Response {
    error(StatusCode::BAD_REQUEST, "invalid-model", "The request body is not valid JSON.", &[])
}

fn validation_failed(errors: &[(&str, &str)]) -> Response {
    error(StatusCode::BAD_REQUEST, "validation-failed", "The model is invalid.", errors)
}

async fn invitations(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let mut inner = s.lock();
    let caller = try_resp!(authenticate(&inner.ws, &headers));
    try_resp!(require_admin(&inner.ws, &caller));
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return bad_body();
    };
    let mut errors: Vec<(&str, &str)> = Vec::new();
    let email = text(&body, "email");
    match email {
        None => errors.push(("Email", "Email is required.")),
        Some(e) if !looks_like_email(e) => errors.push(("Email", "Email is not a valid email address.")),
        _ => {}
    }
    if text(&body, "workspaceId").is_none_or(|w| !w.eq_ignore_ascii_case(WORKSPACE_ID)) {
        errors.push(("WorkspaceId", "WorkspaceId must be the id of this workspace."));
    }
    if text(&body, "invitationFlow").is_some_and(|f| f != "invite") {
        errors.push(("InvitationFlow", "InvitationFlow must be 'invite'."));
    }
    let role_id = text(&body, "roleId").map(str::to_string);
    let role_ok = role_id.as_deref().is_none_or(|r| inner.ws.role(r).is_some_and(|r| !r.is_archived));
    if !role_ok {
        errors.push(("RoleId", "The role does not exist."));
    }
    if text(&body, "gender").is_some_and(|g| !["male", "female", "other"].contains(&g)) {
        errors.push(("Gender", "Gender must be male, female or other."));
    }
    let team_ids: Vec<String> = body
        .get("teamIds")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    let teams = inner.ws.team_refs(&team_ids);
    if teams.is_err() {
        errors.push(("TeamIds", "A team does not exist."));
    }
    if !errors.is_empty() {
        return validation_failed(&errors);
    }
    let email = email.unwrap_or_default();
    if inner.ws.user_by_email(email).is_some() {
        return error(
            StatusCode::BAD_REQUEST,
            "already-exist-error",
            "A user with this email already exists in the workspace.",
            &[],
        );
    }
    let n = inner.ws.next_user_number();
    let mut user = new_user(n, text(&body, "firstName"), text(&body, "lastName"), email);
    user.title = text(&body, "title").map(str::to_string);
    user.position = text(&body, "position").map(str::to_string);
    user.gender = text(&body, "gender").map(str::to_string);
    user.teams = teams.unwrap_or_default();
    user.status.invitation_accepted = false;
    let user_id = user.id.clone();
    let role_id = role_id.unwrap_or_else(|| make_id(0xb2, 2));
    let role_id = inner.ws.role(&role_id).map(|r| r.id.clone()).unwrap_or(role_id);
    inner.ws.insert_user(user, &role_id);
    inner.invitations += 1;
    let code = format!("inv-{:06}-{:08x}", inner.invitations, n.wrapping_mul(2_654_435_761) as u32);
    Json(json!({
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
    }))
    .into_response()
}

async fn assign_by_email(State(s): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let mut inner = s.lock();
    try_resp!(authenticate(&inner.ws, &headers));
    let Ok(body) = serde_json::from_slice::<Value>(&body) else {
        return bad_body();
    };
    let mut errors: Vec<(&str, &str)> = Vec::new();
    let email = text(&body, "email");
    match email {
        None => errors.push(("Email", "Email is required.")),
        Some(e) if !looks_like_email(e) => errors.push(("Email", "Email is not a valid email address.")),
        _ => {}
    }
    let role_id = text(&body, "roleId");
    match role_id {
        None => errors.push(("RoleId", "RoleId is required.")),
        Some(r) if inner.ws.role(r).is_none_or(|r| r.is_archived) => {
            errors.push(("RoleId", "The role does not exist."))
        }
        _ => {}
    }
    if text(&body, "gender").is_some_and(|g| !["male", "female", "other"].contains(&g)) {
        errors.push(("Gender", "Gender must be male, female or other."));
    }
    let task_id = text(&body, "taskId");
    if task_id.is_none() {
        errors.push(("TaskId", "TaskId is required."));
    }
    if !errors.is_empty() {
        return validation_failed(&errors);
    }
    let task_id = task_id.unwrap_or_default();
    if !inner.ws.tasks.iter().any(|t| t.id.eq_ignore_ascii_case(task_id)) {
        return not_found("task");
    }
    let email = email.unwrap_or_default();
    if inner.ws.user_by_email(email).is_none() {
        let n = inner.ws.next_user_number();
        let mut user = new_user(n, text(&body, "firstName"), text(&body, "lastName"), email);
        user.gender = text(&body, "gender").map(str::to_string);
        user.status.invitation_accepted = false;
        let role = inner.ws.role(role_id.unwrap_or_default()).map(|r| r.id.clone()).unwrap_or_default();
        inner.ws.insert_user(user, &role);
    }
    Json(json!({})).into_response()
}

fn rate_limited(reset_seconds: u64) -> Response {
    let mut resp = error(
        StatusCode::TOO_MANY_REQUESTS,
        "too-many-requests",
        "API calls quota exceeded: at most 50 requests per second.",
        &[],
    );
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
fn take_fault(inner: &mut Inner, method: &Method, path: &str) -> Vec<FaultRule> {
    let mut hits = Vec::new();
    let mut answered = false;
    for rule in inner.faults.iter_mut() {
        let method_ok = rule.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method.as_str()));
        let path_ok = rule.path.as_deref().is_none_or(|p| if rule.exact { path == p } else { path.starts_with(p) });
        let answers = rule.kind != FaultKind::Latency;
        if !(method_ok && path_ok) || rule.times == Some(0) || (answers && answered) {
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

/// Logs every API request and applies fault rules. Preflights pass untouched.
async fn observe(State(s): State<Shared>, req: Request, next: Next) -> Response {
    if req.method() == Method::OPTIONS {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 10 * 1024 * 1024).await.unwrap_or_default();
    let path = parts.uri.path().strip_prefix("/api/v1").unwrap_or(parts.uri.path()).to_string();
    let logged = LoggedRequest {
        method: parts.method.to_string(),
        path: path.clone(),
        query: parts.uri.query().unwrap_or("").to_string(),
        authorization: parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).map(str::to_string),
        body: logged_body(&parts.headers, &bytes),
        status: 0,
    };
    let (verdict, faults) = {
        let mut inner = s.lock();
        (inner.limiter.check(std::time::Instant::now()), take_fault(&mut inner, &parts.method, &path))
    };
    let mut answer: Option<Response> = None;
    let refused = verdict.as_ref().is_some_and(|v| v.refuse);
    let faults = if refused {
        answer = Some(error(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-requests",
            "API calls quota exceeded for this workspace.",
            &[],
        ));
        vec![]
    } else {
        faults
    };
    for f in faults {
        match f.kind {
            FaultKind::Latency => tokio::time::sleep(Duration::from_millis(f.ms.unwrap_or(3000))).await,
            FaultKind::Error => {
                let status = StatusCode::from_u16(f.status.unwrap_or(500)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                answer.get_or_insert_with(|| {
                    let description = f.description.as_deref().unwrap_or("An unexpected error occurred on the server.");
                    error(status, "server-error", description, &[])
                });
            }
            FaultKind::RateLimit => {
                answer.get_or_insert_with(|| rate_limited(f.reset_seconds.unwrap_or(1)));
            }
            FaultKind::Unauthorized => {
                answer.get_or_insert_with(|| unauthorized("The user lacks the permission for this operation."));
            }
            FaultKind::Malformed => {
                answer.get_or_insert_with(|| {
                    ([(header::CONTENT_TYPE, "application/json")], "{\"id\": \"4f1c\", \"firstName\": \"Tru")
                        .into_response()
                });
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
                answer.get_or_insert_with(|| ([(header::CONTENT_TYPE, "application/json")], body).into_response());
            }
        }
    }
    let mut resp = match answer {
        Some(r) => r,
        None => next.run(Request::from_parts(parts, Body::from(bytes))).await,
    };
    if let Some(v) = verdict {
        for (name, value) in v.headers {
            resp.headers_mut().insert(HeaderName::from_static(name), HeaderValue::from(value));
        }
    }
    let mut inner = s.lock();
    if inner.requests.len() < MAX_LOGGED {
        inner.requests.push(LoggedRequest { status: resp.status().as_u16(), ..logged });
    }
    resp
}

/// `GET /files/images/{entityName}/{entityId}`: no token needed, as awork documents.
async fn image(State(s): State<Shared>, Path((entity, id)): Path<(String, String)>) -> Response {
    let inner = s.lock();
    let user = inner.ws.user(&id).filter(|u| entity.eq_ignore_ascii_case("users") && u.has_image);
    let Some(user) = user else {
        return not_found("image");
    };
    let h = user.id.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    let fg = [(h >> 16) as u8 | 0x40, (h >> 8) as u8 | 0x40, h as u8 | 0x40];
    let png = crate::png::disc(64, fg, [0xec, 0xeb, 0xff]);
    ([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "max-age=3600")], png).into_response()
}

async fn control_reset(State(s): State<Shared>) -> Response {
    let mut inner = s.lock();
    inner.ws = Workspace::seed(inner.big_role_members);
    let limit = inner.limiter.limit;
    inner.limiter = Limiter { limit, ..Limiter::default() };
    inner.faults.clear();
    inner.requests.clear();
    inner.app_config = AppConfig::Generated;
    inner.invitations = 0;
    inner.app_headers.clear();
    StatusCode::NO_CONTENT.into_response()
}

async fn control_set_faults(State(s): State<Shared>, Json(rules): Json<Vec<FaultRule>>) -> Response {
    s.lock().faults = rules;
    StatusCode::NO_CONTENT.into_response()
}

async fn control_requests(State(s): State<Shared>) -> Response {
    Json(s.lock().requests.clone()).into_response()
}

async fn control_clear_requests(State(s): State<Shared>) -> Response {
    s.lock().requests.clear();
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct TokenBody {
    token: String,
}

/// Kills an access token (demo or OAuth) or an OAuth refresh token.
async fn control_revoke(State(s): State<Shared>, Json(b): Json<TokenBody>) -> Response {
    let mut inner = s.lock();
    inner.ws.tokens.remove(&b.token);
    inner.ws.oauth.revoke(&b.token);
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /__standin/rate-limit`: `{"perSecond": 50, "perMinute": 1000}`, or `null` for none.
async fn control_rate_limit(State(s): State<Shared>, Json(limit): Json<Option<RateLimit>>) -> Response {
    let mut inner = s.lock();
    inner.limiter = Limiter { limit, ..Limiter::default() };
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
struct PayloadBody {
    payload: String,
}

/// `POST /__standin/seed-payloads {"payload": "<img src=x onerror=…>"}`: see
/// [`Workspace::seed_payloads`]; undone by a reset.
async fn control_seed_payloads(State(s): State<Shared>, Json(b): Json<PayloadBody>) -> Response {
    s.lock().ws.seed_payloads(&b.payload);
    StatusCode::NO_CONTENT.into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OAuthSettings {
    access_ttl_seconds: u64,
    reported_ttl_seconds: Option<u64>,
}

/// `POST /__standin/oauth`: how long new access tokens live, and what `expires_in` claims.
async fn control_oauth(State(s): State<Shared>, Json(o): Json<OAuthSettings>) -> Response {
    let oauth = &mut s.lock().ws.oauth;
    oauth.access_ttl = Duration::from_secs(o.access_ttl_seconds);
    oauth.reported_ttl = o.reported_ttl_seconds;
    StatusCode::NO_CONTENT.into_response()
}

/// `POST /__standin/app-headers`: `{"Content-Security-Policy": "…"}`, added to every answer of the
/// app server until the next reset.
async fn control_app_headers(State(s): State<Shared>, Json(h): Json<HashMap<String, String>>) -> Response {
    let mut headers: Vec<(String, String)> = h.into_iter().collect();
    if headers.iter().any(|(k, v)| HeaderName::try_from(k).is_err() || HeaderValue::try_from(v).is_err()) {
        return StatusCode::BAD_REQUEST.into_response();
    }
    headers.sort();
    s.lock().app_headers = headers;
    StatusCode::NO_CONTENT.into_response()
}

async fn control_app_config(State(s): State<Shared>, Json(c): Json<AppConfig>) -> Response {
    s.lock().app_config = c;
    StatusCode::NO_CONTENT.into_response()
}

fn cors() -> CorsLayer {
    let expose: Vec<HeaderName> = [
        "aw-page",
        "aw-pagesize",
        "aw-items",
        "aw-totalitems",
        "ratelimit-limit",
        "ratelimit-remaining",
        "ratelimit-reset",
        "x-ratelimit-limit-second",
        "x-ratelimit-remaining-second",
        "x-ratelimit-limit-minute",
        "x-ratelimit-remaining-minute",
        "retry-after",
    ]
    .into_iter()
    .map(HeaderName::from_static)
    .collect();
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods(AllowMethods::mirror_request())
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(expose)
        .max_age(Duration::from_secs(600))
}

/// awork's operations, relative to `/api/v1`.
fn awork_api(state: Shared) -> Router<Shared> {
    Router::new()
        .route("/me", get(me))
        .route("/users/me", get(me))
        .route("/me/permissions", get(me_permissions))
        .route("/me/allavailabletasks", get(all_available_tasks))
        .route("/users", get(users))
        .route("/users/{userId}", get(user_by_id))
        .route("/roles", get(roles))
        .route("/roles/{roleId}", get(role_by_id))
        .route("/roles/{roleId}/users", get(role_users))
        .route("/teams", get(teams))
        .route("/invitations", post(invitations))
        .route("/tasks/assignuserbyemail", post(assign_by_email))
        .route("/tasks/{taskId}", get(task_by_id))
        .route("/tasks/key/{taskIdentifier}", get(task_by_key))
        .route("/files/images/{entityName}/{entityId}", get(image))
        .route("/accounts/authorize", get(crate::oauth::authorize))
        .route("/accounts/decide", get(crate::oauth::decide))
        .route("/accounts/token", post(crate::oauth::token))
        .fallback(|| async {
            error(StatusCode::NOT_FOUND, "not-found", "There is no matching path for this URL.", &[])
        })
        .layer(middleware::from_fn_with_state(state, observe))
}

/// The awork API (under `/api/v1`) and the control endpoints (under `/__standin`).
pub fn api_router(state: Shared) -> Router {
    let api = awork_api(state.clone());
    let control = Router::new()
        .route("/reset", post(control_reset))
        .route("/faults", post(control_set_faults))
        .route("/requests", get(control_requests).delete(control_clear_requests))
        .route("/revoke", post(control_revoke))
        .route("/app-config", post(control_app_config))
        .route("/rate-limit", post(control_rate_limit))
        .route("/oauth", post(control_oauth))
        .route("/seed-payloads", post(control_seed_payloads))
        .route("/app-headers", post(control_app_headers))
        .route("/intruder.html", get(|| async { Html(INTRUDER_PAGE) }));
    Router::new().nest("/api/v1", api).nest("/__standin", control).layer(cors()).with_state(state)
}

async fn app_config(State(s): State<Shared>, dist: PathBuf) -> Response {
    let mode = s.lock().app_config.clone();
    let json_type = [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")];
    match mode {
        AppConfig::Generated => {
            let base = s.api_base.lock().map(|b| b.clone()).unwrap_or_default();
            let config = json!({"apiBaseUrl": format!("{base}/api/v1"), "oauthClientId": crate::oauth::CLIENT_ID});
            (json_type, config.to_string()).into_response()
        }
        AppConfig::FromDist => match tokio::fs::read(dist.join("config.json")).await {
            Ok(bytes) => (json_type, bytes).into_response(),
            Err(_) => StatusCode::NOT_FOUND.into_response(),
        },
        AppConfig::Missing => StatusCode::NOT_FOUND.into_response(),
        AppConfig::Raw { body } => (json_type, body).into_response(),
    }
}

/// The same-origin path to the API on the app server, as the README's reverse proxy sets it up.
pub const PROXY_PATH: &str = "/awork-api/v1";

/// Adds the headers a test asked for (see [`control_app_headers`]).
async fn app_headers(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let headers = s.lock().app_headers.clone();
    for (k, v) in headers {
        if let (Ok(k), Ok(v)) = (HeaderName::try_from(k), HeaderValue::try_from(v)) {
            resp.headers_mut().insert(k, v);
        }
    }
    resp
}

/// A plain static file server for `dist/` under `sub_path` (e.g. `/portal/awork-admin/`): no
/// fallback to index.html, as many portals serve files. `config.json` comes from the stand-in
/// (see [`AppConfig`]) so the app talks to this stand-in. The API is also reachable on this origin
/// under [`PROXY_PATH`], like a same-origin reverse proxy.
pub fn app_router(state: Shared, dist: PathBuf, sub_path: &str) -> Router {
    let base = format!("/{}", sub_path.trim_matches('/'));
    let config_path = format!("{}/config.json", base.trim_end_matches('/'));
    let d = dist.clone();
    let redirect_to = format!("{}/", base.trim_end_matches('/'));
    let mut router = Router::new()
        .route(&config_path, get(move |st| app_config(st, d.clone())))
        .nest(PROXY_PATH, awork_api(state.clone()));
    if base == "/" {
        router = router.fallback_service(ServeDir::new(dist));
    } else {
        router = router
            .nest_service(&base, ServeDir::new(dist))
            .route("/", get(move || async move { axum::response::Redirect::to(&redirect_to) }));
    }
    router.layer(middleware::from_fn_with_state(state.clone(), app_headers)).with_state(state)
}

/// A page on another origin that tests use to post messages into the app's frame.
const INTRUDER_PAGE: &str = "<!DOCTYPE html><title>another origin</title><p>Another origin.</p>";

/// A test portal (served on its own port by `--portal-addr`): `/portal.html?app=<url>` embeds the
/// app in an 800 px iframe, can post it a token the way the README shows portal developers, and
/// embeds `?other=<url>` as a second frame from another origin.
pub fn portal_router() -> Router {
    Router::new().route("/portal.html", get(|| async { Html(PORTAL_PAGE) }))
}

const PORTAL_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test portal</title>
<style>body{margin:0;font:14px sans-serif} iframe{border:0;display:block}
header{padding:8px;background:#eee}</style></head>
<body><header><h1>Test portal</h1>
<label>Token for the app <input id="token" autocomplete="off"></label>
<button id="send" type="button">Send token</button> <output id="status">waiting for the app</output></header>
<iframe id="app" name="app" title="awork admin" width="800" height="640"></iframe>
<iframe id="other" title="another origin" width="300" height="40"></iframe>
<script>
const params = new URLSearchParams(location.search);
const app = document.getElementById('app');
const appOrigin = new URL(params.get('app')).origin;
app.src = params.get('app');
if (params.get('other')) document.getElementById('other').src = params.get('other');
addEventListener('message', (e) => {
  if (e.origin === appOrigin && e.data && e.data.type === 'awork-admin:ready') {
    document.getElementById('status').textContent = 'app ready';
  }
});
document.getElementById('send').addEventListener('click', () => {
  const token = document.getElementById('token').value;
  app.contentWindow.postMessage({ type: 'awork-admin:token', token }, appOrigin);
});
</script></body></html>
"#;
