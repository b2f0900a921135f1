//! Roles: every role of the workspace (`GET /roles`) with its member count (`aw-totalitems` of
//! `GET /roles/{roleId}/users`).

use super::load::Load;
use crate::api::paging::CONCURRENCY;
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{dynamic, handler, Badge, ErrorBanner, Loading};
use crate::i18n::prelude::*;
use crate::route::Route;
use crate::rules::roles::{member_count, role_badges, role_name};
use futures_util::StreamExt;
use leptos::prelude::*;

#[component]
pub fn Roles() -> impl IntoView {
    let session = expect_context::<Session>();
    let show_archived = RwSignal::new(false);
    let roles = Load::new(move || {
        let client = session.require_client();
        let archived = show_archived.get();
        async move {
            let client = client?;
            let roles = client.roles(archived).await?;
            // One small page per role: only its aw-totalitems matters. A failed count shows as
            // unknown rather than hiding the roles.
            let counts: Vec<Option<usize>> = futures_util::stream::iter(roles.iter())
                .map(|r| {
                    let client = client.clone();
                    async move { client.role_member_count(&r.id, archived).await.ok().flatten() }
                })
                .buffered(CONCURRENCY)
                .collect()
                .await;
            Ok::<_, ApiError>(roles.into_iter().zip(counts).collect::<Vec<_>>())
        }
    });
    let retry = Callback::new(move |_| roles.refetch());

    view! {
        <section class="card">
            <div class="card-head">
                <h1>{tr("Roles")}</h1>
                <label class="switch">
                    <input type="checkbox" prop:checked=move || show_archived.get()
                        on:change=handler(move |ev| show_archived.set(event_target_checked(&ev)))/>
                    {tr("Show archived")}
                </label>
            </div>
            {dynamic(move || match roles.get() {
                None => view! { <Loading label=k("Loading roles…")/> }.into_any(),
                Some(Err(e)) => view! { <ErrorBanner error=e on_retry=retry/> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p class="hint">{tr("This workspace has no roles.")}</p> }.into_any(),
                Some(Ok(list)) => view! {
                    <ul class="role-list" data-test="roles">
                        {list.into_iter().map(|(r, count)| {
                            let href = Route::Role(r.id.clone()).href();
                            let badges = role_badges(&r);
                            view! {
                                <li class="role-row">
                                    <a href=href class="role-name">{role_name(&r)}</a>
                                    <span class="badges">
                                        {badges.into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()}
                                    </span>
                                    <span class="role-count" data-test="member-count">{member_count(count)}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </section>
    }
}
