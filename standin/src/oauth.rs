//! awork's OAuth 2.0 authorization-code flow with PKCE, as a public client uses it:
//! `GET /accounts/authorize` shows a small consent page, `GET /accounts/decide` (the page's form)
//! redirects back with a `code` (or `error=access_denied`), and `POST /accounts/token` exchanges the
//! code, or a refresh token, for an access token and a new refresh token.
//!
//! Choices where awork's docs are silent: one registered client, [`CLIENT_ID`], whose redirect
//! URIs may be any `http://127.0.0.1`/`http://localhost` address; codes are single-use and live 60
//! seconds; access tokens live [`OAuth::access_ttl`], 5 minutes (short, so a demo session shows a
//! refresh; awork's last about a day) unless a test changes it; refresh
//! tokens rotate: each use returns a new one and the old one is dead. Token errors follow RFC 6749
//! (`{"error": "invalid_grant", "error_description": …}`, 400).

use crate::server::Shared;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Form, Json};
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

/// The OAuth client the demo `config.json` names.
pub const CLIENT_ID: &str = "awork-admin-demo";
const ACCESS_TTL: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Clone)]
struct Grant {
    client_id: String,
    redirect_uri: String,
    challenge: String,
    user: String,
    expires: Instant,
}

/// Codes and refresh tokens handed out; access tokens go into the workspace's token table.
#[derive(Debug, Clone)]
pub struct OAuth {
    codes: HashMap<String, Grant>,
    /// refresh token → (user id, client id)
    refresh: HashMap<String, (String, String)>,
    /// How long a new access token works.
    pub access_ttl: Duration,
    /// What `expires_in` says, when a test wants it to differ from the truth.
    pub reported_ttl: Option<u64>,
    issued: u64,
}

impl Default for OAuth {
    fn default() -> Self {
        OAuth { codes: HashMap::new(), refresh: HashMap::new(), access_ttl: ACCESS_TTL, reported_ttl: None, issued: 0 }
    }
}

impl OAuth {
    fn secret(&mut self, prefix: &str) -> String {
        self.issued += 1;
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(self.issued);
        let a = h.finish();
        h.write_u64(a);
        format!("{prefix}-{:016x}{:016x}", a, h.finish())
    }

    /// Forgets a refresh token (the control endpoint's revoke).
    pub fn revoke(&mut self, token: &str) -> bool {
        self.refresh.remove(token).is_some()
    }
}

/// base64url without padding, as PKCE uses it.
pub fn pkce_challenge(verifier: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

fn redirect_allowed(uri: &str) -> bool {
    ["http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/"]
        .iter()
        .any(|p| uri.starts_with(p))
        && !uri.contains('#')
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn with_query(uri: &str, pairs: &[(&str, &str)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        q.append_pair(k, v);
    }
    let sep = if uri.contains('?') { '&' } else { '?' };
    format!("{uri}{sep}{}", q.finish())
}

fn page(status: StatusCode, body: String) -> Response {
    let html = format!(
        // No inline style: under the same-origin proxy this page gets the app's strict CSP.
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>awork stand-in: sign in</title></head><body>{body}</body></html>"
    );
    (status, [(header::CACHE_CONTROL, "no-store")], Html(html)).into_response()
}

type Params = Query<HashMap<String, String>>;

fn get<'a>(q: &'a HashMap<String, String>, k: &str) -> &'a str {
    q.get(k).map(String::as_str).unwrap_or("")
}

/// What is wrong with an authorize request, if anything.
fn check_authorize(q: &HashMap<String, String>) -> Result<(), &'static str> {
    if get(q, "client_id") != CLIENT_ID {
        return Err("Unknown client_id.");
    }
    if !redirect_allowed(get(q, "redirect_uri")) {
        return Err("This redirect_uri is not registered for the client.");
    }
    if get(q, "response_type") != "code" {
        return Err("response_type must be code.");
    }
    if get(q, "code_challenge_method") != "S256" || get(q, "code_challenge").len() != 43 {
        return Err("A PKCE code_challenge with code_challenge_method=S256 is required.");
    }
    if !get(q, "scope").split(' ').any(|s| s == "full_access") {
        return Err("scope must include full_access.");
    }
    Ok(())
}

/// `GET /accounts/authorize`: the consent page.
pub async fn authorize(State(s): State<Shared>, Query(q): Params) -> Response {
    if let Err(why) = check_authorize(&q) {
        return page(StatusCode::BAD_REQUEST, format!("<h1>Sign-in request refused</h1><p>{}</p>", escape(why)));
    }
    let people: Vec<(String, String)> = {
        let inner = s.lock();
        let mut ids: Vec<&String> = inner.ws.tokens.values().collect();
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| inner.ws.user(id))
            .map(|u| {
                let name =
                    format!("{} {}", u.first_name.as_deref().unwrap_or(""), u.last_name.as_deref().unwrap_or(""));
                (u.id.clone(), name.trim().to_string())
            })
            .collect()
    };
    let hidden: String = ["client_id", "redirect_uri", "state", "code_challenge"]
        .iter()
        .map(|k| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", escape(get(&q, k))))
        .collect();
    let options: String =
        people.iter().map(|(id, name)| format!("<option value=\"{}\">{}</option>", escape(id), escape(name))).collect();
    page(
        StatusCode::OK,
        format!(
            "<h1>Sign in to awork</h1><p>awork admin (demo) would like to use your awork account.</p>\
             <form method=\"get\" action=\"decide\">{hidden}<p><label>Account <select name=\"user\">{options}</select>\
             </label></p><p><button name=\"decision\" value=\"allow\">Allow</button>\
             <button name=\"decision\" value=\"deny\">Deny</button></p></form>"
        ),
    )
}

/// `GET /accounts/decide`: the consent page's answer; back to the app with a code or an error.
pub async fn decide(State(s): State<Shared>, Query(q): Params) -> Response {
    let redirect_uri = get(&q, "redirect_uri");
    if get(&q, "client_id") != CLIENT_ID || !redirect_allowed(redirect_uri) || get(&q, "code_challenge").len() != 43 {
        return page(StatusCode::BAD_REQUEST, "<h1>Sign-in request refused</h1>".into());
    }
    let state = get(&q, "state");
    if get(&q, "decision") != "allow" {
        return Redirect::to(&with_query(redirect_uri, &[("error", "access_denied"), ("state", state)]))
            .into_response();
    }
    let mut inner = s.lock();
    let user = get(&q, "user").to_string();
    if inner.ws.user(&user).is_none() {
        return page(StatusCode::BAD_REQUEST, "<h1>Unknown account</h1>".into());
    }
    let code = inner.ws.oauth.secret("code");
    let grant = Grant {
        client_id: CLIENT_ID.into(),
        redirect_uri: redirect_uri.into(),
        challenge: get(&q, "code_challenge").into(),
        user,
        expires: Instant::now() + Duration::from_secs(60),
    };
    inner.ws.oauth.codes.insert(code.clone(), grant);
    Redirect::to(&with_query(redirect_uri, &[("code", &code), ("state", state)])).into_response()
}

fn token_error(code: &str, description: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({"error": code, "error_description": description})),
    )
        .into_response()
}

/// `POST /accounts/token` (form-encoded): `authorization_code` or `refresh_token`.
pub async fn token(State(s): State<Shared>, Form(f): Form<HashMap<String, String>>) -> Response {
    let mut inner = s.lock();
    let client_id = get(&f, "client_id");
    if client_id != CLIENT_ID {
        return token_error("invalid_client", "Unknown client_id.");
    }
    let user = match get(&f, "grant_type") {
        "authorization_code" => {
            let Some(grant) = inner.ws.oauth.codes.remove(get(&f, "code")) else {
                return token_error("invalid_grant", "The code is unknown or was already used.");
            };
            if grant.expires < Instant::now() {
                return token_error("invalid_grant", "The code has expired.");
            }
            if grant.client_id != client_id || grant.redirect_uri != get(&f, "redirect_uri") {
                return token_error("invalid_grant", "client_id or redirect_uri do not match the code.");
            }
            if pkce_challenge(get(&f, "code_verifier")) != grant.challenge {
                return token_error("invalid_grant", "The code_verifier does not match the code_challenge.");
            }
            grant.user
        }
        "refresh_token" => match inner.ws.oauth.refresh.remove(get(&f, "refresh_token")) {
            Some((user, client)) if client == client_id => user,
            _ => return token_error("invalid_grant", "The refresh token is unknown, used or revoked."),
        },
        _ => return token_error("unsupported_grant_type", "Use authorization_code or refresh_token."),
    };
    let oauth = &mut inner.ws.oauth;
    let (access, refresh) = (oauth.secret("at"), oauth.secret("rt"));
    let ttl = oauth.access_ttl;
    let expires_in = oauth.reported_ttl.unwrap_or(ttl.as_secs());
    oauth.refresh.insert(refresh.clone(), (user.clone(), client_id.to_string()));
    inner.ws.tokens.insert(access.clone(), user);
    inner.ws.token_expiry.insert(access.clone(), Instant::now() + ttl);
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": expires_in,
            "refresh_token": refresh,
        })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_challenge_is_rfc_7636s_example() {
        assert_eq!(
            pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn only_loopback_redirects_are_registered() {
        assert!(redirect_allowed("http://127.0.0.1:8080/awork-admin/"));
        assert!(!redirect_allowed("https://evil.example/"));
        assert!(!redirect_allowed("http://127.0.0.1.evil.example/"));
        assert_eq!(with_query("http://h/a?x=1", &[("code", "a b")]), "http://h/a?x=1&code=a+b");
    }
}
