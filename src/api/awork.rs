//! awork's operations, one function each: the only place in the app that knows awork's paths.
//! They take newtype ids and typed bodies and return the wire types of [`super::models`].

use super::client::{join_url, Deadline, DEFAULT_TIMEOUT_SECS, ME};
use super::models::{
    ApiUser, AssignByEmail, DeactivationSummary, Invitation, InvitationResponse, MeAnswer, MePermissions,
    MoveUserInRole, Role, RoleId, Task, TaskId, TaskKey, Team, TeamId, TokenAnswer, User, UserId, UserInRole,
};
use super::paging::PagedList;
use super::{ApiError, Client};
use crate::codec::path_segment;
use serde::de::IgnoredAny;

/// awork's largest page, also asked of lists that are not paged.
const ALL: &str = "1000";

fn flag(on: bool) -> String {
    on.to_string()
}

impl Client {
    /// `GET /me`: who the token belongs to. A 401 here always means the token is not valid.
    pub async fn me(&self) -> Result<MeAnswer, ApiError> {
        let text = self.get_text(ME, &[]).await?;
        MeAnswer::from_json(&text).map_err(|_| ApiError::Malformed)
    }

    /// `GET /me/permissions`.
    pub async fn permissions(&self) -> Result<MePermissions, ApiError> {
        self.get("/me/permissions", &[]).await
    }

    /// `GET /roles` (not paged).
    pub async fn roles(&self, show_archived: bool) -> Result<Vec<Role>, ApiError> {
        self.get("/roles", &[("showArchived", flag(show_archived))]).await
    }

    /// `GET /roles/{roleId}`.
    pub async fn role(&self, id: &RoleId) -> Result<Role, ApiError> {
        self.get(&format!("/roles/{}", path_segment(id.as_str())), &[]).await
    }

    /// `GET /roles/{roleId}/users`, every page `list` is missing.
    pub async fn role_members<U>(
        &self,
        id: &RoleId,
        show_archived: bool,
        list: &PagedList<U>,
        mut on_page: impl FnMut(usize, Vec<UserInRole>, Option<usize>),
    ) -> Result<(), ApiError> {
        let path = format!("/roles/{}/users", path_segment(id.as_str()));
        self.load_missing_pages(&path, &[("showArchived", flag(show_archived))], list.plan(), &mut on_page).await
    }

    /// How many members a role has: `aw-totalitems` of a one-item page of `GET /roles/{roleId}/users`.
    pub async fn role_member_count(&self, id: &RoleId, show_archived: bool) -> Result<Option<usize>, ApiError> {
        let path = format!("/roles/{}/users", path_segment(id.as_str()));
        let page = self.get_page::<UserInRole>(&path, 1, 1, &[("showArchived", flag(show_archived))]).await?;
        Ok(page.total)
    }

    /// `GET /users` with archived users (and API users) included, every page `list` is missing.
    pub async fn users<U>(
        &self,
        list: &PagedList<U>,
        mut on_page: impl FnMut(usize, Vec<User>, Option<usize>),
    ) -> Result<(), ApiError> {
        self.load_missing_pages("/users", &[("showArchived", flag(true))], list.plan(), &mut on_page).await
    }

    /// `GET /teams`, all of them.
    pub async fn teams(&self) -> Result<Vec<Team>, ApiError> {
        self.get("/teams", &[("pageSize", ALL.into())]).await
    }

    /// `GET /tasks/key/{taskIdentifier}`.
    pub async fn task_by_key(&self, key: &TaskKey) -> Result<Task, ApiError> {
        self.get(&format!("/tasks/key/{}", path_segment(key.as_str())), &[]).await
    }

    /// `GET /tasks/{taskId}`.
    pub async fn task(&self, id: &TaskId) -> Result<Task, ApiError> {
        self.get(&format!("/tasks/{}", path_segment(id.as_str())), &[]).await
    }

    /// `GET /me/allavailabletasks`: the first `page_size` tasks the caller can see that match
    /// `filterby`, by name.
    pub async fn available_tasks(&self, filter: String, page_size: usize) -> Result<Vec<Task>, ApiError> {
        let query = [("filterby", filter), ("orderby", "name".into()), ("pageSize", page_size.to_string())];
        self.get("/me/allavailabletasks", &query).await
    }

    /// `POST /invitations`.
    pub async fn invite(&self, body: &Invitation) -> Result<InvitationResponse, ApiError> {
        self.post("/invitations", body).await
    }

    /// `POST /tasks/assignuserbyemail` (awork answers `{}`).
    pub async fn assign_by_email(&self, body: &AssignByEmail) -> Result<(), ApiError> {
        self.post::<_, IgnoredAny>("/tasks/assignuserbyemail", body).await.map(|_| ())
    }

    /// `POST /roles/moveuser`: moves `user` from their role to `to`.
    pub async fn move_user(&self, user: &UserId, to: &RoleId) -> Result<(), ApiError> {
        let body = MoveUserInRole { user_id: user.clone(), to_role_id: to.clone() };
        self.post::<_, IgnoredAny>("/roles/moveuser", &body).await.map(|_| ())
    }

    /// `POST /users/{userId}/deactivate?includeSummary=true`.
    pub async fn deactivate(&self, user: &UserId) -> Result<DeactivationSummary, ApiError> {
        let path = format!("/users/{}/deactivate", path_segment(user.as_str()));
        let summary: Option<DeactivationSummary> = self.post_bare(&path, &[("includeSummary", flag(true))]).await?;
        Ok(summary.unwrap_or_default())
    }

    /// `POST /users/{userId}/activate` (awork emails the user).
    pub async fn activate(&self, user: &UserId) -> Result<(), ApiError> {
        let path = format!("/users/{}/activate", path_segment(user.as_str()));
        self.post_bare::<IgnoredAny>(&path, &[]).await.map(|_| ())
    }

    /// `POST /teams/{teamId}/addusers` with the user ids.
    pub async fn add_to_team(&self, team: &TeamId, users: &[UserId]) -> Result<(), ApiError> {
        let path = format!("/teams/{}/addusers", path_segment(team.as_str()));
        self.post::<_, IgnoredAny>(&path, users).await.map(|_| ())
    }

    /// `POST /teams/{teamId}/removeusers` with the user ids.
    pub async fn remove_from_team(&self, team: &TeamId, users: &[UserId]) -> Result<(), ApiError> {
        let path = format!("/teams/{}/removeusers", path_segment(team.as_str()));
        self.post::<_, IgnoredAny>(&path, users).await.map(|_| ())
    }

    /// `GET /apiusers`.
    pub async fn api_users(&self) -> Result<Vec<ApiUser>, ApiError> {
        self.get("/apiusers", &[]).await
    }
}

/// A user's profile picture (`GET /files/images/users/{userId}`), 80 px square. awork serves it
/// without a token, so a plain `<img>` can show it.
pub fn image_url(base: &str, user: &UserId) -> String {
    join_url(base, &format!("/files/images/users/{}?width=80&height=80&crop=true", path_segment(user.as_str())))
}

/// awork's sign-in page for OAuth (`GET /accounts/authorize`), at awork's own address: it must not
/// load through a proxy on the portal's origin (see README, Deployment).
pub const DEFAULT_AUTHORIZE_URL: &str = "https://api.awork.com/api/v1/accounts/authorize";

/// Where the browser signs in: the sign-in page `authorize` with `query` (already form-encoded).
pub fn authorize_url(authorize: &str, query: &str) -> String {
    let sep = if authorize.contains('?') { '&' } else { '?' };
    format!("{authorize}{sep}{query}")
}

/// `POST /accounts/token` with a form-encoded `body` (a code exchange or a refresh). A refused
/// grant (400/401/403, `invalid_grant` and friends) comes back as `SessionEnded`: that code or
/// refresh token will never work.
pub async fn token(base: &str, body: String) -> Result<TokenAnswer, ApiError> {
    let deadline = Deadline::start(DEFAULT_TIMEOUT_SECS);
    let resp = gloo_net::http::Request::post(&join_url(base, "/accounts/token"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .body(body)
        .map_err(|_| ApiError::Network)?
        .send()
        .await
        .map_err(|_| deadline.explain(ApiError::Network, false))?;
    let status = resp.status();
    let text = super::client::read_bounded(&resp).await.map_err(|e| deadline.explain(e, false))?;
    match status {
        200..=299 => serde_json::from_str(&text).map_err(|_| ApiError::Malformed),
        400 | 401 | 403 => Err(ApiError::SessionEnded),
        _ => Err(ApiError::from_answer(&super::error::RawAnswer { status, body: &text, ..Default::default() })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_escape_only_what_they_must() {
        assert_eq!(path_segment("ACME-12"), "ACME-12");
        assert_eq!(path_segment("a/b?c#d e"), "a%2Fb%3Fc%23d%20e");
        assert_eq!(path_segment(".."), "%2E%2E");
        assert_eq!(path_segment("..."), "...");
    }

    #[test]
    fn image_urls_escape_the_id() {
        assert_eq!(
            image_url("/awork-api/v1/", &UserId("a/b".into())),
            "/awork-api/v1/files/images/users/a%2Fb?width=80&height=80&crop=true"
        );
    }
}
