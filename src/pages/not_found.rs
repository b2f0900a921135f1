//! The screen for addresses that lead nowhere.

use crate::route::Route;
use leptos::prelude::*;

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
