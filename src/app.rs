//! The app: who is signed in (the `Session` context) and which screen shows.

use crate::api::models::{Me, MePermissions};
use crate::api::{ApiError, Client, Renewal, TokenSource};
use crate::components::{ErrorBanner, Shell};
use crate::config::Config;
use crate::i18n::prelude::*;
use crate::oauth::{self, Callback as OAuthCallback, OAuthError};
use crate::pages;
use crate::people::People;
use crate::route::{navigate, use_route, Route};
use crate::session::{self, Credentials, Token};
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where signing in stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    SignedOut,
    /// Back from awork's sign-in page: the code is being exchanged for tokens.
    Exchanging,
    /// A token from sessionStorage is being checked with `GET /me`.
    Checking,
    SignedIn(Box<Me>),
    /// The stored token could not be checked (network, 5xx): it is kept, the admin may retry.
    CheckFailed(ApiError),
}

pub const SESSION_ENDED: &str = k("Your session has ended. Please sign in again.");

/// The signed-in state, shared by every screen.
#[derive(Clone, Copy)]
pub struct Session {
    config: StoredValue<Config>,
    creds: StoredValue<Option<Credentials>>,
    /// A refresh is under way; others wait for it instead of spending the same refresh token.
    renewing: StoredValue<bool>,
    pub auth: RwSignal<Auth>,
    /// A message for the sign-in screen ("your session has ended").
    pub notice: RwSignal<Option<String>>,
    /// Whether `GET /me/permissions` lets this account read roles; `None` until known (or when it
    /// could not be asked), in which case the screens are shown and awork's 401 decides.
    pub can_read_roles: RwSignal<Option<bool>>,
    pub people: People,
    /// What was typed on the screens; kept when awork ends the session, forgotten at sign-out.
    drafts: crate::drafts::Drafts,
    /// The screen to go back to after signing in again, when awork ended the session.
    return_to: StoredValue<Option<Route>>,
}

impl Session {
    fn new(config: Config) -> Session {
        let creds = session::load();
        let auth = if creds.is_some() { Auth::Checking } else { Auth::SignedOut };
        Session {
            config: StoredValue::new(config),
            creds: StoredValue::new(creds),
            renewing: StoredValue::new(false),
            auth: RwSignal::new(auth),
            notice: RwSignal::new(None),
            can_read_roles: RwSignal::new(None),
            people: People::new(),
            drafts: crate::drafts::Drafts::new(),
            return_to: StoredValue::new(None),
        }
    }

    fn base_url(&self) -> String {
        self.config.with_value(|c| c.api_base_url.clone())
    }

    pub fn config(&self) -> Config {
        self.config.get_value()
    }

    /// A client for a token being tried at sign-in: its 401 does not end anything.
    pub fn trial_client(&self, token: Token) -> Client {
        Client::new(&self.base_url(), token)
    }

    /// The client for the signed-in admin; a confirmed dead token signs out.
    pub fn client(&self) -> Option<Client> {
        self.creds.with_value(Option::is_some).then_some(())?;
        let this = *self;
        Some(
            Client::with_tokens(&self.base_url(), std::rc::Rc::new(this))
                .on_session_ended(move || this.end(Some(SESSION_ENDED.into()))),
        )
    }

    /// The profile image of a user with `hasImage`. awork serves it without a token, so a plain
    /// `<img>` can show it.
    pub fn image_url(&self, user: &crate::api::models::UserId) -> String {
        let id = crate::api::path_segment(user.as_str());
        crate::api::client::join_url(
            &self.base_url(),
            &format!("/files/images/users/{id}?width=80&height=80&crop=true"),
        )
    }

    pub fn me(&self) -> Option<Me> {
        self.auth.with(|a| match a {
            Auth::SignedIn(me) => Some((**me).clone()),
            _ => None,
        })
    }

    fn keep(&self, creds: Credentials) {
        if !session::save(&creds) {
            web_sys::console::warn_1(
                &"awork-admin: sessionStorage is unavailable; the token is kept in memory only".into(),
            );
        }
        self.creds.set_value(Some(creds));
    }

    pub fn sign_in(&self, creds: Credentials, me: Me) {
        self.keep(creds);
        self.notice.set(None);
        self.set_me(me);
        self.load_permissions();
        // Back to the screen an ended session left; else the profile from the bare URL or the
        // sign-in address; a deep link stays.
        let hash = current_hash();
        if let Some(route) = self.return_to.try_update_value(Option::take).flatten() {
            navigate(&route, true);
        } else if hash.trim_start_matches(['#', '/']).is_empty() || Route::parse(&hash) == Route::SignIn {
            navigate(&Route::Profile, true);
        }
    }

    /// Who is signed in, from `/me`; its `language` picks the app's unless the admin chose one.
    pub fn set_me(&self, me: Me) {
        crate::i18n::follow(me.language.as_deref());
        self.auth.set(Auth::SignedIn(Box::new(me)));
    }

    pub fn sign_out(&self) {
        self.end(None);
    }

    /// Asks `GET /me/permissions` which screens this account may use.
    fn load_permissions(&self) {
        let Some(client) = self.client() else { return };
        let this = *self;
        spawn_local(async move {
            if let Ok(p) = client.get::<MePermissions>("/me/permissions", &[]).await {
                this.can_read_roles.try_set(Some(p.user_permission.can_read_roles()));
            }
        });
    }

    fn end(&self, notice: Option<String>) {
        if notice.is_some() {
            // awork ended it: keep the drafts and the screen for signing in again.
            let here = Route::parse(&current_hash());
            if here != Route::SignIn && self.creds.with_value(Option::is_some) {
                self.return_to.set_value(Some(here));
            }
        } else {
            self.drafts.clear();
            self.return_to.set_value(None);
        }
        session::clear();
        self.creds.set_value(None);
        self.can_read_roles.set(None);
        self.people.clear();
        self.notice.set(notice);
        self.auth.set(Auth::SignedOut);
        navigate(&Route::SignIn, false);
    }

    /// Checks a token found in sessionStorage at start-up.
    fn verify(&self) {
        let Some(client) = self.client() else {
            self.auth.set(Auth::SignedOut);
            return;
        };
        self.auth.set(Auth::Checking);
        let this = *self;
        spawn_local(async move {
            match client.me().await {
                Ok(me) => {
                    this.set_me(me);
                    this.load_permissions();
                }
                // The client already signed out and said why.
                Err(ApiError::SessionEnded) => {}
                Err(e) => this.auth.set(Auth::CheckFailed(e)),
            }
        });
    }
}

impl Session {
    /// Finishes signing in with awork after it sent the admin back with `callback`.
    fn finish_oauth(&self, callback: OAuthCallback, pending: Option<oauth::Pending>) {
        let this = *self;
        let fail = move |e: OAuthError| {
            this.creds.set_value(None);
            session::clear();
            this.notice.set(Some(oauth_message(&e)));
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
            let result = oauth::refresh(&self.config.get_value(), &refresh).await;
            self.renewing.set_value(false);
            return match result {
                // Signed out meanwhile: the new tokens are not kept.
                Ok(_) if self.creds.with_value(Option::is_none) => Renewal::Rejected,
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

impl TokenSource for Session {
    fn token(&self) -> LocalBoxFuture<'static, Option<Token>> {
        let this = *self;
        Box::pin(async move {
            let creds = this.creds.get_value()?;
            if !creds.renewal_due(js_sys::Date::now()) {
                return Some(creds.access);
            }
            match this.renew_now(creds.access.clone()).await {
                Renewal::Renewed(t) => Some(t),
                Renewal::Rejected => None,
                // Not renewed now (network): the old token may still work; a 401 retries.
                Renewal::NotRenewable | Renewal::Failed(_) => Some(creds.access),
            }
        })
    }

    fn renew(&self, stale: Token) -> LocalBoxFuture<'static, Renewal> {
        Box::pin(self.renew_now(stale))
    }
}

/// What the sign-in screen says when signing in with awork did not work.
pub fn oauth_message(e: &OAuthError) -> String {
    match e {
        OAuthError::StateMismatch => {
            t("This sign-in answer did not come from the sign-in this tab started, so it was ignored. Please sign in again.").into()
        }
        OAuthError::Denied => t("Signing in with awork was cancelled.").into(),
        OAuthError::Refused(code) => tf("awork did not sign you in ({code}). Please try again.", &[("code", code)]),
        OAuthError::Exchange(ApiError::SessionEnded) => t("awork did not accept this sign-in. Please sign in again.").into(),
        OAuthError::Exchange(e) => tf("Signing in with awork did not finish: {reason}", &[("reason", &e.message())]),
        OAuthError::CannotStart => t("This browser cannot sign in with awork here (it needs a secure https page with sessionStorage).").into(),
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    let session = Session::new(config);
    provide_context(session);
    provide_context(session.drafts);
    if let Some((callback, pending)) = oauth::take_callback() {
        session.finish_oauth(callback, pending);
    } else if session.auth.get_untracked() == Auth::Checking {
        session.verify();
    }
    crate::portal::listen(session);
    let route = use_route();
    // The frame changes only between these, not when `/me` arrives or is refreshed, so screens
    // keep their state (and their requests) across those.
    #[derive(Clone, PartialEq)]
    enum Phase {
        SignIn,
        Exchanging,
        CheckFailed(ApiError),
        Active,
    }
    let phase = Memo::new(move |_| match session.auth.get() {
        Auth::SignedOut => Phase::SignIn,
        Auth::Exchanging => Phase::Exchanging,
        Auth::CheckFailed(e) => Phase::CheckFailed(e),
        // While a stored token is checked, the screen already loads: its requests run beside
        // `GET /me` instead of after it. A dead token ends the session either way.
        Auth::SignedIn(_) | Auth::Checking => Phase::Active,
    });

    move || match phase.get() {
        Phase::SignIn => view! { <pages::SignIn/> }.into_any(),
        Phase::Exchanging => view! {
            <div class="centered"><crate::components::Loading label=k("Signing in with awork…")/></div>
        }
        .into_any(),
        Phase::CheckFailed(error) => view! {
            <div class="centered stack">
                <h1>{tr("Could not check your session")}</h1>
                <ErrorBanner error=error on_retry=Callback::new(move |_| session.verify())/>
                <button type="button" class="button button-secondary" on:click=move |_| session.sign_out()>
                    {tr("Sign out")}
                </button>
            </div>
        }
        .into_any(),
        Phase::Active => view! {
            <Shell route=route>
                {move || match route.get() {
                    Route::SignIn | Route::Profile => view! { <pages::Profile/> }.into_any(),
                    Route::Roles => view! { <pages::Roles/> }.into_any(),
                    Route::Role(id) => view! { <pages::RoleMembers id=id/> }.into_any(),
                    Route::Invite => view! { <pages::Invite/> }.into_any(),
                    Route::Batch => view! { <pages::Batch/> }.into_any(),
                    Route::Assign => view! { <pages::Assign/> }.into_any(),
                    Route::NotFound(_) => view! { <pages::NotFound/> }.into_any(),
                }}
            </Shell>
        }
        .into_any(),
    }
}
