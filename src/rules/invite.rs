//! Inviting a person (`POST /invitations`): the form's rules, the body awork gets, and what its
//! answers mean. Plain functions; the invite screen renders their answers.

use crate::api::models::{
    ContactInfo, Invitation, Role, RoleId, TeamId, TeamRef, User, UserId, UserStatus, WorkspaceId,
};
use crate::api::ApiError;
use crate::i18n::prelude::*;

/// The fields of the invite form.
pub const EMAIL: &str = "email";
pub const FIRST_NAME: &str = "firstName";
pub const LAST_NAME: &str = "lastName";
pub const TITLE: &str = "title";
pub const POSITION: &str = "position";
pub const GENDER: &str = "gender";
pub const ROLE: &str = "role";
pub const TEAMS: &str = "teams";

/// What the admin typed. Kept as typed: nothing here is cleared when a request fails.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InviteForm {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub position: String,
    /// "" (not set), "male", "female" or "other".
    pub gender: String,
    pub role_id: Option<RoleId>,
    pub team_ids: Vec<TeamId>,
    pub skip_sending_email: bool,
}

/// A plain email check, the same idea as awork's: something@domain.tld, no spaces.
pub fn is_email(s: &str) -> bool {
    let s = s.trim();
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Problems to fix before anything is sent: (field, message).
pub fn validate(form: &InviteForm) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let email = form.email.trim();
    if email.is_empty() {
        out.push((EMAIL, t("Enter the email address to invite.").to_string()));
    } else if !is_email(email) {
        out.push((EMAIL, t("This is not a valid email address (name@example.com).").to_string()));
    }
    if !matches!(form.gender.as_str(), "" | "male" | "female" | "other") {
        out.push((GENDER, t("Choose a gender from the list.").to_string()));
    }
    out
}

/// A trimmed value, or `None` when nothing is left: empty optional fields stay out of bodies.
pub fn optional(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The request body for a valid form.
pub fn invitation(form: &InviteForm, workspace_id: WorkspaceId) -> Invitation {
    Invitation {
        workspace_id,
        invitation_flow: "invite",
        email: form.email.trim().to_string(),
        first_name: optional(&form.first_name),
        last_name: optional(&form.last_name),
        title: optional(&form.title),
        position: optional(&form.position),
        gender: optional(&form.gender),
        role_id: form.role_id.clone(),
        team_ids: form.team_ids.clone(),
        skip_sending_email: form.skip_sending_email,
    }
}

/// The role a new person gets unless the admin picks another: the first active role that is
/// neither admin nor guest (nor the legacy agent role).
pub fn default_role(roles: &[Role]) -> Option<RoleId> {
    roles
        .iter()
        .find(|r| !r.is_archived && !r.is_admin_role && !r.is_guest_role && !r.is_agent_role)
        .map(|r| r.id.clone())
}

/// The invite form's fields, by the ids the page gives them.
pub const FIELDS: &[&str] = &[EMAIL, FIRST_NAME, LAST_NAME, TITLE, POSITION, GENDER, ROLE, TEAMS];

/// What a failed invitation shows: messages beside fields, and a banner for the rest.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub fields: Vec<(&'static str, String)>,
    pub banner: Option<String>,
    /// awork no longer offers `POST /invitations` here: point to assign-by-email.
    pub gone: bool,
}

pub fn failure(e: &ApiError) -> Failure {
    match e {
        // awork dropped POST /invitations from its public spec in July 2026.
        ApiError::NotFound { .. } | ApiError::Unexpected { status: 405, .. } => Failure {
            fields: vec![],
            banner: Some(t("This workspace's awork API no longer offers invitations.").into()),
            gone: true,
        },
        ApiError::Invalid { code: Some(code), .. }
            if code == "already-exist-error" || code == "duplication-violation" =>
        {
            Failure {
                fields: vec![(EMAIL, t("This email is already in the workspace.").into())],
                banner: None,
                gone: false,
            }
        }
        other => {
            let (fields, banner) = super::forms::place_errors(other, FIELDS);
            Failure { fields, banner, gone: false }
        }
    }
}

/// The new person as the workspace's user list should show them right away, before any reload.
pub fn invited_user(form: &InviteForm, user_id: UserId, teams: &[TeamRef]) -> User {
    User {
        id: user_id,
        first_name: optional(&form.first_name),
        last_name: optional(&form.last_name),
        title: optional(&form.title),
        position: optional(&form.position),
        gender: optional(&form.gender),
        status: UserStatus { invitation_accepted: false, is_deactivated: false },
        user_contact_infos: vec![ContactInfo {
            kind: Some("email".into()),
            value: Some(form.email.trim().to_string()),
            ..Default::default()
        }],
        teams: teams.iter().filter(|t| t.id.as_ref().is_some_and(|id| form.team_ids.contains(id))).cloned().collect(),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FieldError;

    #[test]
    fn emails_are_checked_before_sending() {
        for ok in ["a@b.co", " x.y+z@acme.example "] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "a", "a@b", "@b.co", "a@.co", "a@b.co.", "a b@c.co", "a@b@c.co", "a@b..co"] {
            assert!(!is_email(bad), "{bad}");
        }
        let form = InviteForm { email: "nope".into(), ..Default::default() };
        assert_eq!(validate(&form)[0].0, EMAIL);
        assert_eq!(validate(&InviteForm::default())[0].1, "Enter the email address to invite.");
        assert!(validate(&InviteForm { email: "a@b.co".into(), ..Default::default() }).is_empty());
    }

    #[test]
    fn the_body_uses_awork_field_names_and_leaves_empty_ones_out() {
        let form = InviteForm {
            email: " new@acme.example ".into(),
            first_name: "Nia".into(),
            title: "  ".into(),
            gender: "female".into(),
            role_id: Some(RoleId("r1".into())),
            team_ids: vec![TeamId("t1".into())],
            skip_sending_email: true,
            ..Default::default()
        };
        let body = serde_json::to_value(invitation(&form, WorkspaceId("w1".into()))).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"workspaceId": "w1", "invitationFlow": "invite", "email": "new@acme.example",
                "firstName": "Nia", "gender": "female", "roleId": "r1", "teamIds": ["t1"], "skipSendingEmail": true})
        );
    }

    #[test]
    fn the_default_role_is_neither_admin_nor_guest() {
        let role = |id: &str, admin, guest, archived| Role {
            id: RoleId(id.into()),
            is_admin_role: admin,
            is_guest_role: guest,
            is_archived: archived,
            ..Default::default()
        };
        let roles = [
            role("a", true, false, false),
            role("g", false, true, false),
            role("x", false, false, true),
            role("m", false, false, false),
        ];
        assert_eq!(default_role(&roles), Some(RoleId("m".into())));
        assert_eq!(default_role(&roles[..2]), None);
    }

    #[test]
    fn awork_errors_land_beside_their_fields() {
        let e = ApiError::Invalid {
            code: Some("validation-failed".into()),
            description: Some("The model is invalid.".into()),
            fields: vec![
                FieldError { property: "Email".into(), message: "Email is not valid.".into() },
                FieldError { property: "RoleId".into(), message: "The role does not exist.".into() },
            ],
        };
        let f = failure(&e);
        assert_eq!(
            f.fields,
            [(EMAIL, "Email is not valid.".to_string()), (ROLE, "The role does not exist.".to_string())]
        );
        assert!(!f.gone);
        let dup = ApiError::Invalid { code: Some("already-exist-error".into()), description: None, fields: vec![] };
        assert_eq!(failure(&dup).fields, [(EMAIL, "This email is already in the workspace.".to_string())]);
        assert!(failure(&ApiError::NotFound { description: None }).gone);
        assert!(failure(&ApiError::Unexpected { status: 405, description: None }).gone);
        assert!(!failure(&ApiError::Network).gone);
    }
}
