//! The workspace's people (`GET /users`, every page, archived included), loaded once per session
//! and shared by every screen that shows users by name. One request per 1000 users: for a role
//! of 10,000 members that is 11 requests, where looking members up by id (`filterby=id in (…)`,
//! about 100 ids per URL) would take 100. Beside them, loaded when a screen asks: every role with
//! its members (who is in which role) and the API users. Changes the app makes are written here
//! when awork confirms them, so every screen follows without a reload.

use crate::api::models::{DeactivationSummary, Role, RoleId, TeamRef, User, UserId};
use crate::api::paging::{PagedList, CONCURRENCY};
use crate::api::{ApiError, Client};
use crate::rules::admins::active_admins;
use crate::rules::people::Change;
use futures_util::StreamExt;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Idle,
    Loading,
    Done,
    Failed(ApiError),
}

/// What the admin guard ([`crate::rules::admins::Guard`]) may rely on of the store, as far as it
/// has loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct GuardFacts {
    /// The active admins, once the users and every role's members are in.
    pub admins: Option<HashSet<UserId>>,
    /// Whether the API users are known, so that they can be told from people.
    pub api_users_known: bool,
    /// Whether nothing is loading any more (done, or failed).
    pub settled: bool,
}

#[derive(Clone, Copy)]
pub struct People {
    /// Each user in an `Arc` that a change replaces, so lists remake only the rows of users that
    /// changed (`rules::rows`).
    pub users: RwSignal<HashMap<UserId, Arc<User>>>,
    pages: StoredValue<PagedList<()>>,
    pub state: RwSignal<LoadState>,
    /// Counts the clears: pages of a load started before one (another session's) are dropped.
    generation: StoredValue<u64>,
    /// Every role, archived ones included.
    pub roles: RwSignal<Vec<Role>>,
    /// Each user's role, from every role's members.
    pub role_of: RwSignal<HashMap<UserId, RoleId>>,
    /// The API users among the users.
    pub api_users: RwSignal<HashSet<UserId>>,
    /// Why `GET /apiusers` failed, if it did: then nobody can be told from an API user.
    pub api_users_failed: RwSignal<Option<ApiError>>,
    pub roles_state: RwSignal<LoadState>,
}

impl People {
    pub fn new() -> People {
        People {
            users: RwSignal::new(HashMap::new()),
            pages: StoredValue::new(PagedList::default()),
            state: RwSignal::new(LoadState::Idle),
            generation: StoredValue::new(0),
            roles: RwSignal::new(Vec::new()),
            role_of: RwSignal::new(HashMap::new()),
            api_users: RwSignal::new(HashSet::new()),
            api_users_failed: RwSignal::new(None),
            roles_state: RwSignal::new(LoadState::Idle),
        }
    }

    /// Forgets everything (sign-out, or another account).
    pub fn clear(&self) {
        self.generation.update_value(|g| *g += 1);
        self.users.set(HashMap::new());
        self.pages.set_value(PagedList::default());
        self.state.set(LoadState::Idle);
        self.roles.set(Vec::new());
        self.role_of.set(HashMap::new());
        self.api_users.set(HashSet::new());
        self.api_users_failed.set(None);
        self.roles_state.set(LoadState::Idle);
    }

    /// After a failure, the next `ensure` or `ensure_roles` tries again (what loaded stays).
    pub fn retry(&self) {
        for state in [self.state, self.roles_state] {
            if matches!(state.get_untracked(), LoadState::Failed(_)) {
                state.set(LoadState::Idle);
            }
        }
        if self.api_users_failed.with_untracked(Option::is_some) {
            self.roles_state.set(LoadState::Idle);
        }
    }

    /// Marks a load as running, unless one is running or done; then `Some` of a check that answers
    /// whether this store still holds the same session's data (a sign-out or hand-over clears it).
    fn begin(&self, state: RwSignal<LoadState>) -> Option<impl Fn() -> bool + Copy + 'static> {
        if matches!(state.get_untracked(), LoadState::Loading | LoadState::Done) {
            return None;
        }
        state.set(LoadState::Loading);
        let (generation, now) = (self.generation, self.generation.get_value());
        Some(move || generation.try_get_value() == Some(now))
    }

    /// Loads every role with its members (archived ones too) and the API users, unless that is
    /// running or done. Roles load a few at a time, each with all its pages.
    pub fn ensure_roles(&self, client: Client) {
        let Some(current) = self.begin(self.roles_state) else { return };
        let this = *self;
        spawn_local(async move {
            let result = async {
                let roles = client.roles(true).await?;
                let loads = futures_util::stream::iter(roles.iter().map(|r| r.id.clone()))
                    .map(|id| {
                        let client = client.clone();
                        async move {
                            let mut members = Vec::new();
                            let list = PagedList::<()>::default();
                            client.role_members(&id, true, &list, |_, items, _| members.extend(items)).await?;
                            Ok::<_, ApiError>((id, members))
                        }
                    })
                    .buffer_unordered(CONCURRENCY)
                    .collect::<Vec<_>>()
                    .await;
                let mut role_of = HashMap::new();
                for load in loads {
                    let (id, members) = load?;
                    role_of.extend(members.into_iter().map(|m| (m.user_id, id.clone())));
                }
                // Without them, nobody can be told from an API user: the screens say so, and bulk
                // changes leave everyone out rather than take an API user for a person.
                let api_users = client.api_users().await.map(|a| a.into_iter().map(|u| u.id).collect::<HashSet<_>>());
                Ok::<_, ApiError>((roles, role_of, api_users))
            }
            .await;
            if !current() {
                return;
            }
            match result {
                Ok((roles, role_of, api_users)) => {
                    this.roles.try_set(roles);
                    this.role_of.try_set(role_of);
                    match api_users {
                        Ok(a) => {
                            this.api_users.try_set(a);
                            this.api_users_failed.try_set(None);
                        }
                        Err(e) => {
                            this.api_users_failed.try_set(Some(e));
                        }
                    }
                    this.roles_state.try_set(LoadState::Done);
                }
                Err(e) => {
                    this.roles_state.try_set(LoadState::Failed(e));
                }
            }
        });
    }

    /// Makes `change` to `user` at awork and, once awork confirms it, here. A team change needs
    /// the team (`team`, its name and colour for the lists). Deactivating tells what awork did with
    /// the person's private projects.
    pub async fn apply(
        self,
        client: Client,
        user: UserId,
        change: Change,
        team: Option<TeamRef>,
    ) -> Result<Option<DeactivationSummary>, ApiError> {
        match &change {
            Change::Role(role) => {
                client.move_user(&user, role).await?;
                self.moved(&user, role);
            }
            Change::Deactivate => {
                let summary = client.deactivate(&user).await?;
                self.set_deactivated(&user, true);
                return Ok(Some(summary));
            }
            Change::Reactivate => {
                client.activate(&user).await?;
                self.set_deactivated(&user, false);
            }
            Change::AddToTeam(id) | Change::RemoveFromTeam(id) => {
                let add = matches!(change, Change::AddToTeam(_));
                let users = [user.clone()];
                if add {
                    client.add_to_team(id, &users).await?;
                } else {
                    client.remove_from_team(id, &users).await?;
                }
                let team = team.unwrap_or(TeamRef { id: Some(id.clone()), ..Default::default() });
                self.set_team(&user, &team, add);
            }
        }
        Ok(None)
    }

    /// A user changed (awork confirmed it): `change` is applied to the cached record.
    pub fn update_user(&self, id: &UserId, change: impl FnOnce(&mut User)) {
        self.users.try_update(|m| {
            if let Some(u) = m.get_mut(id) {
                change(Arc::make_mut(u));
            }
        });
    }

    /// awork moved `user` to `role` (or invited them into it).
    pub fn moved(&self, user: &UserId, role: &RoleId) {
        self.role_of.try_update(|m| {
            m.insert(user.clone(), role.clone());
        });
    }

    /// awork deactivated (`true`) or reactivated a user.
    pub fn set_deactivated(&self, user: &UserId, on: bool) {
        self.update_user(user, |u| {
            u.is_deactivated = on;
            u.status.is_deactivated = on;
        });
    }

    /// awork added a user to a team (`Some`) or removed them from `team` (`None` for the ref).
    pub fn set_team(&self, user: &UserId, team: &TeamRef, member: bool) {
        self.update_user(user, |u| {
            u.teams.retain(|t| t.id != team.id);
            if member {
                u.teams.push(team.clone());
            }
        });
    }

    /// Loads what is missing, unless a load is running or everything is there.
    pub fn ensure(&self, client: Client) {
        let Some(current) = self.begin(self.state) else { return };
        let this = *self;
        spawn_local(async move {
            let list = this.pages.get_value();
            let result = client
                .users(&list, |page, items, total| {
                    if current() {
                        this.pages.update_value(|p| p.insert(page, vec![(); items.len()], total));
                        this.users.try_update(|m| m.extend(items.into_iter().map(|u| (u.id.clone(), Arc::new(u)))));
                    }
                })
                .await;
            if !current() {
                return;
            }
            let complete = this.pages.with_value(|p| p.is_complete());
            this.state.try_set(match result {
                Ok(()) if complete => LoadState::Done,
                Ok(()) => LoadState::Idle,
                Err(e) => LoadState::Failed(e),
            });
        });
    }

    /// What the admin guard may rely on now (tracked).
    pub fn guard_facts(&self) -> GuardFacts {
        let (users, roles) = (self.state.get(), self.roles_state.get());
        let loading = |s: &LoadState| matches!(s, LoadState::Idle | LoadState::Loading);
        let known = users == LoadState::Done && roles == LoadState::Done;
        GuardFacts {
            admins: known
                .then(|| self.users.with(|u| self.role_of.with(|r| self.roles.with(|x| active_admins(u, r, x))))),
            api_users_known: known && self.api_users_failed.with(Option::is_none),
            settled: !loading(&users) && !loading(&roles),
        }
    }

    /// Adds or replaces a user (after an invitation), so lists update without a reload.
    pub fn upsert(&self, user: User) {
        self.users.update(|m| {
            m.insert(user.id.clone(), Arc::new(user));
        });
    }
}

impl Default for People {
    fn default() -> Self {
        People::new()
    }
}
