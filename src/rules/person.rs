//! One person's dialog, in words: what a confirmed change says, what a change asks before it goes,
//! and why a change is not offered. The dialog (`pages/person.rs`) only shows these.

use super::admins::{AdminEffect, Refusal};
use super::people::Change;
use crate::api::models::DeactivationSummary;
use crate::i18n::prelude::*;

/// What a confirmed change says.
pub fn done_text(change: &Change, name: &str, summary: Option<DeactivationSummary>) -> String {
    match change {
        Change::Role(_) => tf("{name} has a new role.", &[("name", &name)]),
        Change::Deactivate => {
            let s = summary.unwrap_or_default();
            tf(
                "{name} is deactivated. awork gave {reassigned} private projects another manager and deleted {deleted}.",
                &[
                    ("name", &name),
                    ("reassigned", &s.private_project_managers_reassigned_count),
                    ("deleted", &s.private_projects_deleted_count),
                ],
            )
        }
        Change::Reactivate => tf("{name} is active again; awork has emailed them.", &[("name", &name)]),
        Change::AddToTeam(_) => tf("{name} joined the team.", &[("name", &name)]),
        Change::RemoveFromTeam(_) => tf("{name} left the team.", &[("name", &name)]),
    }
}

/// A change waiting for "yes": what it is (and what it does to admin rights), or an invitation.
#[derive(Debug, Clone, PartialEq)]
pub enum Asking {
    Change(Change, AdminEffect),
    InviteAgain,
}

/// Why a change to this one person is not offered.
pub fn refusal_text(refusal: Refusal, change: &Change) -> &'static str {
    match (refusal, change) {
        (Refusal::NoAdminLeft, Change::Deactivate) => {
            k("This is the last active admin: awork needs at least one, so they stay active.")
        }
        (Refusal::NoAdminLeft, _) => k("This is the last active admin: awork needs at least one, so their role stays."),
        (other, _) => other.text(),
    }
}

/// The question a change asks first, and its "yes".
pub fn question(ask: &Asking, name: &str, yourself: bool) -> (String, &'static str) {
    let name = &[("name", &name as &dyn std::fmt::Display)];
    match ask {
        Asking::Change(Change::Deactivate, _) => (
            tf("Deactivate {name}? They can no longer sign in to awork. Their licence stays booked.", name),
            t("Deactivate"),
        ),
        Asking::Change(Change::Role(_), AdminEffect::Removes) if yourself => (
            t("Take away your own admin rights? You can no longer change people here, and only another admin can give them back.").into(),
            t("Change my role"),
        ),
        Asking::Change(Change::Role(_), AdminEffect::Removes) => {
            (tf("Take the admin rights from {name}?", name), t("Change role"))
        }
        Asking::Change(Change::Role(_), _) => (
            tf("Give {name} admin rights? They can then change everything in the workspace.", name),
            t("Change role"),
        ),
        Asking::Change(..) => (
            tf("Reactivate {name}? They can sign in again, and awork emails them. This needs a free seat.", name),
            t("Reactivate"),
        ),
        Asking::InviteAgain => {
            (tf("Send {name} a new invitation email? The new code is valid for 24 hours.", name), t("Send"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::RoleId;

    #[test]
    fn questions_name_the_person_and_say_what_happens_to_admin_rights() {
        let to = || Change::Role(RoleId("r".into()));
        let (q, yes) = question(&Asking::Change(to(), AdminEffect::Grants), "Ada", false);
        assert_eq!(
            (q.as_str(), yes),
            ("Give Ada admin rights? They can then change everything in the workspace.", "Change role")
        );
        let (q, _) = question(&Asking::Change(to(), AdminEffect::Removes), "Ada", false);
        assert_eq!(q, "Take the admin rights from Ada?");
        let (q, yes) = question(&Asking::Change(to(), AdminEffect::Removes), "Ada", true);
        assert!(q.starts_with("Take away your own admin rights?") && yes == "Change my role");
        let (q, yes) = question(&Asking::Change(Change::Deactivate, AdminEffect::None), "Ada", false);
        assert!(q.starts_with("Deactivate Ada?") && yes == "Deactivate");
    }

    #[test]
    fn refusals_say_why_for_this_one_person() {
        assert!(refusal_text(Refusal::NoAdminLeft, &Change::Deactivate).ends_with("so they stay active."));
        assert!(refusal_text(Refusal::NoAdminLeft, &Change::Role(RoleId("r".into()))).ends_with("so their role stays."));
        assert_eq!(refusal_text(Refusal::Yourself, &Change::Deactivate), Refusal::Yourself.text());
        let summary =
            DeactivationSummary { private_project_managers_reassigned_count: 2, private_projects_deleted_count: 1 };
        assert_eq!(
            done_text(&Change::Deactivate, "Ada", Some(summary)),
            "Ada is deactivated. awork gave 2 private projects another manager and deleted 1."
        );
    }
}
