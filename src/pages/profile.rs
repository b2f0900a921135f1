//! Profile: the signed-in user and workspace from `GET /me`.

use super::load::Submit;
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{dynamic, handler, Avatar, Badge, ErrorBanner, Loading};
use crate::format::{contact_entries, full_name, initials, palette, team_icon, web_link, ContactContent};
use crate::i18n;
use crate::i18n::prelude::*;
use crate::rules::profile::{detail_rows, status_badges};
use leptos::prelude::*;

#[component]
pub fn Profile() -> impl IntoView {
    let session = expect_context::<Session>();
    let error = RwSignal::new(None::<ApiError>);
    let reload = Submit::new();
    let refreshing = reload.pending();
    let refresh = move || {
        if refreshing.get_untracked() {
            return;
        }
        error.set(None);
        let (client, epoch) = (session.client(), session.epoch());
        reload.send(async move {
            let Some(client) = client else { return };
            match client.me().await {
                Ok(me) => session.set_me_of(epoch, me),
                Err(ApiError::SessionEnded) => {}
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    dynamic(move || {
        // Dates, languages and labels below are formatted for the language on.
        i18n::lang();
        let Some(me) = session.me() else {
            return view! { <Loading label=k("Loading your profile…")/> }.into_any();
        };
        let name = full_name(&me.title, &me.first_name, &me.last_name);
        let avatar = initials(&me.first_name, &me.last_name);
        let image = me.has_image.then(|| session.image_url(&me.id));
        let position = me.position.clone().filter(|p| !p.trim().is_empty());
        let rows = detail_rows(&me);
        let badges = status_badges(&me);
        let contacts = contact_entries(&me.user_contact_infos);
        let tags = me.tags.clone();
        let teams = me.teams.clone();
        let ws_name =
            me.workspace.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| t("Unnamed workspace").into());
        let ws_url = me.workspace.url.clone().filter(|u| !u.trim().is_empty());
        let ws_href = ws_url.as_deref().and_then(web_link);
        view! {
            <div class="profile stack">
                {dynamic(move || error.get().map(|e| view! { <ErrorBanner error=e on_retry=Callback::new(move |_| refresh())/> }))}
                <section class="card profile-head">
                    <Avatar initials=avatar image=image large=true/>
                    <div class="profile-title">
                        <h1 data-test="profile-name">{name}</h1>
                        {position.map(|p| view! { <p class="profile-position">{p}</p> })}
                        <div class="badges" data-test="status-badges">
                            {badges.into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()}
                        </div>
                    </div>
                    <button type="button" class="button button-secondary" on:click=handler(move |_| refresh())
                        disabled=move || refreshing.get()>
                        {dynamic(move || if refreshing.get() { t("Refreshing…") } else { t("Refresh") })}
                    </button>
                </section>

                <div class="profile-grid">
                    <section class="card" aria-labelledby="about-h">
                        <h2 id="about-h">{tr("About")}</h2>
                        <dl class="details" data-test="details">
                            {rows.into_iter().map(|(label, value)| view! {
                                <div class="detail"><dt>{t(label)}</dt><dd>{value}</dd></div>
                            }).collect_view()}
                        </dl>
                    </section>

                    <section class="card" aria-labelledby="contact-h">
                        <h2 id="contact-h">{tr("Contact")}</h2>
                        {if contacts.is_empty() {
                            view! { <p class="hint">{tr("No contact details.")}</p> }.into_any()
                        } else {
                            view! {
                                <dl class="details" data-test="contacts">
                                    {contacts.into_iter().map(|c| view! {
                                        <div class="detail">
                                            <dt>{c.label}</dt>
                                            <dd>{match c.content {
                                                ContactContent::Link { href, text } => {
                                                    let external = href.starts_with("http");
                                                    view! {
                                                        <a href=href target=external.then_some("_blank") rel=external.then_some("noopener noreferrer")>{text}</a>
                                                    }.into_any()
                                                }
                                                ContactContent::Address(lines) => view! {
                                                    <address>{lines.into_iter().map(|l| view! { <span class="address-line">{l}</span> }).collect_view()}</address>
                                                }.into_any(),
                                                ContactContent::Text(t) => view! { <span>{t}</span> }.into_any(),
                                            }}</dd>
                                        </div>
                                    }).collect_view()}
                                </dl>
                            }.into_any()
                        }}
                    </section>

                    <section class="card" aria-labelledby="tags-h">
                        <h2 id="tags-h">{tr("Tags")}</h2>
                        {if tags.is_empty() {
                            view! { <p class="hint">{tr("No tags.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="chips" data-test="tags">
                                    {tags.into_iter().filter_map(|t| {
                                        let name = t.name.clone().filter(|n| !n.trim().is_empty())?;
                                        let class = format!("chip {}", palette(&t.color));
                                        Some(view! { <li class=class>{name}</li> })
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>

                    <section class="card" aria-labelledby="teams-h">
                        <h2 id="teams-h">{tr("Teams")}</h2>
                        {if teams.is_empty() {
                            view! { <p class="hint">{tr("Not in any team.")}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="chips" data-test="teams">
                                    {teams.into_iter().map(|team| {
                                        let name = team.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| t("Unnamed team").into());
                                        let class = format!("chip team {}", palette(&team.color));
                                        let icon = team_icon(&team.icon);
                                        view! { <li class=class><span class="team-icon" aria-hidden="true">{icon}</span>{name}</li> }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>

                    <section class="card" aria-labelledby="ws-h">
                        <h2 id="ws-h">{tr("Workspace")}</h2>
                        <dl class="details" data-test="workspace">
                            <div class="detail"><dt>{tr("Name")}</dt><dd>{ws_name}</dd></div>
                            {ws_url.map(|url| view! {
                                <div class="detail"><dt>{tr("Address")}</dt><dd>{match ws_href {
                                    Some(href) => view! { <a href=href target="_blank" rel="noopener noreferrer">{url}</a> }.into_any(),
                                    None => view! { <span>{url}</span> }.into_any(),
                                }}</dd></div>
                            })}
                        </dl>
                    </section>
                </div>
            </div>
        }
        .into_any()
    })
}
