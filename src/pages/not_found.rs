//! The screen for addresses that lead nowhere.

use crate::i18n::prelude::*;
use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>{tr("Nothing here")}</h1>
            <p class="hint">{tr("This address does not lead to a screen of awork admin.")}</p>
            <a href=Route::Profile.href()>{tr("Go to your profile")}</a>
        </section>
    }
}
