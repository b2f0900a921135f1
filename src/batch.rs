//! Inviting many people at once: rows from a CSV (`email,firstName,lastName,role,teams`, role and
//! teams by name), checked before anything is sent, then sent under awork's rate limits.

use crate::api::models::{Role, RoleId, Team, TeamId};
use crate::i18n::prelude::*;
use crate::invite::{is_email, InviteForm};
use crate::pages::roles::role_name;
use std::collections::HashMap;

/// Sending paces itself to this many requests a second: awork allows 50 per second per workspace
/// (shared with every other client of it); a 429 anyway pauses all sending as the headers say.
pub const REQUESTS_PER_SECOND: f64 = 48.0;
/// Invitations in flight at once.
pub const CONCURRENCY: usize = 4;

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

fn norm(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Reads and checks the rows. Columns come from a header line naming them (any order, any case);
/// without one, they are taken in the order email, firstName, lastName, role, teams. Teams within
/// the field are separated by `;` or `|`. An empty role means `default_role`.
pub fn rows_from_csv(text: &str, roles: &[Role], teams: &[Team], default_role: Option<&RoleId>) -> Vec<BatchRow> {
    let records = crate::csv::parse(text);
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
    let roles_by_name: HashMap<String, &Role> =
        roles.iter().filter(|r| !r.is_archived).map(|r| (norm(&role_name(r)), r)).collect();
    let teams_by_name: HashMap<String, &Team> =
        teams.iter().filter_map(|t| t.name.as_deref().map(|n| (norm(n), t))).collect();
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
                match roles_by_name.get(&norm(&role)) {
                    Some(r) => Some(r.id.clone()),
                    None => {
                        problems.push(tf("There is no role “{role}”.", &[("role", &role)]));
                        None
                    }
                }
            };
            let mut team_ids = Vec::new();
            for name in teams.split([';', '|']).map(str::trim).filter(|n| !n.is_empty()) {
                match teams_by_name.get(&norm(name)) {
                    Some(t) if !team_ids.contains(&t.id) => team_ids.push(t.id.clone()),
                    Some(_) => {}
                    None => problems.push(tf("There is no team “{name}”.", &[("name", &name)])),
                }
            }
            BatchRow { line: i + 1, email, first_name, last_name, role, teams, role_id, team_ids, problems }
        })
        .collect()
}

/// Where one row stands.
#[derive(Debug, Clone, PartialEq)]
pub enum RowState {
    /// Checked, not sent yet.
    Ready,
    /// Has problems; never sent.
    Invalid,
    Sending,
    Invited {
        code: String,
    },
    Failed {
        message: String,
    },
    Cancelled,
}

impl RowState {
    pub fn label(&self) -> String {
        match self {
            RowState::Ready => t("Ready").into(),
            RowState::Invalid => t("Not sent").into(),
            RowState::Sending => t("Sending…").into(),
            RowState::Invited { .. } => t("Invited").into(),
            RowState::Failed { message } => tf("Failed: {message}", &[("message", message)]),
            RowState::Cancelled => t("Cancelled").into(),
        }
    }

    /// Rows a retry sends again.
    pub fn retryable(&self) -> bool {
        matches!(self, RowState::Failed { .. } | RowState::Cancelled)
    }
}

/// Counts for the progress line.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub to_send: usize,
    pub sent: usize,
    pub invited: usize,
    pub failed: usize,
}

pub fn progress(states: &[RowState], in_run: &[bool]) -> Progress {
    let mut p = Progress::default();
    for (s, &counted) in states.iter().zip(in_run) {
        if !counted {
            continue;
        }
        p.to_send += 1;
        match s {
            RowState::Invited { .. } => {
                p.sent += 1;
                p.invited += 1
            }
            RowState::Failed { .. } => {
                p.sent += 1;
                p.failed += 1
            }
            _ => {}
        }
    }
    p
}

/// Seconds left at the pace so far, or, before there is one, at the paced rate.
pub fn eta_secs(done: usize, remaining: usize, elapsed_secs: f64) -> u64 {
    let rate = if done > 0 && elapsed_secs > 0.5 { done as f64 / elapsed_secs } else { REQUESTS_PER_SECOND };
    (remaining as f64 / rate.max(0.001)).ceil() as u64
}

/// When the next request may start, given when the last one was allowed to: spaced so that no
/// more than [`REQUESTS_PER_SECOND`] start in any second.
pub fn next_slot(now_ms: f64, last_slot_ms: Option<f64>) -> f64 {
    let gap = 1000.0 / REQUESTS_PER_SECOND;
    match last_slot_ms {
        Some(last) => now_ms.max(last + gap),
        None => now_ms,
    }
}

/// The outcome of every row, as CSV.
pub fn results_csv(rows: &[BatchRow], states: &[RowState]) -> String {
    let mut out = crate::csv::line(&["line", "email", "firstName", "lastName", "role", "teams", "result", "detail"]);
    for (r, s) in rows.iter().zip(states) {
        let (result, detail) = match s {
            RowState::Invited { code } => ("invited", code.clone()),
            RowState::Failed { message } => ("failed", message.clone()),
            RowState::Invalid => ("not sent", r.problems.join(" ")),
            RowState::Cancelled => ("cancelled", String::new()),
            RowState::Ready | RowState::Sending => ("not sent", String::new()),
        };
        let line = r.line.to_string();
        out.push_str(&crate::csv::line(&[
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
    fn without_a_header_columns_go_in_the_documented_order() {
        let rows = rows_from_csv("zoe@acme.example,Zoe,Ray,Member,Sales\n", &roles(), &teams(), None);
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].first_name.as_str(), rows[0].last_name.as_str()), ("Zoe", "Ray"));
        assert_eq!(rows[0].line, 1);
        assert!(rows[0].is_ready());
    }

    #[test]
    fn pacing_keeps_under_the_limit() {
        let mut last = None;
        let mut slots = vec![];
        for _ in 0..100 {
            let s = next_slot(0.0, last);
            slots.push(s);
            last = Some(s);
        }
        // No one-second window reaches awork's 50 a second.
        for (i, s) in slots.iter().enumerate() {
            let in_window = slots[i..].iter().take_while(|t| **t < s + 1000.0).count();
            assert!(in_window < 50, "{in_window}");
        }
        assert_eq!(next_slot(5000.0, Some(10.0)), 5000.0);
    }

    #[test]
    fn progress_and_eta() {
        let states = [
            RowState::Invited { code: "c".into() },
            RowState::Failed { message: "m".into() },
            RowState::Ready,
            RowState::Invited { code: "d".into() },
        ];
        let p = progress(&states, &[true, true, true, false]);
        assert_eq!(p, Progress { to_send: 3, sent: 2, invited: 1, failed: 1 });
        assert_eq!(eta_secs(0, 96, 0.0), 2);
        assert_eq!(eta_secs(10, 20, 5.0), 10);
    }

    #[test]
    fn results_list_every_row() {
        let rows = rows_from_csv("email\na@acme.example\nnope\n", &roles(), &teams(), None);
        let csv = results_csv(&rows, &[RowState::Invited { code: "inv-1".into() }, RowState::Invalid]);
        assert_eq!(
            csv,
            "line,email,firstName,lastName,role,teams,result,detail\r\n2,a@acme.example,,,,,invited,inv-1\r\n3,nope,,,,,not sent,The email is not valid.\r\n"
        );
    }
}
