//! Invite many people at once: a CSV pasted or uploaded, checked row by row, then sent under
//! awork's rate limits with progress, cancel, retry and a results file.

use crate::api::models::{Role, Team};
use crate::api::paging::retry_delay_ms;
use crate::api::ApiError;
use crate::app::Session;
use crate::batch::{eta_secs, next_slot, progress, results_csv, rows_from_csv, BatchRow, RowState, CONCURRENCY};
use crate::components::{ErrorBanner, Loading};
use crate::i18n::prelude::*;
use crate::invite::{default_role, failure, invitation, invited_user, InvitationResponse};
use crate::route::guard_leaving;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str = k("Invitations are still being sent. Leave anyway? Rows not sent yet will not be sent.");

fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

async fn sleep_ms(ms: f64) {
    if ms > 0.0 {
        gloo_timers::future::TimeoutFuture::new(ms.ceil() as u32).await;
    }
}

fn failure_text(e: &ApiError) -> String {
    let f = failure(e);
    let mut parts: Vec<String> = f.fields.into_iter().map(|(_, m)| m).collect();
    parts.extend(f.banner);
    parts.join(" ")
}

#[component]
pub fn Batch() -> impl IntoView {
    let session = expect_context::<Session>();
    let lookups = LocalResource::new(move || {
        let client = session.client();
        async move {
            let client = client.ok_or(ApiError::SessionEnded)?;
            let roles = client.get::<Vec<Role>>("/roles", &[]).await?;
            let teams = client.get::<Vec<Team>>("/teams", &[("pageSize", "1000".into())]).await?;
            Ok::<_, ApiError>((roles, teams))
        }
    });

    let text = crate::drafts::draft("batch.csv", String::new);
    let rows = RwSignal::new(Vec::<BatchRow>::new());
    let states = RwSignal::new(Vec::<RowState>::new());
    let in_run = RwSignal::new(Vec::<bool>::new());
    let running = RwSignal::new(false);
    let cancelling = RwSignal::new(false);
    let started = RwSignal::new(0.0f64);
    let tick = RwSignal::new(0.0f64);
    // Asked to stop: workers finish the request in flight and take no new row.
    let cancel = RwSignal::new(false);
    let notice = RwSignal::new(None::<String>);

    let check = move || {
        let Some(Ok((roles, teams))) = lookups.get_untracked() else { return };
        let parsed = rows_from_csv(&text.get_untracked(), &roles, &teams, default_role(&roles).as_ref());
        states.set(parsed.iter().map(|r| if r.is_ready() { RowState::Ready } else { RowState::Invalid }).collect());
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
        cancel.set(false);
        cancelling.set(false);
        notice.set(None);
        running.set(true);
        started.set(now_ms());
        guard_leaving(Some(t(LEAVE_QUESTION)));
        in_run.update(|r| r.iter_mut().enumerate().for_each(|(i, f)| *f = which.contains(&i)));
        states.update(|s| which.iter().for_each(|&i| s[i] = RowState::Ready));
        let all_rows = rows.get_untracked();
        let queue = Rc::new(RefCell::new(which.into_iter().collect::<VecDeque<usize>>()));
        let paused_until = Rc::new(Cell::new(0.0f64));
        let last_slot = Rc::new(Cell::new(None::<f64>));
        let limited_in_row = Rc::new(Cell::new(0u32));
        let people = session.people;
        spawn_local(async move {
            let worker = || {
                let (client, queue, paused_until, last_slot, limited_in_row) =
                    (client.clone(), queue.clone(), paused_until.clone(), last_slot.clone(), limited_in_row.clone());
                let (all_rows, workspace_id) = (&all_rows, workspace_id.clone());
                async move {
                    loop {
                        if cancel.try_get_untracked().unwrap_or(true) {
                            break;
                        }
                        // A 429 pauses every worker until the time the headers named.
                        let wait = paused_until.get() - now_ms();
                        if wait > 0.0 {
                            sleep_ms(wait.min(250.0)).await;
                            continue;
                        }
                        let Some(i) = queue.borrow_mut().pop_front() else { break };
                        let slot = next_slot(now_ms(), last_slot.get());
                        last_slot.set(Some(slot));
                        sleep_ms(slot - now_ms()).await;
                        if cancel.try_get_untracked().unwrap_or(true) {
                            queue.borrow_mut().push_front(i);
                            break;
                        }
                        states.try_update(|s| s[i] = RowState::Sending);
                        let row = &all_rows[i];
                        let body = invitation(&row.form(), workspace_id.clone());
                        let outcome = match client.post::<_, InvitationResponse>("/invitations", &body).await {
                            Err(ApiError::RateLimited { retry_after_secs }) => {
                                // Without headers, back off longer the more 429s come in a row.
                                limited_in_row.set(limited_in_row.get() + 1);
                                let until = now_ms() + retry_delay_ms(limited_in_row.get(), retry_after_secs) as f64;
                                paused_until.set(paused_until.get().max(until));
                                None
                            }
                            other => {
                                limited_in_row.set(0);
                                Some(other)
                            }
                        };
                        match outcome {
                            // Back to the front of the queue: awork refused it, nothing was created.
                            None => {
                                states.try_update(|s| s[i] = RowState::Ready);
                                queue.borrow_mut().push_front(i);
                            }
                            Some(Ok(answer)) => {
                                people.upsert(invited_user(&row.form(), answer.user_id.clone(), &[]));
                                let code = answer.invitation_code.unwrap_or_default();
                                states.try_update(|s| s[i] = RowState::Invited { code });
                            }
                            Some(Err(ApiError::SessionEnded)) => {
                                cancel.try_set(true);
                                states.try_update(|s| {
                                    s[i] = RowState::Failed { message: ApiError::SessionEnded.message() }
                                });
                            }
                            Some(Err(e)) => {
                                states.try_update(|s| s[i] = RowState::Failed { message: failure_text(&e) });
                            }
                        }
                    }
                }
            };
            futures_util::future::join_all((0..CONCURRENCY).map(|_| worker())).await;
            let left: Vec<usize> = queue.borrow_mut().drain(..).collect();
            states.try_update(|s| left.into_iter().for_each(|i| s[i] = RowState::Cancelled));
            running.try_set(false);
            cancelling.try_set(false);
            guard_leaving(None);
        });
    };
    on_cleanup(|| guard_leaving(None));

    // The estimate refreshes every half second while sending.
    let ticker_running = running;
    Effect::new(move |_| {
        if ticker_running.get() {
            spawn_local(async move {
                while ticker_running.try_get_untracked() == Some(true) {
                    tick.try_set(now_ms());
                    sleep_ms(500.0).await;
                }
            });
        }
    });

    let counts = move || states.with(|s| in_run.with(|r| progress(s, r)));
    let ready = move || states.with(|s| s.iter().filter(|x| **x == RowState::Ready).count());
    let invalid = move || states.with(|s| s.iter().filter(|x| **x == RowState::Invalid).count());
    let retryable = move || states.with(|s| (0..s.len()).filter(|&i| s[i].retryable()).collect::<Vec<_>>());

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
                                        on:click=move |_| {
                                            let which = states.with_untracked(|s| (0..s.len()).filter(|&i| s[i] == RowState::Ready).collect());
                                            send(which);
                                        }>
                                        {move || tf("Send {n} invitations", &[("n", &n)])}
                                    </button>
                                }
                            }
                        }
                        <Show when=move || running.get()>
                            <button type="button" class="button button-secondary" disabled=move || cancelling.get()
                                on:click=move |_| { cancel.set(true); cancelling.set(true); }>
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
                            disabled=move || running.get()
                            on:click=move |_| {
                                let csv = rows.with(|r| states.with(|s| results_csv(r, s)));
                                let _ = crate::download::csv("invitation-results.csv", &csv);
                            }>{tr("Download results (CSV)")}</button>
                    </div>
                    {move || {
                        let p = counts();
                        (p.to_send > 0).then(|| {
                            tick.track();
                            let elapsed = (now_ms() - started.get_untracked()) / 1000.0;
                            let left = p.to_send - p.sent;
                            let eta = if running.get() && left > 0 {
                                tf(" · about {s} s left", &[("s", &eta_secs(p.sent, left, elapsed))])
                            } else {
                                String::new()
                            };
                            view! {
                                <div class="batch-progress">
                                    <progress max=p.to_send value=p.sent aria-label=tr("Invitations sent")></progress>
                                    <span data-test="batch-progress">
                                        {tf(
                                            "{sent} of {total} sent · {invited} invited · {failed} failed",
                                            &[("sent", &p.sent), ("total", &p.to_send), ("invited", &p.invited), ("failed", &p.failed)],
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
                                    let problems = r.problems.join(" ");
                                    let name = format!("{} {}", r.first_name, r.last_name).trim().to_string();
                                    let state = move || states.with(|s| s.get(i).cloned().unwrap_or(RowState::Invalid));
                                    view! {
                                        <tr data-line=r.line class=move || match state() {
                                            RowState::Invalid | RowState::Failed { .. } => "row-bad",
                                            RowState::Invited { .. } => "row-good",
                                            _ => "",
                                        }>
                                            <td>{r.line}</td><td>{r.email.clone()}</td><td>{name}</td>
                                            <td>{r.role.clone()}</td><td>{r.teams.clone()}</td>
                                            <td class="batch-result">
                                                {move || match state() {
                                                    RowState::Invalid => problems.clone(),
                                                    RowState::Invited { code } => tf("Invited · {code}", &[("code", &code)]),
                                                    other => other.label(),
                                                }}
                                            </td>
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
