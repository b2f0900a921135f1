//! Placeholders for screens that later issues fill in, and the not-found screen.

use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn Coming(title: &'static str, issue: &'static str, back: Option<Route>, key: String) -> impl IntoView {
    let _ = key;
    view! {
        <section class="card">
            <h1>{title}</h1>
            <p class="hint">{issue}</p>
            {back.map(|r| view! { <a href=r.href()>"Back"</a> })}
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Nothing here"</h1>
            <p class="hint">"This address does not lead to a screen of awork admin."</p>
            <a href=Route::Profile.href()>"Go to your profile"</a>
        </section>
    }
}
