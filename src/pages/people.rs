//! Everyone in the workspace (`#/people`): the users loaded once per session joined with every
//! role's members and the API users; search, filters that combine and count (kept in the address),
//! sort, CSV, a windowed list that stays smooth at 10,000; one person's changes in a dialog, and the
//! same changes for a selection in one paced run.

use super::load::Load;
use super::person::PersonDialog;
use super::run::{RunButtons, RunPanel, RunProgress};
use crate::api::models::{RoleId, TeamId, TeamRef, UserId};
use crate::api::Client;
use crate::auth::Session;
use crate::components::{dynamic, handler, Avatar, Badge, ErrorBanner, Loading, ToolSelect, WindowedList};
use crate::i18n;
use crate::i18n::prelude::*;
use crate::jobs::Progress;
use crate::people::LoadState;
use crate::route::{navigate, Route};
use crate::rules::people::{
    active_admins, ago, bulk_results_csv, counts, leaves_no_admin, people_csv, people_rows, target_roles, visible,
    with_count, Abilities, Change, PeopleQuery, PersonRow, PersonRows, Sort, Status, StatusFilter,
};
use crate::rules::roles::role_name;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};

const LEAVE_QUESTION: &str = k("Changes are still being sent. Leave anyway? People not changed yet will not be.");

/// The bulk changes, as the change picker names them.
const CHANGES: [(&str, &str); 5] = [
    ("role", k("Change role to…")),
    ("deactivate", k("Deactivate")),
    ("reactivate", k("Reactivate")),
    ("add-team", k("Add to team…")),
    ("remove-team", k("Remove from team…")),
];

fn people_changed(p: &Progress) -> String {
    tf(
        "{sent} of {total} done · {ok} changed · {failed} failed",
        &[("sent", &p.sent), ("total", &p.to_send), ("ok", &p.done), ("failed", &p.failed)],
    )
}

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
    let admins = Memo::new(move |_| {
        people.users.with(|u| people.role_of.with(|r| people.roles.with(|x| active_admins(u, r, x))))
    });

    let top = Signal::derive(move || query.track());

    let selected = RwSignal::new(HashSet::<UserId>::new());
    let open = RwSignal::new(None::<UserId>);
    let shown_ids = move || rows.with(|r| order.with(|o| o.iter().map(|&i| r[i].user_id.clone()).collect::<Vec<_>>()));
    let all_shown_selected = move || {
        order.with(|o| !o.is_empty())
            && rows.with(|r| order.with(|o| selected.with(|s| o.iter().all(|&i| s.contains(&r[i].user_id)))))
    };

    // Bulk: the change, its target, the plan it was run with, and the run.
    let bulk_kind = RwSignal::new(String::new());
    let bulk_target = RwSignal::new(String::new());
    let bulk_notice = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(None::<(Change, usize)>);
    let plan = RwSignal::new(Vec::<PersonRow>::new());
    let plan_change = StoredValue::new(None::<(Change, Option<TeamRef>)>);
    let plan_index = Memo::new(move |_| {
        plan.with(|p| p.iter().enumerate().map(|(i, r)| (r.user_id.clone(), i)).collect::<HashMap<_, _>>())
    });
    let panel = RunPanel::new();
    let any_selected = Memo::new(move |_| selected.with(|s| !s.is_empty()));
    let bulk_open = Memo::new(move |_| any_selected.get() && abilities.get().any());
    let results_ready = Memo::new(move |_| panel.progress().to_send != 0 && !panel.running.get());

    let team_ref = move |id: &TeamId| -> Option<TeamRef> {
        teams.get_untracked().and_then(Result::ok)?.into_iter().find(|t| &t.id == id).map(TeamRef::from)
    };
    let chosen_change = move || -> Option<Change> {
        let target = bulk_target.get();
        match bulk_kind.get().as_str() {
            "role" if !target.is_empty() => Some(Change::Role(RoleId(target))),
            "deactivate" => Some(Change::Deactivate),
            "reactivate" => Some(Change::Reactivate),
            "add-team" if !target.is_empty() => Some(Change::AddToTeam(TeamId(target))),
            "remove-team" if !target.is_empty() => Some(Change::RemoveFromTeam(TeamId(target))),
            _ => None,
        }
    };
    let run_plan = move |which: Vec<usize>| {
        let (Some(client), Some((change, team))) = (session.client(), plan_change.get_value()) else { return };
        let ids: Vec<UserId> = plan.with_untracked(|p| p.iter().map(|r| r.user_id.clone()).collect());
        let job = move |client: Client, i: usize| {
            Box::pin(people.apply(client, ids[i].clone(), change.clone(), team.clone())) as LocalBoxFuture<'static, _>
        };
        let keep = |_: usize, summary: Option<crate::api::models::DeactivationSummary>| match summary {
            Some(s) => tf(
                "{reassigned} projects reassigned, {deleted} deleted",
                &[
                    ("reassigned", &s.private_project_managers_reassigned_count),
                    ("deleted", &s.private_projects_deleted_count),
                ],
            ),
            None => String::new(),
        };
        panel.start(client, which, LEAVE_QUESTION, job, keep);
    };
    // "Apply": plan who it changes, check the last-admin rule for the selection as a whole, ask
    // first where the change locks people out or emails them.
    let apply = move || {
        bulk_notice.set(None);
        let Some(change) = chosen_change() else {
            bulk_notice.set(Some(t("Choose a change and what it changes to.").into()));
            return;
        };
        let chosen = selected.get_untracked();
        let lock_out =
            people.roles.with_untracked(|roles| admins.with_untracked(|a| leaves_no_admin(&change, &chosen, a, roles)));
        if lock_out {
            bulk_notice.set(Some(
                t("This would leave the workspace without an active admin, which awork refuses. Keep at least one admin out of the selection.").into(),
            ));
            return;
        }
        let todo: Vec<PersonRow> = rows.with_untracked(|r| {
            r.iter().filter(|x| chosen.contains(&x.user_id) && change.applies(x)).map(|x| PersonRow::clone(x)).collect()
        });
        if todo.is_empty() {
            bulk_notice.set(Some(t("Nothing to change: the selected people are already as asked (archived people and API users are left alone).").into()));
            return;
        }
        let skipped = chosen.len() - todo.len();
        if skipped > 0 {
            bulk_notice.set(Some(tf(
                "{n} of the selected are already as asked (or archived): they are left alone.",
                &[("n", &skipped)],
            )));
        }
        let team = match &change {
            Change::AddToTeam(t) | Change::RemoveFromTeam(t) => team_ref(t),
            _ => None,
        };
        let n = todo.len();
        panel.reset(n);
        plan.set(todo);
        plan_change.set_value(Some((change.clone(), team)));
        if change.needs_confirmation() {
            confirming.set(Some((change, n)));
        } else {
            run_plan((0..n).collect());
        }
    };
    let note_of = move |id: &UserId| -> Option<Signal<Option<(String, bool)>>> {
        let i = plan_index.with(|p| p.get(id).copied())?;
        let cell = panel.cell(i);
        Some(Signal::derive(move || match cell.get() {
            crate::jobs::JobState::Ready => None,
            crate::jobs::JobState::Sending => Some((t("Sending…").to_string(), false)),
            crate::jobs::JobState::Done(_) => Some((t("Changed").to_string(), false)),
            crate::jobs::JobState::Failed(e) => Some((e.message(), true)),
            crate::jobs::JobState::Cancelled => Some((t("Cancelled").to_string(), true)),
        }))
    };
    let export = move |_| {
        let csv = rows.with(|r| order.with(|o| people_csv(o.iter().map(|&i| &*r[i]))));
        if crate::download::csv("people.csv", &csv).is_err() {
            web_sys::console::warn_1(&"awork-admin: the CSV download could not start".into());
        }
    };
    let export_results = move |_| {
        let Some((change, team)) = plan_change.get_value() else { return };
        let what = change_label(&change, team.as_ref(), &people.roles.get_untracked());
        let csv = plan.with(|p| panel.states.with(|s| bulk_results_csv(p, &what, s)));
        let _ = crate::download::csv("people-changes.csv", &csv);
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
                        person_view(row, r.start + k, selected, open, note_of(&row.user_id), image)
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
                {dynamic(move || any_selected.get().then(|| view! {
                    <button type="button" class="button button-link" on:click=handler(move |_| selected.set(HashSet::new()))>{tr("Clear selection")}</button>
                }))}
            </div>

            {dynamic(move || bulk_open.get().then(|| view! {
                <div class="bulk" role="group" aria-labelledby="bulk-h">
                    <h2 id="bulk-h" class="visually-hidden">{tr("Change the selected people")}</h2>
                    <div class="member-tools">
                        <div class="field field-inline">
                            <label for="bulk-change">{tr("Change for the selected")}</label>
                            <select id="bulk-change" disabled=move || panel.running.get()
                                on:change=handler(move |ev| { bulk_kind.set(event_target_value(&ev)); bulk_target.set(String::new()); })>
                                <option value="" selected=move || bulk_kind.with(String::is_empty)>{tr("Choose…")}</option>
                                {dynamic(move || {
                                    let a = abilities.get();
                                    CHANGES.into_iter().filter(|(key, _)| match *key {
                                        "role" => a.roles,
                                        "deactivate" | "reactivate" => a.activation,
                                        _ => a.teams,
                                    }).map(|(key, label)| view! { <option value=key>{t(label)}</option> }).collect_view()
                                })}
                            </select>
                        </div>
                        {dynamic(move || {
                            let kind = bulk_kind.get();
                            let options: Vec<(String, String)> = match kind.as_str() {
                                "role" => people.roles.with(|roles| target_roles(roles).into_iter().map(|r| (r.id.to_string(), role_name(r))).collect()),
                                "add-team" | "remove-team" => teams.get().and_then(Result::ok).unwrap_or_default().into_iter()
                                    .map(|t| (t.id.to_string(), t.name.unwrap_or_default())).collect(),
                                _ => return None,
                            };
                            let label = if kind == "role" { t("New role") } else { t("Team") };
                            Some(view! {
                                <div class="field field-inline">
                                    <label for="bulk-target">{label}</label>
                                    <select id="bulk-target" disabled=move || panel.running.get()
                                        on:change=handler(move |ev| bulk_target.set(event_target_value(&ev)))>
                                        <option value="" selected=move || bulk_target.with(String::is_empty)>{tr("Choose…")}</option>
                                        {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                                    </select>
                                </div>
                            })
                        })}
                        <button type="button" class="button button-primary" disabled=move || panel.running.get()
                            on:click=handler(move |_| apply())>
                            {dynamic(move || tf("Apply to {n} people", &[("n", &number(selected.with(HashSet::len)))]))}
                        </button>
                        <RunButtons panel=panel on_retry=Callback::new(run_plan)/>
                        {dynamic(move || results_ready.get().then(|| view! {
                            <button type="button" class="button button-secondary" on:click=handler(export_results)>{tr("Download results (CSV)")}</button>
                        }))}
                    </div>
                    {dynamic(move || bulk_notice.get().map(|n| view! { <div class="banner banner-info" role="status" data-test="bulk-notice">{n}</div> }))}
                    {dynamic(move || confirming.get().map(|(change, n)| {
                        let (question, yes) = if change == Change::Deactivate {
                            (tf("Deactivate {n} people? They can no longer sign in to awork. Their licences stay booked.", &[("n", &number(n))]),
                             tf("Deactivate {n} people", &[("n", &number(n))]))
                        } else {
                            (tf("Reactivate {n} people? They can sign in again, and awork emails each of them. Each needs a free seat.", &[("n", &number(n))]),
                             tf("Reactivate {n} people", &[("n", &number(n))]))
                        };
                        view! {
                            <div class="confirm" role="group" aria-labelledby="bulk-question" data-test="confirm">
                                <p id="bulk-question">{question}</p>
                                <div class="member-tools">
                                    <button type="button" class="button button-primary" on:click=handler(move |_| {
                                        confirming.set(None);
                                        run_plan((0..n).collect());
                                    })>{yes}</button>
                                    <button type="button" class="button button-secondary" on:click=handler(move |_| confirming.set(None))>{tr("Cancel")}</button>
                                </div>
                            </div>
                        }
                    }))}
                    <RunProgress panel=panel bar=k("People changed") test_id="bulk-progress" summary=people_changed/>
                </div>
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

/// How a change reads in the results file.
fn change_label(change: &Change, team: Option<&TeamRef>, roles: &[crate::api::models::Role]) -> String {
    let team_name = || team.and_then(|t| t.name.clone()).unwrap_or_default();
    match change {
        Change::Role(id) => {
            let name = roles.iter().find(|r| &r.id == id).map(role_name).unwrap_or_else(|| id.to_string());
            tf("role: {role}", &[("role", &name)])
        }
        Change::Deactivate => t("deactivate").into(),
        Change::Reactivate => t("reactivate").into(),
        Change::AddToTeam(_) => tf("add to team: {team}", &[("team", &team_name())]),
        Change::RemoveFromTeam(_) => tf("remove from team: {team}", &[("team", &team_name())]),
    }
}
