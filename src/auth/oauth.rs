//! Signing in with awork: OAuth 2.0 authorization code with PKCE (S256), as a public client (no
//! secret). The verifier and `state` wait in sessionStorage while the browser is at awork.

use super::tokens::{renew_at, storage, Credentials};
use crate::api::models::TokenAnswer;
use crate::api::{awork, ApiError, Token};
use crate::config::Config;
use crate::i18n::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a sign-in that is under way keeps its verifier and state.
pub const PENDING_KEY: &str = "awork-admin.oauth";
pub const SCOPE: &str = "full_access offline_access";

/// A sign-in that went to awork and has not come back yet. Its `Debug` hides the verifier.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub verifier: String,
    pub redirect_uri: String,
    /// The screen (URL fragment) to return to.
    pub return_to: String,
}

impl std::fmt::Debug for Pending {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pending")
            .field("state", &self.state)
            .field("verifier", &"<hidden>")
            .field("redirect_uri", &self.redirect_uri)
            .field("return_to", &self.return_to)
            .finish()
    }
}

/// What awork put on the app's address when it sent the admin back.
#[derive(Debug, Clone, PartialEq)]
pub enum Callback {
    Code { code: String, state: String },
    Refused { error: String, state: String },
}

/// Why signing in with awork did not work.
#[derive(Debug, Clone, PartialEq)]
pub enum OAuthError {
    /// `state` missing or not the one this tab sent: possibly forged, never exchanged.
    StateMismatch,
    /// The admin said no at awork (`access_denied`).
    Denied,
    /// awork sent back another OAuth error.
    Refused(String),
    /// The code could not be exchanged.
    Exchange(ApiError),
    /// Signing in cannot start here: no Web Crypto (the page is not on https) or no sessionStorage.
    CannotStart,
}

impl OAuthError {
    /// What the sign-in screen says.
    pub fn message(&self) -> String {
        match self {
            OAuthError::StateMismatch => {
                t("This sign-in answer did not come from the sign-in this tab started, so it was ignored. Please sign in again.").into()
            }
            OAuthError::Denied => t("Signing in with awork was cancelled.").into(),
            OAuthError::Refused(code) => tf("awork did not sign you in ({code}). Please try again.", &[("code", code)]),
            OAuthError::Exchange(ApiError::SessionEnded) => t("awork did not accept this sign-in. Please sign in again.").into(),
            OAuthError::Exchange(e) => tf("Signing in with awork did not finish: {reason}", &[("reason", &e.message())]),
            OAuthError::CannotStart => t("This browser cannot sign in with awork here (it needs a secure https page with sessionStorage).").into(),
        }
    }
}

fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, crate::api::client::UNRESERVED).to_string()
}

/// `application/x-www-form-urlencoded` (also the query of the authorize URL).
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// base64url without padding (RFC 7636's encoding of the challenge and our random strings).
pub fn base64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | ((*b as u32) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Where the browser goes to sign in.
pub fn authorize_url(base: &str, client_id: &str, redirect_uri: &str, state: &str, challenge: &str) -> String {
    let query = form(&[
        ("client_id", client_id),
        ("response_type", "code"),
        ("redirect_uri", redirect_uri),
        ("scope", SCOPE),
        ("state", state),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]);
    awork::authorize_url(base, &query)
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(&s.replace('+', " ")).decode_utf8_lossy().into_owned()
}

/// Reads `?code=…&state=…` (or `?error=…&state=…`) from `location.search`.
pub fn parse_callback(search: &str) -> Option<Callback> {
    let mut code = None;
    let mut error = None;
    let mut state = None;
    for pair in search.trim_start_matches('?').split('&') {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        match k {
            "code" => code = Some(decode(v)),
            "error" => error = Some(decode(v)),
            "state" => state = Some(decode(v)),
            _ => {}
        }
    }
    let state = state.unwrap_or_default();
    match (code, error) {
        (_, Some(error)) => Some(Callback::Refused { error, state }),
        (Some(code), None) => Some(Callback::Code { code, state }),
        (None, None) => None,
    }
}

/// The sign-in this answer belongs to, if `state` matches the one this tab sent.
pub fn match_state(pending: Option<Pending>, state: &str) -> Result<Pending, OAuthError> {
    pending.filter(|p| !p.state.is_empty() && p.state == state).ok_or(OAuthError::StateMismatch)
}

/// The credentials a token answer gives, at `now_ms`.
pub fn credentials(answer: TokenAnswer, now_ms: f64) -> Result<Credentials, ApiError> {
    if answer.token_type.as_deref().is_some_and(|t| !t.eq_ignore_ascii_case("bearer")) {
        return Err(ApiError::Malformed);
    }
    Ok(Credentials {
        access: Token::parse(&answer.access_token).ok_or(ApiError::Malformed)?,
        refresh: answer.refresh_token.as_deref().and_then(Token::parse),
        renew_at: answer.expires_in.map(|s| renew_at(now_ms, s)),
    })
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn random_string(bytes: usize) -> Option<String> {
    let mut buf = vec![0u8; bytes];
    web_sys::window()?.crypto().ok()?.get_random_values_with_u8_array(&mut buf).ok()?;
    Some(base64url(&buf))
}

/// The S256 challenge of a verifier, by Web Crypto.
pub async fn s256(verifier: &str) -> Option<String> {
    let subtle = web_sys::window()?.crypto().ok()?.subtle();
    let promise = subtle.digest_with_str_and_u8_array("SHA-256", verifier.as_bytes()).ok()?;
    let digest = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?;
    Some(base64url(&js_sys::Uint8Array::new(&digest).to_vec()))
}

/// This page's address without query and fragment: where awork sends the admin back.
fn own_address() -> Option<String> {
    let l = web_sys::window()?.location();
    Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
}

/// Starts signing in: keeps a new verifier and state, then leaves for awork's sign-in page.
pub async fn begin(config: &Config) -> Result<(), OAuthError> {
    let client_id = config.oauth_client_id.clone().ok_or(OAuthError::CannotStart)?;
    let verifier = random_string(32).ok_or(OAuthError::CannotStart)?;
    let state = random_string(16).ok_or(OAuthError::CannotStart)?;
    let challenge = s256(&verifier).await.ok_or(OAuthError::CannotStart)?;
    let redirect_uri = config.oauth_redirect_uri.clone().or_else(own_address).ok_or(OAuthError::CannotStart)?;
    let window = web_sys::window().ok_or(OAuthError::CannotStart)?;
    let return_to = window.location().hash().unwrap_or_default();
    let url = authorize_url(&config.api_base_url, &client_id, &redirect_uri, &state, &challenge);
    let pending = Pending { state, verifier, redirect_uri, return_to };
    let saved = serde_json::to_string(&pending)
        .ok()
        .zip(storage())
        .is_some_and(|(json, s)| s.set_item(PENDING_KEY, &json).is_ok());
    if !saved {
        return Err(OAuthError::CannotStart);
    }
    window.location().assign(&url).map_err(|_| OAuthError::CannotStart)
}

/// When awork just sent the admin back: what it said and the sign-in it belongs to. The code and
/// state leave the address bar (and the pending sign-in leaves sessionStorage) at once.
pub fn take_callback() -> Option<(Callback, Option<Pending>)> {
    let window = web_sys::window()?;
    let callback = parse_callback(&window.location().search().ok()?)?;
    let pending: Option<Pending> = storage().and_then(|s| {
        let json = s.get_item(PENDING_KEY).ok().flatten();
        let _ = s.remove_item(PENDING_KEY);
        json.and_then(|j| serde_json::from_str(&j).ok())
    });
    let path = window.location().pathname().unwrap_or_default();
    let hash = pending.as_ref().map(|p| p.return_to.clone()).unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{hash}")));
    }
    Some((callback, pending))
}

async fn token_request(base: &str, body: String) -> Result<Credentials, ApiError> {
    credentials(awork::token(base, body).await?, now_ms())
}

/// Exchanges the code awork sent back for tokens.
pub async fn exchange(config: &Config, code: &str, pending: &Pending) -> Result<Credentials, ApiError> {
    let client_id = config.oauth_client_id.as_deref().unwrap_or_default();
    let body = form(&[
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", &pending.redirect_uri),
        ("client_id", client_id),
        ("code_verifier", &pending.verifier),
    ]);
    token_request(&config.api_base_url, body).await
}

/// Renews the access token; awork rotates the refresh token, so the answer has a new one.
pub async fn refresh(config: &Config, refresh: &Token) -> Result<Credentials, ApiError> {
    let client_id = config.oauth_client_id.as_deref().unwrap_or_default();
    let body = form(&[("grant_type", "refresh_token"), ("refresh_token", refresh.secret()), ("client_id", client_id)]);
    let mut creds = token_request(&config.api_base_url, body).await?;
    // Should awork ever not rotate, the old refresh token stays valid and is kept.
    creds.refresh = creds.refresh.or_else(|| Some(refresh.clone()));
    Ok(creds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_has_no_padding_and_url_safe_letters() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        // RFC 7636 appendix B: the verifier's 32 octets.
        let octets = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
            240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        assert_eq!(base64url(&octets), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    }

    #[test]
    fn the_authorize_url_carries_every_parameter_escaped() {
        let url = authorize_url("https://api.awork.com/api/v1/", "app id", "https://x.example/a/?b", "s1", "c1");
        assert_eq!(
            url,
            "https://api.awork.com/api/v1/accounts/authorize?client_id=app%20id&response_type=code\
             &redirect_uri=https%3A%2F%2Fx.example%2Fa%2F%3Fb&scope=full_access%20offline_access&state=s1\
             &code_challenge=c1&code_challenge_method=S256"
        );
    }

    #[test]
    fn callbacks_are_read_from_the_query() {
        assert_eq!(parse_callback(""), None);
        assert_eq!(parse_callback("?x=1"), None);
        assert_eq!(
            parse_callback("?code=a%2Bb&state=s+1"),
            Some(Callback::Code { code: "a+b".into(), state: "s 1".into() })
        );
        assert_eq!(
            parse_callback("?error=access_denied&state=s"),
            Some(Callback::Refused { error: "access_denied".into(), state: "s".into() })
        );
    }

    #[test]
    fn the_verifier_stays_out_of_debug() {
        let p =
            Pending { state: "s".into(), verifier: "v-secret".into(), redirect_uri: "r".into(), return_to: "".into() };
        assert!(!format!("{p:?}").contains("v-secret"));
    }

    #[test]
    fn only_the_state_this_tab_sent_is_accepted() {
        let p = Pending { state: "abc".into(), verifier: "v".into(), redirect_uri: "r".into(), return_to: "".into() };
        assert_eq!(match_state(Some(p.clone()), "abc"), Ok(p.clone()));
        assert_eq!(match_state(Some(p), "abd"), Err(OAuthError::StateMismatch));
        assert_eq!(match_state(None, "abc"), Err(OAuthError::StateMismatch));
        let empty = Pending { state: "".into(), verifier: "v".into(), redirect_uri: "r".into(), return_to: "".into() };
        assert_eq!(match_state(Some(empty), ""), Err(OAuthError::StateMismatch));
    }

    #[test]
    fn token_answers_become_credentials() {
        let a: TokenAnswer = serde_json::from_str(
            r#"{"access_token":"at","token_type":"Bearer","expires_in":86400,"refresh_token":"rt","scope":"x"}"#,
        )
        .unwrap();
        let c = credentials(a, 0.0).unwrap();
        assert_eq!(c.access, Token::parse("at").unwrap());
        assert_eq!(c.refresh, Token::parse("rt"));
        assert_eq!(c.renew_at, Some(86_340_000.0));
        let mac: TokenAnswer = serde_json::from_str(r#"{"access_token":"at","token_type":"mac"}"#).unwrap();
        assert_eq!(credentials(mac, 0.0), Err(ApiError::Malformed));
    }
}
