//! Assigning a person to a task by email (`POST /tasks/assignuserbyemail`): reading what the admin
//! types into the task picker, the form's rules and the body awork gets.

use super::invite::{is_email, optional};
use crate::api::models::{AssignByEmail, RoleId, Task, TaskId, TaskKey};
use crate::i18n::prelude::*;

pub const TASK: &str = "task";
pub const EMAIL: &str = "email";
pub const ROLE: &str = "role";
pub const FIRST_NAME: &str = "firstName";
pub const LAST_NAME: &str = "lastName";
pub const GENDER: &str = "gender";
pub const FIELDS: &[&str] = &[TASK, EMAIL, ROLE, FIRST_NAME, LAST_NAME, GENDER];

/// A task as the picker shows it: its name, or "Untitled task".
pub fn task_title(task: &Task) -> String {
    task.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| t("Untitled task").into())
}

/// "ACME-12 · Acme Website Relaunch".
pub fn task_context(task: &Task) -> String {
    let project = task.project.as_ref().and_then(|p| p.name.clone());
    [task.task_identifier.clone(), project].into_iter().flatten().collect::<Vec<_>>().join(" · ")
}

/// What the text in the task picker asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskQuery {
    Empty,
    /// `GET /tasks/key/{key}`.
    Key(TaskKey),
    /// `GET /tasks/{id}`.
    Id(TaskId),
    /// `GET /me/allavailabletasks` filtered by name.
    Words(String),
}

fn is_uuid(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() == 5
        && parts.iter().zip([8, 4, 4, 4, 12]).all(|(p, n)| p.len() == n && p.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_task_key(s: &str) -> bool {
    let Some((prefix, number)) = s.rsplit_once('-') else { return false };
    prefix.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && prefix.chars().all(|c| c.is_ascii_alphanumeric())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
}

pub fn task_query(text: &str) -> TaskQuery {
    let t = text.trim();
    if is_uuid(t) {
        TaskQuery::Id(TaskId(t.to_ascii_lowercase()))
    } else if is_task_key(t) {
        TaskQuery::Key(TaskKey(t.to_ascii_uppercase()))
    } else if t.chars().count() >= 2 {
        TaskQuery::Words(t.to_string())
    } else {
        TaskQuery::Empty
    }
}

/// The task a submit uses: the one chosen from the list, or else the one task that an exact key or
/// id (what the picker holds now) found; words always need a pick from the list.
pub fn task_for_submit(chosen: Option<&Task>, query: &TaskQuery, found: &[Task]) -> Option<Task> {
    if let Some(task) = chosen {
        return Some(task.clone());
    }
    let [task] = found else { return None };
    let exact = match query {
        TaskQuery::Key(key) => task.task_identifier.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(key.as_str())),
        TaskQuery::Id(id) => task.id.as_str().eq_ignore_ascii_case(id.as_str()),
        TaskQuery::Words(_) | TaskQuery::Empty => false,
    };
    exact.then(|| task.clone())
}

/// awork's `filterby` for tasks whose name contains the words, case-insensitively. Quotes are
/// doubled, as awork's filter language wants.
pub fn name_filter(words: &str) -> String {
    let needle = crate::format::lowercase(words.trim()).replace('\'', "''");
    format!("substringof('{needle}',tolower(name))")
}

/// What the admin typed besides the task.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AssignForm {
    pub email: String,
    pub role_id: Option<RoleId>,
    pub first_name: String,
    pub last_name: String,
    pub gender: String,
}

pub fn validate(task: Option<&Task>, form: &AssignForm) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    if task.is_none() {
        out.push((
            TASK,
            t("Choose the task: type its key or id, or words from its name and pick it from the list.").to_string(),
        ));
    }
    let email = form.email.trim();
    if email.is_empty() {
        out.push((EMAIL, t("Enter the email address of the person.").to_string()));
    } else if !is_email(email) {
        out.push((EMAIL, t("This is not a valid email address (name@example.com).").to_string()));
    }
    if form.role_id.is_none() {
        out.push((ROLE, t("Choose the role the person gets.").to_string()));
    }
    out
}

/// The body for a valid form (`None` if it is not).
pub fn body(task: &Task, form: &AssignForm) -> Option<AssignByEmail> {
    Some(AssignByEmail {
        task_id: task.id.clone(),
        email: form.email.trim().to_string(),
        role_id: form.role_id.clone()?,
        first_name: optional(&form.first_name),
        last_name: optional(&form.last_name),
        gender: optional(&form.gender),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picker_reads_keys_ids_and_words() {
        assert_eq!(task_query(" acme-12 "), TaskQuery::Key(TaskKey("ACME-12".into())));
        assert_eq!(task_query("WEB2-7"), TaskQuery::Key(TaskKey("WEB2-7".into())));
        assert_eq!(
            task_query("000000E5-0000-4000-8000-00000000000C"),
            TaskQuery::Id(TaskId("000000e5-0000-4000-8000-00000000000c".into()))
        );
        assert_eq!(task_query("design logo"), TaskQuery::Words("design logo".into()));
        assert_eq!(task_query("ACME-"), TaskQuery::Words("ACME-".into()));
        assert_eq!(task_query("-12"), TaskQuery::Words("-12".into()));
        assert_eq!(task_query("a"), TaskQuery::Empty);
        assert_eq!(task_query("  "), TaskQuery::Empty);
    }

    #[test]
    fn an_exact_key_or_id_is_the_task_without_a_pick() {
        let task = Task { id: TaskId("t-1".into()), task_identifier: Some("ACME-12".into()), ..Default::default() };
        let found = [task.clone()];
        assert_eq!(task_for_submit(None, &task_query("acme-12"), &found), Some(task.clone()));
        assert_eq!(task_for_submit(None, &TaskQuery::Id(TaskId("T-1".into())), &found), Some(task.clone()));
        assert_eq!(task_for_submit(None, &task_query("ACME-1"), &found), None, "an answer to an earlier key");
        assert_eq!(task_for_submit(None, &task_query("design logo"), &found), None, "words need a pick");
        let other = Task { id: TaskId("t-2".into()), ..Default::default() };
        assert_eq!(task_for_submit(Some(&other), &task_query("acme-12"), &found), Some(other), "a pick wins");
        assert_eq!(task_for_submit(None, &task_query("acme-12"), &[task.clone(), task]), None);
    }

    #[test]
    fn name_filters_escape_quotes() {
        assert_eq!(name_filter("Logo"), "substringof('logo',tolower(name))");
        assert_eq!(name_filter("client's"), "substringof('client''s',tolower(name))");
    }

    #[test]
    fn the_form_needs_a_task_an_email_and_a_role() {
        let fields = |v: Vec<(&'static str, String)>| v.into_iter().map(|(f, _)| f).collect::<Vec<_>>();
        assert_eq!(fields(validate(None, &AssignForm::default())), [TASK, EMAIL, ROLE]);
        let task = Task { id: TaskId("t".into()), ..Default::default() };
        let form = AssignForm { email: "x@y.co".into(), role_id: Some(RoleId("r".into())), ..Default::default() };
        assert!(validate(Some(&task), &form).is_empty());
        assert_eq!(
            serde_json::to_value(body(&task, &form).unwrap()).unwrap(),
            serde_json::json!({"taskId": "t", "email": "x@y.co", "roleId": "r"})
        );
    }

    #[test]
    fn tasks_read_as_name_key_and_project() {
        let t: Task = serde_json::from_str(
            r#"{"id": "t", "name": "Design the logo", "taskIdentifier": "ACME-1",
                "project": {"name": "Website", "projectKey": "ACME"}, "isPrio": true}"#,
        )
        .unwrap();
        assert_eq!(task_title(&t), "Design the logo");
        assert_eq!(task_context(&t), "ACME-1 · Website");
        assert_eq!(task_title(&Task::default()), "Untitled task");
    }
}
