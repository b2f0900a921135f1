//! Profile: the signed-in user and workspace from `GET /me`.

use crate::api::models::Me;
use crate::api::ApiError;
use crate::app::Session;
use crate::components::{badges_where, Avatar, Badge, ErrorBanner, Loading};
use crate::format::{
    calendar_date, contact_entries, full_name, gender_label, initials, language_name, palette, team_icon, web_link,
    ContactContent,
};
use crate::i18n;
use crate::i18n::prelude::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The "about" rows of a profile: label and text, only for fields that have a value.
pub fn detail_rows(me: &Me) -> Vec<(&'static str, String)> {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    [
        (k("First name"), text(&me.first_name)),
        (k("Last name"), text(&me.last_name)),
        (k("Title"), text(&me.title)),
        (k("Position"), text(&me.position)),
        (k("Gender"), text(&me.gender).map(|g| gender_label(&g))),
        (k("Language"), text(&me.language).map(|l| language_name(&l))),
        (k("Birth date"), text(&me.birth_date).map(|d| calendar_date(&d).unwrap_or(d))),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, v)))
    .collect()
}

/// Status badges: invitation, deactivated, archived, external.
pub fn status_badges(me: &Me) -> Vec<(&'static str, &'static str)> {
    let accepted = me.status.invitation_accepted;
    badges_where(&[
        (accepted, k("Invitation accepted"), "positive"),
        (!accepted, k("Invitation pending"), "warning"),
        (me.is_deactivated || me.status.is_deactivated, k("Deactivated"), "warning"),
        (me.is_archived, k("Archived"), "muted"),
        (me.is_external, k("External"), "neutral"),
    ])
}

#[component]
pub fn Profile() -> impl IntoView {
    let session = expect_context::<Session>();
    let refreshing = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let refresh = move || {
        if refreshing.get_untracked() {
            return;
        }
        let Some(client) = session.client() else { return };
        refreshing.set(true);
        error.set(None);
        spawn_local(async move {
            let result = client.me().await;
            refreshing.try_set(false);
            match result {
                Ok(me) => session.set_me(me),
                Err(ApiError::SessionEnded) => {}
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };

    move || {
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
                {move || error.get().map(|e| view! { <ErrorBanner error=e on_retry=Callback::new(move |_| refresh())/> })}
                <section class="card profile-head">
                    <Avatar initials=avatar image=image large=true/>
                    <div class="profile-title">
                        <h1 data-test="profile-name">{name}</h1>
                        {position.map(|p| view! { <p class="profile-position">{p}</p> })}
                        <div class="badges" data-test="status-badges">
                            {badges.into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()}
                        </div>
                    </div>
                    <button type="button" class="button button-secondary" on:click=move |_| refresh()
                        disabled=move || refreshing.get()>
                        {move || if refreshing.get() { t("Refreshing…") } else { t("Refresh") }}
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::User;

    #[test]
    fn rows_and_badges_leave_out_what_is_missing() {
        let me = Me {
            user: User {
                first_name: Some("Ada".into()),
                position: Some("  ".into()),
                birth_date: Some("1990-02-03T00:00:00Z".into()),
                language: Some("de-AT".into()),
                is_external: true,
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            detail_rows(&me),
            [
                ("First name", "Ada".to_string()),
                ("Language", "German (de-AT)".into()),
                ("Birth date", "3 February 1990".into())
            ]
        );
        assert_eq!(status_badges(&me), [("Invitation pending", "warning"), ("External", "neutral")]);
    }
}
