//! The one form field: a label, an input, a hint, and the error beside it.

use crate::i18n::prelude::*;
use leptos::prelude::*;

#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field">
            <label for=id>{tr(label)}{required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            <input
                id=id
                name=id
                type=input_type.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            {hint.map(|h| view! { <div id=hint_id class="field-hint">{tr(h)}</div> })}
            <div id=error_id class="field-error" data-field=id>{move || error.get()}</div>
        </div>
    }
}

/// A labelled `<select>` with its error; `options` are (value, label).
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{tr(label)}{required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}</label>
            <select id=id name=id aria-describedby=error_id.clone()
                aria-required=required.then_some("true")
                aria-invalid=move || error.with(Option::is_some).then_some("true")
                on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || options.get().into_iter().map(|(v, text)| {
                    let selected = v.clone();
                    view! { <option value=v selected=move || value.with(|cur| *cur == selected)>{text}</option> }
                }).collect_view()}
            </select>
            <div id=error_id class="field-error" data-field=id>{move || error.get()}</div>
        </div>
    }
}

/// awork's genders, with "not set" first (in the language on: call it inside a view).
pub fn gender_options() -> Vec<(String, String)> {
    [("", k("Not set")), ("female", k("Female")), ("male", k("Male")), ("other", k("Other"))]
        .into_iter()
        .map(|(v, l)| (v.to_string(), t(l).to_string()))
        .collect()
}

/// A form's values and its per-field errors, with the bindings a [`TextField`] or
/// [`SelectField`] needs. `F` is the page's form struct.
pub struct FormState<F: Send + Sync + 'static> {
    pub form: RwSignal<F>,
    pub errors: RwSignal<Vec<(&'static str, String)>>,
}

impl<F: Send + Sync + 'static> Clone for FormState<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static> Copy for FormState<F> {}

impl<F: Send + Sync + 'static> FormState<F> {
    pub fn new(initial: F) -> Self {
        FormState { form: RwSignal::new(initial), errors: RwSignal::new(Vec::new()) }
    }

    /// A form whose values are kept as a draft under `key` (see [`crate::drafts`]).
    pub fn draft(key: &'static str, initial: impl FnOnce() -> F) -> Self {
        FormState { form: crate::drafts::draft(key, initial), errors: RwSignal::new(Vec::new()) }
    }

    /// The error shown beside `field`.
    pub fn error_of(self, field: &'static str) -> Signal<Option<String>> {
        Signal::derive(move || self.errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone())))
    }

    /// A text value of the form.
    pub fn text(self, get: fn(&F) -> &String) -> Signal<String> {
        Signal::derive(move || self.form.with(|f| get(f).clone()))
    }

    /// Writes a value and clears that field's error.
    pub fn set(self, put: fn(&mut F, String), field: &'static str) -> Callback<String> {
        Callback::new(move |v: String| {
            self.form.update(|f| put(f, v));
            self.clear(field);
        })
    }

    pub fn clear(self, field: &'static str) {
        self.errors.update(|e| e.retain(|(f, _)| *f != field));
    }
}

/// The workspace's roles for a [`RolePicker`]; once they are known, a form without a role gets
/// the default one (a plain member role, see `invite::default_role`).
pub fn use_roles<F: Send + Sync + 'static>(
    form: RwSignal<F>,
    role: fn(&mut F) -> &mut Option<crate::api::models::RoleId>,
) -> LocalResource<Result<Vec<crate::api::models::Role>, crate::api::ApiError>> {
    let session = expect_context::<crate::app::Session>();
    let roles = LocalResource::new(move || {
        let client = session.client();
        async move {
            client.ok_or(crate::api::ApiError::SessionEnded)?.get::<Vec<crate::api::models::Role>>("/roles", &[]).await
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(list)) = roles.get() {
            let mut unset = false;
            form.update_untracked(|f| unset = role(f).is_none());
            if unset {
                form.update(|f| *role(f) = crate::invite::default_role(&list));
            }
        }
    });
    roles
}

/// The role picker of the invite and assign forms: the workspace's active roles.
#[component]
pub fn RolePicker(
    roles: LocalResource<Result<Vec<crate::api::models::Role>, crate::api::ApiError>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    move || match roles.get() {
        None => view! { <super::Loading label=k("Loading roles…")/> }.into_any(),
        Some(Err(e)) => {
            view! { <super::ErrorBanner error=e on_retry=Callback::new(move |_| roles.refetch())/> }.into_any()
        }
        Some(Ok(list)) => {
            let options: Vec<(String, String)> = list
                .iter()
                .filter(|r| !r.is_archived)
                .map(|r| (r.id.to_string(), crate::pages::roles::role_name(r)))
                .collect();
            view! { <SelectField id="role" label=k("Role") required=required options=options value=value on_change=on_change error=error/> }
                .into_any()
        }
    }
}
