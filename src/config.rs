//! Runtime configuration: `config.json` beside `index.html`, read once at start-up, so one build
//! can be pointed at another API (or a same-origin proxy) without rebuilding.

use serde::Deserialize;

pub const DEFAULT_API_BASE_URL: &str = "https://api.awork.com/api/v1";

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Where awork's API lives, e.g. `https://api.awork.com/api/v1` or `/awork-api/v1`.
    pub api_base_url: String,
    /// The OAuth client registered with awork; "Sign in with awork" shows only when it is set.
    pub oauth_client_id: Option<String>,
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
            oauth_redirect_uri: None,
            allowed_parent_origins: Vec::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    api_base_url: Option<String>,
    oauth_client_id: Option<String>,
    oauth_redirect_uri: Option<String>,
    #[serde(default)]
    allowed_parent_origins: Vec<String>,
}

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

impl Config {
    /// Reads `config.json`'s text. Unknown fields are ignored; a missing or empty `apiBaseUrl`
    /// keeps the default.
    pub fn parse(text: &str) -> Result<Config, String> {
        let file: ConfigFile = serde_json::from_str(text).map_err(|e| format!("config.json is not valid JSON: {e}"))?;
        let api_base_url = match file.api_base_url.map(|u| u.trim().to_string()) {
            Some(u) if u.is_empty() => return Err("config.json: apiBaseUrl is empty".into()),
            Some(u) if !(u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/')) => {
                return Err(format!("config.json: apiBaseUrl {u:?} is neither an http(s) URL nor a path"))
            }
            Some(u) => u.trim_end_matches('/').to_string(),
            None => DEFAULT_API_BASE_URL.into(),
        };
        let mut allowed_parent_origins = Vec::new();
        for o in &file.allowed_parent_origins {
            match origin(o) {
                Some(o) => allowed_parent_origins.push(o),
                None => return Err(format!("config.json: allowedParentOrigins entry {o:?} is not an origin")),
            }
        }
        Ok(Config {
            api_base_url,
            oauth_client_id: non_empty(file.oauth_client_id),
            oauth_redirect_uri: non_empty(file.oauth_redirect_uri),
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
            Config::parse(&text)
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

    #[test]
    fn reads_the_api_base_url_and_falls_back_when_absent() {
        assert_eq!(
            Config::parse(r#"{"apiBaseUrl": "http://127.0.0.1:8787/api/v1/", "other": 1}"#).unwrap().api_base_url,
            "http://127.0.0.1:8787/api/v1"
        );
        assert_eq!(Config::parse(r#"{"apiBaseUrl": "/awork-api/v1"}"#).unwrap().api_base_url, "/awork-api/v1");
        assert_eq!(Config::parse("{}").unwrap(), Config::default());
        let c = Config::parse(
            r#"{"oauthClientId": " app ", "oauthRedirectUri": "", "allowedParentOrigins": ["https://Portal.example.com/"]}"#,
        )
        .unwrap();
        assert_eq!(c.oauth_client_id.as_deref(), Some("app"));
        assert_eq!(c.oauth_redirect_uri, None);
        assert_eq!(c.allowed_parent_origins, ["https://portal.example.com"]);
    }

    #[test]
    fn parent_origins_are_exact_origins() {
        assert_eq!(origin("http://127.0.0.1:8080").as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("*"), None);
        assert_eq!(origin("null"), None);
        assert_eq!(origin("https://portal.example.com/path"), None);
        assert!(Config::parse(r#"{"allowedParentOrigins": ["*"]}"#).is_err());
    }

    #[test]
    fn rejects_what_it_cannot_use() {
        assert!(Config::parse("{\"apiBaseUrl\": ").is_err());
        assert!(Config::parse("[]").is_err());
        assert!(Config::parse(r#"{"apiBaseUrl": "javascript:alert(1)"}"#).is_err());
        assert!(Config::parse(r#"{"apiBaseUrl": " "}"#).is_err());
    }
}
