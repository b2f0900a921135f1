//! Wire types, named and shaped as awork names them. Every field is optional or defaulted: awork
//! sends nulls freely and adds fields over time, and neither may break the app. Answers are read
//! by [`super::json`] (each type lists the fields it takes with `from_json!`), and bodies written
//! by it ([`ToJson`]).

use super::json::{self, from_json, FromJson, Malformed, Object, Reader, ToJson};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub String);

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl FromJson for $name {
            fn read(r: &mut Reader) -> Result<Self, Malformed> {
                String::read(r).map($name)
            }
        }

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

id_type!(
    /// A user's id (a UUID).
    UserId
);
id_type!(
    /// A workspace's id.
    WorkspaceId
);
id_type!(
    /// A team's id.
    TeamId
);
id_type!(
    /// A role's id.
    RoleId
);
id_type!(
    /// A task's id (a UUID).
    TaskId
);
id_type!(
    /// A task's key, its project's key and its number: `ACME-12`.
    TaskKey
);

/// `UserStatus`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserStatus {
    pub invitation_accepted: bool,
    pub is_deactivated: bool,
}

from_json!(UserStatus { invitation_accepted: "invitationAccepted", is_deactivated: "isDeactivated" });

/// `ContactInfo`: a phone number, email, URL, messenger handle, social profile or postal address.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContactInfo {
    pub label: Option<String>,
    pub value: Option<String>,
    /// `type`.
    pub kind: Option<String>,
    pub sub_type: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub zip_code: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub is_address: bool,
}

from_json!(ContactInfo {
    label: "label",
    value: "value",
    kind: "type",
    sub_type: "subType",
    address_line1: "addressLine1",
    address_line2: "addressLine2",
    zip_code: "zipCode",
    city: "city",
    state: "state",
    country: "country",
    is_address: "isAddress",
});

/// `UserTagModel`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserTag {
    pub id: Option<String>,
    pub name: Option<String>,
    pub color: Option<String>,
}

from_json!(UserTag { id: "id", name: "name", color: "color" });

/// `TeamModel`, as nested in a user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamRef {
    pub id: Option<TeamId>,
    pub name: Option<String>,
    pub icon: Option<String>,
    pub color: Option<String>,
}

from_json!(TeamRef { id: "id", name: "name", icon: "icon", color: "color" });

/// `WorkspaceOfUser`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WorkspaceOfUser {
    pub id: Option<WorkspaceId>,
    pub name: Option<String>,
    pub url: Option<String>,
}

from_json!(WorkspaceOfUser { id: "id", name: "name", url: "url" });

/// `User`, as `GET /users` and `GET /users/{userId}` return it (no `email`: emails are contact infos).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct User {
    pub id: UserId,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub title: Option<String>,
    pub position: Option<String>,
    pub language: Option<String>,
    /// When the user was created: for a pending invitation, when it was sent.
    pub created_on: Option<String>,
    pub status: UserStatus,
    pub is_archived: bool,
    pub is_deactivated: bool,
    pub is_external: bool,
    pub has_image: bool,
    pub user_contact_infos: Vec<ContactInfo>,
    pub tags: Vec<UserTag>,
    pub teams: Vec<TeamRef>,
}

from_json!(User {
    id: "id",
    first_name: "firstName",
    last_name: "lastName",
    birth_date: "birthDate",
    gender: "gender",
    title: "title",
    position: "position",
    language: "language",
    created_on: "createdOn",
    status: "status",
    is_archived: "isArchived",
    is_deactivated: "isDeactivated",
    is_external: "isExternal",
    has_image: "hasImage",
    user_contact_infos: "userContactInfos",
    tags: "tags",
    teams: "teams",
});

impl User {
    /// The first email among the contact infos.
    pub fn email(&self) -> Option<&str> {
        self.user_contact_infos
            .iter()
            .filter(|c| c.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("email")))
            .filter_map(|c| c.value.as_deref().map(str::trim))
            .find(|v| !v.is_empty())
    }
}

/// `UserAndWorkspace`, the answer of `GET /me`: a user plus the workspace.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Me {
    pub user: User,
    pub workspace: WorkspaceOfUser,
}

impl Me {
    /// Reads `GET /me`'s answer as a [`User`] and, from the same text, its `workspace`.
    pub fn from_json(text: &str) -> Result<Me, Malformed> {
        let user = json::parse(text)?;
        let Account { workspace, .. } = json::parse(text)?;
        Ok(Me { user, workspace })
    }
}

/// What signing in and the app's header need of `GET /me`: who it is, in which workspace, in
/// which language. Read on its own, so the first download carries this small deserializer and
/// not [`User`]'s, which only the screens behind the sign-in need (they read the whole [`Me`]
/// from [`MeAnswer::me`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Account {
    pub id: UserId,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub language: Option<String>,
    pub workspace: WorkspaceOfUser,
}

from_json!(Account {
    id: "id",
    first_name: "firstName",
    last_name: "lastName",
    language: "language",
    workspace: "workspace",
});

/// `GET /me`'s answer: the [`Account`], read at once, and the text awork sent, for the whole [`Me`].
#[derive(Debug, Clone, PartialEq)]
pub struct MeAnswer {
    pub account: Account,
    text: std::sync::Arc<str>,
}

impl MeAnswer {
    pub fn from_json(text: &str) -> Result<MeAnswer, Malformed> {
        Ok(MeAnswer { account: json::parse(text)?, text: text.into() })
    }

    /// The whole answer; `None` if a field the account does not need could not be read.
    pub fn me(&self) -> Option<Me> {
        Me::from_json(&self.text).ok()
    }
}

impl std::ops::Deref for Me {
    type Target = User;
    fn deref(&self) -> &User {
        &self.user
    }
}

/// `PermissionFullModel`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Permission {
    pub feature: Option<String>,
    pub access_levels: Vec<String>,
}

from_json!(Permission { feature: "feature", access_levels: "accessLevels" });

/// `UserPermissionFullModel`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserPermission {
    pub is_admin: bool,
    pub is_guest: bool,
    pub permissions: Vec<Permission>,
}

from_json!(UserPermission { is_admin: "isAdmin", is_guest: "isGuest", permissions: "permissions" });

impl UserPermission {
    /// Whether the account may use `feature` at `level` (`read`, `write`): admins may do
    /// everything, and `manage` covers `read` and `write`.
    pub fn allows(&self, feature: &str, level: &str) -> bool {
        self.is_admin
            || self.permissions.iter().any(|p| {
                p.feature.as_deref() == Some(feature) && p.access_levels.iter().any(|l| l == level || l == "manage")
            })
    }

    /// Roles and their members: admins and `workspace-manage-config:read`.
    pub fn can_read_roles(&self) -> bool {
        self.allows("workspace-manage-config", "read")
    }

    /// Moving people between roles (`POST /roles/moveuser`): `workspace-manage-config:write`.
    pub fn can_change_roles(&self) -> bool {
        self.allows("workspace-manage-config", "write")
    }

    /// Deactivating and reactivating people: `user-manage-config:write`.
    pub fn can_deactivate(&self) -> bool {
        self.allows("user-manage-config", "write")
    }

    /// Adding people to teams and removing them: admins only.
    pub fn can_manage_teams(&self) -> bool {
        self.is_admin
    }

    /// awork: "only users with the Admin permission role are allowed to invite new users".
    pub fn can_invite(&self) -> bool {
        self.is_admin
    }
}

/// `UserPermissionInfoExternal`, the answer of `GET /me/permissions`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MePermissions {
    pub user_permission: UserPermission,
}

from_json!(MePermissions { user_permission: "userPermission" });

/// `UserInRole`, one entry of `GET /roles/{roleId}/users`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserInRole {
    pub user_id: UserId,
    pub role_id: Option<RoleId>,
    pub is_deactivated: bool,
}

from_json!(UserInRole { user_id: "userId", role_id: "roleId", is_deactivated: "isDeactivated" });

/// `Role`, one entry of `GET /roles`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Role {
    pub id: RoleId,
    pub name: Option<String>,
    pub is_admin_role: bool,
    pub is_guest_role: bool,
    pub is_agent_role: bool,
    pub is_preset: bool,
    pub is_archived: bool,
}

from_json!(Role {
    id: "id",
    name: "name",
    is_admin_role: "isAdminRole",
    is_guest_role: "isGuestRole",
    is_agent_role: "isAgentRole",
    is_preset: "isPreset",
    is_archived: "isArchived",
});

/// `Team`, one entry of `GET /teams`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Team {
    pub id: TeamId,
    pub name: Option<String>,
    pub icon: Option<String>,
    pub color: Option<String>,
}

from_json!(Team { id: "id", name: "name", icon: "icon", color: "color" });

impl From<Team> for TeamRef {
    fn from(t: Team) -> TeamRef {
        TeamRef { id: Some(t.id), name: t.name, icon: t.icon, color: t.color }
    }
}

/// `NestedProjectModelForTasks`, the parts shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskProject {
    pub name: Option<String>,
    pub project_key: Option<String>,
}

from_json!(TaskProject { name: "name", project_key: "projectKey" });

/// `TaskModel`, the parts shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Task {
    pub id: TaskId,
    pub name: Option<String>,
    /// The key, e.g. `ACME-12`.
    pub task_identifier: Option<String>,
    pub project: Option<TaskProject>,
}

from_json!(Task { id: "id", name: "name", task_identifier: "taskIdentifier", project: "project" });

/// The body of `POST /invitations`. Empty optional fields are left out.
#[derive(Debug, Clone, PartialEq)]
pub struct Invitation {
    pub workspace_id: WorkspaceId,
    pub invitation_flow: &'static str,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub title: Option<String>,
    pub position: Option<String>,
    pub gender: Option<String>,
    pub role_id: Option<RoleId>,
    pub team_ids: Vec<TeamId>,
    pub skip_sending_email: bool,
}

impl ToJson for Invitation {
    fn to_json(&self) -> String {
        Object::new()
            .str("workspaceId", self.workspace_id.as_str())
            .str("invitationFlow", self.invitation_flow)
            .str("email", &self.email)
            .opt("firstName", self.first_name.as_ref())
            .opt("lastName", self.last_name.as_ref())
            .opt("title", self.title.as_ref())
            .opt("position", self.position.as_ref())
            .opt("gender", self.gender.as_ref())
            .opt("roleId", self.role_id.as_ref())
            .strs("teamIds", &self.team_ids)
            .bool("skipSendingEmail", self.skip_sending_email)
            .end()
    }
}

/// `InvitationResponse`: what awork answers to an invitation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InvitationResponse {
    pub invitation_code: Option<String>,
    pub user_id: UserId,
}

from_json!(InvitationResponse { invitation_code: "invitationCode", user_id: "userId" });

/// `AssignByEmailForm`, the body of `POST /tasks/assignuserbyemail`; empty optional fields are
/// left out.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignByEmail {
    pub task_id: TaskId,
    pub email: String,
    pub role_id: RoleId,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub gender: Option<String>,
}

impl ToJson for AssignByEmail {
    fn to_json(&self) -> String {
        Object::new()
            .str("taskId", self.task_id.as_str())
            .str("email", &self.email)
            .str("roleId", self.role_id.as_str())
            .opt("firstName", self.first_name.as_ref())
            .opt("lastName", self.last_name.as_ref())
            .opt("gender", self.gender.as_ref())
            .end()
    }
}

/// The OAuth token endpoint's answer (RFC 6749). Its `Debug` hides the tokens. Without an
/// `access_token` it reads as an empty one, which [`crate::auth::oauth::credentials`] refuses.
#[derive(Clone, Default)]
pub struct TokenAnswer {
    pub access_token: String,
    pub token_type: Option<String>,
    pub expires_in: Option<u64>,
    pub refresh_token: Option<String>,
}

from_json!(TokenAnswer {
    access_token: "access_token",
    token_type: "token_type",
    expires_in: "expires_in",
    refresh_token: "refresh_token",
});

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
#[derive(Debug, Clone, PartialEq)]
pub struct MoveUserInRole {
    pub user_id: UserId,
    pub to_role_id: RoleId,
}

impl ToJson for MoveUserInRole {
    fn to_json(&self) -> String {
        Object::new().str("userId", self.user_id.as_str()).str("toRoleId", self.to_role_id.as_str()).end()
    }
}

/// The body of `POST /teams/{teamId}/addusers` and `…/removeusers`: the users' ids.
impl ToJson for [UserId] {
    fn to_json(&self) -> String {
        let mut out = String::new();
        json::write_strs(&mut out, self);
        out
    }
}

/// `PostUserDeactivateByUserIdResponse`: what became of a deactivated user's private projects.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DeactivationSummary {
    pub private_project_managers_reassigned_count: u32,
    pub private_projects_deleted_count: u32,
}

from_json!(DeactivationSummary {
    private_project_managers_reassigned_count: "privateProjectManagersReassignedCount",
    private_projects_deleted_count: "privateProjectsDeletedCount",
});

/// `ApiUser`, one entry of `GET /apiusers`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ApiUser {
    pub id: UserId,
    pub name: Option<String>,
    pub role_id: Option<RoleId>,
}

from_json!(ApiUser { id: "id", name: "name", role_id: "roleId" });

/// `ValidationErrorResponse`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ValidationError {
    pub property: Option<String>,
    pub message: Option<String>,
}

from_json!(ValidationError { property: "property", message: "message" });

/// `ErrorResponse`, awork's error body.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ErrorResponse {
    pub code: Option<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub trace_id: Option<String>,
    pub details: Vec<String>,
    pub validation_errors: Vec<ValidationError>,
}

from_json!(ErrorResponse {
    code: "code",
    description: "description",
    link: "link",
    trace_id: "traceId",
    details: "details",
    validation_errors: "validationErrors",
});

#[cfg(test)]
mod tests {
    use super::*;

    /// awork's documented example values for `GET /me` (the spec's `example`s of
    /// `UserAndWorkspace`, `ContactInfo`, `UserTagModel`, `WorkspaceOfUser`), plus nulls.
    const ME_EXAMPLE: &str = r#"{
        "firstName": "Carla", "lastName": "Creative", "birthDate": "1998-04-19T00:00:000Z",
        "gender": "female", "title": "Miss", "position": null, "language": "en-GB",
        "id": "123e4567-e89b-12d3-a456-426614174000",
        "status": {"invitationAccepted": true, "isDeactivated": false},
        "createdOn": "2021-01-01T00:00:00Z", "createdBy": "123e4567-e89b-12d3-a456-426614174000",
        "isArchived": false, "isDeactivated": false, "isAgent": false, "deactivatedOn": null,
        "deletedOn": null, "hasImage": true, "shouldMigrateToConnect": false,
        "userContactInfos": [{"label": null, "value": null, "type": "address", "subType": "work",
            "addressLine1": "Torstrasse 140", "addressLine2": "Hof A", "zipCode": "10119",
            "city": "Berlin", "state": null, "country": "DE", "isAddress": true,
            "id": "123e4567-e89b-12d3-a456-426614174000"}],
        "resourceVersion": 637825154598057900,
        "tags": [{"id": "123e4567-e89b-12d3-a456-426614174000", "name": "Design", "color": "purple"}],
        "teams": [{"id": "123e4567-e89b-12d3-a456-426614174000", "name": "Designers", "icon": "image", "color": "purple"}],
        "isExternal": true, "accountId": "123e4567-e89b-12d3-a456-426614174000",
        "workspace": {"id": "123e4567-e89b-12d3-a456-426614174000", "name": "NCNSTN", "url": "https://ncnstn.awork.com"}
    }"#;

    #[test]
    fn me_reads_the_documented_example() {
        let me = Me::from_json(ME_EXAMPLE).unwrap();
        assert_eq!(me.first_name.as_deref(), Some("Carla"));
        assert_eq!(me.title.as_deref(), Some("Miss"));
        assert_eq!(me.position, None);
        assert!(me.status.invitation_accepted);
        assert!(me.is_external);
        assert_eq!(me.user_contact_infos[0].city.as_deref(), Some("Berlin"));
        assert!(me.user_contact_infos[0].is_address);
        assert_eq!(me.tags[0].color.as_deref(), Some("purple"));
        assert_eq!(me.teams[0].icon.as_deref(), Some("image"));
        assert_eq!(me.workspace.name.as_deref(), Some("NCNSTN"));
        assert_eq!(me.workspace.url.as_deref(), Some("https://ncnstn.awork.com"));
    }

    #[test]
    fn me_tolerates_nulls_missing_fields_and_unknown_fields() {
        let me = Me::from_json(
            r#"{"id": "u1", "status": null, "tags": null, "teams": null, "userContactInfos": null,
                "workspace": null, "isArchived": null, "brandNewField": {"nested": [1, 2]}}"#,
        )
        .unwrap();
        assert_eq!(me.id, UserId("u1".into()));
        assert!(me.tags.is_empty() && me.teams.is_empty() && me.user_contact_infos.is_empty());
        assert_eq!(me.workspace, WorkspaceOfUser::default());
        let empty = Me::from_json("{}").unwrap();
        assert_eq!(empty, Me::default());
    }

    #[test]
    fn signing_in_reads_the_account_and_keeps_the_rest_for_the_screens() {
        let answer = MeAnswer::from_json(ME_EXAMPLE).unwrap();
        assert_eq!(answer.account.workspace.name.as_deref(), Some("NCNSTN"));
        assert_eq!(answer.account.language.as_deref(), Some("en-GB"));
        assert_eq!(answer.account.first_name.as_deref(), Some("Carla"));
        assert_eq!(answer.me(), Some(Me::from_json(ME_EXAMPLE).unwrap()));
        // A field only the profile shows, in a shape it cannot read: signing in still works.
        let odd =
            MeAnswer::from_json(r#"{"id": "u1", "language": null, "tags": "design", "workspace": null}"#).unwrap();
        assert_eq!(odd.account.id, UserId("u1".into()));
        assert_eq!(odd.me(), None);
        for not_an_object in ["[]", "[\"u1\"]", "null", "", "  \"me\""] {
            assert!(MeAnswer::from_json(not_an_object).is_err(), "{not_an_object:?}");
        }
    }

    #[test]
    fn users_find_their_email_among_contact_infos() {
        let u: User = json::parse(
            r#"{"id": "u", "userContactInfos": [{"type": "phone", "value": "1"}, {"type": "email", "value": " a@b.co "}]}"#,
        )
        .unwrap();
        assert_eq!(u.email(), Some("a@b.co"));
        assert_eq!(User::default().email(), None);
    }

    #[test]
    fn permissions_decide_who_reads_roles() {
        let read = |json: &str| json::parse::<MePermissions>(json).unwrap().user_permission.can_read_roles();
        assert!(read(r#"{"userPermission": {"isAdmin": true, "permissions": null}}"#));
        assert!(read(
            r#"{"userPermission": {"isAdmin": false, "permissions": [{"feature": "workspace-manage-config", "accessLevels": ["read"]}]}}"#
        ));
        assert!(!read(
            r#"{"userPermission": {"isAdmin": false, "permissions": [{"feature": "project-planning", "accessLevels": ["manage"]}]}}"#
        ));
        assert!(!read("{}"));
        let reader = json::parse::<MePermissions>(
            r#"{"userPermission": {"isAdmin": false, "permissions": [
                {"feature": "workspace-manage-config", "accessLevels": ["read"]},
                {"feature": "user-manage-config", "accessLevels": ["read", "manage"]}]}}"#,
        )
        .unwrap()
        .user_permission;
        assert!(reader.can_read_roles() && !reader.can_change_roles(), "read is not write");
        assert!(reader.can_deactivate(), "manage covers write");
        assert!(!reader.can_manage_teams());
        let invite = |json: &str| json::parse::<MePermissions>(json).unwrap().user_permission.can_invite();
        assert!(invite(r#"{"userPermission": {"isAdmin": true}}"#));
        assert!(!invite(
            r#"{"userPermission": {"isAdmin": false, "permissions": [{"feature": "workspace-manage-config", "accessLevels": ["manage"]}]}}"#
        ));
    }

    #[test]
    fn tasks_read_name_key_and_project() {
        let t: Task = json::parse(
            r#"{"id": "t", "name": "Design the logo", "taskIdentifier": "ACME-1",
                "project": {"name": "Website", "projectKey": "ACME"}, "isPrio": true}"#,
        )
        .unwrap();
        assert_eq!(t.id, TaskId("t".into()));
        assert_eq!(t.task_identifier.as_deref(), Some("ACME-1"));
        assert_eq!(t.project.unwrap().project_key.as_deref(), Some("ACME"));
    }

    #[test]
    fn token_answers_keep_their_secrets_out_of_debug() {
        let a: TokenAnswer =
            json::parse(r#"{"access_token":"at-secret","refresh_token":"rt-secret","expires_in":5}"#).unwrap();
        let shown = format!("{a:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("expires_in: Some(5)"));
    }

    #[test]
    fn role_users_read_the_documented_example() {
        let page: Vec<UserInRole> = json::parse(
            r#"[{"userId": "123e4567-e89b-12d3-a456-426614174000", "isDeactivated": false,
                 "roleId": "123e4567-e89b-12d3-a456-426614174000"},
                {"userId": "223e4567-e89b-12d3-a456-426614174000", "isDeactivated": null, "roleId": null, "extra": 1}]"#,
        )
        .unwrap();
        assert_eq!(page.len(), 2);
        assert_eq!(page[0].user_id.as_str(), "123e4567-e89b-12d3-a456-426614174000");
        assert!(!page[1].is_deactivated);
        assert_eq!(page[1].role_id, None);
    }
}
