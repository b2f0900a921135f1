//! The people screen's decisions: everyone in the workspace as a row (role, teams, status), search,
//! filters that combine and count, sorting, what the address holds, the CSV, and which changes a
//! person or a selection may take (the account's permissions, awork's last-admin rule).

use super::rows::RowCache;
use crate::api::models::{Role, RoleId, TeamId, TeamRef, User, UserId, UserPermission};
use crate::format::{full_name, initials, lowercase};
use crate::i18n::prelude::*;
use crate::i18n::Lang;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Where a person stands, one of these at a time (archived wins, then deactivated, then a pending
/// invitation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Active,
    Pending,
    Deactivated,
    Archived,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Active => k("Active"),
            Status::Pending => k("Invitation pending"),
            Status::Deactivated => k("Deactivated"),
            Status::Archived => k("Archived"),
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Pending => "pending",
            Status::Deactivated => "deactivated",
            Status::Archived => "archived",
        }
    }
}

/// One person as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub user_id: UserId,
    pub name: String,
    pub initials: String,
    pub email: Option<String>,
    pub position: Option<String>,
    pub role: Option<RoleId>,
    pub role_name: Option<String>,
    /// In an admin role.
    pub admin: bool,
    pub teams: Vec<TeamRef>,
    pub status: Status,
    /// When the pending invitation was sent (`createdOn`).
    pub invited_on: Option<String>,
    pub external: bool,
    pub api_user: bool,
    pub has_image: bool,
    /// Lower-case name and email, for search.
    search: String,
}

impl PersonRow {
    /// Holds a licence and counts as an admin when in an admin role: neither deactivated nor
    /// archived.
    pub fn is_active(&self) -> bool {
        matches!(self.status, Status::Active | Status::Pending)
    }

    /// The row's badges beside its status.
    pub fn badges(&self) -> Vec<(&'static str, &'static str)> {
        super::badges_where(&[(self.api_user, k("API user"), "neutral"), (self.external, k("External"), "neutral")])
    }

    pub fn team_names(&self) -> String {
        self.teams.iter().filter_map(|t| t.name.clone()).collect::<Vec<_>>().join(", ")
    }
}

/// A user as a row, with their role (if known) and whether they are an API user.
pub fn person_row(user: &User, role: Option<&Role>, api_user: bool) -> PersonRow {
    let name = full_name(&None, &user.first_name, &user.last_name);
    let email = user.email().map(str::to_string);
    let status = if user.is_archived {
        Status::Archived
    } else if user.is_deactivated || user.status.is_deactivated {
        Status::Deactivated
    } else if !user.status.invitation_accepted {
        Status::Pending
    } else {
        Status::Active
    };
    PersonRow {
        user_id: user.id.clone(),
        initials: initials(&user.first_name, &user.last_name),
        search: lowercase(&format!("{} {}", name, email.as_deref().unwrap_or(""))),
        name,
        email,
        position: user.position.clone().filter(|p| !p.trim().is_empty()),
        role: role.map(|r| r.id.clone()),
        role_name: role.map(super::roles::role_name),
        admin: role.is_some_and(|r| r.is_admin_role),
        teams: user.teams.iter().filter(|t| t.id.is_some()).cloned().collect(),
        status,
        invited_on: (status == Status::Pending).then(|| user.created_on.clone()).flatten(),
        external: user.is_external,
        api_user,
        has_image: user.has_image,
    }
}

/// The rows of the people list, kept between passes: a row depends on its user, their role and
/// whether they are an API user; every row on the language and the roles (names, admin or not).
pub type PersonRows = RowCache<(Lang, Vec<Role>), (Option<RoleId>, bool), PersonRow>;

/// Every user as a row. Rows of users whose record, role and API flag did not change since the
/// last pass come from `rows`.
pub fn people_rows(
    users: &HashMap<UserId, Arc<User>>,
    role_of: &HashMap<UserId, RoleId>,
    roles: &[Role],
    api_users: &HashSet<UserId>,
    lang: Lang,
    rows: &mut PersonRows,
) -> Vec<Arc<PersonRow>> {
    let by_id: HashMap<&RoleId, &Role> = roles.iter().map(|r| (&r.id, r)).collect();
    rows.begin((lang, roles.to_vec()));
    let out = users
        .values()
        .map(|u| {
            let role_id = role_of.get(&u.id);
            let api_user = api_users.contains(&u.id);
            rows.row(&u.id, Some(u), (role_id.cloned(), api_user), || {
                person_row(u, role_id.and_then(|r| by_id.get(r).copied()), api_user)
            })
        })
        .collect();
    rows.end();
    out
}

/// The status filter's choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    Is(Status),
    External,
    ApiUser,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 6] = [
        StatusFilter::Is(Status::Active),
        StatusFilter::Is(Status::Pending),
        StatusFilter::Is(Status::Deactivated),
        StatusFilter::Is(Status::Archived),
        StatusFilter::External,
        StatusFilter::ApiUser,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StatusFilter::Is(s) => s.key(),
            StatusFilter::External => "external",
            StatusFilter::ApiUser => "api",
        }
    }

    pub fn parse(key: &str) -> Option<StatusFilter> {
        StatusFilter::ALL.into_iter().find(|f| f.key() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            StatusFilter::Is(s) => s.label(),
            StatusFilter::External => k("External"),
            StatusFilter::ApiUser => k("API user"),
        }
    }

    fn matches(self, row: &PersonRow) -> bool {
        match self {
            StatusFilter::Is(s) => row.status == s,
            StatusFilter::External => row.external,
            StatusFilter::ApiUser => row.api_user,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Name,
    Role,
    Status,
}

impl Sort {
    pub fn key(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Role => "role",
            Sort::Status => "status",
        }
    }

    pub fn parse(key: &str) -> Sort {
        [Sort::Role, Sort::Status].into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

/// Which people the screen shows, and in what order: what the address holds
/// (`#/people?q=ann&status=pending&role=…&team=…&sort=role`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleQuery {
    pub text: String,
    pub status: Option<StatusFilter>,
    pub role: Option<RoleId>,
    pub team: Option<TeamId>,
    pub sort: Sort,
}

impl PeopleQuery {
    /// Reads the part after `?` (unknown keys and values are ignored).
    pub fn parse(query: &str) -> PeopleQuery {
        let mut q = PeopleQuery::default();
        for (k, v) in crate::codec::parse_form(query) {
            match k.as_str() {
                "q" => q.text = v,
                "status" => q.status = StatusFilter::parse(&v),
                "role" if !v.is_empty() => q.role = Some(RoleId(v)),
                "team" if !v.is_empty() => q.team = Some(TeamId(v)),
                "sort" => q.sort = Sort::parse(&v),
                _ => {}
            }
        }
        q
    }

    /// The part after `?`, or `""` when everything is at its default.
    pub fn to_query(&self) -> String {
        let mut pairs = Vec::new();
        if !self.text.is_empty() {
            pairs.push(("q", self.text.as_str()));
        }
        if let Some(s) = self.status {
            pairs.push(("status", s.key()));
        }
        if let Some(r) = &self.role {
            pairs.push(("role", r.as_str()));
        }
        if let Some(t) = &self.team {
            pairs.push(("team", t.as_str()));
        }
        if self.sort != Sort::Name {
            pairs.push(("sort", self.sort.key()));
        }
        crate::codec::form(pairs)
    }

    /// The search's words in lower case, made once per search rather than once per row.
    fn words(&self) -> Vec<String> {
        self.text.split_whitespace().map(lowercase).collect()
    }

    fn matches_text(words: &[String], row: &PersonRow) -> bool {
        words.iter().all(|w| row.search.contains(w.as_str()))
    }

    fn matches_role(&self, row: &PersonRow) -> bool {
        self.role.as_ref().is_none_or(|r| row.role.as_ref() == Some(r))
    }

    fn matches_team(&self, row: &PersonRow) -> bool {
        self.team.as_ref().is_none_or(|t| row.teams.iter().any(|x| x.id.as_ref() == Some(t)))
    }

    fn matches_status(&self, row: &PersonRow) -> bool {
        self.status.is_none_or(|s| s.matches(row))
    }

    fn matches(&self, words: &[String], row: &PersonRow) -> bool {
        Self::matches_text(words, row) && self.matches_status(row) && self.matches_role(row) && self.matches_team(row)
    }
}

/// Indices of the rows the query shows, in its order.
pub fn visible(rows: &[Arc<PersonRow>], q: &PeopleQuery) -> Vec<usize> {
    let words = q.words();
    let mut out: Vec<usize> = (0..rows.len()).filter(|&i| q.matches(&words, &rows[i])).collect();
    let by_name = |a: &PersonRow, b: &PersonRow| a.search.cmp(&b.search).then_with(|| a.user_id.cmp(&b.user_id));
    // Role names in lower case once per row, not once per comparison.
    let role_keys: Vec<Option<String>> = match q.sort {
        Sort::Role => rows.iter().map(|r| r.role_name.as_deref().map(lowercase)).collect(),
        _ => Vec::new(),
    };
    let role = |i: usize| (role_keys[i].is_none(), role_keys[i].as_deref());
    super::sort_rows(&mut out, &|a, b| match q.sort {
        Sort::Name => by_name(&rows[a], &rows[b]),
        Sort::Role => role(a).cmp(&role(b)).then_with(|| by_name(&rows[a], &rows[b])),
        Sort::Status => rows[a].status.cmp(&rows[b].status).then_with(|| by_name(&rows[a], &rows[b])),
    });
    out
}

/// How many rows each choice of one filter would show, with the other filters as they are: the
/// counts beside the choices ("Pending (3)").
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counts {
    pub all_statuses: usize,
    pub statuses: Vec<(StatusFilter, usize)>,
    pub all_roles: usize,
    pub roles: HashMap<RoleId, usize>,
    pub all_teams: usize,
    pub teams: HashMap<TeamId, usize>,
}

pub fn counts(rows: &[Arc<PersonRow>], q: &PeopleQuery) -> Counts {
    let mut c = Counts { statuses: StatusFilter::ALL.iter().map(|s| (*s, 0)).collect(), ..Counts::default() };
    let words = q.words();
    for row in rows.iter().filter(|r| PeopleQuery::matches_text(&words, r)) {
        let (status, role, team) = (q.matches_status(row), q.matches_role(row), q.matches_team(row));
        if role && team {
            c.all_statuses += 1;
            for (s, n) in c.statuses.iter_mut() {
                *n += usize::from(s.matches(row));
            }
        }
        if status && team {
            c.all_roles += 1;
            if let Some(r) = &row.role {
                *c.roles.entry(r.clone()).or_default() += 1;
            }
        }
        if status && role {
            c.all_teams += 1;
            for t in row.teams.iter().filter_map(|t| t.id.clone()) {
                *c.teams.entry(t).or_default() += 1;
            }
        }
    }
    c
}

/// "Pending (3)".
pub fn with_count(label: &str, n: usize) -> String {
    format!("{label} ({})", number(n))
}

/// The rows as CSV: name, email, position, role, teams, status.
pub fn people_csv<'a>(rows: impl Iterator<Item = &'a PersonRow>) -> String {
    let mut out = super::csv::line(&["name", "email", "position", "role", "teams", "status"]);
    for r in rows {
        let teams = r.teams.iter().filter_map(|t| t.name.clone()).collect::<Vec<_>>().join("; ");
        out.push_str(&super::csv::line(&[
            &r.name,
            r.email.as_deref().unwrap_or(""),
            r.position.as_deref().unwrap_or(""),
            r.role_name.as_deref().unwrap_or(""),
            &teams,
            r.status.key(),
        ]));
    }
    out
}

/// The outcome of a bulk change, person by person: name, email, the change, result, detail.
pub fn bulk_results_csv(plan: &[PersonRow], change: &str, states: &[crate::jobs::JobState<String>]) -> String {
    use crate::jobs::JobState;
    let mut out = super::csv::line(&["name", "email", "change", "result", "detail"]);
    for (r, s) in plan.iter().zip(states) {
        let (result, detail) = match s {
            JobState::Done(note) => ("changed", note.clone()),
            JobState::Failed(e) => ("failed", e.message()),
            JobState::Cancelled => ("cancelled", String::new()),
            JobState::Ready | JobState::Sending => ("not sent", String::new()),
        };
        out.push_str(&super::csv::line(&[&r.name, r.email.as_deref().unwrap_or(""), change, result, &detail]));
    }
    out
}

/// Days since 1970-01-01 of an ISO date (`2026-01-15T09:30:00Z`).
fn epoch_days(iso: &str) -> Option<i64> {
    let date = iso.get(..10)?;
    let mut it = date.split('-');
    let (y, m, d): (i64, i64, i64) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// How long ago an invitation was sent: "today", "3 days ago", "2 months ago".
pub fn ago(iso: &str, now_ms: f64) -> Option<String> {
    let days = (now_ms / 86_400_000.0).floor() as i64 - epoch_days(iso)?;
    Some(match days {
        i64::MIN..=0 => t("today").into(),
        1 => t("yesterday").into(),
        2..=13 => tf("{n} days ago", &[("n", &days)]),
        14..=59 => tf("{n} weeks ago", &[("n", &(days / 7))]),
        60..=729 => tf("{n} months ago", &[("n", &(days / 30))]),
        _ => tf("{n} years ago", &[("n", &(days / 365))]),
    })
}

/// A change to a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Role(RoleId),
    Deactivate,
    Reactivate,
    AddToTeam(TeamId),
    RemoveFromTeam(TeamId),
}

impl Change {
    /// Whether it changes anything for `row`: API users and archived people are not managed here.
    pub fn applies(&self, row: &PersonRow) -> bool {
        if row.api_user || row.status == Status::Archived {
            return false;
        }
        match self {
            Change::Role(r) => row.role.as_ref() != Some(r),
            Change::Deactivate => row.status != Status::Deactivated,
            Change::Reactivate => row.status == Status::Deactivated,
            Change::AddToTeam(t) => !row.teams.iter().any(|x| x.id.as_ref() == Some(t)),
            Change::RemoveFromTeam(t) => row.teams.iter().any(|x| x.id.as_ref() == Some(t)),
        }
    }

    /// Whether it sends the person an email or locks them out: it asks first.
    pub fn needs_confirmation(&self) -> bool {
        matches!(self, Change::Deactivate | Change::Reactivate)
    }
}

/// What this account may change, from `GET /me/permissions`; `None` while unknown (then awork
/// decides).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Abilities {
    pub roles: bool,
    pub activation: bool,
    pub teams: bool,
    pub invite: bool,
}

impl Abilities {
    pub fn of(p: Option<&UserPermission>) -> Abilities {
        match p {
            None => Abilities { roles: true, activation: true, teams: true, invite: true },
            Some(p) => Abilities {
                roles: p.can_change_roles(),
                activation: p.can_deactivate(),
                teams: p.can_manage_teams(),
                invite: p.can_invite(),
            },
        }
    }

    pub fn any(&self) -> bool {
        self.roles || self.activation || self.teams || self.invite
    }

    pub fn allows(&self, change: &Change) -> bool {
        match change {
            Change::Role(_) => self.roles,
            Change::Deactivate | Change::Reactivate => self.activation,
            Change::AddToTeam(_) | Change::RemoveFromTeam(_) => self.teams,
        }
    }

    /// One sentence on what this account cannot change here, if anything.
    pub fn why_not(&self) -> Option<&'static str> {
        match (self.roles, self.activation, self.teams) {
            (true, true, true) => None,
            (false, false, false) => {
                Some(k("This account may look at people but not change them: that needs an admin."))
            }
            _ => Some(k("Some changes are not offered: this account lacks the permission, which an admin has.")),
        }
    }
}

/// Roles a person can be moved to: the active ones.
pub fn target_roles(roles: &[Role]) -> Vec<&Role> {
    roles.iter().filter(|r| !r.is_archived).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{ContactInfo, UserStatus};

    fn role(id: &str, name: &str, admin: bool, archived: bool) -> Role {
        Role {
            id: RoleId(id.into()),
            name: Some(name.into()),
            is_admin_role: admin,
            is_archived: archived,
            ..Default::default()
        }
    }

    fn roles() -> Vec<Role> {
        vec![
            role("admin", "Admin", true, false),
            role("member", "Member", false, false),
            role("old", "Old", false, true),
        ]
    }

    fn team(id: &str, name: &str) -> TeamRef {
        TeamRef { id: Some(TeamId(id.into())), name: Some(name.into()), ..Default::default() }
    }

    fn user(id: &str, first: &str, email: &str) -> User {
        User {
            id: UserId(id.into()),
            first_name: Some(first.into()),
            last_name: Some("Example".into()),
            status: UserStatus { invitation_accepted: true, is_deactivated: false },
            user_contact_infos: vec![ContactInfo {
                kind: Some("email".into()),
                value: Some(email.into()),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn rows() -> Vec<Arc<PersonRow>> {
        let mut users = HashMap::new();
        let mut ada = user("1", "Ada", "ada@x.example");
        ada.teams = vec![team("design", "Design")];
        let mut bo = user("2", "Bo", "bo@y.example");
        bo.status.invitation_accepted = false;
        bo.created_on = Some("2026-11-20T10:00:00Z".into());
        bo.teams = vec![team("design", "Design"), team("sales", "Sales")];
        let mut cy = user("3", "Cy", "cy@x.example");
        cy.is_deactivated = true;
        let mut dee = user("4", "Dee", "dee@x.example");
        dee.is_archived = true;
        let mut bot = user("5", "Connector", "c@api.example");
        bot.is_archived = true;
        let mut eve = user("6", "Eve", "eve@x.example");
        eve.is_external = true;
        for u in [ada, bo, cy, dee, bot, eve] {
            users.insert(u.id.clone(), Arc::new(u));
        }
        let role_of: HashMap<UserId, RoleId> =
            [("1", "admin"), ("2", "member"), ("3", "admin"), ("4", "member"), ("6", "member")]
                .into_iter()
                .map(|(u, r)| (UserId(u.into()), RoleId(r.into())))
                .collect();
        let api: HashSet<UserId> = [UserId("5".into())].into();
        people_rows(&users, &role_of, &roles(), &api, Lang::En, &mut PersonRows::default())
    }

    fn names(rows: &[Arc<PersonRow>], idx: Vec<usize>) -> Vec<String> {
        idx.into_iter().map(|i| rows[i].name.split(' ').next().unwrap().to_string()).collect()
    }

    #[test]
    fn people_become_rows_with_role_status_and_teams() {
        let r = rows();
        let get = |first: &str| r.iter().find(|x| x.name.starts_with(first)).unwrap().clone();
        assert_eq!(get("Ada").status, Status::Active);
        assert_eq!(get("Ada").role_name.as_deref(), Some("Admin"));
        assert!(get("Ada").admin);
        assert_eq!(get("Bo").status, Status::Pending);
        assert_eq!(get("Bo").invited_on.as_deref(), Some("2026-11-20T10:00:00Z"));
        assert_eq!(get("Bo").team_names(), "Design, Sales");
        assert_eq!(get("Cy").status, Status::Deactivated);
        assert_eq!(get("Dee").status, Status::Archived);
        assert_eq!(get("Connector").badges(), [("API user", "neutral")]);
        assert_eq!(get("Connector").role, None);
        assert_eq!(get("Eve").badges(), [("External", "neutral")]);
    }

    #[test]
    fn filters_combine_sort_and_count() {
        let r = rows();
        let all = PeopleQuery::default();
        assert_eq!(names(&r, visible(&r, &all)), ["Ada", "Bo", "Connector", "Cy", "Dee", "Eve"]);
        let q = PeopleQuery { text: "X.EXAMPLE".into(), ..Default::default() };
        assert_eq!(names(&r, visible(&r, &q)), ["Ada", "Cy", "Dee", "Eve"]);
        let q = PeopleQuery {
            role: Some(RoleId("member".into())),
            team: Some(TeamId("design".into())),
            ..Default::default()
        };
        assert_eq!(names(&r, visible(&r, &q)), ["Bo"]);
        let q = PeopleQuery { sort: Sort::Status, ..Default::default() };
        assert_eq!(names(&r, visible(&r, &q)), ["Ada", "Eve", "Bo", "Cy", "Connector", "Dee"]);
        let q = PeopleQuery { sort: Sort::Role, ..Default::default() };
        assert_eq!(names(&r, visible(&r, &q)), ["Ada", "Cy", "Bo", "Dee", "Eve", "Connector"]);

        let q = PeopleQuery { role: Some(RoleId("member".into())), ..Default::default() };
        let c = counts(&r, &q);
        let n = |f: StatusFilter| c.statuses.iter().find(|(s, _)| *s == f).unwrap().1;
        assert_eq!(c.all_statuses, 3, "members in any status");
        assert_eq!(n(StatusFilter::Is(Status::Pending)), 1);
        assert_eq!(n(StatusFilter::External), 1);
        assert_eq!(c.roles[&RoleId("admin".into())], 2, "role counts ignore the role filter");
        assert_eq!(c.teams[&TeamId("design".into())], 1);
        assert_eq!(with_count("Pending", 3), "Pending (3)");
    }

    #[test]
    fn the_query_round_trips_through_the_address() {
        let q = PeopleQuery {
            text: "ann lee".into(),
            status: Some(StatusFilter::Is(Status::Pending)),
            role: Some(RoleId("r 1".into())),
            team: None,
            sort: Sort::Role,
        };
        assert_eq!(q.to_query(), "q=ann%20lee&status=pending&role=r%201&sort=role");
        assert_eq!(PeopleQuery::parse(&q.to_query()), q);
        assert_eq!(PeopleQuery::parse("?status=bogus&sort=x&other=1"), PeopleQuery::default());
        assert_eq!(PeopleQuery::default().to_query(), "");
    }

    #[test]
    fn a_new_pass_remakes_only_the_rows_that_changed() {
        let users: HashMap<UserId, Arc<User>> = [user("1", "Ada", "ada@x.example"), user("2", "Bo", "bo@x.example")]
            .into_iter()
            .map(|u| (u.id.clone(), Arc::new(u)))
            .collect();
        let mut role_of: HashMap<UserId, RoleId> = HashMap::new();
        role_of.insert(UserId("1".into()), RoleId("member".into()));
        let (none, mut kept) = (HashSet::new(), PersonRows::default());
        let by_id = |rows: &[Arc<PersonRow>], id: &str| rows.iter().find(|r| r.user_id.0 == id).unwrap().clone();
        let first = people_rows(&users, &role_of, &roles(), &none, Lang::En, &mut kept);
        role_of.insert(UserId("1".into()), RoleId("admin".into()));
        let second = people_rows(&users, &role_of, &roles(), &none, Lang::En, &mut kept);
        assert!(by_id(&second, "1").admin, "Ada's row follows her new role");
        assert!(Arc::ptr_eq(&by_id(&first, "2"), &by_id(&second, "2")), "Bo's row is kept");
        let german = people_rows(&users, &role_of, &roles(), &none, Lang::De, &mut kept);
        assert!(!Arc::ptr_eq(&by_id(&second, "2"), &by_id(&german, "2")), "another language remakes every row");
    }

    #[test]
    fn changes_apply_only_where_they_change_something() {
        let r = rows();
        let get = |first: &str| r.iter().find(|x| x.name.starts_with(first)).unwrap().clone();
        assert!(Change::Deactivate.applies(&get("Ada")));
        assert!(!Change::Deactivate.applies(&get("Cy")));
        assert!(Change::Reactivate.applies(&get("Cy")));
        assert!(!Change::Role(RoleId("admin".into())).applies(&get("Ada")));
        assert!(!Change::Deactivate.applies(&get("Connector")), "API users are not managed here");
        assert!(!Change::Reactivate.applies(&get("Dee")), "nor archived people");
        assert!(Change::RemoveFromTeam(TeamId("sales".into())).applies(&get("Bo")));
        assert!(!Change::AddToTeam(TeamId("sales".into())).applies(&get("Bo")));
        assert!(Change::Deactivate.needs_confirmation() && !Change::AddToTeam(TeamId("t".into())).needs_confirmation());
    }

    #[test]
    fn abilities_follow_the_permissions() {
        let viewer = UserPermission {
            permissions: vec![crate::api::models::Permission {
                feature: Some("workspace-manage-config".into()),
                access_levels: vec!["read".into()],
            }],
            ..Default::default()
        };
        let a = Abilities::of(Some(&viewer));
        assert!(!a.any());
        assert!(a.why_not().unwrap().contains("not change them"));
        let admin = UserPermission { is_admin: true, ..Default::default() };
        assert_eq!(Abilities::of(Some(&admin)).why_not(), None);
        assert!(Abilities::of(None).allows(&Change::Deactivate), "unknown: awork decides");
    }

    #[test]
    fn invitations_read_how_long_ago_they_were_sent() {
        let day = 86_400_000.0;
        let now = 20_412.0 * day; // 2025-11-20
        assert_eq!(ago("2025-11-20T08:00:00Z", now).as_deref(), Some("today"));
        assert_eq!(ago("2025-11-19T08:00:00Z", now).as_deref(), Some("yesterday"));
        assert_eq!(ago("2025-11-17T08:00:00Z", now).as_deref(), Some("3 days ago"));
        assert_eq!(ago("2025-10-30T08:00:00Z", now).as_deref(), Some("3 weeks ago"));
        assert_eq!(ago("2025-01-15T09:30:00Z", now).as_deref(), Some("10 months ago"));
        assert_eq!(ago("2022-11-20T08:00:00Z", now).as_deref(), Some("3 years ago"));
        assert_eq!(ago("junk", now), None);
    }

    #[test]
    fn bulk_results_say_what_happened_to_each() {
        use crate::jobs::JobState;
        let r = rows();
        let plan: Vec<PersonRow> = r
            .iter()
            .filter(|x| x.name.starts_with("Ada") || x.name.starts_with("Bo"))
            .map(|x| PersonRow::clone(x))
            .collect();
        let states = [JobState::Done(String::new()), JobState::Failed(crate::api::ApiError::Network)];
        let csv = bulk_results_csv(&plan, "deactivate", &states);
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines[0], r#""name","email","change","result","detail""#);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().any(|l| l.ends_with(r#","deactivate","changed","""#)));
        assert!(lines.iter().any(|l| l.contains(r#","deactivate","failed","Could not reach awork"#)));
    }

    #[test]
    fn csv_lists_what_is_shown() {
        let r = rows();
        let q = PeopleQuery { text: "bo".into(), ..Default::default() };
        let csv = people_csv(visible(&r, &q).into_iter().map(|i| &*r[i]));
        assert_eq!(
            csv,
            "\"name\",\"email\",\"position\",\"role\",\"teams\",\"status\"\r\n\
             \"Bo Example\",\"bo@y.example\",\"\",\"Member\",\"Design; Sales\",\"pending\"\r\n"
        );
    }
}
