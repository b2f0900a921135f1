//! One person's changes, in a dialog: their role, deactivating or reactivating them, their teams,
//! and a pending invitation sent again. Opened from the people screen and from a role's members.
//! What the account may not do is not offered; what would lock someone out, send an email, or
//! grant or remove admin rights asks first, and the guard ([`crate::rules::admins`]) looks again
//! at that "yes": the last active admin keeps their role and stays active, nobody deactivates
//! their own account, and nothing that touches admin rights goes until the admins are known.

use super::load::Load;
use crate::api::models::{RoleId, Team, TeamId, TeamRef, UserId};
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{dynamic, handler, Loading};
use crate::i18n::prelude::*;
use crate::rules::admins::{AdminEffect, Guard, Refusal};
use crate::rules::invite::{invitation, InviteForm};
use crate::rules::people::{person_row, target_roles, Abilities, Change, PersonRow, Status};
use crate::rules::person::{done_text, question, refusal_text, Asking};
use crate::rules::roles::role_name;
use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

#[component]
pub fn PersonDialog(
    /// Whose dialog is open; `None` closes it.
    person: RwSignal<Option<UserId>>,
    /// Told after awork confirmed a change, so the caller can follow in its own list.
    #[prop(optional)]
    on_changed: Option<Callback<(UserId, Change)>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let people = session.people();
    // Who is in which role matters once a dialog opens (the people screen has it already).
    Effect::new(move |_| {
        if person.with(Option::is_some) {
            if let Some(client) = session.client() {
                people.ensure(client.clone());
                people.ensure_roles(client);
            }
        }
    });
    let teams = Load::new(move || {
        let client = session.require_client();
        let open = person.with(Option::is_some);
        async move {
            if !open {
                return Ok(Vec::new());
            }
            client?.teams().await
        }
    });
    let abilities = Memo::new(move |_| session.permissions.with(|p| Abilities::of(p.as_ref())));
    let row = Memo::new(move |_| {
        let id = person.get()?;
        people.users.with(|users| {
            let user = users.get(&id)?;
            let role = people.role_of.with(|r| r.get(&id).cloned());
            let role = role.and_then(|r| people.roles.with(|roles| roles.iter().find(|x| x.id == r).cloned()));
            Some(person_row(user, role.as_ref(), people.api_users.with(|a| a.contains(&id))))
        })
    });
    // The active admins, once the users and every role's members are in; unknown until then.
    let admins = Memo::new(move |_| people.guard_facts().admins);
    let me = Memo::new(move |_| session.account().map(|a| a.id));
    // What the guard says of `change` for the person in `row` (tracked).
    let verdict = move |change: &Change, row: &PersonRow| -> Result<AdminEffect, Refusal> {
        me.with(|me| {
            admins.with(|a| {
                people.roles.with(|roles| {
                    Guard { me: me.as_ref(), admins: a.as_ref(), roles, api_users_known: true, settled: true }
                        .single(change, row)
                })
            })
        })
    };
    let busy = RwSignal::new(false);
    // The last answer: Ok(what happened) or Err(why not).
    let message = RwSignal::new(None::<Result<String, String>>);
    let asking = RwSignal::new(None::<Asking>);
    let new_role = RwSignal::new(String::new());
    let new_team = RwSignal::new(String::new());
    let code = RwSignal::new(None::<String>);

    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        let open = person.with(Option::is_some);
        if let Some(d) = dialog.get() {
            if open && !d.open() {
                let _ = d.show_modal();
            } else if !open && d.open() {
                d.close();
            }
        }
    });
    // A new person: nothing of the last one stays.
    Effect::new(move |_| {
        person.track();
        message.set(None);
        asking.set(None);
        code.set(None);
        new_role.set(String::new());
        new_team.set(String::new());
    });
    let close = move || person.set(None);

    let team_ref = move |id: &TeamId| -> Option<TeamRef> {
        teams.get_untracked().and_then(Result::ok)?.into_iter().find(|t| &t.id == id).map(TeamRef::from)
    };
    let run = move |change: Change| {
        let (Some(client), Some(r)) = (session.client(), row.get_untracked()) else { return };
        if busy.get_untracked() {
            return;
        }
        // Once more with what is known at this moment.
        if let Err(refusal) = untrack(|| verdict(&change, &r)) {
            asking.set(None);
            message.set(Some(Err(t(refusal_text(refusal, &change)).into())));
            return;
        }
        busy.set(true);
        message.set(None);
        asking.set(None);
        let team = match &change {
            Change::AddToTeam(t) | Change::RemoveFromTeam(t) => team_ref(t),
            _ => None,
        };
        spawn_local(async move {
            let result = people.apply(client, r.user_id.clone(), change.clone(), team).await;
            busy.try_set(false);
            match result {
                Ok(summary) => {
                    message.try_set(Some(Ok(done_text(&change, &r.name, summary))));
                    if let Some(cb) = on_changed {
                        cb.run((r.user_id.clone(), change));
                    }
                }
                Err(ApiError::SessionEnded) => {}
                Err(e) => {
                    message.try_set(Some(Err(e.message())));
                }
            }
        });
    };
    let invite_again = move || {
        let (Some(client), Some(r), Some(me)) = (session.client(), row.get_untracked(), session.account()) else {
            return;
        };
        let (Some(email), Some(workspace)) = (r.email.clone(), me.workspace.id.clone()) else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        message.set(None);
        asking.set(None);
        let form = InviteForm { email, role_id: r.role.clone(), ..Default::default() };
        let body = invitation(&form, workspace);
        spawn_local(async move {
            let result = client.invite(&body).await;
            busy.try_set(false);
            match result {
                Ok(answer) => {
                    let sent = js_sys::Date::new_0().to_iso_string().as_string();
                    people.update_user(&r.user_id, |u| u.created_on = sent);
                    code.try_set(answer.invitation_code);
                    message.try_set(Some(Ok(tf("A new invitation is on its way to {name}.", &[("name", &r.name)]))));
                }
                Err(ApiError::SessionEnded) => {}
                Err(e) => {
                    message.try_set(Some(Err(e.message())));
                }
            }
        });
    };

    let body = move || {
        let Some(r) = row.get() else {
            return view! { <Loading label=k("Loading…")/> }.into_any();
        };
        let a = abilities.get();
        let name = r.name.clone();
        let managed = !r.api_user && r.status != Status::Archived;
        view! {
            <div class="person-head">
                <h2 id="person-dialog-title">{name.clone()}</h2>
                <p class="hint">
                    {r.email.clone().unwrap_or_default()}
                    {r.role_name.clone().map(|role| format!(" · {role}"))}
                    {format!(" · {}", t(r.status.label()))}
                </p>
            </div>
            {dynamic(move || busy.get().then(|| view! { <Loading label=k("Saving…")/> }))}
            {dynamic(move || message.get().map(|m| match m {
                Ok(text) => view! { <div class="banner banner-info" role="status" data-test="person-result">{text}</div> }.into_any(),
                Err(text) => view! { <div class="banner banner-error" role="alert" data-test="person-result">{text}</div> }.into_any(),
            }))}
            {dynamic(move || code.get().map(|c| view! {
                <p class="code-row"><span>{tr("Invitation code")}</span><code data-test="new-invitation-code">{c}</code>
                    <span class="hint">{tr("The code is valid for 24 hours.")}</span></p>
            }))}
            {(!managed).then(|| view! {
                <p class="hint">{tr("awork admin does not change archived people or API users.")}</p>
            })}
            {a.why_not().map(|why| view! { <p class="hint" data-test="why-not">{tr(why)}</p> })}

            // Role
            {(managed && a.roles).then(|| {
                let current = r.role.clone();
                let name = name.clone();
                let choices = people.roles.with(|roles| {
                    target_roles(roles).into_iter().map(|x| (x.id.clone(), role_name(x))).collect::<Vec<_>>()
                });
                let current_for_check = r.role.clone();
                let change = Memo::new(move |_| {
                    let v = new_role.get();
                    let chosen = if v.is_empty() { current.clone() } else { Some(RoleId(v)) };
                    chosen.filter(|c| Some(c) != current_for_check.as_ref()).map(Change::Role)
                });
                let row = r.clone();
                let checked = Memo::new(move |_| change.get().map(|c| (verdict(&c, &row), c)));
                let blocked = move || checked.with(|c| matches!(c, Some((Err(_), _))));
                let label = tf("Role of {name}", &[("name", &name)]);
                let button = tf("Change role of {name}", &[("name", &name)]);
                view! {
                    <section class="person-section" aria-labelledby="person-role-h">
                        <h3 id="person-role-h">{tr("Role")}</h3>
                        <div class="member-tools">
                            <div class="field field-inline">
                                <label for="person-role" class="visually-hidden">{label}</label>
                                <select id="person-role" on:change=handler(move |ev| new_role.set(event_target_value(&ev)))>
                                    {choices.into_iter().map(|(id, role)| {
                                        let selected = Some(&id) == r.role.as_ref();
                                        view! { <option value=id.to_string() selected=selected>{role}</option> }
                                    }).collect_view()}
                                </select>
                            </div>
                            <button type="button" class="button button-secondary"
                                disabled=move || busy.get() || change.with(Option::is_none) || blocked()
                                on:click=handler(move |_| match checked.get_untracked() {
                                    Some((Ok(AdminEffect::None), c)) => run(c),
                                    Some((Ok(effect), c)) => asking.set(Some(Asking::Change(c, effect))),
                                    _ => {}
                                })>
                                {button}
                            </button>
                        </div>
                        {dynamic(move || checked.get().and_then(|(v, c)| v.err().map(|refusal| view! {
                            <p class="hint" data-test="refusal">{t(refusal_text(refusal, &c))}</p>
                        })))}
                    </section>
                }
            })}

            // Activation
            {(managed && a.activation).then(|| {
                let deactivated = r.status == Status::Deactivated;
                let change = if deactivated { Change::Reactivate } else { Change::Deactivate };
                let label = if deactivated {
                    tf("Reactivate {name}", &[("name", &name)])
                } else {
                    tf("Deactivate {name}", &[("name", &name)])
                };
                let row = r.clone();
                let check = change.clone();
                let refused = Memo::new(move |_| verdict(&check, &row).err());
                let ask = Asking::Change(change.clone(), AdminEffect::None);
                view! {
                    <section class="person-section" aria-labelledby="person-active-h">
                        <h3 id="person-active-h">{tr("Access")}</h3>
                        {dynamic(move || (refused.get() != Some(Refusal::Yourself)).then(|| {
                            let ask = ask.clone();
                            view! {
                                <button type="button" class="button button-secondary"
                                    disabled=move || busy.get() || refused.with(Option::is_some)
                                    on:click=handler(move |_| asking.set(Some(ask.clone())))>
                                    {label.clone()}
                                </button>
                            }
                        }))}
                        {dynamic(move || refused.get().map(|refusal| view! {
                            <p class="hint" data-test="refusal">{t(refusal_text(refusal, &Change::Deactivate))}</p>
                        }))}
                    </section>
                }
            })}

            // Teams
            {(managed && a.teams).then(|| {
                let name = name.clone();
                let member_of: Vec<TeamRef> = r.teams.clone();
                let ids: HashSet<TeamId> = member_of.iter().filter_map(|t| t.id.clone()).collect();
                let add_label = tf("Add {name} to a team", &[("name", &name)]);
                let add_button = tf("Add {name} to the team", &[("name", &name)]);
                view! {
                    <section class="person-section" aria-labelledby="person-teams-h">
                        <h3 id="person-teams-h">{tr("Teams")}</h3>
                        <ul class="person-teams">
                            {member_of.into_iter().filter_map(|team| {
                                let id = team.id.clone()?;
                                let team_name = team.name.clone().unwrap_or_default();
                                let label = tf("Remove {name} from {team}", &[("name", &name), ("team", &team_name)]);
                                Some(view! {
                                    <li>
                                        <span class="chip-name">{team_name}</span>
                                        <button type="button" class="button button-link"
                                            disabled=move || busy.get()
                                            on:click=handler(move |_| run(Change::RemoveFromTeam(id.clone())))>{label}</button>
                                    </li>
                                })
                            }).collect_view()}
                        </ul>
                        {dynamic(move || match teams.get() {
                            Some(Ok(list)) => {
                                let others: Vec<Team> = list.into_iter().filter(|t| !ids.contains(&t.id)).collect();
                                (!others.is_empty()).then(|| {
                                    let add_label = add_label.clone();
                                    let add_button = add_button.clone();
                                    let first = others[0].id.to_string();
                                    view! {
                                        <div class="member-tools">
                                            <div class="field field-inline">
                                                <label for="person-team" class="visually-hidden">{add_label}</label>
                                                <select id="person-team" on:change=handler(move |ev| new_team.set(event_target_value(&ev)))>
                                                    {others.into_iter().map(|t| view! {
                                                        <option value=t.id.to_string()>{t.name.unwrap_or_default()}</option>
                                                    }).collect_view()}
                                                </select>
                                            </div>
                                            <button type="button" class="button button-secondary"
                                                disabled=move || busy.get()
                                                on:click=handler(move |_| {
                                                    let v = new_team.get_untracked();
                                                    run(Change::AddToTeam(TeamId(if v.is_empty() { first.clone() } else { v })));
                                                })>{add_button}</button>
                                        </div>
                                    }
                                }).into_any()
                            }
                            Some(Err(e)) => view! { <p class="hint">{e.message()}</p> }.into_any(),
                            None => view! { <Loading label=k("Loading teams…")/> }.into_any(),
                        })}
                    </section>
                }
            })}

            // A pending invitation
            {(managed && a.invite && r.status == Status::Pending && r.email.is_some()).then(|| {
                let label = tf("Invite {name} again", &[("name", &name)]);
                let ago = r.invited_on.as_deref().and_then(|d| crate::rules::people::ago(d, js_sys::Date::now()));
                view! {
                    <section class="person-section" aria-labelledby="person-invite-h">
                        <h3 id="person-invite-h">{tr("Invitation")}</h3>
                        {ago.map(|a| view! { <p class="hint">{tf("Invitation pending, sent {ago}.", &[("ago", &a)])}</p> })}
                        <button type="button" class="button button-secondary"
                            disabled=move || busy.get()
                            on:click=handler(move |_| asking.set(Some(Asking::InviteAgain)))>{label}</button>
                    </section>
                }
            })}

            // What asks first
            {dynamic(move || asking.get().map(|ask| {
                let r = row.get_untracked();
                let name = r.as_ref().map(|r| r.name.clone()).unwrap_or_default();
                let yourself = r.is_some_and(|r| me.get_untracked().as_ref() == Some(&r.user_id));
                let (question, yes) = question(&ask, &name, yourself);
                view! {
                    <div class="confirm" role="group" aria-labelledby="confirm-question" data-test="confirm">
                        <p id="confirm-question">{question}</p>
                        <div class="member-tools">
                            <button type="button" class="button button-primary" disabled=move || busy.get()
                                on:click=handler(move |_| match ask.clone() {
                                    Asking::Change(c, _) => run(c),
                                    Asking::InviteAgain => invite_again(),
                                })>{yes}</button>
                            <button type="button" class="button button-secondary" on:click=handler(move |_| asking.set(None))>{tr("Cancel")}</button>
                        </div>
                    </div>
                }
            }))}
        }
        .into_any()
    };

    view! {
        <dialog node_ref=dialog class="person-dialog" aria-labelledby="person-dialog-title"
            on:close=handler(move |_| close())>
            {dynamic(move || person.with(Option::is_some).then(body))}
            <div class="dialog-foot">
                <button type="button" class="button button-secondary" on:click=handler(move |_| close())>{tr("Close")}</button>
            </div>
        </dialog>
    }
}
