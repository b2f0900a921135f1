//! The app: who is signed in (the `Session` context) and which screen shows.

use crate::api::models::{Me, MePermissions};
use crate::api::{ApiError, Client};
use crate::components::{ErrorBanner, Shell};
use crate::config::Config;
use crate::pages;
use crate::people::People;
use crate::route::{navigate, use_route, Route};
use crate::session::{self, Token};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where signing in stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Auth {
    SignedOut,
    /// A token from sessionStorage is being checked with `GET /me`.
    Checking,
    SignedIn(Box<Me>),
    /// The stored token could not be checked (network, 5xx): it is kept, the admin may retry.
    CheckFailed(ApiError),
}

pub const SESSION_ENDED: &str = "Your session has ended. Please sign in again.";

/// The signed-in state, shared by every screen.
#[derive(Clone, Copy)]
pub struct Session {
    config: StoredValue<Config>,
    token: StoredValue<Option<Token>>,
    pub auth: RwSignal<Auth>,
    /// A message for the sign-in screen ("your session has ended").
    pub notice: RwSignal<Option<String>>,
    /// Whether `GET /me/permissions` lets this account read roles; `None` until known (or when it
    /// could not be asked), in which case the screens are shown and awork's 401 decides.
    pub can_read_roles: RwSignal<Option<bool>>,
    pub people: People,
}

impl Session {
    fn new(config: Config) -> Session {
        let token = session::load();
        let auth = if token.is_some() { Auth::Checking } else { Auth::SignedOut };
        Session {
            config: StoredValue::new(config),
            token: StoredValue::new(token),
            auth: RwSignal::new(auth),
            notice: RwSignal::new(None),
            can_read_roles: RwSignal::new(None),
            people: People::new(),
        }
    }

    fn base_url(&self) -> String {
        self.config.with_value(|c| c.api_base_url.clone())
    }

    /// A client for a token being tried at sign-in: its 401 does not end anything.
    pub fn trial_client(&self, token: Token) -> Client {
        Client::new(&self.base_url(), token)
    }

    /// The client for the signed-in admin; a confirmed dead token signs out.
    pub fn client(&self) -> Option<Client> {
        let token = self.token.get_value()?;
        let this = *self;
        Some(Client::new(&self.base_url(), token).on_session_ended(move || this.end(Some(SESSION_ENDED.into()))))
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

    pub fn sign_in(&self, token: Token, me: Me) {
        if !session::save(&token) {
            web_sys::console::warn_1(
                &"awork-admin: sessionStorage is unavailable; the token is kept in memory only".into(),
            );
        }
        self.token.set_value(Some(token));
        self.notice.set(None);
        self.auth.set(Auth::SignedIn(Box::new(me)));
        self.load_permissions();
        // Land on the profile from the bare URL or the sign-in address; a deep link stays.
        let hash = current_hash();
        if hash.trim_start_matches(['#', '/']).is_empty() || Route::parse(&hash) == Route::SignIn {
            navigate(&Route::Profile, true);
        }
    }

    pub fn set_me(&self, me: Me) {
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
        session::clear();
        self.token.set_value(None);
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
                    this.auth.set(Auth::SignedIn(Box::new(me)));
                    this.load_permissions();
                }
                // The client already signed out and said why.
                Err(ApiError::SessionEnded) => {}
                Err(e) => this.auth.set(Auth::CheckFailed(e)),
            }
        });
    }
}

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn App(config: Config) -> impl IntoView {
    let session = Session::new(config);
    provide_context(session);
    if session.auth.get_untracked() == Auth::Checking {
        session.verify();
    }
    let route = use_route();
    // The frame changes only between these, not when `/me` arrives or is refreshed, so screens
    // keep their state (and their requests) across those.
    #[derive(Clone, PartialEq)]
    enum Phase {
        SignIn,
        CheckFailed(ApiError),
        Active,
    }
    let phase = Memo::new(move |_| match session.auth.get() {
        Auth::SignedOut => Phase::SignIn,
        Auth::CheckFailed(e) => Phase::CheckFailed(e),
        // While a stored token is checked, the screen already loads: its requests run beside
        // `GET /me` instead of after it. A dead token ends the session either way.
        Auth::SignedIn(_) | Auth::Checking => Phase::Active,
    });

    move || match phase.get() {
        Phase::SignIn => view! { <pages::SignIn/> }.into_any(),
        Phase::CheckFailed(error) => view! {
            <div class="centered stack">
                <h1>"Could not check your session"</h1>
                <ErrorBanner error=error on_retry=Callback::new(move |_| session.verify())/>
                <button type="button" class="button button-secondary" on:click=move |_| session.sign_out()>
                    "Sign out"
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
