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
    assert_eq!((seen.limit_second, seen.limit_minute, seen.remaining_minute), (Some(50), Some(1000), Some(0)));
    assert_eq!(seen.reset_secs, Some(3));
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
