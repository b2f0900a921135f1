//! What the admin typed, kept above the screens: it survives leaving a screen and an ended session
//! (sign in again and it is all there), and is forgotten at sign-out. Memory only, never storage.

use crate::api::models::Task;
use crate::rules::assign::AssignForm;
use crate::rules::invite::InviteForm;
use leptos::prelude::*;

/// One field per screen that keeps what was typed; made with the session, so they live as long as
/// the app and not as long as a screen.
#[derive(Clone, Copy)]
pub struct Drafts {
    pub invite: RwSignal<InviteForm>,
    pub assign: RwSignal<AssignForm>,
    /// What was typed into the task picker, and the task chosen.
    pub assign_task_text: RwSignal<String>,
    pub assign_task: RwSignal<Option<Task>>,
    /// The CSV of "invite many".
    pub batch_csv: RwSignal<String>,
}

impl Drafts {
    pub fn new() -> Drafts {
        Drafts {
            invite: RwSignal::new(InviteForm::default()),
            assign: RwSignal::new(AssignForm::default()),
            assign_task_text: RwSignal::new(String::new()),
            assign_task: RwSignal::new(None),
            batch_csv: RwSignal::new(String::new()),
        }
    }

    /// Forgets everything typed (sign-out).
    pub fn clear(&self) {
        self.invite.set(InviteForm::default());
        self.assign.set(AssignForm::default());
        self.assign_task_text.set(String::new());
        self.assign_task.set(None);
        self.batch_csv.set(String::new());
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}
