//! Invite many people at once: a CSV pasted or uploaded, checked row by row, then sent under
//! awork's rate limits with progress, cancel, retry and a results file.

use super::load::Load;
use super::run::{RunButtons, RunPanel, RunProgress};
use super::InvitersOnly;
use crate::api::models::InvitationResponse;
use crate::api::{ApiError, Client};
use crate::auth::Session;
use crate::components::{dynamic, handler, ErrorBanner, Loading};
use crate::i18n::prelude::*;
use crate::jobs::{JobState, Progress};
use crate::rules::batch::{ready_rows, result_text, results_csv, rows_from_csv, too_large, too_many, BatchRow};
use crate::rules::invite::{default_role, invitation, invited_user};
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str = k("Invitations are still being sent. Leave anyway? Rows not sent yet will not be sent.");

fn invitations_sent(p: &Progress) -> String {
    tf(
        "{sent} of {total} sent · {invited} invited · {failed} failed",
        &[("sent", &p.sent), ("total", &p.to_send), ("invited", &p.done), ("failed", &p.failed)],
    )
}

#[component]
pub fn Batch() -> impl IntoView {
    view! { <InvitersOnly heading=k("Invite many at once")><BatchForm/></InvitersOnly> }
}

#[component]
fn BatchForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let lookups = Load::new(move || {
        let client = session.require_client();
        async move {
            let client = client?;
            let roles = client.roles(false).await?;
            let teams = client.teams().await?;
            Ok::<_, ApiError>((roles, teams))
        }
    });

    let text = session.drafts().batch_csv;
    let rows = RwSignal::new(Vec::<BatchRow>::new());
    let has_rows = Memo::new(move |_| rows.with(|r| !r.is_empty()));
    let panel = RunPanel::new();
    let (states, running) = (panel.states, panel.running);
    let notice = RwSignal::new(None::<String>);

    let check = move || {
        let Some(Ok((roles, teams))) = lookups.get_untracked() else { return };
        let csv = text.get_untracked();
        if let Some(why) = too_large(csv.len() as f64) {
            notice.set(Some(why));
            return;
        }
        let parsed = rows_from_csv(&csv, &roles, &teams, default_role(&roles).as_ref());
        if let Some(why) = too_many(parsed.len()) {
            notice.set(Some(why));
            return;
        }
        panel.reset(parsed.len());
        notice.set(parsed.is_empty().then(|| t("The file has no rows to invite.").to_string()));
        rows.set(parsed);
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Too large: not read at all, and what is in the box stays.
        if let Some(why) = too_large(file.size()) {
            notice.set(Some(why));
            input.set_value("");
            return;
        }
        let promise = file.text();
        spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_string()) {
                Some(content) => {
                    text.try_set(content);
                    check();
                }
                None => {
                    notice.try_set(Some(t("The file could not be read as text.").into()));
                }
            }
        });
    };

    let send = move |which: Vec<usize>| {
        let (Some(client), Some(me)) = (session.client(), session.account()) else {
            notice.set(Some(t("Your profile is still loading; try again in a moment.").into()));
            return;
        };
        let Some(workspace_id) = me.workspace.id.clone() else {
            notice.set(Some(t("awork did not say which workspace this is, so nobody can be invited.").into()));
            return;
        };
        notice.set(None);
        let forms: Vec<_> = rows.with_untracked(|r| r.iter().map(BatchRow::form).collect());
        let bodies: Vec<_> = forms.iter().map(|f| invitation(f, workspace_id.clone())).collect();
        let people = session.people();
        let job = move |client: Client, i: usize| {
            let body = bodies[i].clone();
            Box::pin(async move { client.invite(&body).await }) as LocalBoxFuture<'static, _>
        };
        let keep = move |i: usize, answer: InvitationResponse| {
            people.upsert(invited_user(&forms[i], answer.user_id.clone(), &[]));
            if let Some(role) = &forms[i].role_id {
                people.moved(&answer.user_id, role);
            }
            answer.invitation_code.unwrap_or_default()
        };
        panel.start(client, which, LEAVE_QUESTION, job, keep);
    };

    let ready = move || rows.with(|r| states.with(|s| ready_rows(r, s).len()));
    let invalid = move || rows.with(|r| r.iter().filter(|row| !row.is_ready()).count());

    view! {
        <div class="stack">
            <section class="card">
                <h1>{tr("Invite many at once")}</h1>
                <p class="hint">
                    {tr("One person per line: ")}<code>"email,firstName,lastName,role,teams"</code>
                    {tr(". Role and teams by name; several teams separated by ; — an empty role means the default member role.")}
                </p>
                {dynamic(move || match lookups.get() {
                    None => view! { <Loading label=k("Loading roles and teams…")/> }.into_any(),
                    Some(Err(e)) => view! { <ErrorBanner error=e on_retry=Callback::new(move |_| lookups.refetch())/> }.into_any(),
                    Some(Ok(_)) => ().into_any(),
                })}
                <div class="field">
                    <label for="batch-csv">{tr("Paste CSV")}</label>
                    <textarea id="batch-csv" rows="8" spellcheck="false" prop:value=move || text.get()
                        on:input=handler(move |ev| text.set(event_target_value(&ev))) disabled=move || running.get()></textarea>
                </div>
                <div class="member-tools">
                    <div class="field field-inline">
                        <label for="batch-file">{tr("Or upload a CSV file")}</label>
                        <input id="batch-file" type="file" accept=".csv,text/csv,text/plain" on:change=handler(on_file) disabled=move || running.get()/>
                    </div>
                    <button type="button" class="button button-secondary" on:click=handler(move |_| check())
                        disabled=move || running.get() || !matches!(lookups.get(), Some(Ok(_)))>{tr("Check rows")}</button>
                </div>
                {dynamic(move || notice.get().map(|n| view! { <div class="banner banner-info" role="status">{n}</div> }))}
            </section>

            {dynamic(move || has_rows.get().then(|| view! {
                <section class="card" aria-labelledby="batch-rows-h">
                    <div class="card-head">
                        <h2 id="batch-rows-h">{tr("Rows")}</h2>
                        <span class="hint" data-test="batch-summary">
                            {dynamic(move || tf("{ready} ready, {bad} with problems", &[("ready", &ready()), ("bad", &invalid())]))}
                        </span>
                    </div>
                    <div class="member-tools">
                        {
                            dynamic(move || {
                                let n = ready();
                                view! {
                                    <button type="button" class="button button-primary" disabled=move || running.get() || n == 0
                                        on:click=handler(move |_| send(rows.with_untracked(|r| states.with_untracked(|s| ready_rows(r, s)))))>
                                        {dynamic(move || tf("Send {n} invitations", &[("n", &n)]))}
                                    </button>
                                }
                            })
                        }
                        <RunButtons panel=panel on_retry=Callback::new(send)/>
                        <button type="button" class="button button-secondary"
                            disabled=move || running.get() aria-describedby="results-note"
                            on:click=handler(move |_| {
                                let csv = rows.with(|r| states.with(|s| results_csv(r, s)));
                                let _ = crate::download::csv("invitation-results.csv", &csv);
                            })>{tr("Download results (CSV)")}</button>
                    </div>
                    <p id="results-note" class="hint" data-test="results-note">
                        {tr("The results file holds the invitation codes: for 24 hours, anyone with a code can join the workspace. Keep it to yourself.")}
                    </p>
                    <RunProgress panel=panel bar=k("Invitations sent") test_id="batch-progress" summary=invitations_sent/>
                    <div class="table-wrap">
                        <table class="batch-table">
                            <thead><tr><th>{tr("Line")}</th><th>{tr("Email")}</th><th>{tr("Name")}</th><th>{tr("Role")}</th><th>{tr("Teams")}</th><th>{tr("Result")}</th></tr></thead>
                            <tbody>
                                {dynamic(move || rows.get().into_iter().enumerate().map(|(i, r)| {
                                    let name = format!("{} {}", r.first_name, r.last_name).trim().to_string();
                                    let state = panel.cell(i);
                                    let valid = r.is_ready();
                                    let row = r.clone();
                                    view! {
                                        <tr data-line=r.line class=move || match state.get() {
                                            _ if !valid => "row-bad",
                                            JobState::Failed(_) => "row-bad",
                                            JobState::Done(_) => "row-good",
                                            _ => "",
                                        }>
                                            <td>{r.line}</td><td>{r.email.clone()}</td><td>{name}</td>
                                            <td>{r.role.clone()}</td><td>{r.teams.clone()}</td>
                                            <td class="batch-result">{dynamic(move || state.with(|s| result_text(&row, s)))}</td>
                                        </tr>
                                    }
                                }).collect_view())}
                            </tbody>
                        </table>
                    </div>
                </section>
            }))}
        </div>
    }
}
