//! Tasks, the bodies the app sends and what awork answers to its writes, the OAuth token answer,
//! API users and awork's error body: the wire types beside people, roles and teams (see
//! [`super`] for how all of them read).

use super::{null_default, RoleId, TaskId, TeamId, UserId, WorkspaceId};
use serde::{Deserialize, Serialize};

/// `NestedProjectModelForTasks`, the parts shown.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TaskProject {
    pub name: Option<String>,
    pub project_key: Option<String>,
}

/// `TaskModel`, the parts shown.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Task {
    #[serde(deserialize_with = "null_default")]
    pub id: TaskId,
    pub name: Option<String>,
    /// The key, e.g. `ACME-12`.
    pub task_identifier: Option<String>,
    pub project: Option<TaskProject>,
}

/// The body of `POST /invitations`. Empty optional fields are left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invitation {
    pub workspace_id: WorkspaceId,
    pub invitation_flow: &'static str,
    pub email: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_id: Option<RoleId>,
    pub team_ids: Vec<TeamId>,
    pub skip_sending_email: bool,
}

/// `InvitationResponse`: what awork answers to an invitation.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct InvitationResponse {
    pub invitation_code: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub user_id: UserId,
}

/// `AssignByEmailForm`, the body of `POST /tasks/assignuserbyemail`; empty optional fields are
/// left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssignByEmail {
    pub task_id: TaskId,
    pub email: String,
    pub role_id: RoleId,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
}

/// The OAuth token endpoint's answer (RFC 6749). Its `Debug` hides the tokens. Without an
/// `access_token` it reads as an empty one, which [`crate::auth::oauth::credentials`] refuses.
#[derive(Clone, Default, Deserialize)]
#[serde(default)]
pub struct TokenAnswer {
    #[serde(deserialize_with = "null_default")]
    pub access_token: String,
    pub token_type: Option<String>,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<String>,
}

impl std::fmt::Debug for TokenAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenAnswer")
            .field("access_token", &"<hidden>")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &self.refresh_token.as_ref().map(|_| "<hidden>"))
            .finish()
    }
}

/// `MoveUserInRole`, the body of `POST /roles/moveuser`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveUserInRole {
    pub user_id: UserId,
    pub to_role_id: RoleId,
}

/// `PostUserDeactivateByUserIdResponse`: what became of a deactivated user's private projects.
#[derive(Debug, Clone, Copy, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DeactivationSummary {
    #[serde(deserialize_with = "null_default")]
    pub private_project_managers_reassigned_count: u32,
    #[serde(deserialize_with = "null_default")]
    pub private_projects_deleted_count: u32,
}

/// `ApiUser`, one entry of `GET /apiusers`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApiUser {
    #[serde(deserialize_with = "null_default")]
    pub id: UserId,
    pub name: Option<String>,
    pub role_id: Option<RoleId>,
}

/// `ValidationErrorResponse`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ValidationError {
    pub property: Option<String>,
    pub message: Option<String>,
}

/// `ErrorResponse`, awork's error body.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ErrorResponse {
    pub code: Option<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub trace_id: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub details: Vec<String>,
    #[serde(deserialize_with = "null_default")]
    pub validation_errors: Vec<ValidationError>,
}
