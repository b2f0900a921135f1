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
//!
//! This module holds the grants; the endpoints are in `awork/accounts.rs`.

use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, Instant};

/// The OAuth client the demo `config.json` names.
pub const CLIENT_ID: &str = "awork-admin-demo";
const ACCESS_TTL: Duration = Duration::from_secs(5 * 60);

/// An authorization code's grant: for whom, for which client and redirect, with which challenge.
#[derive(Debug, Clone)]
pub struct Grant {
    pub client_id: String,
    pub redirect_uri: String,
    pub challenge: String,
    pub user: String,
    pub expires: Instant,
}

/// Codes and refresh tokens handed out; access tokens go into the workspace's token table.
#[derive(Debug, Clone)]
pub struct OAuth {
    pub codes: HashMap<String, Grant>,
    /// refresh token → (user id, client id)
    pub refresh: HashMap<String, (String, String)>,
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
    /// A fresh unguessable value: a code, an access or a refresh token.
    pub fn secret(&mut self, prefix: &str) -> String {
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

/// The demo client's registered redirect URIs: any loopback address without a fragment.
pub fn redirect_allowed(uri: &str) -> bool {
    ["http://127.0.0.1:", "http://127.0.0.1/", "http://localhost:", "http://localhost/"]
        .iter()
        .any(|p| uri.starts_with(p))
        && !uri.contains('#')
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
    }
}
