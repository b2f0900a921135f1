//! Everyone in the workspace (`#/people`): the users loaded once per session joined with every
//! role's members and the API users; search, filters that combine and count (kept in the address),
//! sort, CSV, a windowed list that stays smooth at 10,000; one person's changes in a dialog, and the
//! same changes for a selection in one paced run ([`super::bulk`]).

use super::bulk::{BulkChanges, BulkRun};
use super::load::Load;
use super::person::PersonDialog;
use crate::api::models::{RoleId, TeamId, UserId};
use crate::auth::Session;
use crate::components::{dynamic, handler, Avatar, Badge, ErrorBanner, Loading, ToolSelect, WindowedList};
use crate::i18n;
use crate::i18n::prelude::*;
use crate::people::LoadState;
use crate::route::{navigate, Route};
use crate::rules::people::{
    ago, counts, people_csv, people_rows, visible, with_count, Abilities, PeopleQuery, PersonRow, PersonRows, Sort,
    Status, StatusFilter,
};
use crate::rules::roles::role_name;
use leptos::prelude::*;
use std::collections::HashSet;

fn person_view(
    row: &PersonRow,
    position: usize,
    selected: RwSignal<HashSet<UserId>>,
    open: RwSignal<Option<UserId>>,
    note: Option<Signal<Option<(String, bool)>>>,
    image: Option<String>,
) -> impl IntoView {
    let id = row.user_id.clone();
    let (id_check, id_open) = (id.clone(), id.clone());
    let mut secondary: Vec<String> = [row.email.clone(), row.position.clone()].into_iter().flatten().collect();
    if let Some(a) = row.invited_on.as_deref().and_then(|d| ago(d, js_sys::Date::now())) {
        secondary.push(tf("invited {ago}", &[("ago", &a)]));
    }
    let status = (row.status != Status::Active).then(|| {
        let tone = if row.status == Status::Archived { "muted" } else { "warning" };
        view! { <Badge text=row.status.label() tone=tone/> }
    });
    view! {
        <div class="member-row person-row" role="row" aria-rowindex=position + 1 data-user-id=row.user_id.to_string()>
            <div class="member-cell person-select" role="cell">
                <input type="checkbox" aria-label=tf("Select {name}", &[("name", &row.name)])
                    prop:checked=move || selected.with(|s| s.contains(&id_check))
                    on:change=handler(move |ev| {
                        let on = event_target_checked(&ev);
                        let id = id.clone();
                        selected.update(|s| { if on { s.insert(id); } else { s.remove(&id); } });
                    })/>
            </div>
            <div class="member-cell member-person" role="cell">
                <Avatar initials=row.initials.clone() image=image/>
                <span class="member-text">
                    <span class="member-name">{row.name.clone()}</span>
                    <span class="member-secondary">{secondary.join(" · ")}</span>
                </span>
            </div>
            <div class="member-cell person-role" role="cell">{row.role_name.clone().unwrap_or_default()}</div>
            <div class="member-cell member-teams" role="cell">{row.team_names()}</div>
            <div class="member-cell member-badges badges" role="cell">
                {status}
                {row.badges().into_iter().map(|(t, tone)| view! { <Badge text=t tone=tone/> }).collect_view()}
                {note.map(|n| dynamic(move || n.get().map(|(text, bad)| view! {
                    <span class=if bad { "run-note run-note-bad" } else { "run-note" } data-test="run-note">{text}</span>
                })))}
            </div>
            <div class="member-cell" role="cell">
                <button type="button" class="button button-secondary button-small"
                    aria-label=tf("Manage {name}", &[("name", &row.name)])
                    on:click=handler(move |_| open.set(Some(id_open.clone())))>{tr("Manage")}</button>
            </div>
        </div>
    }
}

#[component]
pub fn People(route: ReadSignal<Route>) -> impl IntoView {
    let session = expect_context::<Session>();
    let people = session.people();
    let load = move || {
        if let Some(client) = session.client() {
            people.ensure(client.clone());
            people.ensure_roles(client);
        }
    };
    load();
    let teams = Load::new(move || {
        let client = session.require_client();
        async move { client?.teams().await }
    });
    let abilities = Memo::new(move |_| session.permissions.with(|p| Abilities::of(p.as_ref())));

    // The filters live in the address: a reload or a shared link keeps them.
    let query = Memo::new(move |_| match route.get() {
        Route::People(q) => q,
        _ => PeopleQuery::default(),
    });
    let set_query = move |change: &dyn Fn(&mut PeopleQuery)| {
        let mut q = query.get_untracked();
        change(&mut q);
        navigate(&Route::People(q), true);
    };

    // Rows of people whose user, role and API flag did not change are kept from one pass to the next.
    let kept = StoredValue::new(PersonRows::default());
    let rows = Memo::new(move |_| {
        let lang = i18n::lang();
        people.users.with(|u| {
            people.role_of.with(|ro| {
                people.roles.with(|r| {
                    people.api_users.with(|a| {
                        kept.try_update_value(|kept| people_rows(u, ro, r, a, lang, kept)).unwrap_or_default()
                    })
                })
            })
        })
    });
    let order = Memo::new(move |_| rows.with(|r| query.with(|q| visible(r, q))));
    let tally = Memo::new(move |_| rows.with(|r| query.with(|q| counts(r, q))));
    let top = Signal::derive(move || query.track());

    let selected = RwSignal::new(HashSet::<UserId>::new());
    let open = RwSignal::new(None::<UserId>);
    let shown_ids = move || rows.with(|r| order.with(|o| o.iter().map(|&i| r[i].user_id.clone()).collect::<Vec<_>>()));
    let all_shown_selected = move || {
        order.with(|o| !o.is_empty())
            && rows.with(|r| order.with(|o| selected.with(|s| o.iter().all(|&i| s.contains(&r[i].user_id)))))
    };

    let bulk = BulkRun::new();
    let bulk_open = Memo::new(move |_| selected.with(|s| !s.is_empty()) && abilities.get().any());
    let export = move |_| {
        let csv = rows.with(|r| order.with(|o| people_csv(o.iter().map(|&i| &*r[i]))));
        if crate::download::csv("people.csv", &csv).is_err() {
            web_sys::console::warn_1(&"awork-admin: the CSV download could not start".into());
        }
    };
    let loading = move || people.state.get() == LoadState::Loading || people.roles_state.get() == LoadState::Loading;
    let loaded = move || people.state.get() == LoadState::Done && people.roles_state.get() == LoadState::Done;
    let error = move || match (people.state.get(), people.roles_state.get()) {
        (LoadState::Failed(e), _) | (_, LoadState::Failed(e)) => Some(e),
        _ => None,
    };

    let render = move |r: std::ops::Range<usize>| {
        rows.with(|all| {
            order.with(|o| {
                o[r.clone()]
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let row = &all[i];
                        let image = row.has_image.then(|| session.image_url(&row.user_id));
                        person_view(row, r.start + k, selected, open, bulk.note_of(&row.user_id), image)
                    })
                    .collect_view()
            })
        })
    };

    view! {
        <section class="card members-card people">
            <div class="card-head">
                <h1>{tr("People")}</h1>
                <p class="member-counts" data-test="people-counts" aria-live="polite">
                    {dynamic(move || {
                        let (shown, total) = (order.with(Vec::len), rows.with(Vec::len));
                        tf("{shown} of {total} people", &[("shown", &number(shown)), ("total", &number(total))])
                    })}
                </p>
            </div>
            {dynamic(move || error().map(|e| view! { <ErrorBanner error=e on_retry=Callback::new(move |_| {
                people.retry();
                load();
            })/> }))}
            {dynamic(move || people.api_users_failed.get().map(|e| view! {
                <div class="banner banner-error" role="alert" data-test="api-users-failed">
                    <span class="banner-text">{tf("The API users could not be loaded ({reason}). Until they are, bulk changes leave everyone out, so that no API user is taken for a person.", &[("reason", &e.message())])}</span>
                    <button type="button" class="button button-secondary" on:click=handler(move |_| { people.retry(); load(); })>{tr("Try again")}</button>
                </div>
            }))}
            {dynamic(move || abilities.get().why_not().map(|why| view! { <p class="hint" data-test="why-not">{tr(why)}</p> }))}
            <div class="member-tools people-filters">
                <div class="field field-inline">
                    <label for="people-search">{tr("Search people")}</label>
                    <input id="people-search" type="search" placeholder=tr("Name or email") autocomplete="off"
                        prop:value=move || query.with(|q| q.text.clone())
                        on:input=handler(move |ev| { let v = event_target_value(&ev); set_query(&|q| q.text = v.clone()); })/>
                </div>
                <ToolSelect id="people-status" label=k("Status")
                    value=Signal::derive(move || query.with(|q| q.status.map(StatusFilter::key).unwrap_or_default().to_string()))
                    options=Signal::derive(move || {
                        let c = tally.get();
                        let mut options = vec![(String::new(), with_count(t("All statuses"), c.all_statuses))];
                        options.extend(c.statuses.iter().map(|(f, n)| (f.key().to_string(), with_count(t(f.label()), *n))));
                        options
                    })
                    on_change=Callback::new(move |v: String| set_query(&|q| q.status = StatusFilter::parse(&v)))/>
                <ToolSelect id="people-role" label=k("Role")
                    value=Signal::derive(move || query.with(|q| q.role.as_ref().map(RoleId::to_string).unwrap_or_default()))
                    options=Signal::derive(move || {
                        let c = tally.get();
                        let mut options = vec![(String::new(), with_count(t("All roles"), c.all_roles))];
                        options.extend(people.roles.get().into_iter().filter(|r| !r.is_archived || c.roles.contains_key(&r.id)).map(|r| {
                            let n = c.roles.get(&r.id).copied().unwrap_or(0);
                            (r.id.to_string(), with_count(&role_name(&r), n))
                        }));
                        options
                    })
                    on_change=Callback::new(move |v: String| set_query(&|q| q.role = (!v.is_empty()).then(|| RoleId(v.clone()))))/>
                <ToolSelect id="people-team" label=k("Team")
                    value=Signal::derive(move || query.with(|q| q.team.as_ref().map(TeamId::to_string).unwrap_or_default()))
                    options=Signal::derive(move || {
                        let c = tally.get();
                        let mut options = vec![(String::new(), with_count(t("All teams"), c.all_teams))];
                        if let Some(Ok(list)) = teams.get() {
                            options.extend(list.into_iter().map(|team| {
                                let n = c.teams.get(&team.id).copied().unwrap_or(0);
                                (team.id.to_string(), with_count(&team.name.unwrap_or_default(), n))
                            }));
                        }
                        options
                    })
                    on_change=Callback::new(move |v: String| set_query(&|q| q.team = (!v.is_empty()).then(|| TeamId(v.clone()))))/>
                <ToolSelect id="people-sort" label=k("Sort by")
                    value=Signal::derive(move || query.with(|q| q.sort.key().to_string()))
                    options=Signal::derive(move || {
                        [(Sort::Name, k("Name")), (Sort::Role, k("Role")), (Sort::Status, k("Status"))]
                            .map(|(s, label)| (s.key().to_string(), t(label).to_string()))
                            .to_vec()
                    })
                    on_change=Callback::new(move |v: String| set_query(&|q| q.sort = Sort::parse(&v)))/>
                <button type="button" class="button button-secondary" on:click=export
                    disabled=move || order.with(Vec::is_empty)>{tr("Export CSV")}</button>
            </div>

            <div class="member-tools selection-tools">
                <label class="check">
                    <input type="checkbox" prop:checked=all_shown_selected
                        on:change=handler(move |ev| {
                            let on = event_target_checked(&ev);
                            let ids = shown_ids();
                            selected.update(|s| if on { s.extend(ids) } else { ids.iter().for_each(|id| { s.remove(id); }) });
                        })/>
                    {dynamic(move || tf("Select all {n} shown", &[("n", &number(order.with(Vec::len)))]))}
                </label>
                <span class="hint" data-test="selected-count">
                    {dynamic(move || tf("{n} selected", &[("n", &number(selected.with(HashSet::len)))]))}
                </span>
                {dynamic(move || selected.with(|s| !s.is_empty()).then(|| view! {
                    <button type="button" class="button button-link" on:click=handler(move |_| selected.set(HashSet::new()))>{tr("Clear selection")}</button>
                }))}
            </div>

            {dynamic(move || bulk_open.get().then(|| view! {
                <BulkChanges run=bulk selected=selected rows=rows teams=teams abilities=abilities/>
            }))}

            {dynamic(move || (loading() && rows.with(Vec::is_empty)).then(|| view! { <Loading label=k("Loading people…")/> }))}
            <WindowedList len=Signal::derive(move || order.with(Vec::len)) label=Signal::derive(|| t("People").to_string())
                state=Signal::derive(move || if error().is_some() { "error" } else if loaded() { "done" } else { "loading" })
                top=top
                rows=render>
                {dynamic(move || (loaded() && order.with(Vec::is_empty)).then(|| view! {
                    <p class="hint empty">{tr("Nobody matches the search and filters.")}</p>
                }))}
            </WindowedList>
            <PersonDialog person=open/>
        </section>
    }
}
