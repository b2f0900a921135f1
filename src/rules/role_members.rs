//! Role members as people: joining `UserInRole` with users, search, sort, counts, CSV, and which
//! rows of a long list are on screen. Plain functions; the role screen only renders their answers.

use super::rows::RowCache;
use crate::api::models::{User, UserId, UserInRole};
use crate::format::{full_name, initials, lowercase};
use crate::i18n::prelude::*;
use crate::i18n::Lang;
use std::collections::HashMap;
use std::sync::Arc;

/// One member as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub user_id: UserId,
    pub name: String,
    pub initials: String,
    pub email: Option<String>,
    pub position: Option<String>,
    pub teams: Vec<String>,
    pub deactivated: bool,
    pub archived: bool,
    pub external: bool,
    pub has_image: bool,
    /// The user record could not be loaded: only the id is known.
    pub missing: bool,
    /// Lower-case name and email, for search.
    search: String,
}

impl MemberRow {
    pub fn status(&self) -> &'static str {
        if self.missing {
            "unknown"
        } else if self.archived {
            "archived"
        } else if self.deactivated {
            "deactivated"
        } else {
            "active"
        }
    }

    /// The row's badges; `users_pending` while the users are still loading (no "not available" yet).
    pub fn badges(&self, users_pending: bool) -> Vec<(&'static str, &'static str)> {
        super::badges_where(&[
            (self.missing && !users_pending, k("User record not available"), "warning"),
            (self.deactivated, k("Deactivated"), "warning"),
            (self.archived, k("Archived"), "muted"),
            (self.external, k("External"), "neutral"),
        ])
    }

    fn status_rank(&self) -> u8 {
        match self.status() {
            "active" => 0,
            "deactivated" => 1,
            "archived" => 2,
            _ => 3,
        }
    }
}

/// Joins one member with its user record, if there is one.
pub fn member_row(member: &UserInRole, user: Option<&User>) -> MemberRow {
    match user {
        Some(u) => {
            let name = full_name(&None, &u.first_name, &u.last_name);
            let email = u.email().map(str::to_string);
            let search = lowercase(&format!("{} {}", name, email.as_deref().unwrap_or("")));
            MemberRow {
                user_id: member.user_id.clone(),
                initials: initials(&u.first_name, &u.last_name),
                name,
                email,
                position: u.position.clone().filter(|p| !p.trim().is_empty()),
                teams: u.teams.iter().filter_map(|t| t.name.clone()).filter(|n| !n.trim().is_empty()).collect(),
                deactivated: member.is_deactivated || u.is_deactivated || u.status.is_deactivated,
                archived: u.is_archived,
                external: u.is_external,
                has_image: u.has_image,
                missing: false,
                search,
            }
        }
        None => MemberRow {
            user_id: member.user_id.clone(),
            name: tf("User {id}", &[("id", &member.user_id)]),
            initials: "?".into(),
            email: None,
            position: None,
            teams: vec![],
            deactivated: member.is_deactivated,
            archived: false,
            external: false,
            has_image: false,
            missing: true,
            search: lowercase(member.user_id.as_str()),
        },
    }
}

/// The rows of a role's members, kept between joins: a row depends on its user, the member's own
/// deactivated flag and, for a missing user, the language.
pub type MemberRows = RowCache<Lang, bool, MemberRow>;

/// Every member, joined; members whose user is not (yet) known come with `missing`. Rows of
/// members and users that did not change since the last join come from `rows`.
pub fn join<'a>(
    members: impl Iterator<Item = &'a UserInRole>,
    users: &HashMap<UserId, Arc<User>>,
    lang: Lang,
    rows: &mut MemberRows,
) -> Vec<Arc<MemberRow>> {
    rows.begin(lang);
    let out = members
        .map(|m| {
            let user = users.get(&m.user_id);
            rows.row(&m.user_id, user, m.is_deactivated, || member_row(m, user.map(|u| &**u)))
        })
        .collect();
    rows.end();
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Status,
}

impl SortKey {
    pub fn parse(s: &str) -> SortKey {
        if s == "status" {
            SortKey::Status
        } else {
            SortKey::Name
        }
    }
}

/// Indices of the rows that match `query` (name or email, case-insensitive, every word), sorted.
pub fn visible(rows: &[Arc<MemberRow>], query: &str, sort: SortKey) -> Vec<usize> {
    let words: Vec<String> = query.split_whitespace().map(lowercase).collect();
    let mut out: Vec<usize> =
        (0..rows.len()).filter(|&i| words.iter().all(|w| rows[i].search.contains(w.as_str()))).collect();
    let by_name = |a: &MemberRow, b: &MemberRow| {
        a.missing.cmp(&b.missing).then_with(|| a.search.cmp(&b.search)).then_with(|| a.user_id.cmp(&b.user_id))
    };
    match sort {
        SortKey::Name => super::sort_rows(&mut out, &|a, b| by_name(&rows[a], &rows[b])),
        SortKey::Status => super::sort_rows(&mut out, &|a, b| {
            rows[a].status_rank().cmp(&rows[b].status_rank()).then_with(|| by_name(&rows[a], &rows[b]))
        }),
    }
    out
}

/// "312 members, 4 deactivated".
pub fn count_label(rows: &[Arc<MemberRow>]) -> String {
    let total = rows.len();
    let deactivated = rows.iter().filter(|r| r.deactivated).count();
    let members = if total == 1 { t("1 member").to_string() } else { tf("{n} members", &[("n", &number(total))]) };
    if deactivated > 0 {
        tf("{members}, {n} deactivated", &[("members", &members), ("n", &number(deactivated))])
    } else {
        members
    }
}

/// "1,000 of 10,000".
pub fn progress_label(loaded: usize, total: usize) -> String {
    tf("{loaded} of {total}", &[("loaded", &number(loaded)), ("total", &number(total))])
}

/// The file name of a role's CSV export: `project-manager-members.csv`.
pub fn csv_filename(role: &str) -> String {
    let slug: String = role.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let slug = slug.trim_matches('-').to_string();
    format!("{}-members.csv", if slug.is_empty() { "role".into() } else { slug })
}

/// The rows as CSV: name, email, position, status.
pub fn members_csv<'a>(rows: impl Iterator<Item = &'a MemberRow>) -> String {
    let mut out = super::csv::line(&["name", "email", "position", "status"]);
    for r in rows {
        let fields =
            [r.name.as_str(), r.email.as_deref().unwrap_or(""), r.position.as_deref().unwrap_or(""), r.status()];
        out.push_str(&super::csv::line(&fields));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::ContactInfo;

    fn user(id: &str, first: &str, last: &str, email: &str) -> User {
        User {
            id: UserId(id.into()),
            first_name: Some(first.into()),
            last_name: Some(last.into()),
            user_contact_infos: vec![ContactInfo {
                kind: Some("email".into()),
                value: Some(email.into()),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn member(id: &str, deactivated: bool) -> UserInRole {
        UserInRole { user_id: UserId(id.into()), role_id: None, is_deactivated: deactivated }
    }

    fn rows() -> Vec<Arc<MemberRow>> {
        let mut users = HashMap::new();
        for u in [user("1", "Zoe", "Adams", "zoe@x.example"), user("2", "anna", "Berg", "anna@y.example")] {
            users.insert(u.id.clone(), Arc::new(u));
        }
        let mut archived = user("3", "Carl", "Cole", "carl@x.example");
        archived.is_archived = true;
        users.insert(archived.id.clone(), Arc::new(archived));
        let members = [member("1", false), member("2", true), member("3", false), member("404", false)];
        join(members.iter(), &users, Lang::En, &mut MemberRows::default())
    }

    #[test]
    fn joining_again_remakes_only_what_changed() {
        let mut users = HashMap::new();
        let zoe = Arc::new(user("1", "Zoe", "Adams", "zoe@x.example"));
        users.insert(zoe.id.clone(), zoe.clone());
        let members = [member("1", false), member("2", false)];
        let mut cache = MemberRows::default();
        let first = join(members.iter(), &users, Lang::En, &mut cache);
        assert!(first[1].missing);
        // User 2 arrives; Zoe's record is the same.
        users.insert(UserId("2".into()), Arc::new(user("2", "Bo", "Berg", "bo@x.example")));
        let second = join(members.iter(), &users, Lang::En, &mut cache);
        assert!(Arc::ptr_eq(&first[0], &second[0]));
        assert_eq!(second[1].name, "Bo Berg");
        // Zoe changes (the store replaces her record), and her membership is deactivated.
        users.insert(zoe.id.clone(), Arc::new(User { position: Some("Lead".into()), ..(*zoe).clone() }));
        let third = join([member("1", true), member("2", false)].iter(), &users, Lang::En, &mut cache);
        assert_eq!(third[0].position.as_deref(), Some("Lead"));
        assert!(third[0].deactivated);
        assert!(Arc::ptr_eq(&second[1], &third[1]));
    }

    #[test]
    fn members_become_people_and_unknown_users_still_show() {
        let r = rows();
        assert_eq!(r[0].name, "Zoe Adams");
        assert_eq!(r[0].email.as_deref(), Some("zoe@x.example"));
        assert_eq!(r[1].status(), "deactivated");
        assert_eq!(r[2].status(), "archived");
        assert!(r[3].missing);
        assert_eq!(r[3].badges(false), [("User record not available", "warning")]);
        assert!(r[3].badges(true).is_empty());
        assert_eq!(r[1].badges(false), [("Deactivated", "warning")]);
        assert_eq!(r[3].name, "User 404");
        assert_eq!(r[3].status(), "unknown");
    }

    #[test]
    fn search_and_sort() {
        let r = rows();
        let names = |idx: Vec<usize>| idx.into_iter().map(|i| r[i].name.clone()).collect::<Vec<_>>();
        assert_eq!(names(visible(&r, "", SortKey::Name)), ["anna Berg", "Carl Cole", "Zoe Adams", "User 404"]);
        assert_eq!(names(visible(&r, "X.EXAMPLE", SortKey::Name)), ["Carl Cole", "Zoe Adams"]);
        assert_eq!(names(visible(&r, "zoe adams", SortKey::Name)), ["Zoe Adams"]);
        assert_eq!(names(visible(&r, "", SortKey::Status)), ["Zoe Adams", "anna Berg", "Carl Cole", "User 404"]);
        assert_eq!(names(visible(&r, "404", SortKey::Name)), ["User 404"]);
    }

    #[test]
    fn counts_read_naturally() {
        let r = rows();
        assert_eq!(count_label(&r), "4 members, 1 deactivated");
        assert_eq!(count_label(&r[..1]), "1 member");
        assert_eq!(progress_label(1000, 10_000), "1,000 of 10,000");
    }

    #[test]
    fn csv_escapes_and_defuses_formulas() {
        let mut r = rows();
        Arc::make_mut(&mut r[0]).position = Some("Lead, \"Ops\"".into());
        Arc::make_mut(&mut r[1]).name = "=HYPERLINK(\"x\")".into();
        let csv = members_csv(r.iter().take(2).map(|r| &**r));
        assert_eq!(
            csv,
            "\"name\",\"email\",\"position\",\"status\"\r\n\
             \"Zoe Adams\",\"zoe@x.example\",\"Lead, \"\"Ops\"\"\",\"active\"\r\n\
             \"'=HYPERLINK(\"\"x\"\")\",\"anna@y.example\",\"\",\"deactivated\"\r\n"
        );
    }

    #[test]
    fn csv_files_are_named_after_the_role() {
        assert_eq!(csv_filename("Project Manager"), "project-manager-members.csv");
        assert_eq!(csv_filename("../../"), "role-members.csv");
    }
}
