//! The app: the session context, and which screen shows.

use crate::api::ApiError;
use crate::auth::{Auth, Session};
use crate::components::on_demand::{on_demand, warm};
use crate::components::{dynamic, handler, ErrorBanner, Loading, Shell};
use crate::config::Config;
use crate::i18n::prelude::*;
use crate::pages;
use crate::route::{use_route, Route};
use leptos::prelude::*;

#[component]
pub fn App(config: Config) -> impl IntoView {
    // The sign-in window of a framed app, back from awork: it only hands the answer over.
    if crate::auth::oauth::hand_back_from_window() {
        return view! { <div class="centered"><Loading label=k("Signing in with awork…")/></div> }.into_any();
    }
    let session = Session::new(config);
    provide_context(session);
    if let Some((callback, pending)) = crate::auth::oauth::take_callback() {
        session.finish_oauth(callback, pending);
    } else if session.auth.get_untracked() == Auth::Checking {
        session.verify();
    }
    crate::auth::portal::listen(session);
    session.listen_for_sign_in_window();
    crate::auth::idle::watch(session);
    let route = use_route();
    let screen = Memo::new(move |_| route.with(Route::screen));
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

    dynamic(move || match phase.get() {
        Phase::SignIn => {
            warm(pages::load_screens);
            view! { <pages::SignIn/> }.into_any()
        }
        Phase::Exchanging => view! {
            <div class="centered"><Loading label=k("Signing in with awork…")/></div>
        }
        .into_any(),
        Phase::CheckFailed(error) => view! {
            <div class="centered stack">
                <h1>{tr("Could not check your session")}</h1>
                <ErrorBanner error=error on_retry=Callback::new(move |_| session.verify())/>
                <button type="button" class="button button-secondary" on:click=handler(move |_| session.sign_out())>
                    {tr("Sign out")}
                </button>
            </div>
        }
        .into_any(),
        Phase::Active => view! {
            <Shell route=route>
                // The screen, not its filters: moving between filters keeps the screen as it is.
                {dynamic(move || {
                    let which = screen.get();
                    on_demand(pages::load_screens, move || pages::screen(which.clone(), route))
                })}
            </Shell>
        }
        .into_any(),
    })
    .into_any()
}
