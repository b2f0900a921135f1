//! Loading, error and badge pieces: one of each, used by every screen.

use crate::api::ApiError;
use crate::components::{dynamic, handler};
use crate::i18n::prelude::*;
use leptos::prelude::*;

/// A visible, announced loading state.
#[component]
pub fn Loading(label: &'static str) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <span>{tr(label)}</span>
        </div>
    }
}

/// The one error banner: awork's problem in a sentence, and "Try again" where that makes sense.
#[component]
pub fn ErrorBanner(error: ApiError, #[prop(optional)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let retry = on_retry.filter(|_| error.is_retryable());
    view! {
        <div class="banner banner-error" role="alert">
            <span class="banner-text">{dynamic(move || error.message())}</span>
            {retry.map(|cb| view! {
                <button type="button" class="button button-secondary" on:click=handler(move |_| cb.run(()))>
                    {tr("Try again")}
                </button>
            })}
        </div>
    }
}

/// A small label: "Admin", "Archived", "External"... `text` is translated when it is a text
/// marked with `k(…)`; names stay as they are.
#[component]
pub fn Badge(#[prop(into)] text: String, #[prop(optional, into)] tone: Option<&'static str>) -> impl IntoView {
    let class = format!("badge badge-{}", tone.unwrap_or("neutral"));
    view! { <span class=class>{dynamic(move || t_dyn(&text))}</span> }
}

/// A screen this account may not use: what it is, and why not.
#[component]
pub fn NotAllowed(heading: &'static str, reason: &'static str) -> impl IntoView {
    view! {
        <section class="card" data-test="not-allowed">
            <h1>{tr(heading)}</h1>
            <div class="banner banner-info" role="status">{tr(reason)}</div>
        </section>
    }
}
