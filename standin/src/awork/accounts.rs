//! OAuth's endpoints (`/accounts/authorize`, `/accounts/decide`, `/accounts/token`): see
//! [`crate::oauth`] for the flow and the choices made.

use crate::oauth::{pkce_challenge, redirect_allowed, Grant, CLIENT_ID};
use crate::state::Shared;
use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use serde_json::json;
use std::collections::HashMap;
use std::time::{Duration, Instant};

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

fn field<'a>(q: &'a HashMap<String, String>, k: &str) -> &'a str {
    q.get(k).map(String::as_str).unwrap_or("")
}

/// What is wrong with an authorize request, if anything.
fn check_authorize(q: &HashMap<String, String>) -> Result<(), &'static str> {
    if field(q, "client_id") != CLIENT_ID {
        return Err("Unknown client_id.");
    }
    if !redirect_allowed(field(q, "redirect_uri")) {
        return Err("This redirect_uri is not registered for the client.");
    }
    if field(q, "response_type") != "code" {
        return Err("response_type must be code.");
    }
    if field(q, "code_challenge_method") != "S256" || field(q, "code_challenge").len() != 43 {
        return Err("A PKCE code_challenge with code_challenge_method=S256 is required.");
    }
    if !field(q, "scope").split(' ').any(|s| s == "full_access") {
        return Err("scope must include full_access.");
    }
    Ok(())
}

/// `/accounts/authorize`, `/accounts/decide` (the consent page's form) and `/accounts/token`.
/// The token endpoint everywhere; the sign-in page only on the API's own origin.
pub fn routes(site: super::Site) -> Router<Shared> {
    let token_only = Router::new().route("/accounts/token", post(token));
    match site {
        super::Site::Proxy => token_only,
        super::Site::Api => {
            token_only.route("/accounts/authorize", get(authorize)).route("/accounts/decide", get(decide))
        }
    }
}

/// `GET /accounts/authorize`: the consent page.
async fn authorize(State(s): State<Shared>, Query(q): Params) -> Response {
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
        .map(|k| format!("<input type=\"hidden\" name=\"{k}\" value=\"{}\">", escape(field(&q, k))))
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
async fn decide(State(s): State<Shared>, Query(q): Params) -> Response {
    let redirect_uri = field(&q, "redirect_uri");
    if field(&q, "client_id") != CLIENT_ID || !redirect_allowed(redirect_uri) || field(&q, "code_challenge").len() != 43
    {
        return page(StatusCode::BAD_REQUEST, "<h1>Sign-in request refused</h1>".into());
    }
    let state = field(&q, "state");
    if field(&q, "decision") != "allow" {
        return Redirect::to(&with_query(redirect_uri, &[("error", "access_denied"), ("state", state)]))
            .into_response();
    }
    let mut inner = s.lock();
    let user = field(&q, "user").to_string();
    if inner.ws.user(&user).is_none() {
        return page(StatusCode::BAD_REQUEST, "<h1>Unknown account</h1>".into());
    }
    let code = inner.ws.oauth.secret("code");
    let grant = Grant {
        client_id: CLIENT_ID.into(),
        redirect_uri: redirect_uri.into(),
        challenge: field(&q, "code_challenge").into(),
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
async fn token(State(s): State<Shared>, Form(f): Form<HashMap<String, String>>) -> Response {
    let mut inner = s.lock();
    let client_id = field(&f, "client_id");
    if client_id != CLIENT_ID {
        return token_error("invalid_client", "Unknown client_id.");
    }
    let user = match field(&f, "grant_type") {
        "authorization_code" => {
            let Some(grant) = inner.ws.oauth.codes.remove(field(&f, "code")) else {
                return token_error("invalid_grant", "The code is unknown or was already used.");
            };
            if grant.expires < Instant::now() {
                return token_error("invalid_grant", "The code has expired.");
            }
            if grant.client_id != client_id || grant.redirect_uri != field(&f, "redirect_uri") {
                return token_error("invalid_grant", "client_id or redirect_uri do not match the code.");
            }
            if pkce_challenge(field(&f, "code_verifier")) != grant.challenge {
                return token_error("invalid_grant", "The code_verifier does not match the code_challenge.");
            }
            grant.user
        }
        "refresh_token" => match inner.ws.oauth.refresh.remove(field(&f, "refresh_token")) {
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
    fn redirects_add_their_query() {
        assert_eq!(with_query("http://h/a?x=1", &[("code", "a b")]), "http://h/a?x=1&code=a+b");
    }
}
