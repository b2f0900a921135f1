//! A role's members as people (`GET /roles/{roleId}/users`, every page, joined with the
//! workspace's users), searchable, sortable, exportable, and windowed so 10,000 rows stay smooth.

use super::load::Load;
use super::person::PersonDialog;
use crate::api::models::{RoleId, UserId, UserInRole};
use crate::api::paging::PagedList;
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{dynamic, handler, Avatar, Badge, ErrorBanner, Loading, WindowedList};
use crate::i18n;
use crate::i18n::prelude::*;
use crate::people::LoadState;
use crate::route::Route;
use crate::rules::people::Change;
use crate::rules::role_members::{
    count_label, csv_filename, join, members_csv, progress_label, visible, MemberRow, MemberRows, SortKey,
};
use crate::rules::roles::{role_badges, role_name};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn member_view(
    row: &MemberRow,
    position: usize,
    users_pending: bool,
    session: &Session,
    open: RwSignal<Option<UserId>>,
) -> impl IntoView {
    let id = row.user_id.clone();
    let pending = row.missing && users_pending;
    let name = if pending { t("Loading…").to_string() } else { row.name.clone() };
    let badges = row.badges(users_pending);
    let secondary = [row.email.clone(), row.position.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ");
    let teams = row.teams.join(", ");
    view! {
        <div class="member-row" role="row" aria-rowindex=position + 1 data-user-id=row.user_id.to_string()>
            <div class="member-cell member-person" role="cell">
                <Avatar initials=row.initials.clone() image=row.has_image.then(|| session.image_url(&row.user_id))/>
                <span class="member-text">
                    <span class="member-name">{name}</span>
                    <span class="member-secondary">{secondary}</span>
                </span>
            </div>
            <div class="member-cell member-teams" role="cell">{teams}</div>
            <div class="member-cell member-badges badges" role="cell">
                {badges.into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()}
            </div>
            <div class="member-cell" role="cell">
                {(!row.missing).then(|| view! {
                    <button type="button" class="button button-secondary button-small"
                        aria-label=tf("Manage {name}", &[("name", &row.name)])
                        on:click=handler(move |_| open.set(Some(id.clone())))>{tr("Manage")}</button>
                })}
            </div>
        </div>
    }
}

#[component]
pub fn RoleMembers(id: RoleId) -> impl IntoView {
    let session = expect_context::<Session>();
    let people = session.people();
    let role_id = id.clone();
    let id_for_rows = id.clone();
    let role = Load::new(move || {
        let (client, id) = (session.require_client(), role_id.clone());
        async move { client?.role(&id).await }
    });

    let show_archived = RwSignal::new(false);
    let members = RwSignal::new(PagedList::<UserInRole>::default());
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    // Answers for an earlier "show archived" setting are dropped.
    let generation = StoredValue::new(0u32);

    let load = move || {
        let Some(client) = session.client() else { return };
        people.ensure(client.clone());
        if loading.get_untracked() {
            return;
        }
        let gen = generation.get_value();
        let list = members.get_untracked();
        if list.is_complete() {
            return;
        }
        loading.set(true);
        error.set(None);
        let id = id.clone();
        let archived = show_archived.get_untracked();
        spawn_local(async move {
            let result = client
                .role_members(&id, archived, &list, |page, items, total| {
                    if generation.try_get_value() == Some(gen) {
                        members.try_update(|m| m.insert(page, items, total));
                    }
                })
                .await;
            if generation.try_get_value() != Some(gen) {
                return;
            }
            loading.try_set(false);
            match result {
                Ok(()) => {}
                // The client has signed out already.
                Err(ApiError::SessionEnded) => {}
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    // Start at once (an Effect would wait for the first render); reload when "show archived"
    // changes.
    load();
    let reload = load.clone();
    Effect::new(move |first: Option<()>| {
        show_archived.track();
        if first.is_some() {
            generation.update_value(|g| *g += 1);
            members.set(PagedList::default());
            loading.set(false);
            reload();
        }
    });
    let load_again = load.clone();
    let retry = Callback::new(move |_| load_again());

    let users_pending = move || !matches!(people.state.get(), LoadState::Done | LoadState::Failed(_));
    // A member the app moved to another role leaves this list at once.
    // Rows of members whose user did not change are kept from one join to the next.
    let kept = StoredValue::new(MemberRows::default());
    let rows = Memo::new(move |_| {
        let lang = i18n::lang();
        members.with(|m| {
            people.users.with(|u| {
                people.role_of.with(|roles| {
                    let here = |m: &&UserInRole| roles.get(&m.user_id).is_none_or(|r| *r == id_for_rows);
                    kept.try_update_value(|kept| join(m.items().filter(here), u, lang, kept)).unwrap_or_default()
                })
            })
        })
    });
    let open = RwSignal::new(None::<UserId>);
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new(SortKey::Name);
    let order = Memo::new(move |_| rows.with(|r| query.with(|q| visible(r, q, sort.get()))));

    // Back to the top when the list changes shape under a search or a new sort.
    let top = Signal::derive(move || {
        query.track();
        sort.track();
    });

    let list_state = move || {
        if error.with(Option::is_some) || matches!(people.state.get(), LoadState::Failed(_)) {
            "error"
        } else if members.with(|m| m.is_complete()) && people.state.get() == LoadState::Done {
            "done"
        } else {
            "loading"
        }
    };
    let people_error = move || match people.state.get() {
        LoadState::Failed(e) => Some(e),
        _ => None,
    };
    let role_title = move || role.get().and_then(|r| r.ok()).map(|r| role_name(&r));
    let export = move |_| {
        let name = role_title().unwrap_or_else(|| "role".into());
        let csv = rows.with(|r| order.with(|o| members_csv(o.iter().map(|&i| &*r[i]))));
        if crate::download::csv(&csv_filename(&name), &csv).is_err() {
            web_sys::console::warn_1(&"awork-admin: the CSV download could not start".into());
        }
    };

    let render = move |r: std::ops::Range<usize>| {
        let pending = users_pending();
        rows.with(|all| {
            order.with(|o| {
                o[r.clone()]
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| member_view(&all[i], r.start + k, pending, &session, open))
                    .collect_view()
            })
        })
    };

    view! {
        <section class="card members-card">
            <a class="back-link" href=Route::Roles.href()>{tr("← All roles")}</a>
            <div class="card-head">
                <h1>{dynamic(move || match role.get() {
                    None => t("Role").to_string(),
                    Some(Ok(r)) => role_name(&r),
                    Some(Err(ApiError::NotFound { .. })) => t("Role not found").to_string(),
                    Some(Err(_)) => t("Role").to_string(),
                })}</h1>
                <span class="badges">
                    {dynamic(move || role.get().and_then(|r| r.ok()).map(|r| {
                        role_badges(&r).into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()
                    }))}
                </span>
            </div>
            <p class="member-counts" data-test="member-counts" aria-live="polite">
                {dynamic(move || {
                    let all = rows.with(|r| count_label(r));
                    let shown = order.with(Vec::len);
                    let total = rows.with(Vec::len);
                    if shown == total { all } else { format!("{all} · {shown} shown") }
                })}
                {dynamic(move || {
                    let (loaded, total) = members.with(|m| (m.loaded(), m.total));
                    match total {
                        Some(t) if loaded < t && loading.get() => Some(view! {
                            <span class="progress">" · loading "{progress_label(loaded, t)}</span>
                        }),
                        _ => None,
                    }
                })}
            </p>
            {dynamic(move || error.get().map(|e| view! { <ErrorBanner error=e on_retry=retry/> }))}
            {dynamic(move || people_error().map(|e| view! { <ErrorBanner error=e on_retry=retry/> }))}
            <div class="member-tools">
                <div class="field field-inline">
                    <label for="member-search">{tr("Search members")}</label>
                    <input id="member-search" type="search" placeholder=tr("Name or email") autocomplete="off"
                        prop:value=move || query.get()
                        on:input=handler(move |ev| query.set(event_target_value(&ev)))/>
                </div>
                <div class="field field-inline">
                    <label for="member-sort">{tr("Sort by")}</label>
                    <select id="member-sort" on:change=handler(move |ev| sort.set(SortKey::parse(&event_target_value(&ev))))>
                        <option value="name" selected=move || sort.get() == SortKey::Name>{tr("Name")}</option>
                        <option value="status" selected=move || sort.get() == SortKey::Status>{tr("Status")}</option>
                    </select>
                </div>
                <label class="switch">
                    <input type="checkbox" prop:checked=move || show_archived.get()
                        on:change=handler(move |ev| show_archived.set(event_target_checked(&ev)))/>
                    {tr("Show archived")}
                </label>
                <button type="button" class="button button-secondary" on:click=export
                    disabled=move || order.with(Vec::is_empty)>
                    {tr("Export CSV")}
                </button>
            </div>
            {dynamic(move || (members.with(|m| m.total.is_none()) && loading.get()).then(|| view! {
                <Loading label=k("Loading members…")/>
            }))}
            <WindowedList len=Signal::derive(move || order.with(Vec::len))
                label=Signal::derive(move || tf("Members of {role}", &[("role", &role_title().unwrap_or_else(|| t("this role").into()))]))
                state=Signal::derive(list_state) top=top
                rows=render>
                {dynamic(move || (members.with(|m| m.is_complete()) && order.with(Vec::is_empty)).then(|| view! {
                    <p class="hint empty">{dynamic(move || if query.with(String::is_empty) { t("This role has no members.") } else { t("No member matches the search.") })}</p>
                }))}
            </WindowedList>
            <PersonDialog person=open on_changed=Callback::new(move |(user, change): (UserId, Change)| {
                // This list's own entry follows what awork confirmed.
                if let Change::Deactivate | Change::Reactivate = change {
                    let on = change == Change::Deactivate;
                    members.update(|m| m.pages.values_mut().flatten().filter(|x| x.user_id == user).for_each(|x| x.is_deactivated = on));
                }
            })/>
        </section>
    }
}
