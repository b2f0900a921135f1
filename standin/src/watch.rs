//! `--watch-pages`: every HTML page the stand-in serves (the app, the test portal, the OAuth consent
//! page) gets a first script that reports what went wrong in it: console errors, uncaught errors
//! (a wasm panic is one), unhandled rejections, resources that failed to load and CSP violations.
//! It posts them to `POST /__standin/report` on the API origin, where tests read them
//! (`GET /__standin/problems`; emptied by a reset).
//!
//! Made for the cross-engine smoke suite: WebKitGTK's classic WebDriver can neither report a page's
//! console nor run a script before the page's own, and a page that opens, answers and closes (the
//! OAuth window) is gone before a driver could ask it. The script is a file of the page's own
//! origin, so a `script-src 'self'` CSP lets it run; its reports go where `connect-src` already
//! lets the app talk, the API.

use crate::state::Shared;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Where each origin serves the watcher while watching.
pub const SCRIPT_PATH: &str = "/__standin-watch.js";
/// The most problems kept between two resets.
pub const MAX_PROBLEMS: usize = 1000;
/// The largest HTML page the watcher is put into.
const MAX_PAGE: usize = 4 << 20;

/// The watcher, reporting to `api` (this stand-in's API origin).
pub fn script(api: &str) -> String {
    let api = serde_json::to_string(&format!("{api}/__standin/report")).unwrap_or_default();
    format!(
        r#"(() => {{
  const to = {api};
  const text = (a) => {{
    try {{
      if (typeof a === 'string') return a;
      if (a instanceof Error) return `${{a.name}}: ${{a.message}}`;
      return JSON.stringify(a) ?? String(a);
    }} catch (_) {{
      return Object.prototype.toString.call(a);
    }}
  }};
  // From the moment the page is being left until the admin does something in it again: a browser
  // may cancel the page's loads as a navigation starts (WebKit does), and what logs that is marked.
  let leaving = false;
  addEventListener('beforeunload', () => {{ leaving = true; }});
  addEventListener('pagehide', () => {{ leaving = true; }});
  for (const input of ['pointerdown', 'keydown']) addEventListener(input, () => {{ leaving = false; }}, true);
  const report = (kind, message) => {{
    try {{
      navigator.sendBeacon(to, JSON.stringify({{ page: location.href, kind, message: String(message).slice(0, 2000), leaving }}));
    }} catch (_) {{ /* the page goes on */ }}
  }};
  const error = console.error;
  console.error = function (...args) {{
    report('console.error', args.map(text).join(' '));
    return error.apply(this, args);
  }};
  addEventListener('error', (e) => {{
    const t = e.target;
    if (t && t !== window) report('failed to load', t.src || t.href || t.tagName);
    else report('uncaught error', e.message || text(e.error));
  }}, true);
  addEventListener('unhandledrejection', (e) => report('unhandled rejection', text(e.reason)));
  document.addEventListener('securitypolicyviolation', (e) => report('CSP violation', `${{e.violatedDirective}} ${{e.blockedURI}}`));
}})();
"#
    )
}

/// `html` with the watcher's script tag first in its head: after `<head …>`, else after
/// `<html …>`, else after the doctype (a minified page may have neither tag), else first of all.
pub fn with_watcher(html: &str) -> String {
    let tag = format!(r#"<script src="{SCRIPT_PATH}"></script>"#);
    let lower = html.to_ascii_lowercase();
    let after = |open: &str| lower.find(open).and_then(|start| lower[start..].find('>').map(|end| start + end + 1));
    let at = after("<head").or_else(|| after("<html")).or_else(|| after("<!doctype")).unwrap_or(0);
    format!("{}{tag}{}", &html[..at], &html[at..])
}

/// Middleware for every router of a watching stand-in: serves the script, and puts it into HTML
/// answers (asking the file server for the plain page, not a precompressed one).
pub async fn watch_pages(State(s): State<Shared>, mut req: Request, next: Next) -> Response {
    if !s.watch_pages {
        return next.run(req).await;
    }
    let path = req.uri().path();
    if path == SCRIPT_PATH {
        let js = [(header::CONTENT_TYPE, "text/javascript"), (header::CACHE_CONTROL, "no-store")];
        return (js, script(&s.api_base())).into_response();
    }
    if path.ends_with('/') || path.ends_with(".html") {
        req.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    let resp = next.run(req).await;
    let is_html = resp
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if !is_html || resp.headers().contains_key(header::CONTENT_ENCODING) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE).await else {
        return (axum::http::StatusCode::INTERNAL_SERVER_ERROR, "page too large to watch").into_response();
    };
    let page = with_watcher(&String::from_utf8_lossy(&bytes));
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Response::from_parts(parts, Body::from(page))
}

/// `POST /__standin/report`: a watched page's report (text/plain JSON, as a beacon sends it). Its
/// `Origin` is not checked (the app's pages send `null`), its `Host` is, as on every control
/// endpoint (see [`crate::control`]); without `--watch-pages` nothing is kept.
pub async fn report(State(s): State<Shared>, body: String) -> Response {
    if !s.watch_pages {
        return axum::http::StatusCode::FORBIDDEN.into_response();
    }
    let Ok(problem) = serde_json::from_str::<serde_json::Value>(&body) else {
        return axum::http::StatusCode::BAD_REQUEST.into_response();
    };
    let mut inner = s.lock();
    if inner.page_problems.len() < MAX_PROBLEMS {
        inner.page_problems.push(problem);
    }
    axum::http::StatusCode::NO_CONTENT.into_response()
}

/// `GET /__standin/problems`: what the watched pages reported since the last reset.
pub async fn problems(State(s): State<Shared>) -> Response {
    axum::Json(s.lock().page_problems.clone()).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_first_into_the_head() {
        let tag = r#"<script src="/__standin-watch.js"></script>"#;
        assert_eq!(
            with_watcher("<!DOCTYPE html><html><HEAD lang=x><title>t</title></head>"),
            format!("<!DOCTYPE html><html><HEAD lang=x>{tag}<title>t</title></head>")
        );
        assert_eq!(
            with_watcher("<!doctype html><html lang=en><meta charset=utf-8>"),
            format!("<!doctype html><html lang=en>{tag}<meta charset=utf-8>")
        );
        assert_eq!(with_watcher("<!DOCTYPE html><title>t</title>"), format!("<!DOCTYPE html>{tag}<title>t</title>"));
        assert_eq!(with_watcher("<p>no head</p>"), format!("{tag}<p>no head</p>"));
    }

    #[test]
    fn the_script_names_the_api_as_a_string() {
        let js = script("http://127.0.0.1:9/\"x");
        assert!(js.contains(r#"const to = "http://127.0.0.1:9/\"x/__standin/report";"#), "{js}");
    }
}
