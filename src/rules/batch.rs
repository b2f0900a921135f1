//! Inviting many people at once: rows from a CSV (`email,firstName,lastName,role,teams`, role and
//! teams by name), checked before anything is sent; what each row's result reads; the results
//! file. Sending is the job runner's ([`crate::jobs`]).

use super::invite::{failure, is_email, InviteForm};
use super::roles::role_name;
use crate::api::models::{Role, RoleId, Team, TeamId};
use crate::api::ApiError;
use crate::i18n::prelude::*;
use crate::jobs::JobState;
use std::collections::HashMap;

/// A row's state in a run: done means invited, with the invitation code.
pub type RowState = JobState<String>;

/// One row of the file, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchRow {
    /// The line in the file (from 1, header included).
    pub line: usize,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub teams: String,
    pub role_id: Option<RoleId>,
    pub team_ids: Vec<TeamId>,
    pub problems: Vec<String>,
}

impl BatchRow {
    pub fn is_ready(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn form(&self) -> InviteForm {
        InviteForm {
            email: self.email.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            role_id: self.role_id.clone(),
            team_ids: self.team_ids.clone(),
            ..Default::default()
        }
    }
}

const COLUMNS: [&str; 5] = ["email", "firstname", "lastname", "role", "teams"];

/// The largest file taken at a time (1 MiB: about 15,000 lines of a plain roster).
pub const MAX_CSV_BYTES: usize = 1 << 20;
/// The most rows taken at a time: the rows are checked and shown all at once.
pub const MAX_ROWS: usize = 5_000;

/// Why a file of `bytes` is not taken, if it is too large.
pub fn too_large(bytes: f64) -> Option<String> {
    (bytes > MAX_CSV_BYTES as f64).then(|| {
        tf(
            "The file is {kb} KB; at most {max} KB are taken at a time. Split it into smaller files.",
            &[("kb", &number((bytes / 1024.0).ceil() as usize)), ("max", &number(MAX_CSV_BYTES / 1024))],
        )
    })
}

/// Why `rows` rows are not taken, if there are too many.
pub fn too_many(rows: usize) -> Option<String> {
    (rows > MAX_ROWS).then(|| {
        tf(
            "The file has {n} rows; at most {max} are taken at a time. Split it into smaller files.",
            &[("n", &number(rows)), ("max", &number(MAX_ROWS))],
        )
    })
}

/// Names (lower case, trimmed) to what carries them: more than one is an ambiguous name.
fn by_name<'a, T>(items: impl Iterator<Item = (String, &'a T)>) -> HashMap<String, Vec<&'a T>> {
    let mut map: HashMap<String, Vec<&T>> = HashMap::new();
    for (name, item) in items {
        map.entry(norm(&name)).or_default().push(item);
    }
    map
}

fn norm(s: &str) -> String {
    crate::format::lowercase(s.trim())
}

/// Reads and checks the rows. Columns come from a header line naming them (any order, any case);
/// without one, they are taken in the order email, firstName, lastName, role, teams. Teams within
/// the field are separated by `;` or `|`. An empty role means `default_role`.
pub fn rows_from_csv(text: &str, roles: &[Role], teams: &[Team], default_role: Option<&RoleId>) -> Vec<BatchRow> {
    let records = super::csv::parse(text);
    let Some(first) = records.first() else { return vec![] };
    let header: Vec<String> = first.iter().map(|h| norm(h).replace([' ', '_'], "")).collect();
    let has_header = header.iter().any(|h| h == "email");
    let column = |name: &str| -> Option<usize> {
        if has_header {
            header.iter().position(|h| h == name)
        } else {
            COLUMNS.iter().position(|c| *c == name)
        }
    };
    let idx: Vec<Option<usize>> = COLUMNS.iter().map(|c| column(c)).collect();
    let roles_by_name = by_name(roles.iter().filter(|r| !r.is_archived).map(|r| (role_name(r), r)));
    let teams_by_name = by_name(teams.iter().filter_map(|t| t.name.clone().map(|n| (n, t))));
    let mut seen: HashMap<String, usize> = HashMap::new();
    let start = usize::from(has_header);
    records
        .iter()
        .enumerate()
        .skip(start)
        .map(|(i, rec)| {
            let get = |k: usize| idx[k].and_then(|c| rec.get(c)).map(|v| v.trim().to_string()).unwrap_or_default();
            let (email, first_name, last_name, role, teams) = (get(0), get(1), get(2), get(3), get(4));
            let mut problems = Vec::new();
            if email.is_empty() {
                problems.push(t("The email is missing.").to_string());
            } else if !is_email(&email) {
                problems.push(t("The email is not valid.").to_string());
            } else if let Some(line) = seen.get(&norm(&email)) {
                problems.push(tf("The same email is on line {line}.", &[("line", &line)]));
            } else {
                seen.insert(norm(&email), i + 1);
            }
            let role_id = if role.is_empty() {
                default_role.cloned()
            } else {
                match roles_by_name.get(&norm(&role)).map(Vec::as_slice) {
                    Some([r]) => Some(r.id.clone()),
                    Some(several) => {
                        let n = several.len();
                        problems.push(tf(
                            "{n} roles are called “{role}”: rename one in awork.",
                            &[("n", &n), ("role", &role)],
                        ));
                        None
                    }
                    None => {
                        problems.push(tf("There is no role “{role}”.", &[("role", &role)]));
                        None
                    }
                }
            };
            let mut team_ids = Vec::new();
            for name in teams.split([';', '|']).map(str::trim).filter(|n| !n.is_empty()) {
                match teams_by_name.get(&norm(name)).map(Vec::as_slice) {
                    Some([t]) if !team_ids.contains(&t.id) => team_ids.push(t.id.clone()),
                    Some([_]) => {}
                    Some(several) => {
                        let n = several.len();
                        problems.push(tf(
                            "{n} teams are called “{name}”: rename one in awork.",
                            &[("n", &n), ("name", &name)],
                        ))
                    }
                    None => problems.push(tf("There is no team “{name}”.", &[("name", &name)])),
                }
            }
            BatchRow { line: i + 1, email, first_name, last_name, role, teams, role_id, team_ids, problems }
        })
        .collect()
}

/// A failed invitation in one line: awork's field messages, then the rest.
pub fn failure_text(e: &ApiError) -> String {
    let f = failure(e);
    let mut parts: Vec<String> = f.fields.into_iter().map(|(_, m)| m).collect();
    parts.extend(f.banner);
    parts.join(" ")
}

/// What the result column of a row says.
pub fn result_text(row: &BatchRow, state: &RowState) -> String {
    if !row.is_ready() {
        return row.problems.join(" ");
    }
    match state {
        JobState::Ready => t("Ready").into(),
        JobState::Sending => t("Sending…").into(),
        JobState::Done(code) => tf("Invited · {code}", &[("code", code)]),
        JobState::Failed(e) => tf("Failed: {message}", &[("message", &failure_text(e))]),
        JobState::Cancelled => t("Cancelled").into(),
    }
}

/// Rows that can be sent: checked and not sent yet.
pub fn ready_rows(rows: &[BatchRow], states: &[RowState]) -> Vec<usize> {
    (0..rows.len()).filter(|&i| rows[i].is_ready() && states.get(i) == Some(&JobState::Ready)).collect()
}

/// The outcome of every row, as CSV.
pub fn results_csv(rows: &[BatchRow], states: &[RowState]) -> String {
    let mut out = super::csv::line(&["line", "email", "firstName", "lastName", "role", "teams", "result", "detail"]);
    for (r, s) in rows.iter().zip(states) {
        let (result, detail) = match s {
            _ if !r.is_ready() => ("not sent", r.problems.join(" ")),
            JobState::Done(code) => ("invited", code.clone()),
            JobState::Failed(e) => ("failed", failure_text(e)),
            JobState::Cancelled => ("cancelled", String::new()),
            JobState::Ready | JobState::Sending => ("not sent", String::new()),
        };
        let line = r.line.to_string();
        out.push_str(&super::csv::line(&[
            &line,
            &r.email,
            &r.first_name,
            &r.last_name,
            &r.role,
            &r.teams,
            result,
            &detail,
        ]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<Role> {
        let role = |id: &str, name: &str, archived| Role {
            id: RoleId(id.into()),
            name: Some(name.into()),
            is_archived: archived,
            ..Default::default()
        };
        vec![role("m", "Member", false), role("pm", "Project Manager", false), role("old", "Old", true)]
    }

    fn teams() -> Vec<Team> {
        vec![
            Team { id: TeamId("d".into()), name: Some("Design".into()), ..Default::default() },
            Team { id: TeamId("s".into()), name: Some("Sales".into()), ..Default::default() },
        ]
    }

    #[test]
    fn rows_are_checked_before_anything_is_sent() {
        let text = "Email,First Name,lastName,Role,Teams\n\
                    ann@acme.example,Ann,Lee,project manager,design; SALES\n\
                    bad-email,Bob,,Member,\n\
                    ANN@acme.example,Ann,Again,,\n\
                    cy@acme.example,Cy,,Old,Design|Ops\n\
                    dee@acme.example,Dee,,,\n";
        let default = RoleId("m".into());
        let rows = rows_from_csv(text, &roles(), &teams(), Some(&default));
        assert_eq!(rows.len(), 5);
        assert!(rows[0].is_ready());
        assert_eq!(rows[0].role_id, Some(RoleId("pm".into())));
        assert_eq!(rows[0].team_ids, [TeamId("d".into()), TeamId("s".into())]);
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[1].problems, ["The email is not valid."]);
        assert_eq!(rows[2].problems, ["The same email is on line 2."]);
        assert_eq!(rows[3].problems, ["There is no role “Old”.", "There is no team “Ops”."]);
        assert!(rows[4].is_ready());
        assert_eq!(rows[4].role_id, Some(default));
    }

    #[test]
    fn a_name_that_two_roles_or_teams_share_is_ambiguous() {
        let mut roles = roles();
        roles.push(Role { id: RoleId("m2".into()), name: Some("member ".into()), ..Default::default() });
        let mut teams = teams();
        teams.push(Team { id: TeamId("d2".into()), name: Some("DESIGN".into()), ..Default::default() });
        let rows = rows_from_csv("email,role,teams\nann@acme.example,Member,Design;Sales\n", &roles, &teams, None);
        assert_eq!(
            rows[0].problems,
            ["2 roles are called “Member”: rename one in awork.", "2 teams are called “Design”: rename one in awork."]
        );
        assert_eq!(rows[0].role_id, None);
        assert_eq!(rows[0].team_ids, [TeamId("s".into())]);
    }

    #[test]
    fn large_files_and_many_rows_are_refused_with_a_reason() {
        assert_eq!(too_large(MAX_CSV_BYTES as f64), None);
        assert_eq!(
            too_large(3.0 * 1024.0 * 1024.0).as_deref(),
            Some("The file is 3,072 KB; at most 1,024 KB are taken at a time. Split it into smaller files.")
        );
        assert_eq!(too_many(MAX_ROWS), None);
        assert_eq!(
            too_many(MAX_ROWS + 1).as_deref(),
            Some("The file has 5,001 rows; at most 5,000 are taken at a time. Split it into smaller files.")
        );
    }

    #[test]
    fn without_a_header_columns_go_in_the_documented_order() {
        let rows = rows_from_csv("zoe@acme.example,Zoe,Ray,Member,Sales\n", &roles(), &teams(), None);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].first_name.as_str(), rows[0].last_name.as_str()), ("Zoe", "Ray"));
        assert_eq!(rows[0].line, 1);
        assert!(rows[0].is_ready());
    }

    #[test]
    fn results_read_per_row() {
        let rows = rows_from_csv("email\na@acme.example\nnope\n", &roles(), &teams(), None);
        assert_eq!(result_text(&rows[0], &JobState::Done("inv-1".into())), "Invited · inv-1");
        assert_eq!(result_text(&rows[1], &JobState::Ready), "The email is not valid.");
        let dup = ApiError::Invalid { code: Some("already-exist-error".into()), description: None, fields: vec![] };
        assert_eq!(result_text(&rows[0], &JobState::Failed(dup)), "Failed: This email is already in the workspace.");
        assert_eq!(ready_rows(&rows, &[JobState::Ready, JobState::Ready]), [0]);
        assert!(ready_rows(&rows, &[JobState::Cancelled, JobState::Ready]).is_empty());
    }

    #[test]
    fn results_list_every_row() {
        let rows = rows_from_csv("email\na@acme.example\nnope\n", &roles(), &teams(), None);
        let csv = results_csv(&rows, &[JobState::Done("inv-1".into()), JobState::Ready]);
        assert_eq!(
            csv,
            "\"line\",\"email\",\"firstName\",\"lastName\",\"role\",\"teams\",\"result\",\"detail\"\r\n\
             \"2\",\"a@acme.example\",\"\",\"\",\"\",\"\",\"invited\",\"inv-1\"\r\n\
             \"3\",\"nope\",\"\",\"\",\"\",\"\",\"not sent\",\"The email is not valid.\"\r\n"
        );
    }
}
