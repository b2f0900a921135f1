//! Runtime configuration: `config.json` beside `index.html`, read once at start-up, so one build
//! can be pointed at another API (or a same-origin proxy) without rebuilding.

use crate::api::json::{self, from_json};

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
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base_url: DEFAULT_API_BASE_URL.into(),
            oauth_client_id: None,
            oauth_authorize_url: DEFAULT_AUTHORIZE_URL.into(),
            oauth_redirect_uri: None,
            allowed_parent_origins: Vec::new(),
        }
    }
}

#[derive(Default)]
struct ConfigFile {
    api_base_url: Option<String>,
    oauth_client_id: Option<String>,
    oauth_authorize_url: Option<String>,
    oauth_redirect_uri: Option<String>,
    allowed_parent_origins: Vec<String>,
}

from_json!(ConfigFile {
    api_base_url: "apiBaseUrl",
    oauth_client_id: "oauthClientId",
    oauth_authorize_url: "oauthAuthorizeUrl",
    oauth_redirect_uri: "oauthRedirectUri",
    allowed_parent_origins: "allowedParentOrigins",
});

/// An origin as `MessageEvent.origin` gives it: `scheme://host[:port]`, no path, no trailing
/// slash. `None` for anything else (a path, a wildcard, `null`).
pub fn origin(s: &str) -> Option<String> {
    let s = s.trim().trim_end_matches('/');
    let (scheme, rest) = s.split_once("://")?;
    let ok_scheme = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
    let ok_host =
        !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    (ok_scheme && ok_host).then(|| format!("{}://{}", scheme.to_ascii_lowercase(), rest.to_ascii_lowercase()))
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Whether `host` (`name[:port]`) is this machine: plain `http:` is fine there and nowhere else.
fn is_loopback(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost") || name == "::1" || name.starts_with("127.")
}

/// An absolute URL the app may send the admin or a token to: `https:`, or `http:` on loopback.
fn web_url(field: &str, u: &str) -> Result<(), String> {
    let (scheme, rest) = u.split_once("://").ok_or_else(|| format!("config.json: {field} “{u}” is not a URL"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    match scheme.to_ascii_lowercase().as_str() {
        _ if host.is_empty() || host.contains('@') => Err(format!("config.json: {field} “{u}” names no plain host")),
        "https" => Ok(()),
        "http" if is_loopback(host) => Ok(()),
        "http" => Err(format!("config.json: {field} “{u}” is plain http: use https (http only on this machine)")),
        _ => Err(format!("config.json: {field} “{u}” is neither https nor http")),
    }
}

impl Config {
    /// Reads `config.json`'s text, for an app served from `app_origin`. Unknown fields are
    /// ignored; missing ones keep their defaults. Refused: an `apiBaseUrl` that is neither a URL nor
    /// a path on this origin (`//host` is another origin), plain `http:` away from loopback, and an
    /// `oauthRedirectUri` on another origin than the app's.
    pub fn parse(text: &str, app_origin: &str) -> Result<Config, String> {
        let file: ConfigFile = json::parse(text)
            .map_err(|e| format!("config.json is not valid JSON of the expected shape (at byte {})", e.at))?;
        let api_base_url = match file.api_base_url.map(|u| u.trim().to_string()) {
            Some(u) if u.is_empty() => return Err("config.json: apiBaseUrl is empty".into()),
            Some(u) if u.starts_with('/') && !u.starts_with("//") && !u.starts_with("/\\") => {
                u.trim_end_matches('/').to_string()
            }
            Some(u) => {
                web_url("apiBaseUrl", &u)?;
                u.trim_end_matches('/').to_string()
            }
            None => DEFAULT_API_BASE_URL.into(),
        };
        let oauth_authorize_url = match non_empty(file.oauth_authorize_url) {
            Some(u) => {
                web_url("oauthAuthorizeUrl", &u)?;
                u
            }
            None => DEFAULT_AUTHORIZE_URL.into(),
        };
        let oauth_redirect_uri = non_empty(file.oauth_redirect_uri);
        if let Some(u) = &oauth_redirect_uri {
            web_url("oauthRedirectUri", u)?;
            if origin(u.split(['/', '?', '#']).take(3).collect::<Vec<_>>().join("/").as_str()).as_deref()
                != origin(app_origin).as_deref()
            {
                return Err(format!("config.json: oauthRedirectUri “{u}” is not on the app's origin {app_origin}"));
            }
        }
        let mut allowed_parent_origins = Vec::new();
        for o in &file.allowed_parent_origins {
            match origin(o) {
                Some(o) => allowed_parent_origins.push(o),
                None => return Err(format!("config.json: allowedParentOrigins entry “{o}” is not an origin")),
            }
        }
        Ok(Config {
            api_base_url,
            oauth_client_id: non_empty(file.oauth_client_id),
            oauth_authorize_url,
            oauth_redirect_uri,
            allowed_parent_origins,
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

    const APP: &str = "https://portal.example.com";

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, APP)
    }

    #[test]
    fn reads_the_api_base_url_and_falls_back_when_absent() {
        assert_eq!(
            parse(r#"{"apiBaseUrl": "http://127.0.0.1:8787/api/v1/", "other": 1}"#).unwrap().api_base_url,
            "http://127.0.0.1:8787/api/v1"
        );
        assert_eq!(parse(r#"{"apiBaseUrl": "/awork-api/v1"}"#).unwrap().api_base_url, "/awork-api/v1");
        assert_eq!(parse("{}").unwrap(), Config::default());
        let c = parse(
            r#"{"oauthClientId": " app ", "oauthRedirectUri": "", "allowedParentOrigins": ["https://Portal.example.com/"]}"#,
        )
        .unwrap();
        assert_eq!(c.oauth_client_id.as_deref(), Some("app"));
        assert_eq!(c.oauth_redirect_uri, None);
        assert_eq!(c.oauth_authorize_url, "https://api.awork.com/api/v1/accounts/authorize");
        assert_eq!(c.allowed_parent_origins, ["https://portal.example.com"]);
    }

    #[test]
    fn parent_origins_are_exact_origins() {
        assert_eq!(origin("http://127.0.0.1:8080").as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("*"), None);
        assert_eq!(origin("null"), None);
        assert_eq!(origin("https://portal.example.com/path"), None);
        assert!(parse(r#"{"allowedParentOrigins": ["*"]}"#).is_err());
    }

    #[test]
    fn rejects_what_it_cannot_use() {
        assert!(parse("{\"apiBaseUrl\": ").is_err());
        assert_eq!(
            parse("{\"apiBaseUrl\": 3}").unwrap_err(),
            "config.json is not valid JSON of the expected shape (at byte 15)"
        );
        assert!(parse("[]").is_err());
        assert!(parse(r#"{"apiBaseUrl": "javascript:alert(1)"}"#).is_err());
        assert!(parse(r#"{"apiBaseUrl": " "}"#).is_err());
    }

    #[test]
    fn urls_must_be_https_or_loopback_and_paths_must_stay_on_this_origin() {
        assert!(parse(r#"{"apiBaseUrl": "//evil.example/api"}"#).is_err(), "protocol-relative is another origin");
        assert!(parse(r#"{"apiBaseUrl": "http://api.awork.com/api/v1"}"#).is_err(), "plain http");
        assert!(parse(r#"{"apiBaseUrl": "https://user@evil.example/api"}"#).is_err());
        for ok in ["http://localhost:8787/api/v1", "http://[::1]:8787/api/v1", "https://api.awork.com/api/v1"] {
            assert!(parse(&format!(r#"{{"apiBaseUrl": "{ok}"}}"#)).is_ok(), "{ok}");
        }
        let authorize = parse(r#"{"oauthAuthorizeUrl": "http://127.0.0.1:9/api/v1/accounts/authorize"}"#).unwrap();
        assert_eq!(authorize.oauth_authorize_url, "http://127.0.0.1:9/api/v1/accounts/authorize");
        assert!(parse(r#"{"oauthAuthorizeUrl": "http://awork.example/authorize"}"#).is_err());
        assert!(
            parse(r#"{"oauthAuthorizeUrl": "/awork-api/v1/accounts/authorize"}"#).is_err(),
            "never through the proxy"
        );
    }

    #[test]
    fn the_redirect_uri_is_on_the_apps_origin() {
        let ok = parse(r#"{"oauthRedirectUri": "https://portal.example.com/awork-admin/"}"#).unwrap();
        assert_eq!(ok.oauth_redirect_uri.as_deref(), Some("https://portal.example.com/awork-admin/"));
        assert!(parse(r#"{"oauthRedirectUri": "https://evil.example/awork-admin/"}"#).is_err());
        assert!(parse(r#"{"oauthRedirectUri": "https://portal.example.com.evil.example/"}"#).is_err());
    }
}
