//! Invite a person to the workspace (`POST /invitations`).

use super::load::{Load, Submit};
use super::{form_roles, role_choices, InvitersOnly};
use crate::api::models::{Invitation, InvitationResponse, Role, RoleId, TeamRef};
use crate::api::ApiError;
use crate::auth::Session;
use crate::components::{
    dynamic, gender_options, handler, ErrorBanner, FormState, Loading, RolePicker, SelectField, TextField,
};
use crate::i18n::prelude::*;
use crate::route::Route;
use crate::rules::invite::{
    failure, invitation, invited_user, validate, InviteForm, EMAIL, FIRST_NAME, GENDER, LAST_NAME, POSITION, ROLE,
    TEAMS, TITLE,
};
use crate::rules::roles::role_name;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a successful invitation showed.
#[derive(Debug, Clone, PartialEq)]
struct Invited {
    email: String,
    answer: InvitationResponse,
    role: Option<Role>,
}

fn focus(id: &str) {
    if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) {
        if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el) {
            let _ = el.focus();
        }
    }
}

fn copy_to_clipboard(text: String, copied: RwSignal<bool>) {
    let Some(window) = web_sys::window() else { return };
    let promise = window.navigator().clipboard().write_text(&text);
    spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        copied.try_set(ok);
    });
}

#[component]
pub fn Invite() -> impl IntoView {
    view! { <InvitersOnly heading=k("Invite a person")><InviteForm/></InvitersOnly> }
}

#[component]
fn InviteForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let teams = Load::new(move || {
        let client = session.require_client();
        async move { client?.teams().await }
    });

    let state = FormState::over(session.drafts().invite);
    let (form, errors) = (state.form, state.errors);
    let roles = form_roles(form, |f| &mut f.role_id);
    let banner = RwSignal::new(None::<(String, bool)>);
    let invited = RwSignal::new(None::<Invited>);
    let copied = RwSignal::new(false);
    // One request per submit: the form is what was sent, with what the screen shows afterwards.
    let send = Submit::new();
    let invite = move |body: Invitation, sent: InviteForm, role: Option<Role>, team_refs: Vec<TeamRef>| {
        let client = session.client();
        async move {
            let Some(client) = client else { return };
            match client.invite(&body).await {
                Ok(answer) => {
                    session.people().upsert(invited_user(&sent, answer.user_id.clone(), &team_refs));
                    invited.try_set(Some(Invited { email: body.email.clone(), answer, role }));
                    // Ready for the next person: same role and teams, fresh identity.
                    form.try_update(|f| {
                        *f = InviteForm {
                            role_id: f.role_id.clone(),
                            team_ids: f.team_ids.clone(),
                            skip_sending_email: f.skip_sending_email,
                            ..Default::default()
                        }
                    });
                }
                Err(ApiError::SessionEnded) => {}
                Err(e) => {
                    let f = failure(&e);
                    if let Some((field, _)) = f.fields.first() {
                        focus(field);
                    }
                    errors.try_set(f.fields);
                    banner.try_set(f.banner.map(|b| (b, f.gone)));
                }
            }
        }
    };
    let pending = send.pending();

    let error_of = move |field: &'static str| state.error_of(field);
    let text = move |get: fn(&InviteForm) -> &String| state.text(get);
    let set = move |put: fn(&mut InviteForm, String), field: &'static str| state.set(put, field);

    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let current = form.get_untracked();
        let problems = validate(&current);
        if let Some((field, _)) = problems.first() {
            focus(field);
            errors.set(problems);
            return;
        }
        let Some(me) = session.account() else {
            banner.set(Some((t("Your profile is still loading; try again in a moment.").into(), false)));
            return;
        };
        let Some(workspace_id) = me.workspace.id.clone() else {
            banner.set(Some((t("awork did not say which workspace this is, so nobody can be invited.").into(), false)));
            return;
        };
        errors.set(vec![]);
        banner.set(None);
        invited.set(None);
        copied.set(false);
        let body = invitation(&current, workspace_id);
        let role = roles
            .get_untracked()
            .and_then(|r| r.ok())
            .and_then(|list| list.into_iter().find(|r| Some(&r.id) == current.role_id.as_ref()));
        let team_refs: Vec<TeamRef> =
            teams.get_untracked().and_then(|t| t.ok()).unwrap_or_default().into_iter().map(TeamRef::from).collect();
        send.send(invite(body, current, role, team_refs));
    };

    view! {
        <div class="stack invite">
            {dynamic(move || invited.get().map(|done| {
                let code = done.answer.invitation_code.clone().unwrap_or_default();
                let code_for_copy = code.clone();
                let role_link = done.role.as_ref().map(|r| (Route::Role(r.id.clone()).href(), role_name(r)));
                view! {
                    <section class="card success" role="status" data-test="invited">
                        <h2>{tr("Invitation sent to ")}{done.email.clone()}</h2>
                        {(!code.is_empty()).then(|| view! {
                            <div class="code-row">
                                <span>{tr("Invitation code")}</span>
                                <code data-test="invitation-code">{code.clone()}</code>
                                <button type="button" class="button button-secondary"
                                    on:click=handler(move |_| copy_to_clipboard(code_for_copy.clone(), copied))>
                                    {dynamic(move || if copied.get() { t("Copied") } else { t("Copy") })}
                                </button>
                            </div>
                            <p class="hint">{tr("The code is valid for 24 hours.")}</p>
                        })}
                        <p class="hint">{tr("New user id: ")}<code data-test="invited-user-id">{done.answer.user_id.to_string()}</code></p>
                        {role_link.map(|(href, name)| view! {
                            <a href=href>{tr("See them among the members of ")}{name}</a>
                        })}
                    </section>
                }
            }))}
            <form class="card" on:submit=handler(submit) novalidate>
                <h1>{tr("Invite a person")}</h1>
                <p class="hint">{tr("awork creates the user and, unless you say otherwise, emails them an invitation.")}</p>
                {dynamic(move || banner.get().map(|(text, gone)| view! {
                    <div class="banner banner-error" role="alert">
                        <span class="banner-text">{text}</span>
                        {gone.then(|| view! { <a href=Route::Assign.href()>{tr("Invite by assigning a task instead")}</a> })}
                    </div>
                }))}
                <TextField id=EMAIL label=k("Email") input_type="email" required=true autocomplete="email"
                    value=text(|f| &f.email) on_input=set(|f, v| f.email = v, EMAIL) error=error_of(EMAIL)/>
                <div class="field-row">
                    <TextField id=FIRST_NAME label=k("First name") autocomplete="given-name"
                        value=text(|f| &f.first_name) on_input=set(|f, v| f.first_name = v, FIRST_NAME) error=error_of(FIRST_NAME)/>
                    <TextField id=LAST_NAME label=k("Last name") autocomplete="family-name"
                        value=text(|f| &f.last_name) on_input=set(|f, v| f.last_name = v, LAST_NAME) error=error_of(LAST_NAME)/>
                </div>
                <div class="field-row">
                    <TextField id=TITLE label=k("Title") hint=k("For example Dr.")
                        value=text(|f| &f.title) on_input=set(|f, v| f.title = v, TITLE) error=error_of(TITLE)/>
                    <TextField id=POSITION label=k("Position") hint=k("For example Designer")
                        value=text(|f| &f.position) on_input=set(|f, v| f.position = v, POSITION) error=error_of(POSITION)/>
                </div>
                <div class="field-row">
                    <SelectField id=GENDER label=k("Gender") options=Signal::derive(gender_options) error=error_of(GENDER)
                        value=text(|f| &f.gender) on_change=set(|f, v| f.gender = v, GENDER)/>
                    <RolePicker choices=role_choices(roles) on_retry=Callback::new(move |_| roles.refetch()) error=error_of(ROLE)
                        value=Signal::derive(move || form.with(|f| f.role_id.as_ref().map(|r| r.to_string()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| {
                            form.update(|f| f.role_id = Some(RoleId(v)));
                            state.clear(ROLE);
                        })/>
                </div>
                <fieldset class="field teams-picker" aria-describedby="teams-error">
                    <legend>{tr("Teams")}</legend>
                    {dynamic(move || match teams.get() {
                        None => view! { <Loading label=k("Loading teams…")/> }.into_any(),
                        Some(Err(e)) => view! { <ErrorBanner error=e on_retry=Callback::new(move |_| teams.refetch())/> }.into_any(),
                        Some(Ok(list)) if list.is_empty() => view! { <p class="hint">{tr("This workspace has no teams.")}</p> }.into_any(),
                        Some(Ok(list)) => list.into_iter().map(|team| {
                            let id = team.id.clone();
                            let id_check = team.id.clone();
                            let name = team.name.clone().unwrap_or_else(|| t("Unnamed team").into());
                            view! {
                                <label class="check">
                                    <input type="checkbox" prop:checked=move || form.with(|f| f.team_ids.contains(&id_check))
                                        on:change=handler(move |ev| {
                                            let on = event_target_checked(&ev);
                                            let id = id.clone();
                                            form.update(|f| {
                                                f.team_ids.retain(|t| *t != id);
                                                if on { f.team_ids.push(id); }
                                            });
                                        })/>
                                    {name}
                                </label>
                            }
                        }).collect_view().into_any(),
                    })}
                    <div id="teams-error" class="field-error" data-field=TEAMS>{dynamic(move || error_of(TEAMS).get())}</div>
                </fieldset>
                <div class="field">
                    <label class="check">
                        <input type="checkbox" id="skip-email" aria-describedby="skip-email-hint"
                            prop:checked=move || form.with(|f| f.skip_sending_email)
                            on:change=handler(move |ev| { let on = event_target_checked(&ev); form.update(|f| f.skip_sending_email = on); })/>
                        {tr("Don't send the invitation email")}
                    </label>
                    <div id="skip-email-hint" class="field-hint">{tr("awork sends no email; share the invitation code shown after inviting yourself.")}</div>
                </div>
                <button type="submit" class="button button-primary" disabled=move || pending.get()
                    aria-busy=move || pending.get().then_some("true")>
                    {dynamic(move || if pending.get() { t("Inviting…") } else { t("Invite") })}
                </button>
            </form>
        </div>
    }
}
