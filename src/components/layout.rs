//! The frame around every signed-in screen: header (workspace, user, sign-out) and navigation.

use crate::auth::Session;
use crate::components::{dynamic, handler};
use crate::format::{full_name, web_link};
use crate::i18n::prelude::*;
use crate::i18n::{self, Lang};
use crate::route::Route;
use leptos::prelude::*;

fn nav_link(route: ReadSignal<Route>, to: Route, label: &'static str) -> impl IntoView {
    let href = to.href();
    let current = move || {
        let r = route.get();
        let same = match (&r, &to) {
            (Route::Role(_), Route::Roles) => true,
            (a, b) => a.screen() == b.screen(),
        };
        same.then_some("page")
    };
    view! { <a class="nav-link" href=href aria-current=current>{tr(label)}</a> }
}

/// The language switcher: English or German, whatever `/me` says.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    view! {
        <label class="language">
            <span class="visually-hidden">{tr("Language")}</span>
            <select on:change=handler(move |ev| {
                let lang = if event_target_value(&ev) == "de" { Lang::De } else { Lang::En };
                i18n::set_lang(lang, true);
            })>
                {Lang::ALL.map(|l| view! {
                    <option value=l.tag() lang=l.tag() selected=move || i18n::lang() == l>{l.name()}</option>
                })}
            </select>
        </label>
    }
}

/// Moves focus to the screen. The fragment holds the route, so the link must not change it.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    if let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
        let main: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(main);
        let _ = main.focus();
    }
}

#[component]
pub fn Shell(route: ReadSignal<Route>, children: Children) -> impl IntoView {
    let session = expect_context::<Session>();
    let me = move || session.account();
    let workspace_name = move || {
        me().and_then(|m| m.workspace.name.clone())
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| i18n::t("awork workspace").into())
    };
    let workspace_href = move || me().and_then(|m| m.workspace.url.as_deref().and_then(web_link));
    let user_name = move || me().map(|m| full_name(&None, &m.first_name, &m.last_name)).unwrap_or_default();
    view! {
        <a class="skip-link" href="#main" on:click=handler(skip_to_main)>{tr("Skip to content")}</a>
        <header class="app-header">
            <div class="brand">
                <span class="brand-mark" aria-hidden="true">"a"</span>
                <span class="brand-text">
                    <span class="brand-app">"awork admin"</span>
                    {dynamic(move || match workspace_href() {
                        Some(href) => view! {
                            <a class="workspace-name" href=href target="_blank" rel="noopener noreferrer">{workspace_name()}</a>
                        }.into_any(),
                        None => view! { <span class="workspace-name">{workspace_name()}</span> }.into_any(),
                    })}
                </span>
            </div>
            <div class="account">
                <LanguagePicker/>
                <span class="account-name" data-test="signed-in-user">{user_name}</span>
                <button type="button" class="button button-secondary" on:click=handler(move |_| session.sign_out())>
                    {tr("Sign out")}
                </button>
            </div>
        </header>
        <nav class="app-nav" aria-label=tr("Main")>
            {nav_link(route, Route::Profile, k("Profile"))}
            {dynamic(move || (session.can_read_roles() != Some(false)).then(|| view! {
                {nav_link(route, Route::Roles, k("Roles"))}
                {nav_link(route, Route::People(Default::default()), k("People"))}
            }))}
            {dynamic(move || (session.can_invite() != Some(false)).then(|| view! {
                {nav_link(route, Route::Invite, k("Invite"))}
                {nav_link(route, Route::Batch, k("Invite many"))}
            }))}
            {nav_link(route, Route::Assign, k("Assign by email"))}
        </nav>
        <main id="main" class="app-main" tabindex="-1">{children()}</main>
    }
}
