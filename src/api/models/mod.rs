//! Wire types, named and shaped as awork names them, read and written by serde_json. Every field
//! is optional or defaulted: awork sends nulls freely and adds fields over time, and neither may
//! break the app. So each type reads with `#[serde(default)]` (a missing field is the default),
//! fields that are not `Option`s with [`null_default`] (a `null` is the default too), and unknown
//! fields are skipped. A field of another shape (a string where a list belongs) is malformed, and
//! so is a key given twice. Unlike the app's former reader, serde reads a struct from a JSON array
//! too (field by field): [`object_from_str`] refuses that at the top of `GET /me` and `config.json`.

mod bodies;

pub use bodies::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

/// awork's "null means the default": a field sent as `null` reads as if it were missing.
pub fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// Reads `text` as a JSON object of type `T`. serde's derived structs read an array too, field by
/// field; an answer or file that should be an object and is anything else is malformed.
pub fn object_from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    if !text.trim_start().starts_with('{') {
        return Err(serde::de::Error::custom("expected a JSON object"));
    }
    serde_json::from_str(text)
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserStatus {
    #[serde(deserialize_with = "null_default")]
    pub invitation_accepted: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_deactivated: bool,
}

/// `ContactInfo`: a phone number, email, URL, messenger handle, social profile or postal address.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContactInfo {
    pub label: Option<String>,
    pub value: Option<String>,
    /// `type`.
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub sub_type: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub zip_code: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub is_address: bool,
}

/// `UserTagModel`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserTag {
    pub id: Option<String>,
    pub name: Option<String>,
    pub color: Option<String>,
}

/// `TeamModel`, as nested in a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TeamRef {
    pub id: Option<TeamId>,
    pub name: Option<String>,
    pub icon: Option<String>,
    pub color: Option<String>,
}

/// `WorkspaceOfUser`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct WorkspaceOfUser {
    pub id: Option<WorkspaceId>,
    pub name: Option<String>,
    pub url: Option<String>,
}

/// `User`, as `GET /users` and `GET /users/{userId}` return it (no `email`: emails are contact infos).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct User {
    #[serde(deserialize_with = "null_default")]
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
    #[serde(deserialize_with = "null_default")]
    pub status: UserStatus,
    #[serde(deserialize_with = "null_default")]
    pub is_archived: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_deactivated: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_external: bool,
    #[serde(deserialize_with = "null_default")]
    pub has_image: bool,
    #[serde(deserialize_with = "null_default")]
    pub user_contact_infos: Vec<ContactInfo>,
    #[serde(deserialize_with = "null_default")]
    pub tags: Vec<UserTag>,
    #[serde(deserialize_with = "null_default")]
    pub teams: Vec<TeamRef>,
}

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
    pub fn from_json(text: &str) -> serde_json::Result<Me> {
        let user = object_from_str(text)?;
        let Account { workspace, .. } = object_from_str(text)?;
        Ok(Me { user, workspace })
    }
}

/// What signing in and the app's header need of `GET /me`: who it is, in which workspace, in
/// which language. Read on its own, so the first download carries this small deserializer and
/// not [`User`]'s, which only the screens behind the sign-in need (they read the whole [`Me`]
/// from [`MeAnswer::me`]).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Account {
    #[serde(deserialize_with = "null_default")]
    pub id: UserId,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub language: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub workspace: WorkspaceOfUser,
}

/// `GET /me`'s answer: the [`Account`], read at once, and the text awork sent, for the whole [`Me`].
#[derive(Debug, Clone, PartialEq)]
pub struct MeAnswer {
    pub account: Account,
    text: std::sync::Arc<str>,
}

impl MeAnswer {
    pub fn from_json(text: &str) -> serde_json::Result<MeAnswer> {
        Ok(MeAnswer { account: object_from_str(text)?, text: text.into() })
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
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Permission {
    pub feature: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub access_levels: Vec<String>,
}

/// `UserPermissionFullModel`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserPermission {
    #[serde(deserialize_with = "null_default")]
    pub is_admin: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_guest: bool,
    #[serde(deserialize_with = "null_default")]
    pub permissions: Vec<Permission>,
}

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
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MePermissions {
    #[serde(deserialize_with = "null_default")]
    pub user_permission: UserPermission,
}

/// `UserInRole`, one entry of `GET /roles/{roleId}/users`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct UserInRole {
    #[serde(deserialize_with = "null_default")]
    pub user_id: UserId,
    pub role_id: Option<RoleId>,
    #[serde(deserialize_with = "null_default")]
    pub is_deactivated: bool,
}

/// `Role`, one entry of `GET /roles`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Role {
    #[serde(deserialize_with = "null_default")]
    pub id: RoleId,
    pub name: Option<String>,
    #[serde(deserialize_with = "null_default")]
    pub is_admin_role: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_guest_role: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_agent_role: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_preset: bool,
    #[serde(deserialize_with = "null_default")]
    pub is_archived: bool,
}

/// `Team`, one entry of `GET /teams`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Team {
    #[serde(deserialize_with = "null_default")]
    pub id: TeamId,
    pub name: Option<String>,
    pub icon: Option<String>,
    pub color: Option<String>,
}

impl From<Team> for TeamRef {
    fn from(t: Team) -> TeamRef {
        TeamRef { id: Some(t.id), name: t.name, icon: t.icon, color: t.color }
    }
}

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
        let u: User = serde_json::from_str(
            r#"{"id": "u", "userContactInfos": [{"type": "phone", "value": "1"}, {"type": "email", "value": " a@b.co "}]}"#,
        )
        .unwrap();
        assert_eq!(u.email(), Some("a@b.co"));
        assert_eq!(User::default().email(), None);
    }

    #[test]
    fn permissions_decide_who_reads_roles() {
        let read = |json: &str| serde_json::from_str::<MePermissions>(json).unwrap().user_permission.can_read_roles();
        assert!(read(r#"{"userPermission": {"isAdmin": true, "permissions": null}}"#));
        assert!(read(
            r#"{"userPermission": {"isAdmin": false, "permissions": [{"feature": "workspace-manage-config", "accessLevels": ["read"]}]}}"#
        ));
        assert!(!read(
            r#"{"userPermission": {"isAdmin": false, "permissions": [{"feature": "project-planning", "accessLevels": ["manage"]}]}}"#
        ));
        assert!(!read("{}"));
        let reader = serde_json::from_str::<MePermissions>(
            r#"{"userPermission": {"isAdmin": false, "permissions": [
                {"feature": "workspace-manage-config", "accessLevels": ["read"]},
                {"feature": "user-manage-config", "accessLevels": ["read", "manage"]}]}}"#,
        )
        .unwrap()
        .user_permission;
        assert!(reader.can_read_roles() && !reader.can_change_roles(), "read is not write");
        assert!(reader.can_deactivate(), "manage covers write");
        assert!(!reader.can_manage_teams());
        let invite = |json: &str| serde_json::from_str::<MePermissions>(json).unwrap().user_permission.can_invite();
        assert!(invite(r#"{"userPermission": {"isAdmin": true}}"#));
        assert!(!invite(
            r#"{"userPermission": {"isAdmin": false, "permissions": [{"feature": "workspace-manage-config", "accessLevels": ["manage"]}]}}"#
        ));
    }

    #[test]
    fn tasks_read_name_key_and_project() {
        let t: Task = serde_json::from_str(
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
            serde_json::from_str(r#"{"access_token":"at-secret","refresh_token":"rt-secret","expires_in":5}"#).unwrap();
        let shown = format!("{a:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("expires_in: Some(5)"));
    }

    #[test]
    fn hostile_nesting_never_exhausts_the_stack() {
        // What is read stops at serde_json's 128 levels; what is skipped is skipped without
        // recursing (and the answer's size is capped while it streams in).
        assert!(serde_json::from_str::<Vec<UserInRole>>(&"[".repeat(100_000)).is_err());
        let nested = |n| format!("{}1{}", "[".repeat(n), "]".repeat(n));
        assert!(serde_json::from_str::<User>(&format!(r#"{{"id": "u", "tags": {}}}"#, nested(10_000))).is_err());
        let skipped = format!(r#"{{"id": "u", "unknown": {}}}"#, nested(100_000));
        assert_eq!(serde_json::from_str::<User>(&skipped).unwrap().id.as_str(), "u");
    }

    #[test]
    fn another_shape_a_syntax_error_anywhere_or_trailing_text_is_malformed() {
        for bad in [
            r#"{"id": 7}"#,
            r#"{"id": "u", "tags": "design"}"#,
            r#"{"id": "u", "isArchived": "yes"}"#,
            r#"{"id": "u"} x"#,
            r#"{"id": "u",}"#,
            r#"{"id": "u", "skipped": [1,]}"#,
            r#"{"id": "u", "skipped": {"a" 1}}"#,
            r#"{"id": "u", "skipped": "\x"}"#,
            r#"{"id": "u", "skipped": 01}"#,
        ] {
            assert!(serde_json::from_str::<User>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn role_users_read_the_documented_example() {
        let page: Vec<UserInRole> = serde_json::from_str(
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
