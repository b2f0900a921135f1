//! Living inside a portal: when `config.json` lists `allowedParentOrigins`, a page from exactly
//! those origins may hand the app a token with
//! `frame.contentWindow.postMessage({type: "awork-admin:token", token}, appOrigin)`.
//! Anything else is ignored and logged without its content. The app never posts a token; it only
//! tells the allowed parents `{type: "awork-admin:ready"}` once it listens.

use super::tokens::Credentials;
use super::{Notice, Session};
use crate::api::Token;
use leptos::prelude::{on_cleanup, window_event_listener, Set};
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

pub const TOKEN_MESSAGE: &str = "awork-admin:token";
pub const READY_MESSAGE: &str = "awork-admin:ready";

/// What to do with a message.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    Accept(Token),
    /// Ignored, with the reason to log (never the message itself).
    Ignore(String),
}

/// Decides about a message from `origin` with `kind` (`data.type`) and `token` (`data.token`).
pub fn judge(allowed: &[String], origin: &str, kind: Option<&str>, token: Option<&str>) -> Verdict {
    if !allowed.iter().any(|a| a == origin) {
        return Verdict::Ignore(format!("ignored a message from {origin}, which is not in allowedParentOrigins"));
    }
    if kind != Some(TOKEN_MESSAGE) {
        return Verdict::Ignore(format!("ignored a message from {origin} that is not {TOKEN_MESSAGE:?}"));
    }
    match token.and_then(Token::parse) {
        Some(t) => Verdict::Accept(t),
        None => Verdict::Ignore(format!("ignored a {TOKEN_MESSAGE:?} message from {origin} without a usable token")),
    }
}

fn field(data: &JsValue, name: &str) -> Option<String> {
    js_sys::Reflect::get(data, &JsValue::from_str(name)).ok()?.as_string()
}

/// Starts listening for tokens from the allowed parents, if any are configured, for as long as
/// the calling owner (the app) lives.
pub fn listen(session: Session) {
    let allowed = session.config().allowed_parent_origins;
    let Some(window) = web_sys::window() else { return };
    if allowed.is_empty() {
        return;
    }
    let parents = allowed.clone();
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let (kind, token) = if data.is_object() { (field(&data, "type"), field(&data, "token")) } else { (None, None) };
        match judge(&allowed, &ev.origin(), kind.as_deref(), token.as_deref()) {
            Verdict::Accept(token) => {
                web_sys::console::info_1(&format!("awork-admin: received a token from {}", ev.origin()).into());
                spawn_local(async move {
                    match session.trial_client(token.clone()).me().await {
                        Ok(me) => session.sign_in(Credentials::api_key(token), me),
                        Err(e) => session.notice.set(Some(Notice::TokenRefused(e))),
                    }
                });
            }
            Verdict::Ignore(why) => web_sys::console::warn_1(&format!("awork-admin: {why}").into()),
        }
    });
    on_cleanup(move || listener.remove());

    // Tell the portal the app listens now, so it knows when to send (a message sent before that
    // is lost). Addressed to each allowed origin; the browser drops the others.
    if let Ok(Some(parent)) = window.parent() {
        if parent != window {
            let ready = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&ready, &"type".into(), &READY_MESSAGE.into());
            for origin in parents {
                let _ = parent.post_message(&ready, &origin);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_token_messages_from_allowed_origins_are_taken() {
        let allowed = vec!["https://portal.example.com".to_string()];
        let ok = judge(&allowed, "https://portal.example.com", Some(TOKEN_MESSAGE), Some("abc"));
        assert_eq!(ok, Verdict::Accept(Token::parse("abc").unwrap()));
        for (origin, kind, token) in [
            ("https://evil.example.com", Some(TOKEN_MESSAGE), Some("abc")),
            ("https://portal.example.com.evil.example", Some(TOKEN_MESSAGE), Some("abc")),
            ("null", Some(TOKEN_MESSAGE), Some("abc")),
            ("https://portal.example.com", Some("other"), Some("abc")),
            ("https://portal.example.com", Some(TOKEN_MESSAGE), None),
            ("https://portal.example.com", Some(TOKEN_MESSAGE), Some("  ")),
        ] {
            match judge(&allowed, origin, kind, token) {
                Verdict::Ignore(why) => assert!(!why.contains("abc"), "the log must not carry the token: {why}"),
                v => panic!("{origin} {kind:?} {token:?} was {v:?}"),
            }
        }
    }
}
