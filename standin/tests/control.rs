//! The control endpoints answer this machine only: a web page of another origin open in the same
//! browser, or a DNS name rebound to loopback, can neither read the request log (with its
//! Authorization headers) nor change what the stand-in serves.

use awork_standin::{api_router, Shared};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

async fn ask(method: &str, host: &str, origin: Option<&str>) -> (StatusCode, Option<String>) {
    let mut req = Request::builder().method(method).uri("/__standin/requests").header(header::HOST, host);
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    if method == "OPTIONS" {
        req = req.header(header::ACCESS_CONTROL_REQUEST_METHOD, "GET");
    }
    let resp = api_router(Shared::new(0, vec![])).oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    let allowed = resp.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN).map(|v| v.to_str().unwrap().to_string());
    (resp.status(), allowed)
}

#[tokio::test]
async fn control_endpoints_answer_loopback_hosts_and_pages_only() {
    assert_eq!(ask("GET", "127.0.0.1:8787", None).await, (StatusCode::OK, None), "a test or curl");
    let local = "http://127.0.0.1:8080";
    assert_eq!(ask("GET", "127.0.0.1:8787", Some(local)).await, (StatusCode::OK, Some(local.into())));
    assert_eq!(ask("GET", "localhost:8787", None).await.0, StatusCode::OK);

    let (status, allowed) = ask("GET", "127.0.0.1:8787", Some("https://evil.example")).await;
    assert_eq!((status, allowed), (StatusCode::FORBIDDEN, None), "another origin's page");
    let (_, allowed) = ask("OPTIONS", "127.0.0.1:8787", Some("https://evil.example")).await;
    assert_eq!(allowed, None, "no preflight lets another origin read or post");
    assert_eq!(ask("GET", "evil.example:8787", None).await.0, StatusCode::FORBIDDEN, "a rebound DNS name");
    assert_eq!(ask("GET", "127.0.0.1.evil.example", None).await.0, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_api_itself_still_answers_any_origin() {
    let req = Request::builder()
        .uri("/api/v1/me")
        .header(header::HOST, "127.0.0.1:8787")
        .header(header::ORIGIN, "https://portal.example.com")
        .header(header::AUTHORIZATION, "Bearer demo-admin-token")
        .body(Body::empty())
        .unwrap();
    let resp = api_router(Shared::new(0, vec![])).oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://portal.example.com");
}

#[tokio::test]
async fn a_request_answered_after_the_log_was_cleared_is_not_logged() {
    let s = Shared::new(0, vec![]);
    let rules = serde_json::json!([{"kind": "latency", "path": "/me", "ms": 300}]);
    s.lock().faults = serde_json::from_value(rules).unwrap();
    let slow = {
        let s = s.clone();
        tokio::spawn(async move {
            let req = Request::builder()
                .uri("/api/v1/me")
                .header(header::HOST, "127.0.0.1:8787")
                .header(header::AUTHORIZATION, "Bearer demo-admin-token")
                .body(Body::empty())
                .unwrap();
            api_router(s).oneshot(req).await.unwrap().status()
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    s.lock().clear_requests();
    assert_eq!(slow.await.unwrap(), StatusCode::OK);
    assert!(s.lock().requests.is_empty(), "it arrived before the clear: the next test does not see it");
}
