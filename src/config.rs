//! Runtime configuration: `config.json` beside `index.html`, read once at start-up, so one build
//! can be pointed at another API (or a same-origin proxy) without rebuilding.

use crate::api::models::{null_default, object_from_str};
use serde::Deserialize;

pub const DEFAULT_API_BASE_URL: &str = "https://api.awork.com/api/v1";
pub use crate::api::awork::DEFAULT_AUTHORIZE_URL;

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Where awork's API lives, e.g. `https://api.awork.com/api/v1` or `/awork-api/v1`.
    pub api_base_url: String,
    /// The OAuth client registered with awork; "Sign in with awork" shows only when it is set.
    pub oauth_client_id: Option<String>,
    /// awork's sign-in page, always at awork's own address (never through the portal's proxy).
    pub oauth_authorize_url: String,
    /// Where awork sends the admin back after signing in; the app's own address when unset.
    pub oauth_redirect_uri: Option<String>,
    /// Origins (`https://portal.example.com`) of portal pages that may hand the app a token.
    pub allowed_parent_origins: Vec<String>,
    /// How long a request to awork may take before it is given up (seconds).
    pub request_timeout_secs: u32,
    /// Minutes without a key press, click or touch after which the session ends; 0: never.
    pub idle_timeout_minutes: u32,
}

/// A request to awork is given up after this long, unless `config.json` says otherwise.
pub const DEFAULT_REQUEST_TIMEOUT_SECS: u32 = crate::api::client::DEFAULT_TIMEOUT_SECS;
/// An admin's session ends after this long without activity, unless `config.json` says otherwise.
pub const DEFAULT_IDLE_TIMEOUT_MINUTES: u32 = 30;

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base_url: DEFAULT_API_BASE_URL.into(),
            oauth_client_id: None,
            oauth_authorize_url: DEFAULT_AUTHORIZE_URL.into(),
            oauth_redirect_uri: None,
            allowed_parent_origins: Vec::new(),
            request_timeout_secs: DEFAULT_REQUEST_TIMEOUT_SECS,
            idle_timeout_minutes: DEFAULT_IDLE_TIMEOUT_MINUTES,
        }
    }
}

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ConfigFile {
    api_base_url: Option<String>,
    oauth_client_id: Option<String>,
    oauth_authorize_url: Option<String>,
    oauth_redirect_uri: Option<String>,
    #[serde(deserialize_with = "null_default")]
    allowed_parent_origins: Vec<String>,
    request_timeout_seconds: Option<u32>,
    idle_timeout_minutes: Option<u32>,
}

/// The byte offset of serde_json's (line, column) in `text`: where reading stopped. Both count
/// from 1, and a column counts bytes; (0, 0) is "not in the text" (the offset 0).
fn byte_at(text: &str, line: usize, column: usize) -> usize {
    let before: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (before + column.saturating_sub(1)).min(text.len())
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Whether `hostname`, as the URL parser writes it, is this machine: plain `http:` is fine there
/// and nowhere else. The parser has already turned every spelling of an IPv4 address
/// (`127.1`, `0x7f.0.0.1`, `2130706433`) into four decimal numbers, so a name that merely starts
/// like one (`127.0.0.1.evil.example`) stays a name.
pub fn is_loopback_host(hostname: &str) -> bool {
    let ipv4: Vec<&str> = hostname.split('.').collect();
    let numeric = ipv4.len() == 4 && ipv4.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    hostname.eq_ignore_ascii_case("localhost") || hostname == "[::1]" || (numeric && ipv4[0] == "127")
}

/// `u` as the browser's URL parser reads it (what `fetch`, `location` and `postMessage` will use),
/// against `base` when it is relative.
fn parse_url(u: &str, base: Option<&str>) -> Option<web_sys::Url> {
    match base {
        Some(b) => web_sys::Url::new_with_base(u, b).ok(),
        None => web_sys::Url::new(u).ok(),
    }
}

/// An absolute URL the app may send the admin or a token to: `https:`, or `http:` on loopback, and
/// no user name or password in it.
fn web_url(field: &str, u: &str) -> Result<web_sys::Url, String> {
    let url = parse_url(u, None).ok_or_else(|| format!("config.json: {field} “{u}” is not a URL"))?;
    if url.hostname().is_empty() || !url.username().is_empty() || !url.password().is_empty() {
        return Err(format!("config.json: {field} “{u}” names no plain host"));
    }
    match url.protocol().as_str() {
        "https:" => Ok(url),
        "http:" if is_loopback_host(&url.hostname()) => Ok(url),
        "http:" => Err(format!("config.json: {field} “{u}” is plain http: use https (http only on this machine)")),
        _ => Err(format!("config.json: {field} “{u}” is neither https nor http")),
    }
}

/// What a URL must not carry to be a base or an origin: a query or a fragment.
fn bare(url: &web_sys::Url) -> bool {
    url.search().is_empty() && url.hash().is_empty()
}

impl Config {
    /// Reads `config.json`'s text, for an app served from `app_origin`. Unknown fields are
    /// ignored; missing ones keep their defaults. Every URL is read by the browser's URL parser and
    /// decided on what it parsed to. Refused: an `apiBaseUrl` that is neither an absolute URL nor a
    /// path that stays on this origin (`//host`, `/\host`, `/<tab>/host` are another origin),
    /// plain `http:` away from loopback (for parent origins too), user names in URLs, and an
    /// `oauthRedirectUri` on another origin than the app's.
    pub fn parse(text: &str, app_origin: &str) -> Result<Config, String> {
        let file: ConfigFile = object_from_str(text).map_err(|e| {
            format!(
                "config.json is not valid JSON of the expected shape (at byte {})",
                byte_at(text, e.line(), e.column())
            )
        })?;
        let app = parse_url(app_origin, None).map(|u| u.origin()).filter(|o| o != "null");
        let api_base_url = match file.api_base_url.map(|u| u.trim().to_string()) {
            Some(u) if u.is_empty() => return Err("config.json: apiBaseUrl is empty".into()),
            Some(u) if u.starts_with('/') => {
                let on_this_origin = app.as_deref().and_then(|a| parse_url(&u, Some(a))).filter(|url| {
                    Some(url.origin()) == app && url.username().is_empty() && url.password().is_empty() && bare(url)
                });
                // The path as the browser will ask for it; one that starts with `//` (`/..//host`
                // resolves so) would name another host when a request path is joined to it.
                match on_this_origin.map(|url| url.pathname()).filter(|p| !p.starts_with("//")) {
                    Some(path) => path.trim_end_matches('/').to_string(),
                    None => return Err(format!("config.json: apiBaseUrl “{u}” is not a path on this origin")),
                }
            }
            Some(u) => {
                let url = web_url("apiBaseUrl", &u)?;
                if !bare(&url) {
                    return Err(format!("config.json: apiBaseUrl “{u}” has a query or fragment"));
                }
                url.href().trim_end_matches('/').to_string()
            }
            None => DEFAULT_API_BASE_URL.into(),
        };
        let oauth_authorize_url = match non_empty(file.oauth_authorize_url) {
            Some(u) => web_url("oauthAuthorizeUrl", &u)?.href(),
            None => DEFAULT_AUTHORIZE_URL.into(),
        };
        let oauth_redirect_uri = match non_empty(file.oauth_redirect_uri) {
            Some(u) => {
                let url = web_url("oauthRedirectUri", &u)?;
                if Some(url.origin()) != app {
                    return Err(format!("config.json: oauthRedirectUri “{u}” is not on the app's origin {app_origin}"));
                }
                Some(url.href())
            }
            None => None,
        };
        let mut allowed_parent_origins = Vec::new();
        for o in &file.allowed_parent_origins {
            let url = web_url("allowedParentOrigins", o.trim())?;
            if url.pathname() != "/" || !bare(&url) {
                return Err(format!("config.json: allowedParentOrigins entry “{o}” is not an origin"));
            }
            allowed_parent_origins.push(url.origin());
        }
        let request_timeout_secs = match file.request_timeout_seconds {
            Some(s) if !(1..=600).contains(&s) => {
                return Err(format!("config.json: requestTimeoutSeconds {s} is not between 1 and 600"))
            }
            s => s.unwrap_or(DEFAULT_REQUEST_TIMEOUT_SECS),
        };
        Ok(Config {
            api_base_url,
            oauth_client_id: non_empty(file.oauth_client_id),
            oauth_authorize_url,
            oauth_redirect_uri,
            allowed_parent_origins,
            request_timeout_secs,
            // Capped at a week: the timer counts in milliseconds.
            idle_timeout_minutes: file.idle_timeout_minutes.unwrap_or(DEFAULT_IDLE_TIMEOUT_MINUTES).min(7 * 24 * 60),
        })
    }

    /// Fetches `config.json` relative to the page. Never fails: a missing or broken file falls
    /// back to the default, with a warning on the console.
    pub async fn load() -> Config {
        let fetched = async {
            // Plain GET, so the browser can use index.html's preload of the same file.
            let resp = gloo_net::http::Request::get("config.json")
                .send()
                .await
                .map_err(|e| format!("config.json could not be fetched: {e}"))?;
            if !resp.ok() {
                return Err(format!("config.json answered {}", resp.status()));
            }
            let text = resp.text().await.map_err(|e| format!("config.json could not be read: {e}"))?;
            let app_origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
            Config::parse(&text, &app_origin)
        };
        match fetched.await {
            Ok(c) => c,
            Err(why) => {
                web_sys::console::warn_1(&format!("awork-admin: {why}; using {DEFAULT_API_BASE_URL}").into());
                Config::default()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Config::parse` needs the browser's URL parser: its cases are in `tests/browser.rs`.
    #[test]
    fn loopback_is_this_machine_by_address_or_name_only() {
        for host in ["localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "[::1]"] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in
            ["127.0.0.1.evil.example", "127.evil", "localhost.evil.example", "10.0.0.1", "[::2]", "", "127..0.1"]
        {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
