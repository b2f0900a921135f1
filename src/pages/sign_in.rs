//! Sign-in: paste an API token, checked with `GET /me`, or sign in with awork.

use super::load::Submit;
use crate::api::Token;
use crate::auth::tokens::Credentials;
use crate::auth::Session;
use crate::components::{dynamic, handler};
use crate::i18n::prelude::*;
use crate::rules::sign_in::sign_in_error;
use leptos::ev::SubmitEvent;
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SignIn() -> impl IntoView {
    let session = expect_context::<Session>();
    let token_text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let input = NodeRef::<Input>::new();
    let check = Submit::new();
    let pending = check.pending();
    Effect::new(move |_| {
        if let Some(el) = input.get() {
            let _ = el.focus();
        }
    });

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let Some(token) = Token::parse(&token_text.get_untracked()) else {
            error.set(Some(t("Paste your awork API token first.").into()));
            if let Some(el) = input.get_untracked() {
                let _ = el.focus();
            }
            return;
        };
        error.set(None);
        check.send(async move {
            match session.trial_client(token.clone()).me().await {
                Ok(me) => session.sign_in(Credentials::api_key(token), me),
                // The screen may be gone once signed in: write only to signals that still exist.
                Err(e) => {
                    error.try_set(Some(sign_in_error(&e)));
                }
            }
        });
    };

    let oauth_available = session.config().oauth_client_id.is_some();
    let leaving = RwSignal::new(false);
    let with_awork = move |_| {
        if leaving.get_untracked() {
            return;
        }
        error.set(None);
        // In a frame, awork's sign-in page opens in a window of its own, opened here in the click
        // itself so that no pop-up blocker stops it.
        let window = if crate::auth::oauth::is_framed() {
            match crate::auth::oauth::open_window() {
                Ok(w) => Some(w),
                Err(e) => {
                    error.set(Some(e.message()));
                    return;
                }
            }
        } else {
            None
        };
        leaving.set(true);
        let framed = window.is_some();
        spawn_local(async move {
            // On success the browser (or the sign-in window) is on its way to awork.
            match crate::auth::oauth::begin(&session.config(), window).await {
                Err(e) => {
                    leaving.try_set(false);
                    error.try_set(Some(e.message()));
                }
                // The frame stays: the button is ready again should the window be closed.
                Ok(()) if framed => {
                    leaving.try_set(false);
                }
                Ok(()) => {}
            }
        });
    };

    view! {
        <div class="sign-in">
            // method="post" and no name on the token field: even if this handler failed, a native
            // submission could not put the token into an address, the history or a server log.
            <form class="card sign-in-card" method="post" on:submit=handler(submit) novalidate>
                <div class="sign-in-language"><crate::components::LanguagePicker/></div>
                <h1>{tr("Sign in to awork admin")}</h1>
                {dynamic(move || session.notice.get().map(|n| view! {
                    <div class="banner banner-info" role="status">{n.message()}</div>
                }))}
                <p class="hint">
                    {tr("Paste an awork API token. It is checked with awork, kept only in this browser tab, and forgotten when you sign out or close the tab.")}
                </p>
                <div class="field">
                    <label for="token">{tr("API token")}</label>
                    <input
                        id="token"
                        type="password"
                        autocomplete="off"
                        spellcheck="false"
                        node_ref=input
                        prop:value=move || token_text.get()
                        on:input=handler(move |ev| token_text.set(event_target_value(&ev)))
                        aria-invalid=move || error.get().is_some().then_some("true")
                        aria-describedby="token-error"
                    />
                    <div id="token-error" class="field-error" role="alert">{dynamic(move || error.get())}</div>
                </div>
                <button type="submit" class="button button-primary" disabled=move || pending.get() aria-busy=move || pending.get().then_some("true")>
                    {dynamic(move || if pending.get() { t("Signing in…") } else { t("Sign in") })}
                </button>
                {oauth_available.then(|| view! {
                    <div class="or" aria-hidden="true"><span>{tr("or")}</span></div>
                    <button type="button" class="button button-secondary" data-test="oauth-sign-in"
                        on:click=handler(with_awork) disabled=move || leaving.get() aria-busy=move || leaving.get().then_some("true")>
                        {dynamic(move || if leaving.get() { t("Opening awork…") } else { t("Sign in with awork") })}
                    </button>
                    <p class="hint">{tr("Recommended: signs you in with your own awork account and role, without a long-lived API key.")}</p>
                })}
            </form>
        </div>
    }
}
