//! The workspace's people (`GET /users`, every page, archived included), loaded once per session
//! and shared by every screen that shows users by name. One request per 1000 users: for a role
//! of 10,000 members that is 11 requests, where looking members up by id (`filterby=id in (…)`,
//! about 100 ids per URL) would take 100.

use crate::api::models::{User, UserId};
use crate::api::paging::PagedList;
use crate::api::{ApiError, Client};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Idle,
    Loading,
    Done,
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct People {
    pub users: RwSignal<HashMap<UserId, User>>,
    pages: StoredValue<PagedList<()>>,
    pub state: RwSignal<LoadState>,
    /// Counts the clears: pages of a load started before one (another session's) are dropped.
    generation: StoredValue<u64>,
}

impl People {
    pub fn new() -> People {
        People {
            users: RwSignal::new(HashMap::new()),
            pages: StoredValue::new(PagedList::default()),
            state: RwSignal::new(LoadState::Idle),
            generation: StoredValue::new(0),
        }
    }

    /// Forgets everything (sign-out, or another account).
    pub fn clear(&self) {
        self.generation.update_value(|g| *g += 1);
        self.users.set(HashMap::new());
        self.pages.set_value(PagedList::default());
        self.state.set(LoadState::Idle);
    }

    /// Loads what is missing, unless a load is running or everything is there.
    pub fn ensure(&self, client: Client) {
        if matches!(self.state.get_untracked(), LoadState::Loading | LoadState::Done) {
            return;
        }
        self.state.set(LoadState::Loading);
        let this = *self;
        let generation = self.generation.get_value();
        let current = move || this.generation.try_get_value() == Some(generation);
        spawn_local(async move {
            let list = this.pages.get_value();
            let result = client
                .users(&list, |page, items, total| {
                    if current() {
                        this.pages.update_value(|p| p.insert(page, vec![(); items.len()], total));
                        this.users.try_update(|m| m.extend(items.into_iter().map(|u| (u.id.clone(), u))));
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

    /// Adds or replaces a user (after an invitation), so lists update without a reload.
    pub fn upsert(&self, user: User) {
        self.users.update(|m| {
            m.insert(user.id.clone(), user);
        });
    }
}

impl Default for People {
    fn default() -> Self {
        People::new()
    }
}
