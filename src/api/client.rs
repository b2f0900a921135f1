//! The awork client: owns the base URL, the token, turning answers into typed results or
//! [`ApiError`], what a 401 means, and the rate-limit headers answers carry. The operations
//! themselves are in [`super::awork`].

use super::error::{ApiError, RawAnswer};
use super::rate::{RateHeaders, Seen};
use super::token::Token;
use futures_util::future::LocalBoxFuture;
use gloo_net::http::{Request, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::Cell;
use std::rc::Rc;

/// One page of a paged list, with awork's `aw-totalitems`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: Option<usize>,
}

/// The most one answer may hold. A page of 1000 users with their contact infos is about 2 MB.
pub const MAX_ANSWER_BYTES: usize = 16 << 20;

/// An answer's body as text, read piece by piece and refused (`TooLarge`) once it passes
/// [`MAX_ANSWER_BYTES`], or at once when `Content-Length` says so. A connection that drops
/// mid-body is `Network`.
pub(super) async fn read_bounded(resp: &gloo_net::http::Response) -> Result<String, ApiError> {
    use wasm_bindgen::JsCast;
    let declared = resp.headers().get("content-length").and_then(|v| v.trim().parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_ANSWER_BYTES) {
        return Err(ApiError::TooLarge);
    }
    let Some(body) = resp.body() else { return Ok(String::new()) };
    let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0));
    loop {
        let chunk = wasm_bindgen_futures::JsFuture::from(reader.read()).await.map_err(|_| ApiError::Network)?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).ok();
        if field("done").and_then(|d| d.as_bool()).unwrap_or(true) {
            break;
        }
        let Some(part) = field("value").and_then(|v| v.dyn_into::<js_sys::Uint8Array>().ok()) else {
            return Err(ApiError::Malformed);
        };
        if bytes.len() + part.length() as usize > MAX_ANSWER_BYTES {
            let _ = reader.cancel();
            return Err(ApiError::TooLarge);
        }
        bytes.extend(part.to_vec());
    }
    String::from_utf8(bytes).map_err(|_| ApiError::Malformed)
}

/// Milliseconds on the page's clock (`performance.now()`), which the job runner paces by.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// How long a request may take, answer and body, unless the client is told otherwise.
pub const DEFAULT_TIMEOUT_SECS: u32 = 30;

/// A request's time limit: when it passes, the request (and the reading of its body) is aborted.
pub(super) struct Deadline {
    controller: Option<web_sys::AbortController>,
    secs: u32,
    _timer: Option<gloo_timers::callback::Timeout>,
}

impl Deadline {
    pub(super) fn start(secs: u32) -> Deadline {
        let controller = web_sys::AbortController::new().ok();
        let timer = controller
            .clone()
            .map(|c| gloo_timers::callback::Timeout::new(secs.saturating_mul(1000), move || c.abort()));
        Deadline { controller, secs, _timer: timer }
    }

    pub(super) fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    /// What a failure became: `Timeout` once the time is up, else `e` as it is.
    pub(super) fn explain(&self, e: ApiError, write: bool) -> ApiError {
        match &self.controller {
            Some(c) if c.signal().aborted() => ApiError::Timeout { secs: self.secs, write },
            _ => e,
        }
    }
}

/// `GET /me`: asked again after a 401 to learn what the 401 meant (see [`meaning_of_401`]).
pub const ME: &str = "/me";

/// Joins the configured base URL (`https://api.awork.com/api/v1`, or a proxy path) and an
/// operation path (`/me`).
pub fn join_url(base: &str, path: &str) -> String {
    format!("{}/{}", base.trim_end_matches('/'), path.trim_start_matches('/'))
}

/// A page may hold at most the page size asked for; more is not a page of this list.
pub fn page_fits(items: usize, page_size: usize) -> Result<(), ApiError> {
    if items > page_size {
        Err(ApiError::TooLarge)
    } else {
        Ok(())
    }
}

/// awork answers 401 both for a dead token and for a missing permission. After a 401 on some
/// call, `GET /me` is asked again; this decides from its status (or failure) what the 401 meant.
/// Only a 401/403 from `/me` itself ends the session: when in doubt, the admin stays signed in.
pub fn meaning_of_401(me_recheck: Result<u16, ApiError>) -> ApiError {
    match me_recheck {
        Ok(401 | 403) => ApiError::SessionEnded,
        _ => ApiError::PermissionDenied { description: None },
    }
}

/// What came of asking for a new token after awork refused one.
#[derive(Debug, Clone, PartialEq)]
pub enum Renewal {
    /// A new token to try the call again with.
    Renewed(Token),
    /// There is nothing to renew with (a pasted API key): decide what the 401 meant as usual.
    NotRenewable,
    /// The refresh token was refused: the session is over.
    Rejected,
    /// Renewing failed for another reason (network, 5xx); the session goes on.
    Failed(ApiError),
}

/// Where a client gets its token, and a new one when awork refuses the old.
pub trait TokenSource {
    /// The token for the next call, renewed first when it is about to expire; `None` when there
    /// is no session any more.
    fn token(&self) -> LocalBoxFuture<'static, Option<Token>>;
    /// After awork answered 401 to `stale`.
    fn renew(&self, stale: Token) -> LocalBoxFuture<'static, Renewal>;
    /// Whether the session this source was made for is still the one signed in. When it is not,
    /// a call sends nothing more: no renewal, no second try, no re-check of `GET /me`.
    fn is_current(&self) -> bool {
        true
    }
}

/// One token that cannot be renewed (a token being tried at sign-in).
struct Fixed(Token);

impl TokenSource for Fixed {
    fn token(&self) -> LocalBoxFuture<'static, Option<Token>> {
        Box::pin(std::future::ready(Some(self.0.clone())))
    }
    fn renew(&self, _: Token) -> LocalBoxFuture<'static, Renewal> {
        Box::pin(std::future::ready(Renewal::NotRenewable))
    }
}

struct Answer {
    status: u16,
    body: String,
    total: Option<usize>,
}

#[derive(Clone)]
pub struct Client {
    base: Rc<str>,
    tokens: Rc<dyn TokenSource>,
    on_session_ended: Option<Rc<dyn Fn()>>,
    /// The rate-limit headers of the latest answer, shared by the clones of this client.
    rate: Rc<Cell<Option<Seen>>>,
    /// How long one request may take (seconds).
    timeout_secs: u32,
}

impl Client {
    pub fn new(base: &str, token: Token) -> Client {
        Client::with_tokens(base, Rc::new(Fixed(token)))
    }

    /// A client whose token can change (OAuth: renewed before it expires and after a 401).
    pub fn with_tokens(base: &str, tokens: Rc<dyn TokenSource>) -> Client {
        Client {
            base: base.into(),
            tokens,
            on_session_ended: None,
            rate: Rc::default(),
            timeout_secs: DEFAULT_TIMEOUT_SECS,
        }
    }

    /// The base URL the calls go to.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// What the latest answer (of this client or a clone) said about awork's rate limits.
    pub fn rate_seen(&self) -> Option<Seen> {
        self.rate.get()
    }

    /// Gives up on a request that has not been answered within `secs` seconds.
    pub fn with_timeout(mut self, secs: u32) -> Client {
        self.timeout_secs = secs.max(1);
        self
    }

    /// Called once whenever a call finds that the session has ended (so the app can sign out).
    pub fn on_session_ended(mut self, f: impl Fn() + 'static) -> Client {
        self.on_session_ended = Some(Rc::new(f));
        self
    }

    async fn exchange(
        &self,
        req: RequestBuilder,
        write: bool,
        token: &Token,
        body: Option<String>,
    ) -> Result<Answer, ApiError> {
        let deadline = Deadline::start(self.timeout_secs);
        // Not through the HTTP cache: awork's answers about people stay off the disk, and two
        // accounts' requests for one address never wait on each other's cache entry (the browser
        // lets a second GET of a URL wait for the first one's answer).
        let req = req
            .header("Authorization", &token.authorization())
            .header("Accept", "application/json")
            .cache(web_sys::RequestCache::NoStore)
            .abort_signal(deadline.signal().as_ref());
        let sent_at = now_ms();
        let sent = match body {
            Some(b) => {
                req.header("Content-Type", "application/json").body(b).map_err(|_| ApiError::Network)?.send().await
            }
            None => req.send().await,
        };
        let resp = sent.map_err(|_| deadline.explain(ApiError::Network, write))?;
        let header = |name: &str| resp.headers().get(name);
        if let Some(headers) = RateHeaders::read(header) {
            self.rate.set(Some(Seen { headers, sent_at }));
        }
        let total = header("aw-totalitems").and_then(|v| v.trim().parse().ok());
        let status = resp.status();
        // A connection dropped mid-body fails here, not at send().
        let body = read_bounded(&resp).await.map_err(|e| deadline.explain(e, write))?;
        if (200..300).contains(&status) {
            return Ok(Answer { status, body, total });
        }
        let retry_after = header("retry-after");
        let ratelimit_reset = header("ratelimit-reset");
        Err(ApiError::from_answer(&RawAnswer {
            status,
            body: &body,
            retry_after: retry_after.as_deref(),
            ratelimit_reset: ratelimit_reset.as_deref(),
        }))
    }

    /// Sends a request, and when it ends in 401/403, finds out what that meant.
    async fn call(
        &self,
        method: &str,
        path: &str,
        query: &[(&str, String)],
        body: Option<String>,
    ) -> Result<Answer, ApiError> {
        let url = join_url(&self.base, path);
        let build = || {
            let q = query.iter().map(|(k, v)| (*k, v.as_str()));
            match method {
                "POST" => Request::post(&url).query(q),
                _ => Request::get(&url).query(q),
            }
        };
        let result = self.call_with_renewal(build, method == "POST", path, body).await;
        // Only the session this client was made for can end: a late answer of an earlier one
        // (another account signed in meanwhile) ends nothing.
        if let (Err(ApiError::SessionEnded), Some(f)) = (&result, &self.on_session_ended) {
            if self.tokens.is_current() {
                f();
            }
        }
        result
    }

    async fn call_with_renewal(
        &self,
        build: impl Fn() -> RequestBuilder,
        write: bool,
        path: &str,
        body: Option<String>,
    ) -> Result<Answer, ApiError> {
        let Some(mut token) = self.tokens.token().await else {
            return Err(ApiError::SessionEnded);
        };
        let mut result = self.exchange(build(), write, &token, body.clone()).await;
        if !self.tokens.is_current() {
            // Another session by now: nothing is renewed, sent again or checked with its token.
            return result;
        }
        if let Err(ApiError::SessionEnded) = result {
            match self.tokens.renew(token.clone()).await {
                Renewal::Renewed(fresh) => {
                    token = fresh;
                    result = self.exchange(build(), write, &token, body).await;
                }
                Renewal::NotRenewable => {}
                Renewal::Rejected => return Err(ApiError::SessionEnded),
                Renewal::Failed(e) => return Err(e),
            }
        }
        match result {
            // Another session by now (during the second try): its token is not used again.
            Err(ApiError::SessionEnded) if !self.tokens.is_current() => Err(ApiError::SessionEnded),
            Err(ApiError::SessionEnded) if path != ME => {
                let me = Request::get(&join_url(&self.base, ME));
                let recheck = match self.exchange(me, false, &token, None).await {
                    Ok(a) => Ok(a.status),
                    Err(ApiError::SessionEnded) => Ok(401),
                    Err(e) => Err(e),
                };
                Err(meaning_of_401(recheck))
            }
            other => other,
        }
    }

    fn decode<T: DeserializeOwned>(answer: &Answer) -> Result<T, ApiError> {
        let text = if answer.body.trim().is_empty() { "null" } else { answer.body.as_str() };
        serde_json::from_str(text).map_err(|_| ApiError::Malformed)
    }

    /// A `GET` whose answer the caller reads itself.
    pub(super) async fn get_text(&self, path: &str, query: &[(&str, String)]) -> Result<String, ApiError> {
        Ok(self.call("GET", path, query, None).await?.body)
    }

    pub(super) async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T, ApiError> {
        Self::decode(&self.call("GET", path, query, None).await?)
    }

    /// One page of a paged list (`page` from 1, `pageSize` up to 1000).
    pub(super) async fn get_page<T: DeserializeOwned>(
        &self,
        path: &str,
        page: usize,
        page_size: usize,
        extra: &[(&str, String)],
    ) -> Result<Page<T>, ApiError> {
        let page_size = page_size.min(1000);
        let mut query = vec![("page", page.to_string()), ("pageSize", page_size.to_string())];
        query.extend(extra.iter().cloned());
        let answer = self.call("GET", path, &query, None).await?;
        let items: Vec<T> = Self::decode(&answer)?;
        page_fits(items.len(), page_size)?;
        Ok(Page { items, total: answer.total })
    }

    pub(super) async fn post<B: Serialize + ?Sized, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        // The bodies are structs of strings, lists and booleans: writing them cannot fail.
        let body = serde_json::to_string(body).unwrap_or_default();
        let answer = self.call("POST", path, &[], Some(body)).await?;
        Self::decode(&answer)
    }

    /// A POST without a body; an empty answer (204) reads as `null`.
    pub(super) async fn post_bare<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T, ApiError> {
        Self::decode(&self.call("POST", path, query, None).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_with_or_without_slashes_join_cleanly() {
        assert_eq!(join_url("https://api.awork.com/api/v1", "/me"), "https://api.awork.com/api/v1/me");
        assert_eq!(join_url("https://api.awork.com/api/v1/", "/me"), "https://api.awork.com/api/v1/me");
        assert_eq!(join_url("/awork-api/v1", "roles"), "/awork-api/v1/roles");
    }

    #[test]
    fn a_page_never_holds_more_than_was_asked_for() {
        assert_eq!(page_fits(1000, 1000), Ok(()));
        assert_eq!(page_fits(0, 1), Ok(()));
        assert_eq!(page_fits(1001, 1000), Err(ApiError::TooLarge));
        assert_eq!(page_fits(2, 1), Err(ApiError::TooLarge));
    }

    #[test]
    fn a_401_ends_the_session_only_when_me_agrees() {
        assert_eq!(meaning_of_401(Ok(401)), ApiError::SessionEnded);
        assert_eq!(meaning_of_401(Ok(403)), ApiError::SessionEnded);
        assert_eq!(meaning_of_401(Ok(200)), ApiError::PermissionDenied { description: None });
        assert_eq!(
            meaning_of_401(Err(ApiError::Network)),
            ApiError::PermissionDenied { description: None },
            "a failed re-check must not sign the admin out"
        );
    }
}
