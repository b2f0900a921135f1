//! Signing in and staying signed in: the `Session` context every screen reads (who is signed in,
//! the client to call awork with), the tokens in sessionStorage ([`tokens`]), signing in with
//! awork ([`oauth`]) and the portal's token hand-off ([`portal`]).

pub mod idle;
pub mod oauth;
pub mod portal;
pub mod tokens;

use crate::api::models::{Account, Me, MeAnswer, UserId, UserPermission, WorkspaceId};
use crate::api::{awork, ApiError, Client, Renewal, Token, TokenSource};
use crate::config::Config;
use crate::drafts::Drafts;
use crate::i18n::prelude::*;
use crate::people::People;
use crate::route::{navigate, Route};
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;
use leptos::task::spawn_local;
use oauth::{Callback as OAuthCallback, OAuthError};
use tokens::Credentials;

/// Forgets `Forget` of a session's stores; set by the screens' chunk when it makes them.
type ForgetFn = fn(&Session, Forget);

/// What of the session's stores to forget (see `Session::forget`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Forget {
    /// The people: the session ended.
    People,
    /// The drafts: another account signed in.
    Drafts,
    /// Both: signed out.
    Everything,
}

/// Where signing in stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    SignedOut,
    /// Back from awork's sign-in page: the code is being exchanged for tokens.
    Exchanging,
    /// A token from sessionStorage is being checked with `GET /me`.
    Checking,
    SignedIn(Box<MeAnswer>),
    /// The stored token could not be checked (network, 5xx): it is kept, the admin may retry.
    CheckFailed(ApiError),
}

/// Why the sign-in screen shows: what it tells the admin first.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// awork ended the session (a dead token, a refused refresh).
    SessionEnded,
    /// Signing in with awork did not work.
    OAuth(OAuthError),
    /// awork refused the token the portal handed over.
    TokenRefused(ApiError),
    /// No activity for this many minutes (`idleTimeoutMinutes`).
    Idle(u32),
}

impl Notice {
    /// In the language on.
    pub fn message(&self) -> String {
        match self {
            Notice::SessionEnded => t("Your session has ended. Please sign in again.").into(),
            Notice::OAuth(e) => e.message(),
            Notice::TokenRefused(e) => crate::rules::sign_in::sign_in_error(e),
            Notice::Idle(n) => {
                tf("You were signed out after {n} minutes without activity. Please sign in again.", &[("n", n)])
            }
        }
    }
}

/// The signed-in state, shared by every screen.
#[derive(Clone, Copy)]
pub struct Session {
    config: StoredValue<Config>,
    creds: StoredValue<Option<Credentials>>,
    /// A refresh is under way; others wait for it instead of spending the same refresh token.
    renewing: StoredValue<bool>,
    pub auth: RwSignal<Auth>,
    /// What the sign-in screen says first ("your session has ended").
    pub notice: RwSignal<Option<Notice>>,
    /// What `GET /me/permissions` says this account may do; `None` until known (or when it could
    /// not be asked), in which case the screens are shown and awork's 401 decides.
    pub permissions: RwSignal<Option<UserPermission>>,
    /// `GET /me/permissions` was asked (or is being asked) for this session.
    permissions_asked: StoredValue<bool>,
    /// The workspace's people ([`Session::people`]) and what was typed on the screens
    /// ([`Session::drafts`]; kept when awork ends the session, forgotten at sign-out). Both are
    /// made by the screens' chunk when first needed, and forgotten through `forget`, which that
    /// chunk sets: the first download neither makes nor clears them.
    people: StoredValue<Option<People>>,
    drafts: StoredValue<Option<Drafts>>,
    /// Forgets what the stores above hold.
    forget: StoredValue<Option<ForgetFn>>,
    /// The app's owner: the stores live as long as the app, not as long as the screen that made
    /// them. Weak: the app's owner holds this session, which must not hold it back.
    owner: StoredValue<Option<WeakOwner>>,
    /// The screen to go back to after signing in again, when awork ended the session.
    return_to: StoredValue<Option<Route>>,
    /// Whose the drafts are (user and workspace): another account never sees them.
    drafts_of: StoredValue<Option<(UserId, Option<WorkspaceId>)>>,
    /// Counts the sessions of this tab: an answer to a request of an earlier session (a refresh
    /// started for the old token) is thrown away.
    epoch: StoredValue<u64>,
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

impl Session {
    /// The session of this tab: signed in if sessionStorage holds a token (still to be checked).
    pub fn new(config: Config) -> Session {
        let creds = tokens::load(&config.api_base_url);
        let auth = if creds.is_some() { Auth::Checking } else { Auth::SignedOut };
        Session {
            config: StoredValue::new(config),
            creds: StoredValue::new(creds),
            renewing: StoredValue::new(false),
            auth: RwSignal::new(auth),
            notice: RwSignal::new(None),
            permissions: RwSignal::new(None),
            permissions_asked: StoredValue::new(false),
            people: StoredValue::new(None),
            drafts: StoredValue::new(None),
            forget: StoredValue::new(None),
            owner: StoredValue::new(Owner::current().map(|o| o.downgrade())),
            return_to: StoredValue::new(None),
            drafts_of: StoredValue::new(None),
            epoch: StoredValue::new(0),
        }
    }

    fn base_url(&self) -> String {
        self.config.with_value(|c| c.api_base_url.clone())
    }

    pub fn config(&self) -> Config {
        self.config.get_value()
    }

    /// Whether the account may read roles (tracked); `None` while unknown.
    pub fn can_read_roles(&self) -> Option<bool> {
        self.permissions.with(|p| p.as_ref().map(UserPermission::can_read_roles))
    }

    /// Whether the account may invite people (tracked); `None` while unknown.
    pub fn can_invite(&self) -> Option<bool> {
        self.permissions.with(|p| p.as_ref().map(UserPermission::can_invite))
    }

    /// A client for a token being tried at sign-in: its 401 does not end anything.
    pub fn trial_client(&self, token: Token) -> Client {
        Client::new(&self.base_url(), token).with_timeout(self.config.with_value(|c| c.request_timeout_secs))
    }

    /// The client for the signed-in admin; a confirmed dead token signs out. It belongs to this
    /// session: once another begins (sign-out, another account), it sends nothing more and ends
    /// nothing.
    pub fn client(&self) -> Option<Client> {
        self.creds.with_value(Option::is_some).then_some(())?;
        let bound = Bound { session: *self, epoch: self.epoch() };
        let timeout = self.config.with_value(|c| c.request_timeout_secs);
        Some(Client::with_tokens(&self.base_url(), std::rc::Rc::new(bound)).with_timeout(timeout).on_session_ended(
            move || {
                if bound.is_current() {
                    bound.session.end(Some(Notice::SessionEnded));
                }
            },
        ))
    }

    /// Which session of this tab this is: it changes whenever one ends or another begins. What
    /// a request of one session brings back is applied only while that session lasts.
    pub fn epoch(&self) -> u64 {
        self.epoch.get_value()
    }

    /// The client, or the error a screen shows when there is no session any more.
    pub fn require_client(&self) -> Result<Client, ApiError> {
        self.client().ok_or(ApiError::SessionEnded)
    }

    /// A user's profile picture, for users with `hasImage`.
    pub fn image_url(&self, user: &UserId) -> String {
        awork::image_url(&self.base_url(), user)
    }

    /// The signed-in user and workspace (tracked), read from `GET /me`'s answer.
    pub fn me(&self) -> Option<Me> {
        self.auth.with(|a| match a {
            Auth::SignedIn(me) => me.me(),
            _ => None,
        })
    }

    /// Who is signed in, in which workspace (tracked).
    pub fn account(&self) -> Option<Account> {
        self.auth.with(|a| match a {
            Auth::SignedIn(me) => Some(me.account.clone()),
            _ => None,
        })
    }

    fn keep(&self, creds: Credentials) {
        if !tokens::save(&self.base_url(), &creds) {
            web_sys::console::warn_1(
                &"awork-admin: sessionStorage is unavailable; the token is kept in memory only".into(),
            );
        }
        self.creds.set_value(Some(creds));
    }

    /// Begins the session of `creds`, checked with `me`. A session still under way (a sign-in
    /// answer coming back after the portal handed over a token, say) ends completely first.
    pub fn sign_in(&self, creds: Credentials, me: MeAnswer) {
        if self.creds.with_value(Option::is_some) {
            self.end(None);
        }
        self.epoch.update_value(|e| *e += 1);
        self.keep(creds);
        self.notice.set(None);
        self.set_me(me);
        // Back to the screen an ended session left; else the profile from the bare URL or the
        // sign-in address; a deep link stays.
        let hash = current_hash();
        if let Some(route) = self.return_to.try_update_value(Option::take).flatten() {
            navigate(&route, true);
        } else if hash.trim_start_matches(['#', '/']).is_empty() || Route::parse(&hash) == Route::SignIn {
            navigate(&Route::Profile, true);
        }
    }

    /// `GET /me`'s answer to a request of session `epoch`: applied only if that session is still
    /// the one signed in (a late answer for the account before must not name the one after).
    pub fn set_me_of(&self, epoch: u64, me: MeAnswer) {
        if self.epoch.try_get_value() == Some(epoch) {
            self.set_me(me);
        }
    }

    /// Who is signed in, from `/me`; its `language` picks the app's unless the admin chose one.
    /// Drafts typed by another account are forgotten first.
    fn set_me(&self, me: MeAnswer) {
        let who = Some((me.account.id.clone(), me.account.workspace.id.clone()));
        if self.drafts_of.with_value(|d| *d != who) {
            self.forget_stores(Forget::Drafts);
            if self.drafts_of.with_value(Option::is_some) {
                self.return_to.set_value(None);
            }
            self.drafts_of.set_value(who);
        }
        crate::i18n::follow(me.account.language.as_deref());
        self.auth.set(Auth::SignedIn(Box::new(me)));
    }

    pub fn sign_out(&self) {
        self.end(None);
    }

    /// The workspace's people, loaded once per session and shared by the screens.
    pub fn people(&self) -> People {
        self.store(self.people, People::new)
    }

    /// What was typed on the screens.
    pub fn drafts(&self) -> Drafts {
        self.store(self.drafts, Drafts::new)
    }

    /// The store in `slot`, made under the app's owner the first time.
    fn store<T: Copy + Send + Sync + 'static>(&self, slot: StoredValue<Option<T>>, make: fn() -> T) -> T {
        if let Some(store) = slot.get_value() {
            return store;
        }
        let store = match self.owner.get_value().and_then(|o| o.upgrade()) {
            Some(owner) => owner.with(make),
            None => make(),
        };
        slot.set_value(Some(store));
        self.forget.set_value(Some(Session::clear_stores));
        store
    }

    fn clear_stores(&self, what: Forget) {
        if let (Forget::People | Forget::Everything, Some(people)) = (what, self.people.get_value()) {
            people.clear();
        }
        if let (Forget::Drafts | Forget::Everything, Some(drafts)) = (what, self.drafts.get_value()) {
            drafts.clear();
        }
    }

    /// Forgets what the screens made of `what`, if they made it.
    fn forget_stores(&self, what: Forget) {
        if let Some(forget) = self.forget.get_value() {
            forget(self, what);
        }
    }

    /// Asks `GET /me/permissions` which screens this account may use, once a session (asked
    /// again after a failure). The screens' chunk asks as it shows a screen, so this request and
    /// what reads its answer are not in the first download; until the answer is there, the
    /// navigation offers every screen and awork decides.
    pub fn ensure_permissions(&self) {
        if self.permissions_asked.get_value() {
            return;
        }
        let Some(client) = self.client() else { return };
        self.permissions_asked.set_value(true);
        let this = *self;
        let epoch = self.epoch.get_value();
        spawn_local(async move {
            let answer = client.permissions().await;
            if this.epoch.get_value() != epoch {
                return; // another session by now
            }
            match answer {
                Ok(p) => {
                    this.permissions.try_set(Some(p.user_permission));
                }
                Err(_) => this.permissions_asked.set_value(false),
            }
        });
    }

    fn end(&self, notice: Option<Notice>) {
        self.epoch.update_value(|e| *e += 1);
        self.renewing.set_value(false);
        if notice.is_some() {
            // awork ended it: keep the drafts and the screen for signing in again.
            let here = Route::parse(&current_hash());
            if here != Route::SignIn && self.creds.with_value(Option::is_some) {
                self.return_to.set_value(Some(here));
            }
        } else {
            self.drafts_of.set_value(None);
            self.return_to.set_value(None);
        }
        tokens::clear();
        self.creds.set_value(None);
        self.permissions.set(None);
        self.permissions_asked.set_value(false);
        self.forget_stores(if notice.is_some() { Forget::People } else { Forget::Everything });
        self.notice.set(notice);
        self.auth.set(Auth::SignedOut);
        navigate(&Route::SignIn, false);
    }

    /// Checks a token found in sessionStorage at start-up.
    pub fn verify(&self) {
        let Some(client) = self.client() else {
            self.auth.set(Auth::SignedOut);
            return;
        };
        self.auth.set(Auth::Checking);
        let this = *self;
        let epoch = self.epoch();
        spawn_local(async move {
            let answer = client.me().await;
            if this.epoch.try_get_value() != Some(epoch) {
                return; // another session by now
            }
            match answer {
                Ok(me) => this.set_me(me),
                // The client already signed out and said why.
                Err(ApiError::SessionEnded) => {}
                Err(e) => this.auth.set(Auth::CheckFailed(e)),
            }
        });
    }

    /// A token the portal handed over: another token than the one in use first ends the current
    /// session completely (users, drafts, a refresh under way), then the new one is checked.
    pub fn hand_over(&self, token: Token) {
        if self.creds.with_value(|c| c.as_ref().is_some_and(|c| c.access == token)) {
            return;
        }
        if self.creds.with_value(Option::is_some) {
            self.end(None);
        } else {
            // A hand-over still being checked is superseded by this one.
            self.epoch.update_value(|e| *e += 1);
        }
        let this = *self;
        let epoch = self.epoch.get_value();
        spawn_local(async move {
            let result = this.trial_client(token.clone()).me().await;
            if this.epoch.get_value() != epoch {
                return;
            }
            match result {
                Ok(me) => this.sign_in(Credentials::api_key(token), me),
                Err(e) => this.notice.set(Some(Notice::TokenRefused(e))),
            }
        });
    }

    /// Finishes signing in with awork after it sent the admin back with `callback`, answering the
    /// sign-in `pending` of this tab.
    pub fn finish_oauth(&self, callback: OAuthCallback, pending: oauth::Pending) {
        let this = *self;
        let fail = move |e: OAuthError| {
            if this.creds.with_value(Option::is_some) {
                // Whatever the answer was, it does not end a session this tab has.
                web_sys::console::warn_1(&"awork-admin: ignored a sign-in answer; the session goes on".into());
                this.verify();
                return;
            }
            this.notice.set(Some(Notice::OAuth(e)));
            this.auth.set(Auth::SignedOut);
        };
        let (code, pending) = match callback {
            OAuthCallback::Code { code, state } => match oauth::match_state(pending, &state) {
                Ok(p) => (code, p),
                Err(e) => return fail(e),
            },
            OAuthCallback::Refused { error, state } => {
                // A refusal is shown only when it answers this tab's own request.
                return fail(match oauth::match_state(pending, &state) {
                    Err(e) => e,
                    Ok(_) if error == "access_denied" => OAuthError::Denied,
                    Ok(_) => OAuthError::Refused(error),
                });
            }
        };
        self.auth.set(Auth::Exchanging);
        spawn_local(async move {
            let config = this.config.get_value();
            let creds = match oauth::exchange(&config, &code, &pending).await {
                Ok(c) => c,
                Err(e) => return fail(OAuthError::Exchange(e)),
            };
            match this.trial_client(creds.access.clone()).me().await {
                Ok(me) => this.sign_in(creds, me),
                Err(e) => fail(OAuthError::Exchange(e)),
            }
        });
    }

    /// In a frame, signing in happens in a window of its own; its answer comes back by message,
    /// from this app's origin and from that window only. Listens for as long as the calling owner
    /// (the app) lives.
    pub fn listen_for_sign_in_window(&self) {
        let this = *self;
        let own_origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let listener = window_event_listener(leptos::ev::message, move |ev: web_sys::MessageEvent| {
            let from_window = ev.source().is_some_and(|s| oauth::is_sign_in_window(&s.into()));
            if !from_window {
                return;
            }
            let data = ev.data();
            let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok().and_then(|v| v.as_string());
            let answer = oauth::answer_in_message(
                &ev.origin(),
                &own_origin,
                field("type").as_deref(),
                field("search").as_deref(),
            );
            if let (Some(callback), Some(pending)) = (answer, oauth::take_pending()) {
                this.finish_oauth(callback, pending);
            }
        });
        on_cleanup(move || listener.remove());
    }

    async fn renew_now(self, stale: Token) -> Renewal {
        loop {
            let Some(creds) = self.creds.get_value() else { return Renewal::Rejected };
            if creds.access != stale {
                return Renewal::Renewed(creds.access);
            }
            let Some(refresh) = creds.refresh else { return Renewal::NotRenewable };
            if self.renewing.get_value() {
                gloo_timers::future::TimeoutFuture::new(50).await;
                continue;
            }
            self.renewing.set_value(true);
            let epoch = self.epoch.get_value();
            let result = oauth::refresh(&self.config.get_value(), &refresh).await;
            if self.epoch.get_value() != epoch {
                // Signed out (or another account signed in) meanwhile: the answer is not kept.
                return Renewal::Rejected;
            }
            self.renewing.set_value(false);
            return match result {
                Ok(fresh) => {
                    let access = fresh.access.clone();
                    self.keep(fresh);
                    Renewal::Renewed(access)
                }
                Err(ApiError::SessionEnded) => Renewal::Rejected,
                Err(e) => Renewal::Failed(e),
            };
        }
    }
}

/// The tokens of one session of the tab (`epoch`): a client made for it asks for none, and
/// renews none, once another session has begun.
#[derive(Clone, Copy)]
struct Bound {
    session: Session,
    epoch: u64,
}

impl TokenSource for Bound {
    fn token(&self) -> LocalBoxFuture<'static, Option<Token>> {
        let bound = *self;
        Box::pin(async move {
            if !bound.is_current() {
                return None;
            }
            let creds = bound.session.creds.get_value()?;
            if !creds.renewal_due(js_sys::Date::now()) {
                return Some(creds.access);
            }
            let renewal = bound.session.renew_now(creds.access.clone()).await;
            if !bound.is_current() {
                return None; // the session ended while the token was being renewed
            }
            match renewal {
                Renewal::Renewed(t) => Some(t),
                Renewal::Rejected => None,
                // Not renewed now (network): the old token may still work; a 401 retries.
                Renewal::NotRenewable | Renewal::Failed(_) => Some(creds.access),
            }
        })
    }

    fn renew(&self, stale: Token) -> LocalBoxFuture<'static, Renewal> {
        let bound = *self;
        Box::pin(async move {
            if !bound.is_current() {
                return Renewal::Rejected;
            }
            let renewal = bound.session.renew_now(stale).await;
            // Never another session's token for this one's request.
            if bound.is_current() {
                renewal
            } else {
                Renewal::Rejected
            }
        })
    }

    fn is_current(&self) -> bool {
        self.session.epoch.try_get_value() == Some(self.epoch)
    }
}
