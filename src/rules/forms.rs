//! What a failed form submission shows: awork's `validationErrors` beside the fields they name,
//! everything else in a banner. Shared by the invite and assign forms.

use crate::api::ApiError;

/// The form field an awork `validationErrors[].property` names (`Email`, `RoleId`, `TaskId`…),
/// among the fields this form has (ids as in the page: `email`, `role`, `task`…).
pub fn field_of(property: &str, fields: &[&'static str]) -> Option<&'static str> {
    let p = property.rsplit('.').next().unwrap_or(property).to_ascii_lowercase();
    let p = p.strip_suffix("ids").or_else(|| p.strip_suffix("id")).unwrap_or(&p).to_string();
    fields.iter().copied().find(|f| {
        let f = f.to_ascii_lowercase();
        f == p || f.strip_suffix('s') == Some(p.as_str())
    })
}

/// Field messages and a banner for an `Invalid` answer; for anything else, just the banner.
pub fn place_errors(e: &ApiError, fields: &[&'static str]) -> (Vec<(&'static str, String)>, Option<String>) {
    let ApiError::Invalid { fields: errors, .. } = e else {
        return (vec![], Some(e.message()));
    };
    let mut placed = Vec::new();
    let mut rest = Vec::new();
    for f in errors {
        match field_of(&f.property, fields) {
            Some(field) => placed.push((field, f.message.clone())),
            None => rest.push(format!("{}: {}", f.property, f.message)),
        }
    }
    let banner = if placed.is_empty() || !rest.is_empty() {
        Some([e.message()].into_iter().chain(rest).collect::<Vec<_>>().join(" "))
    } else {
        None
    };
    (placed, banner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::FieldError;

    const FIELDS: &[&str] = &["email", "firstName", "role", "teams", "task"];

    #[test]
    fn awork_property_names_find_their_fields() {
        assert_eq!(field_of("Email", FIELDS), Some("email"));
        assert_eq!(field_of("FirstName", FIELDS), Some("firstName"));
        assert_eq!(field_of("RoleId", FIELDS), Some("role"));
        assert_eq!(field_of("TeamIds", FIELDS), Some("teams"));
        assert_eq!(field_of("model.TaskId", FIELDS), Some("task"));
        assert_eq!(field_of("BookedSeats", FIELDS), None);
    }

    #[test]
    fn unplaced_errors_go_to_the_banner() {
        let e = ApiError::Invalid {
            code: None,
            description: None,
            fields: vec![
                FieldError { property: "Email".into(), message: "Bad.".into() },
                FieldError { property: "BookedSeats".into(), message: "Too many.".into() },
            ],
        };
        let (placed, banner) = place_errors(&e, FIELDS);
        assert_eq!(placed, [("email", "Bad.".to_string())]);
        assert!(banner.unwrap().ends_with("BookedSeats: Too many."));
        let (placed, banner) = place_errors(&ApiError::Network, FIELDS);
        assert!(placed.is_empty() && banner.unwrap().contains("Could not reach awork"));
    }
}
