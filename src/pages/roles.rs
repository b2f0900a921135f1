//! Roles: every role of the workspace (`GET /roles`).

use crate::api::models::Role;
use crate::api::ApiError;
use crate::app::Session;
use crate::components::{Badge, ErrorBanner, Loading};
use crate::route::Route;
use leptos::prelude::*;

/// The badges a role carries, in display order.
pub fn role_badges(r: &Role) -> Vec<(&'static str, &'static str)> {
    let mut out = Vec::new();
    if r.is_admin_role {
        out.push(("Admin", "accent"));
    }
    if r.is_guest_role {
        out.push(("Guest", "neutral"));
    }
    if r.is_agent_role {
        out.push(("Agent", "neutral"));
    }
    if r.is_preset {
        out.push(("Preset", "neutral"));
    }
    if r.is_archived {
        out.push(("Archived", "muted"));
    }
    out
}

#[component]
pub fn Roles() -> impl IntoView {
    let session = expect_context::<Session>();
    let show_archived = RwSignal::new(false);
    let roles = LocalResource::new(move || {
        let client = session.client();
        let archived = show_archived.get();
        async move {
            let client = client.ok_or(ApiError::SessionEnded)?;
            client.get::<Vec<Role>>("/roles", &[("showArchived", archived.to_string())]).await
        }
    });
    let retry = Callback::new(move |_| roles.refetch());

    view! {
        <section class="card">
            <div class="card-head">
                <h1>"Roles"</h1>
                <label class="switch">
                    <input type="checkbox" prop:checked=move || show_archived.get()
                        on:change=move |ev| show_archived.set(event_target_checked(&ev))/>
                    "Show archived"
                </label>
            </div>
            {move || match roles.get() {
                None => view! { <Loading label="Loading roles…"/> }.into_any(),
                Some(Err(e)) => view! { <ErrorBanner error=e on_retry=retry/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="hint">"This workspace has no roles."</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="role-list">
                        {list.into_iter().map(|r| {
                            let href = Route::Role(r.id.clone()).href();
                            let name = r.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "Unnamed role".into());
                            let badges = role_badges(&r);
                            view! {
                                <li class="role-row">
                                    <a href=href class="role-name">{name}</a>
                                    <span class="badges">
                                        {badges.into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </section>
    }
}
