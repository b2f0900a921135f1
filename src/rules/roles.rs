//! The roles screen: a role's name and badges, and how a member count reads.

use super::badges_where;
use crate::api::models::Role;
use crate::i18n::prelude::*;

/// The badges a role carries, in display order.
pub fn role_badges(r: &Role) -> Vec<(&'static str, &'static str)> {
    badges_where(&[
        (r.is_admin_role, k("Admin"), "accent"),
        (r.is_guest_role, k("Guest"), "neutral"),
        (r.is_agent_role, k("Agent"), "neutral"),
        (r.is_preset, k("Preset"), "neutral"),
        (r.is_archived, k("Archived"), "muted"),
    ])
}

pub fn role_name(r: &Role) -> String {
    r.name.clone().filter(|n| !n.trim().is_empty()).unwrap_or_else(|| t("Unnamed role").into())
}

/// "1 member", "1,200 members", or that the count is unknown.
pub fn member_count(n: Option<usize>) -> String {
    match n {
        Some(1) => t("1 member").into(),
        Some(n) => tf("{n} members", &[("n", &number(n))]),
        None => t("members unknown").into(),
    }
}

/// The active roles as (id, name) choices for a picker.
pub fn role_choices(roles: &[Role]) -> Vec<(String, String)> {
    roles.iter().filter(|r| !r.is_archived).map(|r| (r.id.to_string(), role_name(r))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::RoleId;

    #[test]
    fn roles_read_with_badges_names_and_counts() {
        let admin = Role { id: RoleId("a".into()), is_admin_role: true, is_preset: true, ..Default::default() };
        assert_eq!(role_badges(&admin), [("Admin", "accent"), ("Preset", "neutral")]);
        assert_eq!(role_name(&admin), "Unnamed role");
        let old = Role { id: RoleId("o".into()), name: Some("Old".into()), is_archived: true, ..Default::default() };
        assert_eq!(role_choices(&[admin, old]), [("a".to_string(), "Unnamed role".to_string())]);
        assert_eq!(member_count(Some(1)), "1 member");
        assert_eq!(member_count(None), "members unknown");
    }
}
