//! Contract tests: every answer of the stand-in that awork-admin relies on validates against the
//! schema that awork's own OpenAPI spec (`spec/openapi-subset.json`) gives for that operation and
//! status. The spec is OpenAPI 3.0; its schemas are turned into JSON Schema draft 7 (`nullable`
//! becomes a `null` type) and checked with the `jsonschema` crate.

use awork_standin::data::{ADMIN_TOKEN, MEMBER_TOKEN, VIEWER_TOKEN};
use awork_standin::{api_router, Shared};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{json, Value};
use tower::ServiceExt;

fn spec() -> Value {
    serde_json::from_str(include_str!("../spec/openapi-subset.json")).expect("the spec is JSON")
}

/// OpenAPI 3.0 `nullable: true` → JSON Schema `type: [t, "null"]`, recursively.
fn to_json_schema(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, val) in map {
                out.insert(k.clone(), to_json_schema(val));
            }
            if out.get("nullable") == Some(&Value::Bool(true)) {
                out.remove("nullable");
                if let Some(Value::String(t)) = out.get("type").cloned() {
                    out.insert("type".into(), json!([t, "null"]));
                } else if let Some(Value::Array(options)) = out.get_mut("enum") {
                    options.push(Value::Null);
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(to_json_schema).collect()),
        other => other.clone(),
    }
}

/// The response schema of `method path` for `status`, with the spec's components beside it so
/// that `$ref`s resolve. Error statuses the spec does not list use awork's `ErrorResponse`.
fn response_schema(spec: &Value, method: &str, path: &str, status: u16) -> Value {
    let op = &spec["paths"][path][method];
    assert!(op.is_object(), "the spec has no {method} {path}");
    let listed = &op["responses"][status.to_string()];
    let schema = if listed.is_object() {
        listed["content"]["application/json"]["schema"].clone()
    } else {
        assert!(status >= 400, "{method} {path} answered {status}, which the spec does not list");
        json!({"$ref": "#/components/schemas/ErrorResponse"})
    };
    let mut root = to_json_schema(&schema);
    if let Value::Object(m) = &mut root {
        m.insert("components".into(), to_json_schema(&spec["components"]));
    }
    root
}

struct Answer {
    status: u16,
    headers: axum::http::HeaderMap,
    body: Value,
}

async fn call(state: &Shared, method: &str, uri: &str, token: Option<&str>, body: Option<Value>) -> Answer {
    let mut req = Request::builder().method(method.to_ascii_uppercase().as_str()).uri(format!("/api/v1{uri}"));
    if let Some(t) = token {
        req = req.header("Authorization", format!("Bearer {t}"));
    }
    let req = match body {
        Some(b) => req.header("Content-Type", "application/json").body(Body::from(b.to_string())),
        None => req.body(Body::empty()),
    }
    .unwrap();
    let resp = api_router(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap() };
    Answer { status, headers, body }
}

/// Calls the stand-in and checks the answer against the spec; returns it for further checks.
async fn check(
    state: &Shared,
    spec: &Value,
    (method, spec_path): (&str, &str),
    uri: &str,
    token: Option<&str>,
    body: Option<Value>,
    want: u16,
) -> Answer {
    let answer = call(state, method, uri, token, body).await;
    assert_eq!(answer.status, want, "{method} {uri}: {}", answer.body);
    if want < 400 && spec["paths"][spec_path][method]["responses"][want.to_string()]["content"].is_null() {
        assert!(
            spec["paths"][spec_path][method]["responses"][want.to_string()].is_object(),
            "{method} {uri}: {want} is not documented"
        );
        return answer; // documented without a body
    }
    let schema = response_schema(spec, method, spec_path, answer.status);
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .should_validate_formats(true)
        .build(&schema)
        .expect("the spec's schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&answer.body).map(|e| format!("{} at {}", e, e.instance_path())).take(10).collect();
    assert!(errors.is_empty(), "{method} {uri} does not match the spec:\n{}", errors.join("\n"));
    answer
}

fn total(a: &Answer) -> usize {
    a.headers["aw-totalitems"].to_str().unwrap().parse().unwrap()
}

const ADMIN: Option<&str> = Some(ADMIN_TOKEN);
const MEMBER: Option<&str> = Some(MEMBER_TOKEN);
const VIEWER: Option<&str> = Some(VIEWER_TOKEN);

#[tokio::test]
async fn reads_match_the_spec() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let me = check(&s, &spec, ("get", "/me"), "/me", ADMIN, None, 200).await;
    assert_eq!(me.body["workspace"]["name"], "Acme Creative");
    check(&s, &spec, ("get", "/users/me"), "/users/me", ADMIN, None, 200).await;
    check(&s, &spec, ("get", "/me/permissions"), "/me/permissions", ADMIN, None, 200).await;
    check(&s, &spec, ("get", "/me/permissions"), "/me/permissions", MEMBER, None, 200).await;
    let users = check(&s, &spec, ("get", "/users"), "/users?pageSize=1000&showArchived=true", ADMIN, None, 200).await;
    let uid = users.body[3]["id"].as_str().unwrap().to_string();
    assert!(users.body.as_array().unwrap().iter().all(|u| u.get("email").is_none()), "users carry no email field");
    check(&s, &spec, ("get", "/users/{userId}"), &format!("/users/{uid}"), ADMIN, None, 200).await;
    let roles = check(&s, &spec, ("get", "/roles"), "/roles?showArchived=true", ADMIN, None, 200).await;
    let rid = roles.body[1]["id"].as_str().unwrap().to_string();
    check(&s, &spec, ("get", "/roles/{roleId}"), &format!("/roles/{rid}"), ADMIN, None, 200).await;
    let members = check(
        &s,
        &spec,
        ("get", "/roles/{roleId}/users"),
        &format!("/roles/{rid}/users?page=1&pageSize=5"),
        ADMIN,
        None,
        200,
    )
    .await;
    assert_eq!(members.body.as_array().unwrap().len(), 5);
    assert!(total(&members) > 5);
    check(&s, &spec, ("get", "/teams"), "/teams?includeUserIds=true", ADMIN, None, 200).await;
    let tasks =
        check(&s, &spec, ("get", "/me/allavailabletasks"), "/me/allavailabletasks?pageSize=100", ADMIN, None, 200)
            .await;
    let tid = tasks.body[0]["id"].as_str().unwrap().to_string();
    check(&s, &spec, ("get", "/tasks/{taskId}"), &format!("/tasks/{tid}"), ADMIN, None, 200).await;
    let by_key = check(&s, &spec, ("get", "/tasks/key/{taskIdentifier}"), "/tasks/key/ACME-12", ADMIN, None, 200).await;
    assert_eq!(by_key.body["taskIdentifier"], "ACME-12");
}

#[tokio::test]
async fn errors_match_the_spec() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let no_token = check(&s, &spec, ("get", "/me"), "/me", None, None, 401).await;
    assert_eq!(no_token.body["code"], "unauthorized");
    check(&s, &spec, ("get", "/me"), "/me", Some("wrong"), None, 401).await;
    // Missing permission is a 401 too, as in awork.
    let denied = check(&s, &spec, ("get", "/roles"), "/roles", MEMBER, None, 401).await;
    assert_eq!(denied.body["code"], "unauthorized");
    check(&s, &spec, ("get", "/roles/{roleId}/users"), "/roles/x/users", MEMBER, None, 401).await;
    check(
        &s,
        &spec,
        ("get", "/roles/{roleId}/users"),
        "/roles/00000000-0000-4000-8000-000000000000/users",
        ADMIN,
        None,
        404,
    )
    .await;
    check(&s, &spec, ("get", "/tasks/key/{taskIdentifier}"), "/tasks/key/NOPE-1", ADMIN, None, 404).await;
    let bad_page = check(&s, &spec, ("get", "/users"), "/users?page=0", ADMIN, None, 400).await;
    assert_eq!(bad_page.body["code"], "validation-failed");
    let bad_filter = check(&s, &spec, ("get", "/users"), "/users?filterby=firstName%20eq", ADMIN, None, 400).await;
    assert_eq!(bad_filter.body["code"], "invalid-filter-or-order");
}

#[tokio::test]
async fn paging_and_archived_users_behave_as_documented() {
    let s = Shared::new(0, vec![]);
    let all = call(&s, "GET", "/users?pageSize=1000&showArchived=true", ADMIN, None).await;
    let active = call(&s, "GET", "/users?pageSize=1000", ADMIN, None).await;
    assert_eq!(total(&all), all.body.as_array().unwrap().len());
    assert!(total(&active) < total(&all), "archived users are left out by default");
    let p2 = call(&s, "GET", "/users?page=2&pageSize=10", ADMIN, None).await;
    assert_eq!(p2.headers["aw-page"], "2");
    assert_eq!(p2.headers["aw-pagesize"], "10");
    assert_eq!(p2.headers["aw-items"], "10");
    assert_eq!(p2.body[0]["id"], active.body[10]["id"]);
    let capped = call(&s, "GET", "/users?pageSize=5000", ADMIN, None).await;
    assert_eq!(capped.headers["aw-pagesize"], "1000");
    let sorted = call(&s, "GET", "/users?pageSize=1000&orderby=lastName%20desc", ADMIN, None).await;
    let names: Vec<&str> = sorted.body.as_array().unwrap().iter().map(|u| u["lastName"].as_str().unwrap()).collect();
    assert!(names.windows(2).all(|w| w[0].to_lowercase() >= w[1].to_lowercase()));
    let filtered = call(
        &s,
        "GET",
        "/users?filterby=userContactInfos/any(c:%20c/value%20eq%20'hanna.berger@acme.example')",
        ADMIN,
        None,
    )
    .await;
    assert_eq!(filtered.body.as_array().unwrap().len(), 1);
    let member_view = call(&s, "GET", "/users", MEMBER, None).await;
    assert_eq!(total(&member_view), 1, "without user-master-data:read only the caller comes back");
}

#[tokio::test]
async fn invitations_create_users_who_show_up_in_their_role() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let role = "000000b2-0000-4000-8000-000000000004";
    let before = total(&call(&s, "GET", &format!("/roles/{role}/users"), ADMIN, None).await);
    let body = json!({"workspaceId": awork_standin::data::WORKSPACE_ID, "invitationFlow": "invite", "roleId": role,
        "email": "new.person@acme.example", "firstName": "New", "lastName": "Person", "gender": "other",
        "skipSendingEmail": true, "teamIds": ["000000c3-0000-4000-8000-000000000001"]});
    let ok = check(&s, &spec, ("post", "/invitations"), "/invitations", ADMIN, Some(body.clone()), 200).await;
    let uid = ok.body["userId"].as_str().unwrap();
    assert!(ok.body["invitationCode"].as_str().is_some_and(|c| !c.is_empty()));
    let after = call(&s, "GET", &format!("/roles/{role}/users?pageSize=1000"), ADMIN, None).await;
    assert_eq!(total(&after), before + 1);
    assert!(after.body.as_array().unwrap().iter().any(|m| m["userId"] == uid));
    let user = call(&s, "GET", &format!("/users/{uid}"), ADMIN, None).await;
    assert_eq!(user.body["status"]["invitationAccepted"], false);

    // Inviting the same person again, before they joined, issues a new code for the same user.
    let again = check(&s, &spec, ("post", "/invitations"), "/invitations", ADMIN, Some(body.clone()), 200).await;
    assert_eq!(again.body["userId"], uid);
    assert_ne!(again.body["invitationCode"], ok.body["invitationCode"]);
    let mut member = body.clone();
    member["email"] = json!("hanna.berger@acme.example");
    let dup = check(&s, &spec, ("post", "/invitations"), "/invitations", ADMIN, Some(member), 400).await;
    assert_eq!(dup.body["code"], "already-exist-error");
    let mut bad = body.clone();
    bad["email"] = json!("not-an-email");
    bad["roleId"] = json!("00000000-0000-4000-8000-00000000dead");
    let invalid = check(&s, &spec, ("post", "/invitations"), "/invitations", ADMIN, Some(bad), 400).await;
    let props: Vec<&str> =
        invalid.body["validationErrors"].as_array().unwrap().iter().map(|e| e["property"].as_str().unwrap()).collect();
    assert_eq!(props, ["Email", "RoleId"]);
    check(&s, &spec, ("post", "/invitations"), "/invitations", MEMBER, Some(body), 401).await;
}

#[tokio::test]
async fn assign_by_email_checks_task_and_fields() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let task = call(&s, "GET", "/tasks/key/ACME-12", ADMIN, None).await.body["id"].as_str().unwrap().to_string();
    let role = "000000b2-0000-4000-8000-000000000002";
    let body = json!({"taskId": task, "email": "helper@elsewhere.example", "roleId": role, "firstName": "Hel", "gender": "female"});
    check(&s, &spec, ("post", "/tasks/assignuserbyemail"), "/tasks/assignuserbyemail", ADMIN, Some(body), 200).await;
    let missing = json!({"taskId": "00000000-0000-4000-8000-000000000bad", "email": "a@b.example", "roleId": role});
    check(&s, &spec, ("post", "/tasks/assignuserbyemail"), "/tasks/assignuserbyemail", ADMIN, Some(missing), 404).await;
    let invalid = json!({"taskId": task, "email": "nope"});
    let r =
        check(&s, &spec, ("post", "/tasks/assignuserbyemail"), "/tasks/assignuserbyemail", ADMIN, Some(invalid), 400)
            .await;
    assert_eq!(r.body["validationErrors"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn fault_rules_answer_as_configured() {
    let rules = serde_json::from_value(json!([
        {"kind": "error", "path": "/teams", "times": 1},
        {"kind": "rateLimit", "path": "/teams", "times": 1, "resetSeconds": 4},
        {"kind": "malformed", "path": "/teams", "times": 1}
    ]))
    .unwrap();
    let s = Shared::new(0, rules);
    let spec = spec();
    let e = check(&s, &spec, ("get", "/teams"), "/teams", ADMIN, None, 500).await;
    assert_eq!(e.body["code"], "server-error");
    let limited = call(&s, "GET", "/teams", ADMIN, None).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS.as_u16());
    assert_eq!(limited.headers["ratelimit-reset"], "4");
    assert_eq!(limited.headers["x-ratelimit-limit-second"], "50");
    let req = Request::get("/api/v1/teams")
        .header("Authorization", format!("Bearer {ADMIN_TOKEN}"))
        .body(Body::empty())
        .unwrap();
    let resp = api_router(s.clone()).oneshot(req).await.unwrap();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    assert!(serde_json::from_slice::<Value>(&bytes).is_err(), "malformed means unreadable JSON");
    assert_eq!(call(&s, "GET", "/teams", ADMIN, None).await.status, 200, "rules with times run out");
}

#[tokio::test]
async fn the_rate_limiter_refuses_over_the_limit_with_awork_headers() {
    let s = Shared::new(0, vec![]);
    s.lock().limiter.limit = Some(awork_standin::limiter::RateLimit { per_second: 3, per_minute: 5, phase_ms: 0 });
    let mut statuses = vec![];
    for _ in 0..4 {
        statuses.push(call(&s, "GET", "/me", ADMIN, None).await);
    }
    assert_eq!(statuses.iter().map(|a| a.status).collect::<Vec<_>>(), [200, 200, 200, 429]);
    assert_eq!(statuses[0].headers["x-ratelimit-remaining-second"], "2");
    let refused = &statuses[3];
    assert_eq!(refused.headers["ratelimit-reset"], "1");
    assert_eq!(refused.headers["x-ratelimit-remaining-second"], "0");
    assert_eq!(refused.body["code"], "too-many-requests");
    tokio::time::sleep(std::time::Duration::from_millis(1050)).await;
    assert_eq!(call(&s, "GET", "/me", ADMIN, None).await.status, 200);
    assert_eq!(call(&s, "GET", "/me", ADMIN, None).await.status, 200);
    let over_minute = call(&s, "GET", "/me", ADMIN, None).await;
    assert_eq!(over_minute.status, 429, "5 a minute");
    let reset: u64 = over_minute.headers["ratelimit-reset"].to_str().unwrap().parse().unwrap();
    assert!((58..=60).contains(&reset), "{reset}");
}

/// A form POST to the token endpoint; the answer's JSON.
async fn token_call(state: &Shared, form: &[(&str, &str)]) -> Answer {
    let body = form.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    let req = Request::builder()
        .method("POST")
        .uri("/api/v1/accounts/token")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    let resp = api_router(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.unwrap();
    Answer { status, headers, body: serde_json::from_slice(&bytes).unwrap() }
}

#[tokio::test]
async fn oauth_checks_pkce_and_rotates_refresh_tokens() {
    use awork_standin::oauth::{pkce_challenge, CLIENT_ID};
    let state = Shared::new(0, vec![]);
    let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    let redirect = "http://127.0.0.1:9/app/";
    let q = format!(
        "client_id={CLIENT_ID}&redirect_uri={redirect}&state=s1&code_challenge={}&user=000000a1-0000-4000-8000-000000000001",
        pkce_challenge(verifier)
    );
    // Bad requests get a page, not a redirect.
    let req =
        Request::builder().uri("/api/v1/accounts/authorize?client_id=other&response_type=code").body(Body::empty());
    let refused = api_router(state.clone()).oneshot(req.unwrap()).await.unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    let req =
        Request::builder().uri(format!("/api/v1/accounts/decide?{q}&decision=allow")).body(Body::empty()).unwrap();
    let resp = api_router(state.clone()).oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&format!("{redirect}?code=")) && location.ends_with("&state=s1"), "{location}");
    let code = location.split("code=").nth(1).unwrap().split('&').next().unwrap().to_string();

    let base = [("grant_type", "authorization_code"), ("client_id", CLIENT_ID), ("redirect_uri", redirect)];
    let wrong =
        token_call(&state, &[&base[..], &[("code", &code), ("code_verifier", "not-the-verifier")]].concat()).await;
    assert_eq!((wrong.status, wrong.body["error"].as_str()), (400, Some("invalid_grant")));
    // The failed attempt used the code up, as a stolen code should be.
    let late = token_call(&state, &[&base[..], &[("code", &code), ("code_verifier", verifier)]].concat()).await;
    assert_eq!(late.status, 400);

    // Again, properly.
    let req =
        Request::builder().uri(format!("/api/v1/accounts/decide?{q}&decision=allow")).body(Body::empty()).unwrap();
    let location =
        api_router(state.clone()).oneshot(req).await.unwrap().headers()["location"].to_str().unwrap().to_string();
    let code = location.split("code=").nth(1).unwrap().split('&').next().unwrap().to_string();
    let ok = token_call(&state, &[&base[..], &[("code", &code), ("code_verifier", verifier)]].concat()).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["token_type"], "Bearer");
    assert_eq!(ok.body["expires_in"], 300);
    let access = ok.body["access_token"].as_str().unwrap().to_string();
    let refresh = ok.body["refresh_token"].as_str().unwrap().to_string();
    let me = call(&state, "get", "/me", Some(&access), None).await;
    assert_eq!(me.body["firstName"], "Hanna");

    let renewed =
        token_call(&state, &[("grant_type", "refresh_token"), ("client_id", CLIENT_ID), ("refresh_token", &refresh)])
            .await;
    assert_eq!(renewed.status, 200);
    assert_ne!(renewed.body["refresh_token"].as_str().unwrap(), refresh);
    let reused =
        token_call(&state, &[("grant_type", "refresh_token"), ("client_id", CLIENT_ID), ("refresh_token", &refresh)])
            .await;
    assert_eq!(reused.status, 400, "a used refresh token is dead");
}

const ADMIN_ROLE: &str = "000000b2-0000-4000-8000-000000000001";
const PM_ROLE: &str = "000000b2-0000-4000-8000-000000000004";
const ARCHIVED_ROLE: &str = "000000b2-0000-4000-8000-000000000005";
fn user(n: u64) -> String {
    awork_standin::data::make_id(0xa1, n)
}

#[tokio::test]
async fn moving_people_between_roles_keeps_an_admin_and_skips_archived_roles() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let op = ("post", "/roles/moveuser");
    let mv = |u: &str, r: &str| Some(json!({"userId": u, "toRoleId": r}));
    check(&s, &spec, op, "/roles/moveuser", ADMIN, mv(&user(3), PM_ROLE), 200).await;
    let pm = call(&s, "GET", &format!("/roles/{PM_ROLE}/users?pageSize=1000"), ADMIN, None).await;
    assert!(pm.body.as_array().unwrap().iter().any(|m| m["userId"] == user(3)));
    let archived = check(&s, &spec, op, "/roles/moveuser", ADMIN, mv(&user(3), ARCHIVED_ROLE), 400).await;
    assert_eq!(archived.body["validationErrors"][0]["property"], "ToRoleId");
    check(&s, &spec, op, "/roles/moveuser", ADMIN, mv("00000000-0000-4000-8000-00000000dead", PM_ROLE), 404).await;
    // The admins are users 1, 6 and 15: move two away, the last one stays.
    check(&s, &spec, op, "/roles/moveuser", ADMIN, mv(&user(6), PM_ROLE), 200).await;
    check(&s, &spec, op, "/roles/moveuser", ADMIN, mv(&user(15), PM_ROLE), 200).await;
    let last = check(&s, &spec, op, "/roles/moveuser", ADMIN, mv(&user(1), PM_ROLE), 400).await;
    assert_eq!(last.body["code"], "last-admin");
    check(&s, &spec, op, "/roles/moveuser", ADMIN, mv(&user(1), ADMIN_ROLE), 200).await;
    // Reading roles is not changing them.
    check(&s, &spec, ("get", "/roles"), "/roles", VIEWER, None, 200).await;
    check(&s, &spec, op, "/roles/moveuser", VIEWER, mv(&user(3), ADMIN_ROLE), 401).await;
    check(&s, &spec, op, "/roles/moveuser", MEMBER, mv(&user(3), ADMIN_ROLE), 401).await;
}

#[tokio::test]
async fn deactivating_keeps_an_admin_and_reactivating_needs_a_seat() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let deactivate = ("post", "/users/{userId}/deactivate");
    let activate = ("post", "/users/{userId}/activate");
    let summary =
        check(&s, &spec, deactivate, &format!("/users/{}/deactivate?includeSummary=true", user(3)), ADMIN, None, 200)
            .await;
    assert!(summary.body["privateProjectsDeletedCount"].is_number());
    let u = call(&s, "GET", &format!("/users/{}", user(3)), ADMIN, None).await;
    assert_eq!(
        (u.body["isDeactivated"].as_bool(), u.body["status"]["isDeactivated"].as_bool()),
        (Some(true), Some(true))
    );
    check(&s, &spec, deactivate, &format!("/users/{}/deactivate", user(4)), ADMIN, None, 204).await;
    check(&s, &spec, deactivate, &format!("/users/{}/deactivate", user(6)), ADMIN, None, 204).await;
    check(&s, &spec, deactivate, &format!("/users/{}/deactivate", user(15)), ADMIN, None, 204).await;
    let last = check(&s, &spec, deactivate, &format!("/users/{}/deactivate", user(1)), ADMIN, None, 400).await;
    assert_eq!(last.body["code"], "last-admin");
    check(&s, &spec, activate, &format!("/users/{}/activate", user(3)), ADMIN, None, 204).await;
    // No seat to spare: the booked licences are all in use.
    let used = s.lock().ws.seats_used();
    s.lock().ws.seats = used;
    let full = check(&s, &spec, activate, &format!("/users/{}/activate", user(4)), ADMIN, None, 400).await;
    assert_eq!(full.body["code"], "insufficient-seats");
    check(&s, &spec, activate, &format!("/users/{}/activate", user(4)), VIEWER, None, 401).await;
    check(&s, &spec, deactivate, &format!("/users/{}/deactivate", user(4)), MEMBER, None, 401).await;
}

#[tokio::test]
async fn teams_take_and_lose_people_and_api_users_are_listed() {
    let spec = spec();
    let s = Shared::new(0, vec![]);
    let sales = "000000c3-0000-4000-8000-000000000004";
    let body = Some(json!([user(2), user(3)]));
    let added = check(
        &s,
        &spec,
        ("post", "/teams/{teamId}/addusers"),
        &format!("/teams/{sales}/addusers"),
        ADMIN,
        body.clone(),
        200,
    )
    .await;
    assert_eq!(added.body.as_array().unwrap().len(), 2);
    let u = call(&s, "GET", &format!("/users/{}", user(2)), ADMIN, None).await;
    assert!(u.body["teams"].as_array().unwrap().iter().any(|t| t["id"] == sales));
    check(
        &s,
        &spec,
        ("post", "/teams/{teamId}/removeusers"),
        &format!("/teams/{sales}/removeusers"),
        ADMIN,
        body.clone(),
        204,
    )
    .await;
    let u = call(&s, "GET", &format!("/users/{}", user(2)), ADMIN, None).await;
    assert!(!u.body["teams"].as_array().unwrap().iter().any(|t| t["id"] == sales));
    check(&s, &spec, ("post", "/teams/{teamId}/addusers"), &format!("/teams/{sales}/addusers"), VIEWER, body, 401)
        .await;
    let api = check(&s, &spec, ("get", "/apiusers"), "/apiusers", ADMIN, None, 200).await;
    let id = api.body[0]["id"].as_str().unwrap().to_string();
    let all = call(&s, "GET", "/users?pageSize=1000&showArchived=true", ADMIN, None).await;
    assert!(all.body.as_array().unwrap().iter().any(|u| u["id"] == id), "API users are among the archived users");
    let active = call(&s, "GET", "/users?pageSize=1000", ADMIN, None).await;
    assert!(!active.body.as_array().unwrap().iter().any(|u| u["id"] == id));
    check(&s, &spec, ("get", "/apiusers"), "/apiusers", MEMBER, None, 401).await;
}
