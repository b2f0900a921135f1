//! In-browser tests (wasm-bindgen-test in headless Chromium): the token's storage and the client's
//! error paths against a real stand-in on loopback, whose URL `scripts/test.sh` passes in
//! `AWORK_STANDIN_URL` at build time.
#![cfg(target_arch = "wasm32")]

use awork_admin::api::models::RoleId;
use awork_admin::api::{ApiError, Client, Token};
use awork_admin::auth::tokens::{self as session, Credentials, API_KEY, STORAGE_KEY};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn standin() -> &'static str {
    option_env!("AWORK_STANDIN_URL").expect("AWORK_STANDIN_URL names the stand-in (scripts/test.sh sets it)")
}

fn api() -> String {
    format!("{}/api/v1", standin())
}

fn token(t: &str) -> Token {
    Token::parse(t).unwrap()
}

async fn set_faults(rules: serde_json::Value) {
    let resp = gloo_net::http::Request::post(&format!("{}/__standin/faults", standin()))
        .json(&rules)
        .unwrap()
        .send()
        .await
        .unwrap();
    assert!(resp.ok());
}

#[wasm_bindgen_test]
fn the_token_lives_in_session_storage_and_nowhere_else() {
    let window = web_sys::window().unwrap();
    let ss = window.session_storage().unwrap().unwrap();
    let ls = window.local_storage().unwrap().unwrap();
    let api = "https://api.awork.com/api/v1";
    session::clear();
    assert_eq!(session::load(api), None);
    let key = Credentials::api_key(token("secret-123"));
    assert!(session::save(api, &key));
    assert_eq!(ss.get_item(STORAGE_KEY).unwrap().as_deref(), Some("secret-123"));
    assert_eq!(ss.get_item(API_KEY).unwrap().as_deref(), Some(api));
    assert_eq!(ss.length().unwrap(), 2, "an API key is one entry, beside the API it belongs to");
    assert_eq!(session::load(api), Some(key));
    let oauth = Credentials { access: token("at-1"), refresh: Some(token("rt-1")), renew_at: Some(1_500_000_000_000) };
    assert!(session::save(api, &oauth));
    assert_eq!(session::load(api), Some(oauth));
    assert_eq!(ls.length().unwrap(), 0, "nothing in localStorage");
    let doc: web_sys::HtmlDocument = wasm_bindgen::JsCast::unchecked_into(window.document().unwrap());
    assert!(!doc.cookie().unwrap().contains("secret-123"), "nothing in cookies");
    session::clear();
    assert_eq!(ss.length().unwrap(), 0, "sign-out forgets both tokens");
    assert_eq!(session::load(api), None);
}

#[wasm_bindgen_test]
fn a_token_is_only_loaded_for_the_api_it_belongs_to() {
    let production = "https://api.awork.com/api/v1";
    session::clear();
    assert!(session::save(production, &Credentials::api_key(token("prod-token"))));
    assert_eq!(session::load("/staging-api/v1"), None, "another installation on the origin is signed out");
    assert_eq!(session::load("https://api.awork.com/api/v1/"), None, "only the exact base URL");
    assert!(session::load(production).is_some());
    let ss = web_sys::window().unwrap().session_storage().unwrap().unwrap();
    ss.remove_item(API_KEY).unwrap();
    assert_eq!(session::load(production), None, "a token saved without its API is not used");
    session::clear();
}

#[wasm_bindgen_test]
async fn the_pkce_challenge_is_rfc_7636s_example() {
    let challenge = awork_admin::auth::oauth::s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").await;
    assert_eq!(challenge.as_deref(), Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
}

#[wasm_bindgen_test]
async fn me_answers_for_a_good_token_and_refuses_a_bad_one() {
    let me = Client::new(&api(), token("demo-admin-token")).me().await.unwrap();
    assert_eq!(me.account.first_name.as_deref(), Some("Hanna"));
    assert_eq!(me.account.workspace.name.as_deref(), Some("Acme Creative"));
    let whole = me.me().expect("the whole profile reads too");
    assert_eq!(whole.title.as_deref(), Some("Dr."));
    assert_eq!(whole.workspace, me.account.workspace);
    let err = Client::new(&api(), token("not-a-token")).me().await.unwrap_err();
    assert_eq!(err, ApiError::SessionEnded);
}

#[wasm_bindgen_test]
async fn a_401_for_a_missing_permission_keeps_the_session() {
    let ended = Rc::new(Cell::new(false));
    let flag = ended.clone();
    let client = Client::new(&api(), token("demo-member-token")).on_session_ended(move || flag.set(true));
    let err = client.roles(false).await.unwrap_err();
    assert!(matches!(err, ApiError::PermissionDenied { .. }), "{err:?}");
    assert!(!ended.get(), "a missing permission must not sign the admin out");
}

#[wasm_bindgen_test]
async fn a_401_that_me_confirms_ends_the_session() {
    let ended = Rc::new(Cell::new(false));
    let flag = ended.clone();
    let client = Client::new(&api(), token("revoked-or-unknown")).on_session_ended(move || flag.set(true));
    let err = client.roles(false).await.unwrap_err();
    assert_eq!(err, ApiError::SessionEnded);
    assert!(ended.get());
}

#[wasm_bindgen_test]
async fn paged_lists_carry_the_total() {
    let client = Client::new(&api(), token("demo-admin-token"));
    let role = RoleId("000000b2-0000-4000-8000-000000000002".into());
    let total = client.role_member_count(&role, false).await.unwrap();
    assert!(total.unwrap() > 5);
    let list = awork_admin::api::paging::PagedList::<()>::default();
    let mut pages = vec![];
    client.role_members(&role, false, &list, |page, items, _| pages.push((page, items.len()))).await.unwrap();
    assert_eq!(pages, [(1, total.unwrap())], "one page of up to 1000 holds them all");
}

#[wasm_bindgen_test]
async fn answers_tell_the_rate_limits() {
    let client = Client::new(&api(), token("demo-admin-token"));
    assert_eq!(client.rate_seen(), None);
    // The limiter is off in this stand-in: a fault rule answers 429 with awork's headers.
    set_faults(serde_json::json!([{"kind": "rateLimit", "path": "/me/permissions", "resetSeconds": 3, "times": 1}]))
        .await;
    let err = client.permissions().await.unwrap_err();
    assert_eq!(err, ApiError::RateLimited { retry_after_secs: Some(3) });
    let seen = client.clone().rate_seen().expect("the 429's headers were read");
    let h = seen.headers;
    assert_eq!((h.limit_second, h.limit_minute, h.remaining_minute), (Some(50), Some(1000), Some(0)));
    assert_eq!(h.reset_secs, Some(3));
    let now = awork_admin::api::client::now_ms();
    assert!(seen.sent_at > 0.0 && seen.sent_at <= now, "when its request went: {} (now {now})", seen.sent_at);
}

#[wasm_bindgen_test]
async fn server_errors_rate_limits_bad_json_and_dropped_connections_are_typed() {
    // Each rule answers one request to /teams, which no other test here calls.
    set_faults(serde_json::json!([
        {"kind": "error", "path": "/teams", "status": 503, "times": 1},
        {"kind": "rateLimit", "path": "/teams", "resetSeconds": 2, "times": 1},
        {"kind": "malformed", "path": "/teams", "times": 1},
        {"kind": "drop", "path": "/teams", "times": 1}
    ]))
    .await;
    let client = Client::new(&api(), token("demo-admin-token"));
    let call = || client.teams();
    assert!(matches!(call().await, Err(ApiError::Server { status: 503, .. })));
    assert_eq!(call().await.unwrap_err(), ApiError::RateLimited { retry_after_secs: Some(2) });
    assert_eq!(call().await.unwrap_err(), ApiError::Malformed);
    assert_eq!(call().await.unwrap_err(), ApiError::Network);
    assert!(call().await.is_ok(), "after the faults, /teams answers again");
}

async fn requests_to(path: &str) -> usize {
    let resp = gloo_net::http::Request::get(&format!("{}/__standin/requests", standin())).send().await.unwrap();
    let log: Vec<serde_json::Value> = resp.json().await.unwrap();
    log.iter().filter(|r| r["path"] == path).count()
}

#[wasm_bindgen_test]
async fn an_answer_over_the_size_bound_is_refused_with_a_clear_error() {
    set_faults(serde_json::json!([{"kind": "huge", "path": "/teams", "bytes": 20_000_000, "times": 1}])).await;
    let client = Client::new(&api(), token("demo-admin-token"));
    let err = client.teams().await.unwrap_err();
    assert_eq!(err, ApiError::TooLarge);
    assert!(err.message().contains("more than this app takes"), "{}", err.message());
    assert!(client.teams().await.is_ok(), "the next answer is read as usual");
}

#[wasm_bindgen_test]
async fn a_huge_total_does_not_queue_millions_of_pages() {
    let role = RoleId("000000b2-0000-4000-8000-000000000002".into());
    let path = format!("/roles/{}/users", role.as_str());
    set_faults(serde_json::json!([{"kind": "total", "path": path, "total": 1_000_000_000u64, "times": 3}])).await;
    let before = requests_to(&path).await;
    let client = Client::new(&api(), token("demo-admin-token"));
    let list = awork_admin::api::paging::PagedList::<()>::default();
    let mut pages = vec![];
    client
        .role_members(&role, false, &list, |page, items, total| pages.push((page, items.len(), total)))
        .await
        .unwrap();
    let members = pages[0].1;
    assert_eq!(pages, [(1, members, Some(members))], "the short first page is the whole list");
    assert_eq!(requests_to(&path).await - before, 1, "no page beyond the short one was asked for");
    set_faults(serde_json::json!([])).await;
}

#[wasm_bindgen_test]
async fn a_request_without_an_answer_in_time_is_given_up_and_says_so() {
    let client = Client::new(&api(), token("demo-admin-token")).with_timeout(1);
    set_faults(serde_json::json!([{"kind": "latency", "path": "/roles", "ms": 2500, "times": 2}])).await;
    let started = awork_admin::api::client::now_ms();
    let err = client.roles(false).await.unwrap_err();
    let took = awork_admin::api::client::now_ms() - started;
    assert_eq!(err, ApiError::Timeout { secs: 1, write: false });
    assert!(err.is_retryable());
    assert!((900.0..2400.0).contains(&took), "given up after a second, not after the answer: {took} ms");
    // A change that timed out may have been made: no "Try again" for it.
    let (nobody, role) = (awork_admin::api::models::UserId("nobody".into()), RoleId("x".into()));
    let err = client.move_user(&nobody, &role).await.unwrap_err();
    assert_eq!(err, ApiError::Timeout { secs: 1, write: true });
    assert!(!err.is_retryable() && err.message().contains("may or may not have been made"));
    set_faults(serde_json::json!([])).await;
}

#[wasm_bindgen_test]
async fn an_unreachable_api_is_a_network_error() {
    // Port 9 (discard) on loopback: nothing listens there.
    let err = Client::new("http://127.0.0.1:9/api/v1", token("x")).me().await.unwrap_err();
    assert_eq!(err, ApiError::Network);
}

#[wasm_bindgen_test]
fn case_beyond_ascii_follows_unicode_in_the_browser_too() {
    use awork_admin::format::{lowercase, uppercase};
    // A capital sigma at the end of a word becomes the final sigma, in JS as in Rust.
    assert_eq!(lowercase("ÄRZTE Über ΟΔΟΣ"), "ärzte über οδο\u{3c2}");
    assert_eq!(lowercase("Zoë ADAMS"), "zoë adams");
    assert_eq!(uppercase("ä"), "Ä");
    assert_eq!(uppercase("ß"), "SS");
    assert_eq!(lowercase("plain ascii"), "plain ascii");
}

mod config {
    //! `config.json` as the browser's URL parser reads it (the checks cannot be fooled by what the
    //! parser strips or rewrites).
    use awork_admin::config::Config;
    use wasm_bindgen_test::*;

    const APP: &str = "https://portal.example.com";

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, APP)
    }

    fn api(u: &str) -> Result<String, String> {
        parse(&serde_json::json!({ "apiBaseUrl": u }).to_string()).map(|c| c.api_base_url)
    }

    fn parents(o: &[&str]) -> Result<Vec<String>, String> {
        parse(&serde_json::json!({ "allowedParentOrigins": o }).to_string()).map(|c| c.allowed_parent_origins)
    }

    #[wasm_bindgen_test]
    fn reads_the_fields_and_falls_back_when_absent() {
        assert_eq!(api("http://127.0.0.1:8787/api/v1/").unwrap(), "http://127.0.0.1:8787/api/v1");
        assert_eq!(api("/awork-api/v1").unwrap(), "/awork-api/v1");
        assert_eq!(api("https://api.awork.com/api/v1").unwrap(), "https://api.awork.com/api/v1");
        assert_eq!(parse("{}").unwrap(), Config::default());
        let c = parse(
            r#"{"oauthClientId": " app ", "oauthRedirectUri": "", "allowedParentOrigins": ["https://Portal.example.com/"], "other": 1}"#,
        )
        .unwrap();
        assert_eq!(c.oauth_client_id.as_deref(), Some("app"));
        assert_eq!(c.oauth_redirect_uri, None);
        assert_eq!(c.oauth_authorize_url, "https://api.awork.com/api/v1/accounts/authorize");
        assert_eq!(c.allowed_parent_origins, ["https://portal.example.com"]);
        assert!(parse("{\"apiBaseUrl\": ").is_err());
        assert_eq!(
            parse("{\"apiBaseUrl\": 3}").unwrap_err(),
            "config.json is not valid JSON of the expected shape (at byte 15)"
        );
        assert!(parse("[]").is_err());
    }

    #[wasm_bindgen_test]
    fn an_api_path_stays_on_this_origin_however_it_is_spelt() {
        for bypass in [
            "//evil.example/api",
            "/\\evil.example/api",
            "/\t/evil.example/api",
            "/\n/evil.example/api",
            " /\t/evil.example/api",
            "/\\\t\\evil.example",
            "/..//evil.example/api",
            "/.//evil.example",
            "/x/..//evil.example",
            "/%2e%2e//evil.example",
        ] {
            assert!(api(bypass).is_err(), "{bypass:?} reaches another origin");
        }
        assert_eq!(api("/awork-api/./v1/").unwrap(), "/awork-api/v1", "the path as the browser will ask for it");
        assert!(api("/awork-api/v1?x=1").is_err());
    }

    #[wasm_bindgen_test]
    fn plain_http_only_on_this_machine_and_no_user_names() {
        for ok in [
            "http://localhost:8787/api/v1",
            "http://[::1]:8787/api/v1",
            "http://127.0.0.1:8787/api/v1",
            "http://127.1/api",
        ] {
            assert!(api(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://127.0.0.1.evil.example/api/v1",
            "http://localhost.evil.example/api",
            "http://api.awork.com/api/v1",
            "https://user@evil.example/api",
            "https://api.awork.com:pass@evil.example/api",
            "javascript:alert(1)",
            "ftp://api.awork.com/api",
            " ",
            "api/v1",
        ] {
            assert!(api(bad).is_err(), "{bad}");
        }
        let authorize = parse(r#"{"oauthAuthorizeUrl": "http://127.0.0.1:9/api/v1/accounts/authorize"}"#).unwrap();
        assert_eq!(authorize.oauth_authorize_url, "http://127.0.0.1:9/api/v1/accounts/authorize");
        assert!(parse(r#"{"oauthAuthorizeUrl": "http://awork.example/authorize"}"#).is_err());
        assert!(parse(r#"{"oauthAuthorizeUrl": "http://127.0.0.1.evil.example/authorize"}"#).is_err());
        assert!(
            parse(r#"{"oauthAuthorizeUrl": "/awork-api/v1/accounts/authorize"}"#).is_err(),
            "never through the proxy"
        );
    }

    #[wasm_bindgen_test]
    fn parent_origins_are_exact_origins_over_https_or_on_this_machine() {
        assert_eq!(parents(&["http://127.0.0.1:8080"]).unwrap(), ["http://127.0.0.1:8080"]);
        for bad in [
            "*",
            "null",
            "https://portal.example.com/path",
            "https://portal.example.com?x",
            "http://portal.example.com",
            "http://127.0.0.1.evil.example",
            "https://user@portal.example.com",
        ] {
            assert!(parents(&[bad]).is_err(), "{bad}");
        }
    }

    #[wasm_bindgen_test]
    fn the_redirect_uri_is_on_the_apps_origin() {
        let ok = parse(r#"{"oauthRedirectUri": "https://portal.example.com/awork-admin/"}"#).unwrap();
        assert_eq!(ok.oauth_redirect_uri.as_deref(), Some("https://portal.example.com/awork-admin/"));
        assert!(parse(r#"{"oauthRedirectUri": "https://evil.example/awork-admin/"}"#).is_err());
        assert!(parse(r#"{"oauthRedirectUri": "https://portal.example.com.evil.example/"}"#).is_err());
        assert!(parse(r#"{"oauthRedirectUri": "https://portal.example.com@evil.example/"}"#).is_err());
    }
}
