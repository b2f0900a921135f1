//! Assign a person to a task by email (`POST /tasks/assignuserbyemail`), with a task picker.

use super::load::Submit;
use super::{form_roles, role_choices};
use crate::api::models::{AssignByEmail, RoleId, Task};
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{
    dynamic, gender_options, handler, ErrorBanner, FormState, Loading, RolePicker, SelectField, TextField,
};
use crate::i18n::prelude::*;
use crate::rules::assign::{
    body, name_filter, task_context, task_for_submit, task_query, task_title, validate, AssignForm, TaskQuery, EMAIL,
    FIELDS, FIRST_NAME, GENDER, LAST_NAME, ROLE, TASK,
};
use leptos::ev::{KeyboardEvent, SubmitEvent};
use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Wait after the last keystroke before searching.
const DEBOUNCE_MS: u32 = 250;
/// Tasks offered for words from a name.
const SUGGESTIONS: usize = 10;

#[derive(Debug, Clone, PartialEq)]
enum Search {
    Idle,
    Searching,
    Found(Vec<Task>),
    Nothing(String),
    Failed(ApiError),
}

#[component]
pub fn Assign() -> impl IntoView {
    let session = expect_context::<Session>();

    let task_text = session.drafts().assign_task_text;
    let chosen = session.drafts().assign_task;
    let search = RwSignal::new(Search::Idle);
    let highlight = RwSignal::new(0usize);
    let seq = StoredValue::new(0u64);
    let task_input = NodeRef::<Input>::new();

    let state = FormState::over(session.drafts().assign);
    let (form, errors) = (state.form, state.errors);
    let roles = form_roles(form, |f| &mut f.role_id);
    let banner = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<(String, Task)>);
    // One request per submit.
    let send = Submit::new();
    let assign = move |payload: AssignByEmail, task: Task| {
        let client = session.client();
        async move {
            let Some(client) = client else { return };
            match client.assign_by_email(&payload).await {
                Ok(()) => {
                    done.try_set(Some((payload.email.clone(), task)));
                    form.try_update(|f| *f = AssignForm { role_id: f.role_id.clone(), ..Default::default() });
                }
                Err(ApiError::SessionEnded) => {}
                Err(ApiError::NotFound { .. }) => {
                    errors.try_set(vec![(TASK, t("awork could not find this task any more; choose it again.").into())]);
                }
                Err(e) => {
                    let (fields, text) = crate::rules::forms::place_errors(&e, FIELDS);
                    errors.try_set(fields);
                    banner.try_set(text);
                }
            }
        }
    };
    let pending = send.pending();

    // Each keystroke starts a search after a pause; only the newest search may show its answer.
    let run_search = move |text: String| {
        seq.update_value(|n| *n += 1);
        let mine = seq.get_value();
        let query = task_query(&text);
        if query == TaskQuery::Empty {
            search.set(Search::Idle);
            return;
        }
        let Some(client) = session.client() else { return };
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(DEBOUNCE_MS).await;
            if seq.try_get_value() != Some(mine) {
                return;
            }
            search.try_set(Search::Searching);
            let result = match &query {
                TaskQuery::Key(key) => client.task_by_key(key).await.map(|t| vec![t]),
                TaskQuery::Id(id) => client.task(id).await.map(|t| vec![t]),
                TaskQuery::Words(words) => client.available_tasks(name_filter(words), SUGGESTIONS).await,
                TaskQuery::Empty => Ok(vec![]),
            };
            if seq.try_get_value() != Some(mine) {
                return;
            }
            highlight.try_set(0);
            search.try_set(match result {
                Ok(tasks) if tasks.is_empty() => {
                    Search::Nothing(tf("No task you can see matches “{text}”.", &[("text", &text.trim())]))
                }
                Ok(tasks) => Search::Found(tasks),
                Err(ApiError::NotFound { .. }) => Search::Nothing(match query {
                    TaskQuery::Key(key) => tf("No task has the key {key}.", &[("key", &key.as_str())]),
                    _ => t("No task has this id.").into(),
                }),
                Err(e) => Search::Failed(e),
            });
        });
    };
    let choose = move |task: Task| {
        chosen.set(Some(task));
        search.set(Search::Idle);
        state.clear(TASK);
    };
    let options = move || match search.get() {
        Search::Found(t) => t,
        _ => vec![],
    };
    let on_task_key = move |ev: KeyboardEvent| {
        let list = options();
        match ev.key().as_str() {
            "ArrowDown" if !list.is_empty() => {
                ev.prevent_default();
                highlight.update(|h| *h = (*h + 1).min(list.len() - 1));
            }
            "ArrowUp" if !list.is_empty() => {
                ev.prevent_default();
                highlight.update(|h| *h = h.saturating_sub(1));
            }
            "Enter" if !list.is_empty() => {
                // Enter picks the highlighted task rather than submitting the form.
                ev.prevent_default();
                if let Some(t) = list.get(highlight.get_untracked()).cloned() {
                    choose(t);
                }
            }
            "Escape" => search.set(Search::Idle),
            _ => {}
        }
    };

    let error_of = move |field: &'static str| state.error_of(field);
    let text = move |get: fn(&AssignForm) -> &String| state.text(get);
    let set = move |put: fn(&mut AssignForm, String), field: &'static str| state.set(put, field);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let found = search.with_untracked(|s| match s {
            Search::Found(tasks) => tasks.clone(),
            _ => vec![],
        });
        let task = task_for_submit(chosen.get_untracked().as_ref(), &task_query(&task_text.get_untracked()), &found);
        let current = form.get_untracked();
        let problems = validate(task.as_ref(), &current);
        let (Some(task), Some(payload), true) =
            (task.clone(), task.as_ref().and_then(|t| body(t, &current)), problems.is_empty())
        else {
            errors.set(problems);
            return;
        };
        errors.set(vec![]);
        banner.set(None);
        done.set(None);
        send.send(assign(payload, task));
    };

    view! {
        <div class="stack invite">
            {dynamic(move || done.get().map(|(email, task)| view! {
                <section class="card success" role="status" data-test="assigned">
                    <h2>{tf("{email} is assigned to “{task}”", &[("email", &email), ("task", &task_title(&task))])}</h2>
                    <p class="hint">{tr("awork invites the person to the workspace if they are not in it yet.")}</p>
                </section>
            }))}
            <form class="card" on:submit=handler(submit) novalidate>
                <h1>{tr("Assign by email")}</h1>
                <p class="hint">{tr("Invite a person and assign them to a task in one step.")}</p>
                {dynamic(move || banner.get().map(|b| view! { <div class="banner banner-error" role="alert">{b}</div> }))}
                <div class="field task-picker">
                    <label for=TASK>{tr("Task")}<span class="required" aria-hidden="true">" *"</span></label>
                    {dynamic(move || match chosen.get() {
                        Some(task) => view! {
                            <div class="chosen-task" data-test="chosen-task">
                                <span class="chosen-text">
                                    <strong>{task_title(&task)}</strong>
                                    <span class="hint">{task_context(&task)}</span>
                                </span>
                                <button type="button" class="button button-secondary" on:click=handler(move |_| {
                                    chosen.set(None);
                                    if let Some(el) = task_input.get_untracked() { let _ = el.focus(); }
                                })>{tr("Change task")}</button>
                            </div>
                        }.into_any(),
                        None => ().into_any(),
                    })}
                    <input id=TASK type="text" role="combobox" autocomplete="off" node_ref=task_input
                        class:hidden=move || chosen.with(Option::is_some)
                        placeholder=tr("Task key (ACME-12), words from its name, or its id")
                        aria-autocomplete="list" aria-controls="task-options"
                        aria-expanded=move || if options().is_empty() { "false" } else { "true" }
                        aria-activedescendant=move || (!options().is_empty()).then(|| format!("task-option-{}", highlight.get()))
                        aria-invalid=move || error_of(TASK).with(Option::is_some).then_some("true")
                        aria-describedby="task-error"
                        prop:value=move || task_text.get()
                        on:input=handler(move |ev| { let v = event_target_value(&ev); task_text.set(v.clone()); run_search(v); })
                        on:keydown=handler(on_task_key)/>
                    {dynamic(move || match search.get() {
                        Search::Searching => view! { <Loading label=k("Looking for tasks…")/> }.into_any(),
                        Search::Nothing(msg) => view! { <p class="hint" role="status">{msg}</p> }.into_any(),
                        Search::Failed(e) => view! { <ErrorBanner error=e on_retry=Callback::new(move |_| run_search(task_text.get_untracked()))/> }.into_any(),
                        Search::Found(tasks) => view! {
                            <ul id="task-options" role="listbox" class="task-options" aria-label=tr("Matching tasks")>
                                {tasks.into_iter().enumerate().map(|(i, t)| {
                                    let pick = t.clone();
                                    view! {
                                        <li id=format!("task-option-{i}") role="option" class="task-option"
                                            class:active=move || highlight.get() == i
                                            aria-selected=move || if highlight.get() == i { "true" } else { "false" }
                                            on:mousedown=handler(move |ev: web_sys::MouseEvent| ev.prevent_default())
                                            on:click=handler(move |_| choose(pick.clone()))>
                                            <strong>{task_title(&t)}</strong>
                                            <span class="hint">{task_context(&t)}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Search::Idle => ().into_any(),
                    })}
                    <div id="task-error" class="field-error" data-field=TASK>{dynamic(move || error_of(TASK).get())}</div>
                </div>
                <TextField id=EMAIL label=k("Email") input_type="email" required=true autocomplete="email"
                    value=text(|f| &f.email) on_input=set(|f, v| f.email = v, EMAIL) error=error_of(EMAIL)/>
                <RolePicker choices=role_choices(roles) on_retry=Callback::new(move |_| roles.refetch()) required=true error=error_of(ROLE)
                    value=Signal::derive(move || form.with(|f| f.role_id.as_ref().map(|r| r.to_string()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| {
                        form.update(|f| f.role_id = Some(RoleId(v)));
                        state.clear(ROLE);
                    })/>
                <div class="field-row">
                    <TextField id=FIRST_NAME label=k("First name") autocomplete="given-name"
                        value=text(|f| &f.first_name) on_input=set(|f, v| f.first_name = v, FIRST_NAME) error=error_of(FIRST_NAME)/>
                    <TextField id=LAST_NAME label=k("Last name") autocomplete="family-name"
                        value=text(|f| &f.last_name) on_input=set(|f, v| f.last_name = v, LAST_NAME) error=error_of(LAST_NAME)/>
                </div>
                <SelectField id=GENDER label=k("Gender") options=Signal::derive(gender_options) error=error_of(GENDER)
                    value=text(|f| &f.gender) on_change=set(|f, v| f.gender = v, GENDER)/>
                <button type="submit" class="button button-primary" disabled=move || pending.get()
                    aria-busy=move || pending.get().then_some("true")>
                    {dynamic(move || if pending.get() { t("Assigning…") } else { t("Assign") })}
                </button>
            </form>
        </div>
    }
}
