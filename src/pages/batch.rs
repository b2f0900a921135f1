//! Invite many people at once: a CSV pasted or uploaded, checked row by row, then sent under
//! awork's rate limits with progress, cancel, retry and a results file.

use super::ONLY_ADMINS;
use crate::api::models::InvitationResponse;
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{ErrorBanner, Loading, NotAllowed};
use crate::i18n::prelude::*;
use crate::jobs::{self, eta_secs, progress, to_retry, JobState, Run};
use crate::route::guard_leaving;
use crate::rules::batch::{ready_rows, result_text, results_csv, rows_from_csv, BatchRow, RowState};
use crate::rules::invite::{default_role, invitation, invited_user};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str = k("Invitations are still being sent. Leave anyway? Rows not sent yet will not be sent.");

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Only admins may invite (awork's rule): others learn why instead of a form that fails.
#[component]
pub fn Batch() -> impl IntoView {
    let session = expect_context::<Session>();
    move || match session.can_invite() {
        Some(false) => view! { <NotAllowed heading=k("Invite many at once") reason=ONLY_ADMINS/> }.into_any(),
        _ => view! { <BatchForm/> }.into_any(),
    }
}

#[component]
fn BatchForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let lookups = LocalResource::new(move || {
        let client = session.require_client();
        async move {
            let client = client?;
            let roles = client.roles(false).await?;
            let teams = client.teams().await?;
            Ok::<_, ApiError>((roles, teams))
        }
    });

    let text = session.drafts.batch_csv;
    let rows = RwSignal::new(Vec::<BatchRow>::new());
    // Every row's state, for the counts and buttons; and the same per row, for the table, so that a
    // change to one row of thousands re-renders that row only.
    let states = RwSignal::new(Vec::<RowState>::new());
    let cells = StoredValue::new(Vec::<RwSignal<RowState>>::new());
    let set_state = move |i: usize, state: RowState| {
        cells.try_with_value(|c| c.get(i).map(|cell| cell.try_set(state.clone())));
        states.try_update(|s| s[i] = state);
    };
    let in_run = RwSignal::new(Vec::<bool>::new());
    let run = StoredValue::new_local(None::<Run>);
    let running = RwSignal::new(false);
    let cancelling = RwSignal::new(false);
    let started = RwSignal::new(0.0f64);
    let tick = RwSignal::new(0.0f64);
    let notice = RwSignal::new(None::<String>);

    let check = move || {
        let Some(Ok((roles, teams))) = lookups.get_untracked() else { return };
        let parsed = rows_from_csv(&text.get_untracked(), &roles, &teams, default_role(&roles).as_ref());
        states.set(vec![JobState::Ready; parsed.len()]);
        cells.set_value(parsed.iter().map(|_| RwSignal::new(JobState::Ready)).collect());
        in_run.set(vec![false; parsed.len()]);
        notice.set(parsed.is_empty().then(|| t("The file has no rows to invite.").to_string()));
        rows.set(parsed);
    };

    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
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
        if running.get_untracked() || which.is_empty() {
            return;
        }
        let (Some(client), Some(me)) = (session.client(), session.me()) else {
            notice.set(Some(t("Your profile is still loading; try again in a moment.").into()));
            return;
        };
        let Some(workspace_id) = me.workspace.id.clone() else {
            notice.set(Some(t("awork did not say which workspace this is, so nobody can be invited.").into()));
            return;
        };
        cancelling.set(false);
        notice.set(None);
        running.set(true);
        started.set(now_ms());
        guard_leaving(Some(t(LEAVE_QUESTION)));
        in_run.update(|r| {
            r.iter_mut().for_each(|f| *f = false);
            which.iter().for_each(|&i| r[i] = true);
        });
        states.update(|s| which.iter().for_each(|&i| s[i] = JobState::Ready));
        cells.with_value(|c| which.iter().for_each(|&i| c[i].set(JobState::Ready)));
        let forms: Vec<_> = rows.with_untracked(|r| r.iter().map(BatchRow::form).collect());
        let bodies: Vec<_> = forms.iter().map(|f| invitation(f, workspace_id.clone())).collect();
        let people = session.people;
        let job = move |client: crate::api::Client, i: usize| {
            let body = bodies[i].clone();
            Box::pin(async move { client.invite(&body).await }) as futures_util::future::LocalBoxFuture<'static, _>
        };
        let report = move |i: usize, state: JobState<InvitationResponse>| {
            let state = state.map(|answer| {
                people.upsert(invited_user(&forms[i], answer.user_id.clone(), &[]));
                answer.invitation_code.unwrap_or_default()
            });
            // The screen may be gone (the session ended mid-run).
            set_state(i, state);
        };
        let finished = move || {
            running.try_set(false);
            cancelling.try_set(false);
            guard_leaving(None);
        };
        run.set_value(Some(jobs::start(client, which, job, report, finished)));
    };
    on_cleanup(|| guard_leaving(None));
    let cancel = move || {
        cancelling.set(true);
        run.with_value(|r| r.as_ref().map(Run::cancel));
    };

    // The estimate refreshes every half second while sending.
    let ticker_running = running;
    Effect::new(move |_| {
        if ticker_running.get() {
            spawn_local(async move {
                while ticker_running.try_get_untracked() == Some(true) {
                    tick.try_set(now_ms());
                    gloo_timers::future::TimeoutFuture::new(500).await;
                }
            });
        }
    });

    let counts = move || states.with(|s| in_run.with(|r| progress(s, r)));
    let ready = move || rows.with(|r| states.with(|s| ready_rows(r, s).len()));
    let invalid = move || rows.with(|r| r.iter().filter(|row| !row.is_ready()).count());
    let retryable = move || states.with(|s| to_retry(s));

    view! {
        <div class="stack">
            <section class="card">
                <h1>{tr("Invite many at once")}</h1>
                <p class="hint">
                    {tr("One person per line: ")}<code>"email,firstName,lastName,role,teams"</code>
                    {tr(". Role and teams by name; several teams separated by ; — an empty role means the default member role.")}
                </p>
                {move || match lookups.get() {
                    None => view! { <Loading label=k("Loading roles and teams…")/> }.into_any(),
                    Some(Err(e)) => view! { <ErrorBanner error=e on_retry=Callback::new(move |_| lookups.refetch())/> }.into_any(),
                    Some(Ok(_)) => ().into_any(),
                }}
                <div class="field">
                    <label for="batch-csv">{tr("Paste CSV")}</label>
                    <textarea id="batch-csv" rows="8" spellcheck="false" prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev)) disabled=move || running.get()></textarea>
                </div>
                <div class="member-tools">
                    <div class="field field-inline">
                        <label for="batch-file">{tr("Or upload a CSV file")}</label>
                        <input id="batch-file" type="file" accept=".csv,text/csv,text/plain" on:change=on_file disabled=move || running.get()/>
                    </div>
                    <button type="button" class="button button-secondary" on:click=move |_| check()
                        disabled=move || running.get() || !matches!(lookups.get(), Some(Ok(_)))>{tr("Check rows")}</button>
                </div>
                {move || notice.get().map(|n| view! { <div class="banner banner-info" role="status">{n}</div> })}
            </section>

            <Show when=move || rows.with(|r| !r.is_empty())>
                <section class="card" aria-labelledby="batch-rows-h">
                    <div class="card-head">
                        <h2 id="batch-rows-h">{tr("Rows")}</h2>
                        <span class="hint" data-test="batch-summary">
                            {move || tf("{ready} ready, {bad} with problems", &[("ready", &ready()), ("bad", &invalid())])}
                        </span>
                    </div>
                    <div class="member-tools">
                        {
                            move || {
                                let n = ready();
                                view! {
                                    <button type="button" class="button button-primary" disabled=move || running.get() || n == 0
                                        on:click=move |_| send(rows.with_untracked(|r| states.with_untracked(|s| ready_rows(r, s))))>
                                        {move || tf("Send {n} invitations", &[("n", &n)])}
                                    </button>
                                }
                            }
                        }
                        <Show when=move || running.get()>
                            <button type="button" class="button button-secondary" disabled=move || cancelling.get()
                                on:click=move |_| cancel()>
                                {move || if cancelling.get() { t("Cancelling…") } else { t("Cancel") }}
                            </button>
                        </Show>
                        {
                            move || {
                                let again = retryable();
                                (!again.is_empty() && !running.get()).then(|| {
                                    let n = again.len();
                                    view! {
                                        <button type="button" class="button button-secondary" on:click=move |_| send(again.clone())>
                                            {move || tf("Retry {n} failed or cancelled", &[("n", &n)])}
                                        </button>
                                    }
                                })
                            }
                        }
                        <button type="button" class="button button-secondary"
                            disabled=move || running.get() aria-describedby="results-note"
                            on:click=move |_| {
                                let csv = rows.with(|r| states.with(|s| results_csv(r, s)));
                                let _ = crate::download::csv("invitation-results.csv", &csv);
                            }>{tr("Download results (CSV)")}</button>
                    </div>
                    <p id="results-note" class="hint" data-test="results-note">
                        {tr("The results file holds the invitation codes: for 24 hours, anyone with a code can join the workspace. Keep it to yourself.")}
                    </p>
                    {move || {
                        let p = counts();
                        (p.to_send > 0).then(|| {
                            tick.track();
                            let elapsed = (now_ms() - started.get_untracked()) / 1000.0;
                            let left = p.to_send - p.sent;
                            let planned = run.with_value(|r| r.as_ref().map_or(0.0, Run::planned_secs));
                            let eta = if running.get() && left > 0 {
                                tf(" · about {s} s left", &[("s", &eta_secs(planned, p.sent, left, elapsed))])
                            } else {
                                String::new()
                            };
                            view! {
                                <div class="batch-progress">
                                    <progress max=p.to_send value=p.sent aria-label=tr("Invitations sent")></progress>
                                    <span data-test="batch-progress">
                                        {tf(
                                            "{sent} of {total} sent · {invited} invited · {failed} failed",
                                            &[("sent", &p.sent), ("total", &p.to_send), ("invited", &p.done), ("failed", &p.failed)],
                                        ) + &eta}
                                    </span>
                                </div>
                            }
                        })
                    }}
                    <div class="table-wrap">
                        <table class="batch-table">
                            <thead><tr><th>{tr("Line")}</th><th>{tr("Email")}</th><th>{tr("Name")}</th><th>{tr("Role")}</th><th>{tr("Teams")}</th><th>{tr("Result")}</th></tr></thead>
                            <tbody>
                                {move || rows.get().into_iter().enumerate().map(|(i, r)| {
                                    let name = format!("{} {}", r.first_name, r.last_name).trim().to_string();
                                    let state = cells.with_value(|c| c.get(i).copied()).unwrap_or_else(|| RwSignal::new(JobState::Ready));
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
                                            <td class="batch-result">{move || state.with(|s| result_text(&row, s))}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                </section>
            </Show>
        </div>
    }
}
