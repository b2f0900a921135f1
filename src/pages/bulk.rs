//! The People screen's bulk section: one change for the selected people in one paced run. The
//! guard ([`crate::rules::admins`]) plans it: who is left alone and why (already as asked,
//! archived, API users or people it cannot tell from one, the signed-in admin where the change
//! would lock them out), and it is refused while the admins are unknown or when no active admin
//! would be left. It asks first before anything that locks people out, emails them, or grants or
//! removes admin rights, and checks again at that "yes" and before a retry.

use super::load::Load;
use super::run::{RunButtons, RunPanel, RunProgress};
use crate::api::models::{DeactivationSummary, Role, RoleId, Team, TeamId, TeamRef, UserId};
use crate::api::Client;
use crate::auth::Session;
use crate::components::{dynamic, handler};
use crate::i18n::prelude::*;
use crate::jobs::{JobState, Progress};
use crate::rules::admins::{BulkPlan, Guard, Refusal};
use crate::rules::people::{bulk_results_csv, target_roles, Abilities, Change, PersonRow};
use crate::rules::roles::role_name;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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

/// A change waiting for "yes", with the counts its question names.
#[derive(Debug, Clone, PartialEq)]
struct Asking {
    change: Change,
    n: usize,
    grants: usize,
    removes: usize,
}

/// The run of the latest bulk change: its plan (the people, in order) and each one's state.
#[derive(Clone, Copy)]
pub struct BulkRun {
    panel: RunPanel,
    plan: RwSignal<Vec<PersonRow>>,
    index: Memo<HashMap<UserId, usize>>,
    change: StoredValue<Option<(Change, Option<TeamRef>)>>,
}

impl BulkRun {
    pub fn new() -> BulkRun {
        let plan = RwSignal::new(Vec::<PersonRow>::new());
        let index = Memo::new(move |_| {
            plan.with(|p| p.iter().enumerate().map(|(i, r)| (r.user_id.clone(), i)).collect::<HashMap<_, _>>())
        });
        BulkRun { panel: RunPanel::new(), plan, index, change: StoredValue::new(None) }
    }

    /// What a person's row says of them in the run: (text, whether it went wrong).
    pub fn note_of(&self, id: &UserId) -> Option<Signal<Option<(String, bool)>>> {
        let i = self.index.with(|p| p.get(id).copied())?;
        let cell = self.panel.cell(i);
        Some(Signal::derive(move || match cell.get() {
            JobState::Ready => None,
            JobState::Sending => Some((t("Sending…").to_string(), false)),
            JobState::Done(_) => Some((t("Changed").to_string(), false)),
            JobState::Failed(e) => Some((e.message(), true)),
            JobState::Cancelled => Some((t("Cancelled").to_string(), true)),
        }))
    }
}

/// Who is left alone, and why, in a sentence or three.
fn left_out(plan: &BulkPlan) -> Option<String> {
    let mut parts = Vec::new();
    if plan.unchanged > 0 {
        parts.push(tf(
            "{n} of the selected are already as asked, archived or API users: they are left alone.",
            &[("n", &number(plan.unchanged))],
        ));
    }
    if plan.yourself {
        parts.push(t("You are left out: this change would take away your own admin rights or lock you out.").into());
    }
    if plan.unclassified > 0 {
        parts.push(tf(
            "{n} are left out: the API users could not be loaded, so nobody can be told from one.",
            &[("n", &number(plan.unclassified))],
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// The question and its "yes" for a change that asks first.
fn question(ask: &Asking, role: impl Fn(&RoleId) -> String) -> (String, String) {
    let n = number(ask.n);
    match &ask.change {
        Change::Deactivate => (
            tf("Deactivate {n} people? They can no longer sign in to awork. Their licences stay booked.", &[("n", &n)]),
            tf("Deactivate {n} people", &[("n", &n)]),
        ),
        Change::Reactivate => (
            tf(
                "Reactivate {n} people? They can sign in again, and awork emails each of them. Each needs a free seat.",
                &[("n", &n)],
            ),
            tf("Reactivate {n} people", &[("n", &n)]),
        ),
        Change::Role(to) => {
            let detail = if ask.grants > 0 {
                tf(
                    "{k} of them get admin rights: they can change everything in the workspace.",
                    &[("k", &number(ask.grants))],
                )
            } else {
                tf("{k} of them lose their admin rights.", &[("k", &number(ask.removes))])
            };
            (
                format!("{} {detail}", tf("Move {n} people to the role “{role}”?", &[("n", &n), ("role", &role(to))])),
                tf("Move {n} people", &[("n", &n)]),
            )
        }
        Change::AddToTeam(_) | Change::RemoveFromTeam(_) => (String::new(), String::new()),
    }
}

/// How a change reads in the results file.
fn change_label(change: &Change, team: Option<&TeamRef>, roles: &[Role]) -> String {
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

#[component]
pub fn BulkChanges(
    run: BulkRun,
    selected: RwSignal<HashSet<UserId>>,
    rows: Memo<Vec<Arc<PersonRow>>>,
    teams: Load<Vec<Team>>,
    abilities: Memo<Abilities>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let people = session.people();
    let panel = run.panel;
    let kind = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<String>);
    let asking = RwSignal::new(None::<Asking>);
    let results_ready = Memo::new(move |_| panel.progress().to_send != 0 && !panel.running.get());

    let team_ref = move |id: &TeamId| -> Option<TeamRef> {
        teams.get_untracked().and_then(Result::ok)?.into_iter().find(|t| &t.id == id).map(TeamRef::from)
    };
    let chosen_change = move || -> Option<Change> {
        let target = target.get_untracked();
        match kind.get_untracked().as_str() {
            "role" if !target.is_empty() => Some(Change::Role(RoleId(target))),
            "deactivate" => Some(Change::Deactivate),
            "reactivate" => Some(Change::Reactivate),
            "add-team" if !target.is_empty() => Some(Change::AddToTeam(TeamId(target))),
            "remove-team" if !target.is_empty() => Some(Change::RemoveFromTeam(TeamId(target))),
            _ => None,
        }
    };
    // The guard's plan for `change` and the people `ids`, from what is known now.
    let plan_for = move |change: &Change, ids: &HashSet<UserId>| -> Result<BulkPlan, Refusal> {
        let me = session.account().map(|a| a.id);
        let facts = untrack(|| people.guard_facts());
        people.roles.with_untracked(|roles| {
            let guard = Guard {
                me: me.as_ref(),
                admins: facts.admins.as_ref(),
                roles,
                api_users_known: facts.api_users_known,
                settled: facts.settled,
            };
            rows.with_untracked(|r| guard.plan(change, r.iter().filter(|x| ids.contains(&x.user_id)).map(|x| &**x)))
        })
    };
    let planned_ids = move |which: &[usize]| -> HashSet<UserId> {
        run.plan.with_untracked(|p| which.iter().filter_map(|&i| p.get(i)).map(|r| r.user_id.clone()).collect())
    };
    let send = move |which: Vec<usize>| {
        let (Some(client), Some((change, team))) = (session.client(), run.change.get_value()) else { return };
        let ids: Vec<UserId> = run.plan.with_untracked(|p| p.iter().map(|r| r.user_id.clone()).collect());
        let job = move |client: Client, i: usize| {
            Box::pin(people.apply(client, ids[i].clone(), change.clone(), team.clone())) as LocalBoxFuture<'static, _>
        };
        let keep = |_: usize, summary: Option<DeactivationSummary>| match summary {
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
    // Takes `plan` as the run's, and sends it or asks first.
    let take = move |change: Change, plan: BulkPlan| {
        let n = plan.todo.len();
        let team = match &change {
            Change::AddToTeam(t) | Change::RemoveFromTeam(t) => team_ref(t),
            _ => None,
        };
        panel.reset(n);
        run.plan.set(plan.todo);
        run.change.set_value(Some((change.clone(), team)));
        if change.needs_confirmation() || plan.grants > 0 || plan.removes > 0 {
            asking.set(Some(Asking { change, n, grants: plan.grants, removes: plan.removes }));
        } else {
            send((0..n).collect());
        }
    };
    let apply = move || {
        notice.set(None);
        asking.set(None);
        let Some(change) = chosen_change() else {
            notice.set(Some(t("Choose a change and what it changes to.").into()));
            return;
        };
        match plan_for(&change, &selected.get_untracked()) {
            Err(refusal) => notice.set(Some(t(refusal.text()).into())),
            Ok(plan) if plan.todo.is_empty() => notice.set(Some(
                left_out(&plan)
                    .unwrap_or_else(|| t("Nothing to change: the selected people are already as asked.").into()),
            )),
            Ok(plan) => {
                notice.set(left_out(&plan));
                take(change, plan);
            }
        }
    };
    // "Yes": the guard once more with what is known now; changed numbers are asked again.
    let confirm = move |asked: Asking| {
        asking.set(None);
        let ids = planned_ids(&(0..asked.n).collect::<Vec<_>>());
        match plan_for(&asked.change, &ids) {
            Err(refusal) => notice.set(Some(t(refusal.text()).into())),
            Ok(plan) if plan.todo.is_empty() => notice.set(left_out(&plan)),
            Ok(plan) if plan.todo.len() == asked.n && plan.grants == asked.grants && plan.removes == asked.removes => {
                send((0..asked.n).collect())
            }
            Ok(plan) => {
                notice.set(left_out(&plan));
                take(asked.change, plan);
            }
        }
    };
    // Retry: the failed and cancelled, checked again; those the change no longer applies to stay.
    let retry = move |which: Vec<usize>| {
        let Some((change, _)) = run.change.get_value() else { return };
        notice.set(None);
        match plan_for(&change, &planned_ids(&which)) {
            Err(refusal) => notice.set(Some(t(refusal.text()).into())),
            Ok(plan) => {
                let still: HashSet<UserId> = plan.todo.iter().map(|r| r.user_id.clone()).collect();
                let again: Vec<usize> = run.plan.with_untracked(|p| {
                    which.into_iter().filter(|&i| p.get(i).is_some_and(|r| still.contains(&r.user_id))).collect()
                });
                notice.set(left_out(&plan));
                send(again);
            }
        }
    };
    let export_results = move |_| {
        let Some((change, team)) = run.change.get_value() else { return };
        let what = change_label(&change, team.as_ref(), &people.roles.get_untracked());
        let csv = run.plan.with(|p| panel.states.with(|s| bulk_results_csv(p, &what, s)));
        let _ = crate::download::csv("people-changes.csv", &csv);
    };
    let role_named = move |id: &RoleId| {
        people.roles.with_untracked(|roles| roles.iter().find(|r| &r.id == id).map(role_name)).unwrap_or_default()
    };

    view! {
        <div class="bulk" role="group" aria-labelledby="bulk-h">
            <h2 id="bulk-h" class="visually-hidden">{tr("Change the selected people")}</h2>
            <div class="member-tools">
                <div class="field field-inline">
                    <label for="bulk-change">{tr("Change for the selected")}</label>
                    <select id="bulk-change" disabled=move || panel.running.get()
                        on:change=handler(move |ev| { kind.set(event_target_value(&ev)); target.set(String::new()); })>
                        <option value="" selected=move || kind.with(String::is_empty)>{tr("Choose…")}</option>
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
                    let which = kind.get();
                    let options: Vec<(String, String)> = match which.as_str() {
                        "role" => people.roles.with(|roles| target_roles(roles).into_iter().map(|r| (r.id.to_string(), role_name(r))).collect()),
                        "add-team" | "remove-team" => teams.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .map(|t| (t.id.to_string(), t.name.unwrap_or_default())).collect(),
                        _ => return None,
                    };
                    let label = if which == "role" { t("New role") } else { t("Team") };
                    Some(view! {
                        <div class="field field-inline">
                            <label for="bulk-target">{label}</label>
                            <select id="bulk-target" disabled=move || panel.running.get()
                                on:change=handler(move |ev| target.set(event_target_value(&ev)))>
                                <option value="" selected=move || target.with(String::is_empty)>{tr("Choose…")}</option>
                                {options.into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                            </select>
                        </div>
                    })
                })}
                <button type="button" class="button button-primary" disabled=move || panel.running.get()
                    on:click=handler(move |_| apply())>
                    {dynamic(move || tf("Apply to {n} people", &[("n", &number(selected.with(HashSet::len)))]))}
                </button>
                <RunButtons panel=panel on_retry=Callback::new(retry)/>
                {dynamic(move || results_ready.get().then(|| view! {
                    <button type="button" class="button button-secondary" on:click=handler(export_results)>{tr("Download results (CSV)")}</button>
                }))}
            </div>
            {dynamic(move || notice.get().map(|n| view! { <div class="banner banner-info" role="status" data-test="bulk-notice">{n}</div> }))}
            {dynamic(move || asking.get().map(|ask| {
                let (q, yes) = question(&ask, role_named);
                view! {
                    <div class="confirm" role="group" aria-labelledby="bulk-question" data-test="confirm">
                        <p id="bulk-question">{q}</p>
                        <div class="member-tools">
                            <button type="button" class="button button-primary"
                                on:click=handler(move |_| confirm(ask.clone()))>{yes}</button>
                            <button type="button" class="button button-secondary" on:click=handler(move |_| asking.set(None))>{tr("Cancel")}</button>
                        </div>
                    </div>
                }
            }))}
            <RunProgress panel=panel bar=k("People changed") test_id="bulk-progress" summary=people_changed/>
        </div>
    }
}
