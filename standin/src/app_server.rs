//! Everything the stand-in serves besides awork's API: the built app (`dist/`) as a plain static
//! server with the API again on its own origin (as the README's reverse proxy), the test portal,
//! and CORS for the API origin.

use crate::state::{AppConfig, Shared};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;
use std::path::PathBuf;
use std::time::Duration;
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, CorsLayer};
use tower_http::services::ServeDir;

/// The awork API (under `/api/v1`, CORS for any origin) and the control endpoints (under
/// `/__standin`, for this machine only: see [`crate::control`]).
pub fn api_router(state: Shared) -> Router {
    Router::new()
        .nest("/api/v1", crate::awork::router(state.clone(), crate::awork::Site::Api).layer(cors()))
        .nest("/__standin", crate::control::routes())
        .layer(middleware::from_fn_with_state(state.clone(), crate::watch::watch_pages))
        .with_state(state)
}

/// CORS mirrors any origin (the real API's policy is unknown) and exposes the `aw-*` and
/// rate-limit headers.
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

async fn app_config(State(s): State<Shared>, dist: PathBuf) -> Response {
    let mode = s.lock().app_config.clone();
    let json_type = [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")];
    match mode {
        AppConfig::Generated => {
            let base = s.api_base();
            let config = json!({
                "apiBaseUrl": format!("{base}/api/v1"),
                "oauthClientId": crate::oauth::CLIENT_ID,
                "oauthAuthorizeUrl": format!("{base}/api/v1/accounts/authorize"),
            });
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
/// fallback to index.html, as many portals serve files; the precompressed `.br`/`.gz` beside a
/// file go out when the browser takes them, as nginx's `brotli_static`/`gzip_static` do. `config.json` comes from the stand-in
/// (see [`AppConfig`]) so the app talks to this stand-in. The API is also reachable on this origin
/// under [`PROXY_PATH`], like a same-origin reverse proxy.
pub fn app_router(state: Shared, dist: PathBuf, sub_path: &str) -> Router {
    let base = format!("/{}", sub_path.trim_matches('/'));
    let config_path = format!("{}/config.json", base.trim_end_matches('/'));
    let d = dist.clone();
    let redirect_to = format!("{}/", base.trim_end_matches('/'));
    let mut router = Router::new()
        .route(&config_path, get(move |st| app_config(st, d.clone())))
        .nest(PROXY_PATH, crate::awork::router(state.clone(), crate::awork::Site::Proxy));
    if base == "/" {
        router = router.fallback_service(ServeDir::new(dist).precompressed_br().precompressed_gzip());
    } else {
        router = router
            .nest_service(&base, ServeDir::new(dist).precompressed_br().precompressed_gzip())
            .route("/", get(move || async move { axum::response::Redirect::to(&redirect_to) }));
    }
    router
        .layer(middleware::from_fn_with_state(state.clone(), app_headers))
        .layer(middleware::from_fn_with_state(state.clone(), crate::watch::watch_pages))
        .with_state(state)
}

/// A test portal (served on its own port by `--portal-addr`): `/portal.html?app=<url>` embeds the
/// app in an 800 px iframe, can post it a token the way the README shows portal developers, and
/// embeds `?other=<url>` as a second frame from another origin.
pub fn portal_router(state: Shared) -> Router {
    Router::new()
        .route("/portal.html", get(|| async { Html(PORTAL_PAGE) }))
        .route("/sibling.html", get(|| async { Html(SIBLING_PAGE) }))
        .layer(middleware::from_fn_with_state(state, crate::watch::watch_pages))
}

/// Another page of the portal's origin, framed beside the app (`?other=`): tests post from it.
const SIBLING_PAGE: &str = "<!DOCTYPE html><title>portal sibling</title><p>Another page of the portal.</p>";

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
