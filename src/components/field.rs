//! The one form field: a label, an input, a hint, and the error beside it.

use crate::api::ApiError;
use crate::components::{dynamic, handler};
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
                on:input=handler(move |ev| on_input.run(event_target_value(&ev)))
            />
            {hint.map(|h| view! { <div id=hint_id class="field-hint">{tr(h)}</div> })}
            <div id=error_id class="field-error" data-field=id>{dynamic(move || error.get())}</div>
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
                on:change=handler(move |ev| on_change.run(event_target_value(&ev)))>
                {dynamic(move || options.get().into_iter().map(|(v, text)| {
                    let selected = v.clone();
                    view! { <option value=v selected=move || value.with(|cur| *cur == selected)>{text}</option> }
                }).collect_view())}
            </select>
            <div id=error_id class="field-error" data-field=id>{dynamic(move || error.get())}</div>
        </div>
    }
}

/// A labelled `<select>` in a row of tools (filters, sort): no error line; `options` are
/// (value, label), `value` the one chosen.
#[component]
pub fn ToolSelect(
    id: &'static str,
    label: &'static str,
    #[prop(into)] options: Signal<Vec<(String, String)>>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="field field-inline">
            <label for=id>{tr(label)}</label>
            <select id=id on:change=handler(move |ev| on_change.run(event_target_value(&ev)))>
                {dynamic(move || {
                    let current = value.get();
                    options.get().into_iter().map(|(v, text)| {
                        let selected = v == current;
                        view! { <option value=v selected=selected>{text}</option> }
                    }).collect_view()
                })}
            </select>
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
    /// A form over `form` (a draft, see [`crate::drafts`]), with no errors yet.
    pub fn over(form: RwSignal<F>) -> Self {
        FormState { form, errors: RwSignal::new(Vec::new()) }
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

/// What a [`RolePicker`] offers: nothing yet (loading), the error, or (id, name) choices.
pub type RoleChoices = Option<Result<Vec<(String, String)>, ApiError>>;

/// The role picker of the invite and assign forms.
#[component]
pub fn RolePicker(
    #[prop(into)] choices: Signal<RoleChoices>,
    on_retry: Callback<()>,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    move || {
        match choices.get() {
        None => view! { <super::Loading label=k("Loading roles…")/> }.into_any(),
        Some(Err(e)) => view! { <super::ErrorBanner error=e on_retry=on_retry/> }.into_any(),
        Some(Ok(options)) => {
            view! { <SelectField id="role" label=k("Role") required=required options=options value=value on_change=on_change error=error/> }
                .into_any()
        }
    }
    }
}
