//! awork-admin: an admin console for awork workspaces, built to wasm and served as static files.

pub mod api;
pub mod app;
pub mod auth;
pub mod codec;
pub mod components;
pub mod config;
pub mod download;
pub mod drafts;
pub mod format;
pub mod i18n;
pub mod jobs;
pub mod pages;
pub mod people;
pub mod route;
pub mod rules;

/// Reads `config.json`, then mounts the app into `#app`.
pub async fn start() {
    console_error_panic_hook::set_once();
    // Until `/me` says otherwise, the browser's language (German or English).
    i18n::follow(web_sys::window().and_then(|w| w.navigator().language()).as_deref());
    let config = config::Config::load().await;
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("app")) else {
        web_sys::console::error_1(&"awork-admin: no #app element to mount into".into());
        return;
    };
    root.set_text_content(None);
    let root: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(root);
    leptos::mount::mount_to(root, move || leptos::view! { <app::App config=config/> }).forget();
}
