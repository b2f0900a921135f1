//! The tokens of the signed-in admin: kept in sessionStorage, and nowhere else, together with the
//! API they were issued for. A token is only ever loaded for that API: two installations on one
//! origin (production and a staging copy pointing at another API) never hand one's token to the
//! other's API.

use crate::api::Token;
use web_sys::Storage;

/// The key in sessionStorage of the access token (or pasted API key).
/// The chunk loader (scripts/split/finish.mjs) looks only at whether this key is set: with a
/// session in the tab it compiles the screens' chunk beside the main wasm.
pub const STORAGE_KEY: &str = "awork-admin.token";
/// The OAuth refresh token, when signed in with awork.
pub const REFRESH_KEY: &str = "awork-admin.refresh";
/// When to renew the access token (milliseconds since the epoch), when signed in with awork.
pub const RENEW_AT_KEY: &str = "awork-admin.renew-at";
/// The API base URL the tokens belong to.
pub const API_KEY: &str = "awork-admin.api";

/// What the app signs its calls with: a pasted API key, or an OAuth access token with the
/// refresh token that renews it.
#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    pub access: Token,
    pub refresh: Option<Token>,
    /// When the access token should be renewed (ms since the epoch), a little before it expires.
    /// Whole milliseconds: an integer is written to and read from sessionStorage without the
    /// float formatting and parsing code in the first download.
    pub renew_at: Option<u64>,
}

impl Credentials {
    pub fn api_key(token: Token) -> Credentials {
        Credentials { access: token, refresh: None, renew_at: None }
    }

    /// Whether the access token should be renewed before it is used at `now_ms`.
    pub fn renewal_due(&self, now_ms: f64) -> bool {
        self.refresh.is_some() && self.renew_at.is_some_and(|t| now_ms >= t as f64)
    }
}

/// When to renew a token that lives `expires_in` seconds from `now_ms`: a minute early, or a tenth
/// of its life early for tokens that live less than ten minutes.
pub fn renew_at(now_ms: f64, expires_in: u64) -> u64 {
    let life = expires_in.saturating_mul(1000);
    (now_ms.max(0.0) as u64).saturating_add(life) - (life / 10).min(60_000)
}

/// This tab's sessionStorage, if the browser allows it.
pub(crate) fn storage() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The credentials saved in this tab's session for the API at `api_base`, if any. Tokens saved
/// for another API (or for none) are not for this installation: it is signed out.
pub fn load(api_base: &str) -> Option<Credentials> {
    let s = storage()?;
    let get = |k: &str| s.get_item(k).ok().flatten();
    if get(API_KEY).as_deref() != Some(api_base) {
        return None;
    }
    Some(Credentials {
        access: get(STORAGE_KEY).as_deref().and_then(Token::parse)?,
        refresh: get(REFRESH_KEY).as_deref().and_then(Token::parse),
        renew_at: get(RENEW_AT_KEY).and_then(|v| v.parse().ok()),
    })
}

/// Keeps the credentials of the API at `api_base` for this tab's session. Returns false when
/// sessionStorage is unavailable (for example blocked in a third-party iframe): the app then keeps
/// them in memory only.
pub fn save(api_base: &str, c: &Credentials) -> bool {
    let Some(s) = storage() else { return false };
    let mut ok = s.set_item(API_KEY, api_base).is_ok();
    ok &= s.set_item(STORAGE_KEY, c.access.secret()).is_ok();
    match &c.refresh {
        Some(r) => ok &= s.set_item(REFRESH_KEY, r.secret()).is_ok(),
        None => ok &= s.remove_item(REFRESH_KEY).is_ok(),
    }
    match c.renew_at {
        Some(t) => ok &= s.set_item(RENEW_AT_KEY, &t.to_string()).is_ok(),
        None => ok &= s.remove_item(RENEW_AT_KEY).is_ok(),
    }
    ok
}

/// Forgets every token.
pub fn clear() {
    if let Some(s) = storage() {
        for k in [STORAGE_KEY, REFRESH_KEY, RENEW_AT_KEY, API_KEY] {
            let _ = s.remove_item(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_renewed_a_little_before_they_expire() {
        assert_eq!(renew_at(1_000.0, 86_400), 1_000 + 86_400_000 - 60_000);
        assert_eq!(renew_at(0.0, 5), 4_500);
        assert_eq!(renew_at(0.0, u64::MAX), u64::MAX - 60_000, "a huge expires_in does not overflow");
        let mut c = Credentials::api_key(Token::parse("k").unwrap());
        c.renew_at = Some(10);
        assert!(!c.renewal_due(20.0), "an API key has nothing to renew with");
        c.refresh = Token::parse("r");
        assert!(!c.renewal_due(9.0));
        assert!(c.renewal_due(10.0));
    }
}
