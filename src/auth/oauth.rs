//! Signing in with awork: OAuth 2.0 authorization code with PKCE (S256), as a public client (no
//! secret). The verifier and `state` wait in sessionStorage while the browser is at awork.

use super::tokens::{renew_at, storage, Credentials};
use crate::api::models::TokenAnswer;
use crate::api::{awork, ApiError, Token};
use crate::codec::{base64url, form, parse_form};
use crate::config::Config;
use crate::i18n::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a sign-in that is under way keeps its verifier and state.
pub const PENDING_KEY: &str = "awork-admin.oauth";
pub const SCOPE: &str = "full_access offline_access";
/// The name of the window a framed app signs in with: awork's sign-in page is not to be framed,
/// and the admin should see its address.
pub const WINDOW_NAME: &str = "awork-admin-sign-in";
/// How the `state` of a sign-in in its own window starts (never a base64url character), so that the
/// window knows, back from awork, to hand the answer to the app that opened it.
const WINDOW_STATE: &str = "w.";
/// The message that window sends the app with awork's answer: `{type, search}`.
pub const ANSWER_MESSAGE: &str = "awork-admin:oauth-answer";
/// What awork may put on the redirect address; everything else there is the portal's and stays.
const ANSWER_PARAMS: [&str; 5] = ["code", "state", "error", "error_description", "iss"];

/// A sign-in that went to awork and has not come back yet, kept in sessionStorage as JSON. Every
/// field must be there, as a string: a pending sign-in with a part missing is none. Its `Debug`
/// hides the verifier.
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
    /// The browser blocked the sign-in window a framed app opens.
    WindowBlocked,
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
            OAuthError::WindowBlocked => t("The browser blocked the sign-in window. Allow pop-ups for this page, or open awork admin in a tab of its own.").into(),
        }
    }
}

/// Where the browser goes to sign in: `authorize` (awork's sign-in page) with the request.
pub fn authorize_url(authorize: &str, client_id: &str, redirect_uri: &str, state: &str, challenge: &str) -> String {
    let query = form([
        ("client_id", client_id),
        ("response_type", "code"),
        ("redirect_uri", redirect_uri),
        ("scope", SCOPE),
        ("state", state),
        ("code_challenge", challenge),
        ("code_challenge_method", "S256"),
    ]);
    awork::authorize_url(authorize, &query)
}

/// Reads `?code=…&state=…` (or `?error=…&state=…`) from `location.search`.
pub fn parse_callback(search: &str) -> Option<Callback> {
    let mut code = None;
    let mut error = None;
    let mut state = None;
    for (k, v) in parse_form(search) {
        match k.as_str() {
            "code" => code = Some(v),
            "error" => error = Some(v),
            "state" => state = Some(v),
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

/// `search` without what awork put there (`code`, `state`, `error`, `error_description`, `iss`),
/// keeping every other parameter as it was: `"?portal=1"`, or `""` when nothing is left. Keys are
/// compared decoded, as [`parse_callback`] reads them: `c%6Fde` is `code` and goes too.
pub fn without_answer(search: &str) -> String {
    let answers = |pair: &&str| parse_form(pair).next().is_some_and(|(k, _)| ANSWER_PARAMS.contains(&k.as_str()));
    let kept: Vec<&str> =
        search.trim_start_matches('?').split('&').filter(|pair| !pair.is_empty() && !answers(pair)).collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// The sign-in this answer belongs to, if `state` matches the one this tab sent.
pub fn match_state(pending: Pending, state: &str) -> Result<Pending, OAuthError> {
    Some(pending).filter(|p| !p.state.is_empty() && p.state == state).ok_or(OAuthError::StateMismatch)
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

thread_local! {
    /// The sign-in window this app opened, while its answer is awaited.
    static SIGN_IN_WINDOW: std::cell::RefCell<Option<web_sys::Window>> = const { std::cell::RefCell::new(None) };
}

/// Whether the app runs inside a frame: then it signs in through a window of its own.
pub fn is_framed() -> bool {
    let Some(window) = web_sys::window() else { return false };
    window.top().ok().flatten().is_some_and(|top| top != window)
}

/// Opens the (still empty) sign-in window of a framed app. Called in the click itself, so that no
/// pop-up blocker stops it; [`begin`] then sends it to awork.
pub fn open_window() -> Result<web_sys::Window, OAuthError> {
    let window = web_sys::window().ok_or(OAuthError::CannotStart)?;
    let opened = window.open_with_url_and_target_and_features("", WINDOW_NAME, "popup,width=520,height=720");
    opened.ok().flatten().ok_or(OAuthError::WindowBlocked)
}

/// Whether `source` (a message's) is the sign-in window this app opened.
pub fn is_sign_in_window(source: &wasm_bindgen::JsValue) -> bool {
    SIGN_IN_WINDOW.with(|w| w.borrow().as_ref().is_some_and(|w| wasm_bindgen::JsValue::from(w) == *source))
}

/// Starts signing in: keeps a new verifier and state, then sends the browser (or the sign-in window
/// `into`, in a frame) to awork's sign-in page.
pub async fn begin(config: &Config, into: Option<web_sys::Window>) -> Result<(), OAuthError> {
    let client_id = config.oauth_client_id.clone().ok_or(OAuthError::CannotStart)?;
    let verifier = random_string(32).ok_or(OAuthError::CannotStart)?;
    let state = random_string(16).ok_or(OAuthError::CannotStart)?;
    let state = if into.is_some() { format!("{WINDOW_STATE}{state}") } else { state };
    let challenge = s256(&verifier).await.ok_or(OAuthError::CannotStart)?;
    let redirect_uri = config.oauth_redirect_uri.clone().or_else(own_address).ok_or(OAuthError::CannotStart)?;
    let window = web_sys::window().ok_or(OAuthError::CannotStart)?;
    let return_to = window.location().hash().unwrap_or_default();
    let url = authorize_url(&config.oauth_authorize_url, &client_id, &redirect_uri, &state, &challenge);
    let pending = Pending { state, verifier, redirect_uri, return_to };
    let json = serde_json::to_string(&pending).map_err(|_| OAuthError::CannotStart)?;
    let saved = storage().is_some_and(|s| s.set_item(PENDING_KEY, &json).is_ok());
    if !saved {
        return Err(OAuthError::CannotStart);
    }
    match into {
        Some(w) => {
            w.location().set_href(&url).map_err(|_| OAuthError::CannotStart)?;
            SIGN_IN_WINDOW.with(|slot| slot.replace(Some(w)));
            Ok(())
        }
        None => window.location().assign(&url).map_err(|_| OAuthError::CannotStart),
    }
}

/// The sign-in under way in this tab, taken out of sessionStorage (it answers once).
pub fn take_pending() -> Option<Pending> {
    let s = storage()?;
    let json = s.get_item(PENDING_KEY).ok().flatten();
    let _ = s.remove_item(PENDING_KEY);
    json.and_then(|j| serde_json::from_str(&j).ok())
}

/// When awork just sent the admin back to this tab while it was signing in: what awork said and the
/// sign-in it answers. awork's parameters leave the address bar (the portal's stay) and the pending
/// sign-in leaves sessionStorage at once. Without a sign-in under way the address is not an answer
/// at all: a crafted link can neither sign anyone in nor out.
pub fn take_callback() -> Option<(Callback, Pending)> {
    let window = web_sys::window()?;
    let search = window.location().search().ok()?;
    let callback = parse_callback(&search)?;
    let pending = take_pending()?;
    let path = window.location().pathname().unwrap_or_default();
    let clean = format!("{path}{}{}", without_answer(&search), pending.return_to);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    SIGN_IN_WINDOW.with(|w| w.replace(None));
    Some((callback, pending))
}

/// Whether an answer belongs to a sign-in that ran in a window of its own.
fn answers_a_window(callback: &Callback) -> bool {
    let (Callback::Code { state, .. } | Callback::Refused { state, .. }) = callback;
    state.starts_with(WINDOW_STATE)
}

/// In the sign-in window, back from awork: hands awork's answer to the app that opened the window
/// (on this origin only) and closes. True when this is that window.
pub fn hand_back_from_window() -> bool {
    let Some(window) = web_sys::window() else { return false };
    let search = window.location().search().unwrap_or_default();
    if !parse_callback(&search).is_some_and(|c| answers_a_window(&c)) {
        return false;
    }
    // Another window's object is no `instanceof Window` of this one: not checked, only not null.
    let opener =
        window.opener().ok().filter(|o| o.is_object()).map(wasm_bindgen::JsCast::unchecked_into::<web_sys::Window>);
    let Ok(origin) = window.location().origin() else { return false };
    // Reading the opener's origin throws unless it is this origin.
    let Some(opener) = opener.filter(|o| o.location().origin().ok().as_deref() == Some(origin.as_str())) else {
        return false;
    };
    let answer = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&answer, &"type".into(), &ANSWER_MESSAGE.into());
    let _ = js_sys::Reflect::set(&answer, &"search".into(), &search.into());
    if opener.post_message(&answer, &origin).is_err() {
        return false;
    }
    let _ = window.close();
    true
}

/// The answer a message carries, when it is the sign-in window's (from `origin`, the app's own).
pub fn answer_in_message(origin: &str, own_origin: &str, kind: Option<&str>, search: Option<&str>) -> Option<Callback> {
    (origin == own_origin && kind == Some(ANSWER_MESSAGE)).then_some(())?;
    let callback = parse_callback(search?)?;
    SIGN_IN_WINDOW.with(|w| w.replace(None));
    Some(callback)
}

async fn token_request(base: &str, body: String) -> Result<Credentials, ApiError> {
    credentials(awork::token(base, body).await?, now_ms())
}

/// Exchanges the code awork sent back for tokens.
pub async fn exchange(config: &Config, code: &str, pending: &Pending) -> Result<Credentials, ApiError> {
    let client_id = config.oauth_client_id.as_deref().unwrap_or_default();
    let body = form([
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
    let body = form([("grant_type", "refresh_token"), ("refresh_token", refresh.secret()), ("client_id", client_id)]);
    let mut creds = token_request(&config.api_base_url, body).await?;
    // Should awork ever not rotate, the old refresh token stays valid and is kept.
    creds.refresh = creds.refresh.or_else(|| Some(refresh.clone()));
    Ok(creds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verifier_is_written_as_rfc_7636_shows() {
        // RFC 7636 appendix B: the verifier's 32 octets.
        let octets = [
            116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191,
            240, 91, 88, 5, 88, 83, 132, 141, 121,
        ];
        assert_eq!(base64url(&octets), "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    }

    #[test]
    fn the_authorize_url_carries_every_parameter_escaped() {
        let url = authorize_url(
            "https://api.awork.com/api/v1/accounts/authorize",
            "app id",
            "https://x.example/a/?b",
            "s1",
            "c1",
        );
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
        assert_eq!(match_state(p.clone(), "abc"), Ok(p.clone()));
        assert_eq!(match_state(p, "abd"), Err(OAuthError::StateMismatch));
        let empty = Pending { state: "".into(), verifier: "v".into(), redirect_uri: "r".into(), return_to: "".into() };
        assert_eq!(match_state(empty, ""), Err(OAuthError::StateMismatch));
    }

    #[test]
    fn only_aworks_parameters_leave_the_address() {
        assert_eq!(without_answer("?code=c&state=s"), "");
        assert_eq!(without_answer("?portal=1&code=c&state=s&iss=https%3A%2F%2Fapi"), "?portal=1");
        assert_eq!(without_answer("?error=access_denied&error_description=no&state=s&tab=x&y"), "?tab=x&y");
        assert_eq!(without_answer(""), "");
        assert_eq!(without_answer("?codes=1&statement=2"), "?codes=1&statement=2");
        // A key spelt with escapes is the same key to the reader, so it leaves the address too.
        assert_eq!(without_answer("?c%6Fde=X&st%61te=S&p%6Frtal=1"), "?p%6Frtal=1");
        assert_eq!(parse_callback("?c%6Fde=X&st%61te=S"), Some(Callback::Code { code: "X".into(), state: "S".into() }));
    }

    #[test]
    fn answers_to_a_sign_in_window_are_told_apart_by_their_state() {
        assert!(answers_a_window(&Callback::Code { code: "c".into(), state: "w.abc".into() }));
        assert!(answers_a_window(&Callback::Refused { error: "access_denied".into(), state: "w.abc".into() }));
        assert!(!answers_a_window(&Callback::Code { code: "c".into(), state: "abc".into() }));
    }

    #[test]
    fn only_the_sign_in_windows_answer_from_this_origin_is_taken() {
        let own = "https://portal.example.com";
        let answer = Some("?code=c&state=s");
        assert_eq!(
            answer_in_message(own, own, Some(ANSWER_MESSAGE), answer),
            Some(Callback::Code { code: "c".into(), state: "s".into() })
        );
        assert_eq!(answer_in_message("https://evil.example", own, Some(ANSWER_MESSAGE), answer), None);
        assert_eq!(answer_in_message(own, own, Some("awork-admin:token"), answer), None);
        assert_eq!(answer_in_message(own, own, Some(ANSWER_MESSAGE), Some("?nothing=1")), None);
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
        assert_eq!(c.renew_at, Some(86_340_000));
        let mac: TokenAnswer = serde_json::from_str(r#"{"access_token":"at","token_type":"mac"}"#).unwrap();
        assert_eq!(credentials(mac, 0.0), Err(ApiError::Malformed));
        for no_token in [r#"{"token_type":"Bearer"}"#, r#"{"access_token":null}"#, r#"{"access_token":""}"#] {
            assert_eq!(
                credentials(serde_json::from_str(no_token).unwrap(), 0.0),
                Err(ApiError::Malformed),
                "{no_token}"
            );
        }
        assert!(serde_json::from_str::<TokenAnswer>(r#"{"access_token":7}"#).is_err());
    }

    #[test]
    fn a_pending_sign_in_reads_back_only_whole() {
        let p = Pending { state: "s".into(), verifier: "v".into(), redirect_uri: "r".into(), return_to: "#/x".into() };
        let saved = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Pending>(&saved).ok(), Some(p));
        for part in [
            r#"{"state":"s","verifier":"v","redirect_uri":"r"}"#,
            r#"{"state":"s","verifier":null,"redirect_uri":"r","return_to":""}"#,
        ] {
            assert!(serde_json::from_str::<Pending>(part).is_err(), "{part}");
        }
    }
}
