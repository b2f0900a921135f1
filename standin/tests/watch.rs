//! `--watch-pages`: HTML pages get the watcher first, and what a page reports can be read back.
//! Reports take `Origin: null` (the app's no-referrer pages send it) but a loopback `Host` only, and
//! without `--watch-pages` none is kept and no page is changed.

use awork_standin::{api_router, portal_router, Shared};
use axum::body::{to_bytes, Body};
use axum::http::{header, Request, StatusCode};
use tower::ServiceExt;

fn watching(on: bool) -> Shared {
    let mut s = Shared::new(0, vec![]);
    s.watch_pages = on;
    *s.api_base.lock().unwrap() = "http://127.0.0.1:8787".into();
    s
}

async fn body(resp: axum::response::Response) -> String {
    String::from_utf8(to_bytes(resp.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap()
}

async fn report(s: &Shared, host: &str) -> StatusCode {
    let req = Request::post("/__standin/report")
        .header(header::HOST, host)
        .header(header::ORIGIN, "null")
        .header(header::CONTENT_TYPE, "text/plain;charset=UTF-8")
        .body(Body::from(r#"{"page":"http://127.0.0.1:8080/","kind":"uncaught error","message":"RuntimeError: unreachable","leaving":false}"#))
        .unwrap();
    api_router(s.clone()).oneshot(req).await.unwrap().status()
}

async fn problems(s: &Shared) -> serde_json::Value {
    let req = Request::get("/__standin/problems").header(header::HOST, "127.0.0.1:8787").body(Body::empty()).unwrap();
    serde_json::from_str(&body(api_router(s.clone()).oneshot(req).await.unwrap()).await).unwrap()
}

#[tokio::test]
async fn watched_pages_get_the_script_first_and_their_reports_are_kept() {
    let s = watching(true);
    let page =
        portal_router(s.clone()).oneshot(Request::get("/portal.html").body(Body::empty()).unwrap()).await.unwrap();
    let html = body(page).await;
    assert!(html.contains(r#"<head><script src="/__standin-watch.js"></script><meta charset="utf-8">"#), "{html}");
    let script = portal_router(s.clone())
        .oneshot(Request::get("/__standin-watch.js").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(script.headers()[header::CONTENT_TYPE], "text/javascript");
    assert!(body(script).await.contains(r#""http://127.0.0.1:8787/__standin/report""#));

    assert_eq!(report(&s, "127.0.0.1:8787").await, StatusCode::NO_CONTENT);
    assert_eq!(report(&s, "evil.example:8787").await, StatusCode::FORBIDDEN, "a rebound DNS name");
    let kept = problems(&s).await;
    assert_eq!(kept.as_array().map(Vec::len), Some(1), "{kept}");
    assert_eq!(kept[0]["message"], "RuntimeError: unreachable");

    s.lock().reset();
    assert_eq!(problems(&s).await, serde_json::json!([]), "a reset empties them");
}

#[tokio::test]
async fn without_watch_pages_nothing_changes_and_nothing_is_kept() {
    let s = watching(false);
    let page =
        portal_router(s.clone()).oneshot(Request::get("/portal.html").body(Body::empty()).unwrap()).await.unwrap();
    assert!(!body(page).await.contains("__standin-watch.js"));
    assert_eq!(report(&s, "127.0.0.1:8787").await, StatusCode::FORBIDDEN);
    assert_eq!(problems(&s).await, serde_json::json!([]));
}
