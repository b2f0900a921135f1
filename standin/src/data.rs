//! The demo workspace: seeded, deterministic, held in memory, changed by invitations.

use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;

pub const ADMIN_TOKEN: &str = "demo-admin-token";
pub const MEMBER_TOKEN: &str = "demo-member-token";
/// Lea Meyer, "Team Lead": may read roles and people but change nothing.
pub const VIEWER_TOKEN: &str = "demo-viewer-token";
pub const WORKSPACE_ID: &str = "0c0ffee0-0000-4000-8000-000000000001";
const SEED_TIME: &str = "2026-01-15T09:30:00Z";

/// Now, as awork writes times: `2026-11-24T22:17:05Z`.
pub fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = (secs / 86_400, secs % 86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

/// Ids look like UUIDs and are stable across runs: `kind` tells what they name.
pub fn make_id(kind: u32, n: u64) -> String {
    format!("{kind:08x}-0000-4000-8000-{n:012x}")
}

const USER: u32 = 0xa1;
const ROLE: u32 = 0xb2;
const TEAM: u32 = 0xc3;
const PROJECT: u32 = 0xd4;
const TASK: u32 = 0xe5;
const CONTACT: u32 = 0xf6;
const TAG: u32 = 0x7a;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContactInfo {
    pub label: Option<String>,
    pub value: Option<String>,
    #[serde(rename = "type")]
    pub kind: String,
    pub sub_type: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub zip_code: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub is_address: bool,
    pub id: String,
    pub created_on: String,
    pub created_by: String,
    pub updated_on: String,
    pub updated_by: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UserStatus {
    pub invitation_accepted: bool,
    pub is_deactivated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct NamedRef {
    pub id: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    pub color: Option<String>,
}

/// awork's `User` schema (no `email` field: emails are contact infos).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    pub id: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub birth_date: Option<String>,
    pub gender: Option<String>,
    pub title: Option<String>,
    pub position: Option<String>,
    pub language: Option<String>,
    pub status: UserStatus,
    pub created_on: String,
    pub created_by: String,
    pub updated_on: String,
    pub updated_by: String,
    pub is_archived: bool,
    pub is_deactivated: bool,
    pub is_agent: bool,
    pub deactivated_on: Option<String>,
    pub deleted_on: Option<String>,
    pub has_image: bool,
    pub should_migrate_to_connect: bool,
    pub user_contact_infos: Vec<ContactInfo>,
    pub resource_version: i64,
    pub tags: Vec<NamedRef>,
    pub teams: Vec<NamedRef>,
    pub is_external: bool,
    /// An API user (`GET /apiusers`); awork lists them among `/users` with the archived.
    #[serde(skip)]
    pub is_api_user: bool,
}

impl User {
    pub fn email(&self) -> Option<&str> {
        self.user_contact_infos.iter().find(|c| c.kind == "email").and_then(|c| c.value.as_deref())
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Role {
    pub id: String,
    pub name: String,
    pub is_admin_role: bool,
    pub is_guest_role: bool,
    pub is_agent_role: bool,
    pub is_preset: bool,
    pub is_archived: bool,
    pub created_by: String,
    pub created_on: String,
    pub updated_by: String,
    pub updated_on: String,
    /// What the role may do: (feature, access levels), as `GET /me/permissions` tells its members.
    #[serde(skip)]
    pub permissions: Vec<(&'static str, &'static [&'static str])>,
}

/// Features a permission names, as `GET /me/permissions` spells them.
pub const WORKSPACE_CONFIG: &str = "workspace-manage-config";
pub const USER_MASTER_DATA: &str = "user-master-data";
pub const USER_CONFIG: &str = "user-manage-config";
pub const PROJECT_PLANNING: &str = "project-planning";
const READ: &[&str] = &["read"];
const MANAGE: &[&str] = &["read", "manage"];

#[derive(Debug, Clone)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub icon: String,
    pub color: String,
}

#[derive(Debug, Clone)]
pub struct Project {
    pub id: String,
    pub name: String,
    pub key: String,
    pub color: String,
}

#[derive(Debug, Clone)]
pub struct Task {
    pub id: String,
    pub name: String,
    pub number: u32,
    pub project: usize,
}

/// Everything the stand-in serves. `role_of` maps a user id to its role id; `team_members` maps a
/// team id to user ids, in the order they joined.
#[derive(Debug, Clone)]
pub struct Workspace {
    pub name: String,
    pub url: String,
    pub users: Vec<User>,
    pub user_index: HashMap<String, usize>,
    pub role_of: HashMap<String, String>,
    pub roles: Vec<Role>,
    pub teams: Vec<Team>,
    pub projects: Vec<Project>,
    pub tasks: Vec<Task>,
    pub tokens: HashMap<String, String>,
    /// When tokens issued by the OAuth flow stop working (the demo tokens never do).
    pub token_expiry: HashMap<String, std::time::Instant>,
    pub oauth: crate::oauth::OAuth,
    /// Licences booked: active users may not outnumber them (reactivating needs a free one).
    pub seats: usize,
    next_user: u64,
}

const FIRST: [&str; 12] =
    ["Hanna", "Jonas", "Mia", "Lukas", "Sofia", "Felix", "Lea", "Noah", "Emma", "Paul", "Clara", "Ben"];
const LAST: [&str; 12] = [
    "Berger", "Keller", "Schmidt", "Wagner", "Fischer", "Weber", "Meyer", "Becker", "Hoffmann", "Schulz", "Koch",
    "Richter",
];
const POSITIONS: [&str; 6] =
    ["Designer", "Developer", "Project Manager", "Copywriter", "Account Manager", "Marketing Lead"];

fn contact(n: u64, kind: &str, sub: &str, value: &str) -> ContactInfo {
    ContactInfo {
        label: None,
        value: Some(value.to_string()),
        kind: kind.to_string(),
        sub_type: Some(sub.to_string()),
        address_line1: None,
        address_line2: None,
        zip_code: None,
        city: None,
        state: None,
        country: None,
        is_address: false,
        id: make_id(CONTACT, n),
        created_on: SEED_TIME.into(),
        created_by: make_id(USER, 1),
        updated_on: SEED_TIME.into(),
        updated_by: make_id(USER, 1),
    }
}

fn team_ref(t: &Team) -> NamedRef {
    NamedRef { id: t.id.clone(), name: t.name.clone(), icon: Some(t.icon.clone()), color: Some(t.color.clone()) }
}

/// A plain new user: what an invitation or a seeded person starts as.
pub fn new_user(n: u64, first: Option<&str>, last: Option<&str>, email: &str) -> User {
    User {
        id: make_id(USER, n),
        first_name: first.map(str::to_string),
        last_name: last.map(str::to_string),
        birth_date: None,
        gender: None,
        title: None,
        position: None,
        language: Some("en-GB".into()),
        status: UserStatus { invitation_accepted: true, is_deactivated: false },
        created_on: SEED_TIME.into(),
        created_by: make_id(USER, 1),
        updated_on: SEED_TIME.into(),
        updated_by: make_id(USER, 1),
        is_archived: false,
        is_deactivated: false,
        is_agent: false,
        deactivated_on: None,
        deleted_on: None,
        has_image: false,
        should_migrate_to_connect: false,
        user_contact_infos: vec![contact(n * 10, "email", "work", email)],
        resource_version: 638_700_000_000_000_000 + n as i64,
        tags: vec![],
        teams: vec![],
        is_external: false,
        is_api_user: false,
    }
}

fn role(n: u64, name: &str, admin: bool, guest: bool, agent: bool, preset: bool, archived: bool) -> Role {
    let permissions = if admin {
        vec![(WORKSPACE_CONFIG, MANAGE), (USER_MASTER_DATA, MANAGE), (USER_CONFIG, MANAGE), (PROJECT_PLANNING, MANAGE)]
    } else {
        vec![(PROJECT_PLANNING, READ)]
    };
    Role {
        permissions,
        id: make_id(ROLE, n),
        name: name.into(),
        is_admin_role: admin,
        is_guest_role: guest,
        is_agent_role: agent,
        is_preset: preset,
        is_archived: archived,
        created_by: make_id(USER, 1),
        created_on: SEED_TIME.into(),
        updated_by: make_id(USER, 1),
        updated_on: SEED_TIME.into(),
    }
}

impl Workspace {
    /// The demo workspace. `big_role_members` > 0 adds a role "Support Crowd" with that many members
    /// (every tenth of them in the Sales team).
    pub fn seed(big_role_members: usize) -> Workspace {
        let roles = vec![
            role(1, "Admin", true, false, false, true, false),
            role(2, "Member", false, false, false, true, false),
            role(3, "Guest", false, true, false, true, false),
            role(4, "Project Manager", false, false, false, false, false),
            role(5, "Freelancer (2025)", false, false, false, false, true),
            role(6, "Agents", false, false, true, false, false),
            Role {
                permissions: vec![(WORKSPACE_CONFIG, READ), (USER_MASTER_DATA, READ), (PROJECT_PLANNING, MANAGE)],
                ..role(8, "Team Lead", false, false, false, false, false)
            },
        ];
        let teams: Vec<Team> = [
            ("Design", "brush", "purple"),
            ("Development", "computer", "blue"),
            ("Marketing", "public", "coral"),
            ("Sales", "shopping_cart", "green"),
        ]
        .iter()
        .enumerate()
        .map(|(i, (name, icon, color))| Team {
            id: make_id(TEAM, i as u64 + 1),
            name: name.to_string(),
            icon: icon.to_string(),
            color: color.to_string(),
        })
        .collect();

        let mut ws = Workspace {
            name: "Acme Creative".into(),
            url: "https://acme-creative.awork.com".into(),
            users: vec![],
            user_index: HashMap::new(),
            role_of: HashMap::new(),
            roles,
            teams,
            projects: vec![],
            tasks: vec![],
            tokens: HashMap::new(),
            token_expiry: HashMap::new(),
            oauth: Default::default(),
            seats: 0,
            next_user: 1,
        };

        // 36 people: person 1 is the admin who owns the demo admin token, person 2 a plain member.
        for i in 0..36usize {
            let first = FIRST[i % 12];
            let last = LAST[(i * 5 + i / 12) % 12];
            let email = format!("{}.{}@acme.example", first.to_lowercase(), last.to_lowercase());
            let n = ws.next_user;
            let mut u = new_user(n, Some(first), Some(last), &email);
            u.position = Some(POSITIONS[i % POSITIONS.len()].into());
            u.gender = Some(["female", "male", "other"][i % 3].into());
            u.language = Some(if i % 4 == 1 { "de-DE" } else { "en-GB" }.into());
            u.teams = vec![team_ref(&ws.teams[i % 4])];
            if i % 7 == 3 {
                u.teams.push(team_ref(&ws.teams[(i + 1) % 4]));
            }
            u.is_deactivated = i % 11 == 9;
            u.status.is_deactivated = u.is_deactivated;
            if u.is_deactivated {
                u.deactivated_on = Some("2026-03-01T08:00:00Z".into());
            }
            u.is_archived = i == 20 || i == 31;
            u.has_image = i % 5 == 2;
            u.is_external = i == 17;
            u.status.invitation_accepted = i % 13 != 12;
            let role_n = match i {
                0 | 5 | 14 => 1,
                3 | 15 | 27 => 3,
                4 | 9 | 22 | 30 | 33 => 4,
                28 => 5,
                6 => 8,
                _ => 2,
            };
            ws.insert_user(u, &make_id(ROLE, role_n));
        }
        {
            let admin = &mut ws.users[0];
            admin.title = Some("Dr.".into());
            admin.position = Some("Head of Operations".into());
            admin.birth_date = Some("1988-04-19T00:00:00Z".into());
            admin.has_image = true;
            admin.user_contact_infos.push(contact(2, "phone", "mobile", "+49 170 1234567"));
            admin.user_contact_infos.push(contact(3, "urls", "work", "https://acme.example/team/hanna"));
            let mut address = contact(4, "address", "work", "");
            address.value = None;
            address.is_address = true;
            address.address_line1 = Some("Torstrasse 140".into());
            address.address_line2 = Some("Hof A".into());
            address.zip_code = Some("10119".into());
            address.city = Some("Berlin".into());
            address.country = Some("DE".into());
            admin.user_contact_infos.push(address);
            admin.tags = vec![
                NamedRef { id: make_id(TAG, 1), name: "Leadership".into(), icon: None, color: Some("blue".into()) },
                NamedRef { id: make_id(TAG, 2), name: "Design".into(), icon: None, color: Some("purple".into()) },
            ];
        }
        // The German-speaking member has a birth date, so German dates show on their profile.
        ws.users[1].birth_date = Some("1991-11-03T00:00:00Z".into());
        // An agent user for the agent role.
        let n = ws.next_user;
        let mut agent = new_user(n, Some("Ava"), Some("Assistant"), "ava.agent@acme.example");
        agent.is_agent = true;
        ws.insert_user(agent, &make_id(ROLE, 6));
        // An API user: awork lists it among the users only with the archived ones.
        let n = ws.next_user;
        let mut connector = new_user(n, Some("awork"), Some("Connector"), "connector@api.acme.example");
        connector.is_api_user = true;
        connector.is_archived = true;
        ws.insert_user(connector, &make_id(ROLE, 2));

        for i in 0..big_role_members {
            if i == 0 {
                ws.roles.push(role(7, "Support Crowd", false, false, false, false, false));
            }
            let n = ws.next_user;
            let first = FIRST[i % 12];
            let last = LAST[(i / 12) % 12];
            let email = format!("{}.{}.{i}@crowd.example", first.to_lowercase(), last.to_lowercase());
            let mut u = new_user(n, Some(first), Some(&format!("{last} {i:05}")), &email);
            u.position = Some("Support Agent".into());
            // Every tenth is in Sales too: a filter that finds a tenth of the crowd, for bulk runs.
            if i % 10 == 0 {
                u.teams = vec![team_ref(&ws.teams[3])];
            }
            ws.insert_user(u, &make_id(ROLE, 7));
        }

        ws.tokens.insert(ADMIN_TOKEN.into(), make_id(USER, 1));
        ws.tokens.insert(MEMBER_TOKEN.into(), make_id(USER, 2));
        ws.tokens.insert(VIEWER_TOKEN.into(), make_id(USER, 7));
        // A few licences to spare.
        ws.seats = ws.seats_used() + 3;

        let projects = [
            ("Acme Website Relaunch", "ACME", "blue", 15),
            ("Brand Book 2027", "BRND", "purple", 8),
            ("Internal Tools", "INT", "green", 6),
        ];
        let task_names = [
            "Design the logo",
            "Write homepage copy",
            "Set up analytics",
            "Review wireframes",
            "Plan the launch",
            "Photo shoot",
            "Accessibility audit",
            "Migrate blog posts",
            "Pick typefaces",
            "Draft newsletter",
            "Sprint review",
            "Fix contact form",
            "Update team page",
            "Prepare pitch deck",
            "Client workshop",
        ];
        let mut task_n = 1;
        for (p, (name, key, color, count)) in projects.iter().enumerate() {
            ws.projects.push(Project {
                id: make_id(PROJECT, p as u64 + 1),
                name: name.to_string(),
                key: key.to_string(),
                color: color.to_string(),
            });
            for t in 0..*count {
                ws.tasks.push(Task {
                    id: make_id(TASK, task_n),
                    name: task_names[(t + p * 3) % task_names.len()].to_string(),
                    number: t as u32 + 1,
                    project: p,
                });
                task_n += 1;
            }
        }
        ws
    }

    pub fn insert_user(&mut self, user: User, role_id: &str) {
        self.user_index.insert(user.id.clone(), self.users.len());
        self.role_of.insert(user.id.clone(), role_id.to_string());
        self.users.push(user);
        self.next_user += 1;
    }

    pub fn next_user_number(&self) -> u64 {
        self.next_user
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.user_index.get(&id.to_ascii_lowercase()).map(|&i| &self.users[i])
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id.eq_ignore_ascii_case(id))
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users.iter().find(|u| u.email().is_some_and(|e| e.eq_ignore_ascii_case(email)))
    }

    pub fn is_admin(&self, user_id: &str) -> bool {
        self.role_of.get(user_id).and_then(|r| self.role(r)).is_some_and(|r| r.is_admin_role)
    }

    /// Whether the user may use `feature` at `level` (`read`, `write`): admins may do everything,
    /// and `manage` covers `read` and `write`.
    pub fn may(&self, user_id: &str, feature: &str, level: &str) -> bool {
        let Some(role) = self.role_of.get(user_id).and_then(|r| self.role(r)) else { return false };
        role.is_admin_role
            || role
                .permissions
                .iter()
                .any(|(f, levels)| *f == feature && levels.iter().any(|l| *l == level || *l == "manage"))
    }

    /// Users holding a licence: neither deactivated nor archived, and people (not API users).
    pub fn seats_used(&self) -> usize {
        self.users.iter().filter(|u| !u.is_deactivated && !u.is_archived && !u.is_api_user).count()
    }

    /// Active admins: in an admin role, not deactivated, not archived.
    pub fn active_admins(&self) -> Vec<&str> {
        self.users
            .iter()
            .filter(|u| !u.is_deactivated && !u.is_archived && self.is_admin(&u.id))
            .map(|u| u.id.as_str())
            .collect()
    }

    pub fn user_mut(&mut self, id: &str) -> Option<&mut User> {
        let i = *self.user_index.get(&id.to_ascii_lowercase())?;
        self.users.get_mut(i)
    }

    pub fn team_ref(&self, id: &str) -> Option<NamedRef> {
        self.teams.iter().find(|t| t.id.eq_ignore_ascii_case(id)).map(team_ref)
    }

    /// Puts `payload` (HTML or script, for XSS tests) into every text the app shows: the workspace's
    /// name, people's titles, first names, positions and contact labels, tag, team, role, project
    /// and task names. Last names and emails stay, so people can still be told apart; the
    /// workspace address and a contact become `javascript:` links.
    pub fn seed_payloads(&mut self, payload: &str) {
        let tagged = |s: &str| format!("{payload} {s}");
        self.name = tagged(&self.name);
        self.url = "javascript:window.__xss=(window.__xss||0)+1".into();
        for r in &mut self.roles {
            r.name = tagged(&r.name);
        }
        for t in &mut self.teams {
            t.name = tagged(&t.name);
        }
        let team_names: HashMap<String, String> = self.teams.iter().map(|t| (t.id.clone(), t.name.clone())).collect();
        for p in &mut self.projects {
            p.name = tagged(&p.name);
        }
        for t in &mut self.tasks {
            t.name = tagged(&t.name);
        }
        for u in &mut self.users {
            u.first_name = Some(tagged(u.first_name.as_deref().unwrap_or("")));
            u.position = Some(payload.to_string());
            u.title = Some(payload.to_string());
            for tag in &mut u.tags {
                tag.name = tagged(&tag.name);
                tag.color = Some(payload.to_string());
            }
            for team in &mut u.teams {
                team.name = team_names.get(&team.id).cloned().unwrap_or_else(|| tagged(&team.name));
                team.icon = Some(payload.to_string());
            }
            for c in &mut u.user_contact_infos {
                c.label = Some(payload.to_string());
                if c.kind != "email" {
                    c.value = Some("javascript:window.__xss=(window.__xss||0)+1".into());
                }
            }
        }
    }

    /// `GET /me` / `GET /users/me`: the user plus the workspace.
    pub fn me_json(&self, user_id: &str) -> Value {
        let mut v = serde_json::to_value(self.user(user_id)).unwrap_or(Value::Null);
        if let Some(obj) = v.as_object_mut() {
            obj.insert("accountId".into(), json!(user_id.replace("000000a1", "0000ac01")));
            obj.insert("workspace".into(), json!({"id": WORKSPACE_ID, "name": self.name, "url": self.url}));
        }
        v
    }

    pub fn team_json(&self, team: &Team, include_user_ids: bool) -> Value {
        let mut v = json!({
            "id": team.id, "name": team.name, "icon": team.icon, "color": team.color,
            "createdOn": SEED_TIME, "createdBy": make_id(USER, 1),
            "updatedOn": SEED_TIME, "updatedBy": make_id(USER, 1),
        });
        if include_user_ids {
            let ids: Vec<&str> =
                self.users.iter().filter(|u| u.teams.iter().any(|t| t.id == team.id)).map(|u| u.id.as_str()).collect();
            v["userIds"] = json!(ids);
        }
        v
    }

    pub fn task_json(&self, task: &Task) -> Value {
        let project = &self.projects[task.project];
        json!({
            "id": task.id,
            "name": task.name,
            "description": null,
            "isPrio": task.number.is_multiple_of(5),
            "startOn": null,
            "dueOn": null,
            "taskNumber": task.number,
            "taskIdentifier": format!("{}-{}", project.key, task.number),
            "isExternal": false,
            "baseType": "projecttask",
            "taskStatusId": make_id(0x5a, 1),
            "taskStatus": {"id": make_id(0x5a, 1), "name": "To do", "type": "todo", "order": 1, "icon": null,
                "projectId": project.id, "isExternal": false},
            "assignees": [],
            "projectId": project.id,
            "project": {"id": project.id, "name": project.name, "projectKey": project.key,
                "color": project.color, "hasImage": false, "isPrivate": false, "isExternal": false},
            "isSubtask": false,
            "hasAttachment": false,
            "createdOn": SEED_TIME,
            "createdBy": make_id(USER, 1),
            "updatedOn": SEED_TIME,
            "updatedBy": make_id(USER, 1),
            "order": task.number as f64,
            "isRecurring": false,
        })
    }

    pub fn task_by_key(&self, key: &str) -> Option<&Task> {
        let (prefix, number) = key.rsplit_once('-')?;
        let number: u32 = number.parse().ok()?;
        self.tasks.iter().find(|t| t.number == number && self.projects[t.project].key.eq_ignore_ascii_case(prefix))
    }

    pub fn team_refs(&self, ids: &[String]) -> Result<Vec<NamedRef>, String> {
        ids.iter()
            .map(|id| self.teams.iter().find(|t| t.id.eq_ignore_ascii_case(id)).map(team_ref).ok_or_else(|| id.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_is_deterministic_and_consistent() {
        let a = Workspace::seed(0);
        let b = Workspace::seed(0);
        assert_eq!(a.users.len(), 38);
        assert_eq!(a.active_admins().len(), 3);
        assert!(a.may(&make_id(USER, 7), WORKSPACE_CONFIG, "read"));
        assert!(!a.may(&make_id(USER, 7), WORKSPACE_CONFIG, "write"));
        assert!(a.may(&make_id(USER, 1), USER_CONFIG, "write"));
        assert!(!a.may(&make_id(USER, 2), USER_MASTER_DATA, "read"));
        assert_eq!(a.seats, a.seats_used() + 3);
        assert_eq!(serde_json::to_string(&a.users).unwrap(), serde_json::to_string(&b.users).unwrap());
        assert!(a.is_admin(&make_id(USER, 1)));
        assert!(!a.is_admin(&make_id(USER, 2)));
        assert!(a.task_by_key("ACME-12").is_some());
        assert!(a.task_by_key("acme-12").is_some());
        assert!(a.task_by_key("ACME-99").is_none());
        let emails: std::collections::HashSet<_> = a.users.iter().filter_map(|u| u.email()).collect();
        assert_eq!(emails.len(), a.users.len(), "emails are unique");
    }

    #[test]
    fn now_reads_as_an_iso_time() {
        let t = now();
        assert_eq!(t.len(), 20, "{t}");
        assert!(t.starts_with("20") && t.ends_with('Z') && &t[10..11] == "T", "{t}");
    }

    #[test]
    fn big_role_has_the_requested_members() {
        let ws = Workspace::seed(10_000);
        let big = make_id(ROLE, 7);
        assert_eq!(ws.role_of.values().filter(|r| **r == big).count(), 10_000);
    }
}
