//! The profile screen: which details and badges a profile shows.

use super::badges_where;
use crate::api::models::Me;
use crate::format::{calendar_date, gender_label, language_name};
use crate::i18n::prelude::*;

/// The "about" rows of a profile: label and text, only for fields that have a value.
pub fn detail_rows(me: &Me) -> Vec<(&'static str, String)> {
    let text = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    [
        (k("First name"), text(&me.first_name)),
        (k("Last name"), text(&me.last_name)),
        (k("Title"), text(&me.title)),
        (k("Position"), text(&me.position)),
        (k("Gender"), text(&me.gender).map(|g| gender_label(&g))),
        (k("Language"), text(&me.language).map(|l| language_name(&l))),
        (k("Birth date"), text(&me.birth_date).map(|d| calendar_date(&d).unwrap_or(d))),
    ]
    .into_iter()
    .filter_map(|(label, value)| value.map(|v| (label, v)))
    .collect()
}

/// Status badges: invitation, deactivated, archived, external.
pub fn status_badges(me: &Me) -> Vec<(&'static str, &'static str)> {
    let accepted = me.status.invitation_accepted;
    badges_where(&[
        (accepted, k("Invitation accepted"), "positive"),
        (!accepted, k("Invitation pending"), "warning"),
        (me.is_deactivated || me.status.is_deactivated, k("Deactivated"), "warning"),
        (me.is_archived, k("Archived"), "muted"),
        (me.is_external, k("External"), "neutral"),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::User;

    #[test]
    fn rows_and_badges_leave_out_what_is_missing() {
        let me = Me {
            user: User {
                first_name: Some("Ada".into()),
                position: Some("  ".into()),
                birth_date: Some("1990-02-03T00:00:00Z".into()),
                language: Some("de-AT".into()),
                is_external: true,
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(
            detail_rows(&me),
            [
                ("First name", "Ada".to_string()),
                ("Language", "German (de-AT)".into()),
                ("Birth date", "3 February 1990".into())
            ]
        );
        assert_eq!(status_badges(&me), [("Invitation pending", "warning"), ("External", "neutral")]);
    }
}
