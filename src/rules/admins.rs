//! Who the admins are, and what a change does to admin rights: the guard that keeps the workspace
//! with an active admin (awork: "at least one user needs to remain in the admin role", and the
//! last admin cannot be deactivated) and the signed-in admin from locking themself out. It fails
//! closed: until the roles and their members are known, nothing that touches admin rights goes.

use super::people::{Change, PersonRow};
use crate::api::models::{Role, RoleId, User, UserId};
use crate::i18n::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The admins who hold the workspace: in an admin role, neither deactivated nor archived, and
/// signed up (an invitation never accepted keeps nobody's workspace running).
pub fn active_admins(
    users: &HashMap<UserId, Arc<User>>,
    role_of: &HashMap<UserId, RoleId>,
    roles: &[Role],
) -> HashSet<UserId> {
    role_of
        .iter()
        .filter(|(_, r)| is_admin_role(roles, r))
        .filter(|(u, _)| {
            users.get(*u).is_some_and(|u| {
                !u.is_archived && !u.is_deactivated && !u.status.is_deactivated && u.status.invitation_accepted
            })
        })
        .map(|(u, _)| u.clone())
        .collect()
}

fn is_admin_role(roles: &[Role], id: &RoleId) -> bool {
    roles.iter().any(|r| &r.id == id && r.is_admin_role)
}

/// What a change does to one person's admin rights.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminEffect {
    None,
    Grants,
    Removes,
}

/// What `change` does to the admin rights of the person in `row`.
fn admin_effect(change: &Change, row: &PersonRow, roles: &[Role]) -> AdminEffect {
    match change {
        Change::Role(to) => match (row.admin, is_admin_role(roles, to)) {
            (false, true) => AdminEffect::Grants,
            (true, false) => AdminEffect::Removes,
            _ => AdminEffect::None,
        },
        Change::Deactivate if row.admin => AdminEffect::Removes,
        _ => AdminEffect::None,
    }
}

/// Whether a change may touch anyone's admin rights, and so waits until the admins are known.
fn touches_admins(change: &Change) -> bool {
    matches!(change, Change::Role(_) | Change::Deactivate)
}

/// Whether `change` for the people `who` would leave the workspace without an active admin.
/// `admins` are the active ones ([`active_admins`]).
pub fn leaves_no_admin(change: &Change, who: &HashSet<UserId>, admins: &HashSet<UserId>, roles: &[Role]) -> bool {
    let takes_admin_away = match change {
        Change::Deactivate => true,
        Change::Role(r) => !is_admin_role(roles, r),
        _ => false,
    };
    takes_admin_away && !admins.is_empty() && admins.iter().all(|a| who.contains(a))
}

/// Why a change is not made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// People, roles or API users are still loading: a bulk change waits for all of them.
    StillLoading,
    /// The roles and their members failed to load (or name no active admin, or who is signed in
    /// is not known yet): who the admins are is unknown.
    AdminsUnknown,
    /// It would leave no active admin.
    NoAdminLeft,
    /// It would lock the signed-in admin out of their own account.
    Yourself,
}

impl Refusal {
    /// One sentence for the admin (a text to translate), as a bulk change says it.
    pub fn text(self) -> &'static str {
        match self {
            Refusal::StillLoading => {
                k("The people, their roles and the API users are still loading: changes to a selection wait until they are all in.")
            }
            Refusal::AdminsUnknown => {
                k("Who the admins are is not known yet, so changes that touch admin rights wait until the roles have loaded.")
            }
            Refusal::NoAdminLeft => {
                k("This would leave the workspace without an active admin, which awork refuses. Keep at least one admin out of the selection.")
            }
            Refusal::Yourself => k("You cannot deactivate your own account here: you would be locked out."),
        }
    }
}

/// A bulk change as it will be sent: to whom, and who is left out and why.
#[derive(Debug, Clone, PartialEq)]
pub struct BulkPlan {
    pub todo: Vec<PersonRow>,
    /// Already as asked, archived, or API users.
    pub unchanged: usize,
    /// The signed-in admin, left out: the change would take their admin rights or lock them out.
    pub yourself: bool,
    /// Left out because the API users are unknown: nobody can be told from one.
    pub unclassified: usize,
    /// Of `todo`, how many get admin rights, and how many lose them.
    pub grants: usize,
    pub removes: usize,
}

/// What the guard knows.
#[derive(Debug, Clone, Copy)]
pub struct Guard<'a> {
    /// The signed-in account.
    pub me: Option<&'a UserId>,
    /// The active admins; `None` while the roles and their members are not known.
    pub admins: Option<&'a HashSet<UserId>>,
    pub roles: &'a [Role],
    /// Whether `GET /apiusers` answered, so that API users can be told from people.
    pub api_users_known: bool,
    /// Whether everything a bulk change is planned from has loaded (or failed): the users, the
    /// roles with their members, the API users.
    pub settled: bool,
}

impl Guard<'_> {
    /// The active admins, as far as a change that touches admin rights may rely on them: not
    /// while unknown, not when no active admin shows (the data cannot be right: every workspace
    /// has one), not while who is signed in is unknown (they could not be left out).
    fn admins_for(&self, change: &Change) -> Result<Option<&HashSet<UserId>>, Refusal> {
        if !touches_admins(change) {
            return Ok(self.admins);
        }
        match self.admins {
            Some(a) if !a.is_empty() && self.me.is_some() => Ok(Some(a)),
            _ => Err(Refusal::AdminsUnknown),
        }
    }

    /// The plan of `change` for the people in `rows`, or why it is not made at all.
    pub fn plan<'r>(
        &self,
        change: &Change,
        rows: impl IntoIterator<Item = &'r PersonRow>,
    ) -> Result<BulkPlan, Refusal> {
        if !self.settled {
            return Err(Refusal::StillLoading);
        }
        let admins = self.admins_for(change)?;
        let mut plan =
            BulkPlan { todo: Vec::new(), unchanged: 0, yourself: false, unclassified: 0, grants: 0, removes: 0 };
        for row in rows {
            let effect = admin_effect(change, row, self.roles);
            if !change.applies(row) {
                plan.unchanged += 1;
            } else if !self.api_users_known {
                plan.unclassified += 1;
            } else if self.me == Some(&row.user_id) && (*change == Change::Deactivate || effect == AdminEffect::Removes)
            {
                plan.yourself = true;
            } else {
                plan.grants += usize::from(effect == AdminEffect::Grants);
                plan.removes += usize::from(effect == AdminEffect::Removes);
                plan.todo.push(row.clone());
            }
        }
        let who: HashSet<UserId> = plan.todo.iter().map(|r| r.user_id.clone()).collect();
        if admins.is_some_and(|a| leaves_no_admin(change, &who, a, self.roles)) {
            return Err(Refusal::NoAdminLeft);
        }
        Ok(plan)
    }

    /// Whether `change` for the one person in `row` goes: `Ok` with what it does to admin rights
    /// (a change that grants or removes them asks first), or why not. Unlike a bulk change, the
    /// signed-in admin may move themself out of the admin role, after being asked.
    pub fn single(&self, change: &Change, row: &PersonRow) -> Result<AdminEffect, Refusal> {
        if self.me == Some(&row.user_id) && *change == Change::Deactivate {
            return Err(Refusal::Yourself);
        }
        let admins = self.admins_for(change)?;
        let who: HashSet<UserId> = [row.user_id.clone()].into();
        if admins.is_some_and(|a| leaves_no_admin(change, &who, a, self.roles)) {
            return Err(Refusal::NoAdminLeft);
        }
        Ok(admin_effect(change, row, self.roles))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::UserStatus;
    use crate::i18n::Lang;
    use crate::rules::people::{people_rows, PersonRows};

    fn role(id: &str, admin: bool) -> Role {
        Role { id: RoleId(id.into()), name: Some(id.into()), is_admin_role: admin, ..Default::default() }
    }

    fn roles() -> Vec<Role> {
        vec![role("admin", true), role("member", false)]
    }

    fn id(s: &str) -> UserId {
        UserId(s.into())
    }

    /// Ada (admin, signed in), Bo (admin), Cy (admin, deactivated), Dee (admin, invited, never
    /// joined), Eve (member).
    fn workspace() -> (HashMap<UserId, Arc<User>>, HashMap<UserId, RoleId>) {
        let user = |uid: &str, f: &dyn Fn(&mut User)| {
            let mut u = User {
                id: id(uid),
                first_name: Some(uid.into()),
                status: UserStatus { invitation_accepted: true, is_deactivated: false },
                ..Default::default()
            };
            f(&mut u);
            (id(uid), Arc::new(u))
        };
        let users = [
            user("ada", &|_| {}),
            user("bo", &|_| {}),
            user("cy", &|u| u.is_deactivated = true),
            user("dee", &|u| u.status.invitation_accepted = false),
            user("eve", &|_| {}),
        ]
        .into_iter()
        .collect();
        let role_of = [("ada", "admin"), ("bo", "admin"), ("cy", "admin"), ("dee", "admin"), ("eve", "member")]
            .into_iter()
            .map(|(u, r)| (id(u), RoleId(r.into())))
            .collect();
        (users, role_of)
    }

    fn rows() -> Vec<Arc<PersonRow>> {
        let (users, role_of) = workspace();
        people_rows(&users, &role_of, &roles(), &HashSet::new(), Lang::En, &mut PersonRows::default())
    }

    fn names(plan: &BulkPlan) -> Vec<String> {
        let mut v: Vec<String> = plan.todo.iter().map(|r| r.user_id.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn only_signed_up_active_admins_hold_the_workspace() {
        let (users, role_of) = workspace();
        assert_eq!(active_admins(&users, &role_of, &roles()), [id("ada"), id("bo")].into());
    }

    #[test]
    fn the_signed_in_admin_is_left_out_of_what_would_lock_them_out() {
        let (users, role_of) = workspace();
        let admins = active_admins(&users, &role_of, &roles());
        let me = id("ada");
        let guard =
            Guard { me: Some(&me), admins: Some(&admins), roles: &roles(), api_users_known: true, settled: true };
        let all = rows();
        let demote = guard.plan(&Change::Role(RoleId("member".into())), all.iter().map(|r| &**r)).unwrap();
        assert!(demote.yourself);
        assert_eq!(names(&demote), ["bo", "cy", "dee"]);
        assert_eq!((demote.removes, demote.unchanged), (3, 1));
        let off = guard.plan(&Change::Deactivate, all.iter().map(|r| &**r)).unwrap();
        assert!(off.yourself && !names(&off).contains(&"ada".to_string()));
        let promote = guard.plan(&Change::Role(RoleId("admin".into())), all.iter().map(|r| &**r)).unwrap();
        assert_eq!((names(&promote), promote.grants, promote.yourself), (vec!["eve".to_string()], 1, false));
        let team = guard.plan(&Change::AddToTeam(crate::api::models::TeamId("t".into())), all.iter().map(|r| &**r));
        assert!(team.unwrap().todo.iter().any(|r| r.user_id == me), "a team change touches nobody's rights");
    }

    #[test]
    fn the_guard_fails_closed_while_the_admins_are_unknown() {
        let all = rows();
        let me = id("ada");
        let guard = Guard { me: Some(&me), admins: None, roles: &roles(), api_users_known: true, settled: true };
        let each = || all.iter().map(|r| &**r);
        let bo = all.iter().find(|r| r.user_id == id("bo")).unwrap();
        assert_eq!(guard.plan(&Change::Deactivate, each()), Err(Refusal::AdminsUnknown));
        assert_eq!(guard.plan(&Change::Role(RoleId("admin".into())), each()), Err(Refusal::AdminsUnknown));
        assert!(guard.plan(&Change::Reactivate, each()).is_ok());
        assert_eq!(guard.single(&Change::Deactivate, bo), Err(Refusal::AdminsUnknown));
        // Known, but nobody shows as an active admin: the data cannot be right.
        let nobody = HashSet::new();
        let empty = Guard { admins: Some(&nobody), ..guard };
        assert_eq!(empty.plan(&Change::Deactivate, each()), Err(Refusal::AdminsUnknown));
        // Who is signed in is not known: they could not be left out.
        let (users, role_of) = workspace();
        let admins = active_admins(&users, &role_of, &roles());
        let anonymous = Guard { me: None, admins: Some(&admins), ..guard };
        assert_eq!(anonymous.plan(&Change::Role(RoleId("member".into())), each()), Err(Refusal::AdminsUnknown));
        // Still loading: no bulk change at all, a team change included.
        let loading = Guard { settled: false, admins: Some(&admins), ..guard };
        let team = Change::AddToTeam(crate::api::models::TeamId("t".into()));
        assert_eq!(loading.plan(&team, each()), Err(Refusal::StillLoading));
    }

    #[test]
    fn the_last_active_admin_stays_whoever_is_signed_in() {
        let (users, role_of) = workspace();
        let admins = active_admins(&users, &role_of, &roles());
        let all = rows();
        let row = |uid: &str| all.iter().find(|r| r.user_id == id(uid)).unwrap().clone();
        // Signed in as a non-admin who may change roles: Ada and Bo are the only active admins.
        let me = id("eve");
        let guard =
            Guard { me: Some(&me), admins: Some(&admins), roles: &roles(), api_users_known: true, settled: true };
        let both = [row("ada"), row("bo"), row("dee")];
        assert_eq!(guard.plan(&Change::Deactivate, both.iter().map(|r| &**r)), Err(Refusal::NoAdminLeft));
        let one = [row("bo"), row("dee")];
        assert!(guard.plan(&Change::Deactivate, one.iter().map(|r| &**r)).is_ok(), "Dee never joined: Ada stays");
        assert_eq!(guard.single(&Change::Role(RoleId("admin".into())), &row("eve")), Ok(AdminEffect::Grants));
        assert_eq!(guard.single(&Change::Role(RoleId("member".into())), &row("bo")), Ok(AdminEffect::Removes));
        let solo: HashSet<UserId> = [id("ada")].into();
        let guard = Guard { admins: Some(&solo), ..guard };
        assert_eq!(guard.single(&Change::Deactivate, &row("ada")), Err(Refusal::NoAdminLeft));
        assert_eq!(guard.single(&Change::Role(RoleId("member".into())), &row("ada")), Err(Refusal::NoAdminLeft));
    }

    #[test]
    fn the_signed_in_admin_cannot_deactivate_themself_but_may_step_down_when_asked() {
        let (users, role_of) = workspace();
        let admins = active_admins(&users, &role_of, &roles());
        let all = rows();
        let ada = all.iter().find(|r| r.user_id == id("ada")).unwrap();
        let me = id("ada");
        let guard =
            Guard { me: Some(&me), admins: Some(&admins), roles: &roles(), api_users_known: true, settled: true };
        assert_eq!(guard.single(&Change::Deactivate, ada), Err(Refusal::Yourself));
        assert_eq!(guard.single(&Change::Role(RoleId("member".into())), ada), Ok(AdminEffect::Removes));
    }

    #[test]
    fn without_the_api_users_nobody_is_changed_in_bulk() {
        let (users, role_of) = workspace();
        let admins = active_admins(&users, &role_of, &roles());
        let all = rows();
        let guard = Guard { me: None, admins: Some(&admins), roles: &roles(), api_users_known: false, settled: true };
        let plan = guard.plan(&Change::Reactivate, all.iter().map(|r| &**r)).unwrap();
        assert_eq!((plan.todo.len(), plan.unclassified, plan.unchanged), (0, 1, 4));
    }
}
