//! Living inside a portal: when `config.json` lists `allowedParentOrigins`, the page the app is
//! framed in (`window.parent`, nothing else), from exactly those origins, may hand the app a token
//! with `frame.contentWindow.postMessage({type: "awork-admin:token", token}, appOrigin)`.
//! Anything else (a popup or a sibling frame of an allowed origin too) is ignored and logged
//! without its content. The app never posts a token; it only
//! tells the allowed parents `{type: "awork-admin:ready"}` once it listens.

use super::Session;
use crate::api::Token;
use leptos::prelude::{on_cleanup, window_event_listener};
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

/// Decides about a message from `origin` (sent by the parent page or not) with `kind`
/// (`data.type`) and `token` (`data.token`).
pub fn judge(allowed: &[String], origin: &str, from_parent: bool, kind: Option<&str>, token: Option<&str>) -> Verdict {
    if !allowed.iter().any(|a| a == origin) {
        return Verdict::Ignore(format!("ignored a message from {origin}, which is not in allowedParentOrigins"));
    }
    if !from_parent {
        return Verdict::Ignore(format!("ignored a message from {origin} that did not come from the parent page"));
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
    let parent = window.parent().ok().flatten().filter(|p| *p != window);
    let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        let (kind, token) = if data.is_object() { (field(&data, "type"), field(&data, "token")) } else { (None, None) };
        let from_parent = match (ev.source(), &parent) {
            (Some(source), Some(parent)) => JsValue::from(source) == JsValue::from(parent),
            _ => false,
        };
        match judge(&allowed, &ev.origin(), from_parent, kind.as_deref(), token.as_deref()) {
            Verdict::Accept(token) => {
                web_sys::console::info_1(&format!("awork-admin: received a token from {}", ev.origin()).into());
                session.hand_over(token);
            }
            Verdict::Ignore(why) => web_sys::console::warn_1(&format!("awork-admin: {why}").into()),
        }
    });
    on_cleanup(move || listener.remove());

    // Tell the portal the app listens now, so it knows when to send (a message sent before that
    // is lost). Addressed to each allowed origin; the browser drops the others.
    if let Some(parent) = window.parent().ok().flatten().filter(|p| *p != window) {
        let ready = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&ready, &"type".into(), &READY_MESSAGE.into());
        for origin in parents {
            let _ = parent.post_message(&ready, &origin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_token_messages_from_allowed_origins_are_taken() {
        let allowed = vec!["https://portal.example.com".to_string()];
        let ok = judge(&allowed, "https://portal.example.com", true, Some(TOKEN_MESSAGE), Some("abc"));
        assert_eq!(ok, Verdict::Accept(Token::parse("abc").unwrap()));
        for (origin, from_parent, kind, token) in [
            ("https://evil.example.com", true, Some(TOKEN_MESSAGE), Some("abc")),
            ("https://portal.example.com.evil.example", true, Some(TOKEN_MESSAGE), Some("abc")),
            ("null", true, Some(TOKEN_MESSAGE), Some("abc")),
            ("https://portal.example.com", false, Some(TOKEN_MESSAGE), Some("abc")),
            ("https://portal.example.com", true, Some("other"), Some("abc")),
            ("https://portal.example.com", true, Some(TOKEN_MESSAGE), None),
            ("https://portal.example.com", true, Some(TOKEN_MESSAGE), Some("  ")),
        ] {
            match judge(&allowed, origin, from_parent, kind, token) {
                Verdict::Ignore(why) => assert!(!why.contains("abc"), "the log must not carry the token: {why}"),
                v => panic!("{origin} {from_parent} {kind:?} {token:?} was {v:?}"),
            }
        }
    }
}
