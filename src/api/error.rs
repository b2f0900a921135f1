//! The one error type of the API layer, with the text an admin reads.

use super::models::{ErrorResponse, ValidationError};
use super::rate::seconds;
use crate::i18n::prelude::*;

/// A field awork rejected, with awork's message.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    /// awork's property name as sent (`Email`, `RoleId`, ...).
    pub property: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer: offline, DNS, CORS refused, connection dropped.
    Network,
    /// No (whole) answer within `secs` seconds; the request was given up. A `write` may have been
    /// made at awork all the same.
    Timeout { secs: u32, write: bool },
    /// The token is not (or no longer) valid: `GET /me` itself answered 401.
    SessionEnded,
    /// A 401/403 on some call while `GET /me` still works: this account lacks the permission.
    PermissionDenied { description: Option<String> },
    /// 404.
    NotFound { description: Option<String> },
    /// 400 (or 422): awork refused the input, possibly per field.
    Invalid { code: Option<String>, description: Option<String>, fields: Vec<FieldError> },
    /// 429: wait `retry_after_secs` (from `Retry-After`, else `ratelimit-reset`) before retrying.
    RateLimited { retry_after_secs: Option<u64> },
    /// 5xx.
    Server { status: u16, description: Option<String> },
    /// The answer could not be read as what awork documents.
    Malformed,
    /// The answer is larger than the app accepts (bytes, or items of a list).
    TooLarge,
    /// Any other status.
    Unexpected { status: u16, description: Option<String> },
}

/// What came back, before it is decided what it means.
#[derive(Debug, Clone, Default)]
pub struct RawAnswer<'a> {
    pub status: u16,
    pub body: &'a str,
    pub retry_after: Option<&'a str>,
    pub ratelimit_reset: Option<&'a str>,
}

impl ApiError {
    /// Maps a non-2xx answer to an error. A 401/403 comes back as `SessionEnded` here; the client
    /// turns it into `PermissionDenied` when a re-check of `GET /me` still succeeds.
    pub fn from_answer(answer: &RawAnswer<'_>) -> ApiError {
        let body: ErrorResponse = serde_json::from_str(answer.body).unwrap_or_default();
        let description = body.description.clone().filter(|d| !d.trim().is_empty());
        match answer.status {
            401 | 403 => ApiError::SessionEnded,
            404 => ApiError::NotFound { description },
            400 | 422 => ApiError::Invalid {
                code: body.code,
                description,
                fields: body
                    .validation_errors
                    .into_iter()
                    .filter_map(|ValidationError { property, message }| {
                        Some(FieldError {
                            property: property?,
                            message: message.unwrap_or_else(|| t("This value was not accepted.").into()),
                        })
                    })
                    .collect(),
            },
            429 => ApiError::RateLimited {
                retry_after_secs: seconds(answer.retry_after).or_else(|| seconds(answer.ratelimit_reset)),
            },
            status @ 500..=599 => ApiError::Server { status, description },
            status => ApiError::Unexpected { status, description },
        }
    }

    /// A sentence for the admin.
    pub fn message(&self) -> String {
        match self {
            ApiError::Network => t("Could not reach awork. Check the connection and try again.").into(),
            ApiError::Timeout { secs, write: false } => {
                tf("awork did not answer within {s} seconds. Try again.", &[("s", secs)])
            }
            ApiError::Timeout { secs, write: true } => tf(
                "awork did not answer within {s} seconds, so the change may or may not have been made. Check before sending it again.",
                &[("s", secs)],
            ),
            ApiError::SessionEnded => t("Your session has ended. Please sign in again.").into(),
            ApiError::PermissionDenied { .. } => {
                t("This account lacks the permission for this screen. Ask a workspace admin for access.").into()
            }
            ApiError::NotFound { description } => {
                with_detail(t("awork could not find what was asked for."), description)
            }
            ApiError::Invalid { code, description, .. } => match code.as_deref() {
                Some("already-exist-error" | "duplication-violation") => {
                    t("This email is already in the workspace.").into()
                }
                _ => with_detail(t("awork did not accept the input."), description),
            },
            ApiError::RateLimited { retry_after_secs } => match retry_after_secs {
                Some(s) => tf("awork is busy (too many requests). Try again in {s} s.", &[("s", s)]),
                None => t("awork is busy (too many requests). Try again in a moment.").into(),
            },
            ApiError::Server { status, description } => {
                with_detail(&tf("awork had a problem ({status}). Try again.", &[("status", status)]), description)
            }
            ApiError::Malformed => t("awork sent an answer that could not be read. Try again.").into(),
            ApiError::TooLarge => t("awork sent more than this app takes in one answer, so it was not loaded.").into(),
            ApiError::Unexpected { status, description } => with_detail(
                &tf("awork answered with an unexpected status ({status}).", &[("status", status)]),
                description,
            ),
        }
    }

    /// Whether offering "Try again" makes sense: not for a change that may have been made.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            ApiError::Network
                | ApiError::Timeout { write: false, .. }
                | ApiError::RateLimited { .. }
                | ApiError::Server { .. }
                | ApiError::Malformed
        )
    }
}

fn with_detail(sentence: &str, description: &Option<String>) -> String {
    match description {
        Some(d) => format!("{sentence} ({d})"),
        None => sentence.to_string(),
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> ApiError {
        ApiError::from_answer(&RawAnswer { status, body, ..Default::default() })
    }

    #[test]
    fn awork_error_bodies_map_to_typed_errors() {
        let body = r#"{"code":"validation-failed","description":"The model is invalid.","link":"x",
            "validationErrors":[{"property":"Email","message":"Email is not valid."},{"property":null,"message":"x"}]}"#;
        assert_eq!(
            answer(400, body),
            ApiError::Invalid {
                code: Some("validation-failed".into()),
                description: Some("The model is invalid.".into()),
                fields: vec![FieldError { property: "Email".into(), message: "Email is not valid.".into() }],
            }
        );
        assert_eq!(answer(401, r#"{"code":"unauthorized"}"#), ApiError::SessionEnded);
        assert_eq!(answer(403, ""), ApiError::SessionEnded);
        assert_eq!(
            answer(404, r#"{"code":"not-found","description":"No task."}"#),
            ApiError::NotFound { description: Some("No task.".into()) }
        );
        assert_eq!(answer(503, "<html>down</html>"), ApiError::Server { status: 503, description: None });
        assert_eq!(answer(418, "null"), ApiError::Unexpected { status: 418, description: None });
    }

    #[test]
    fn duplicate_email_says_so() {
        let e = answer(400, r#"{"code":"already-exist-error","description":"exists","link":"x"}"#);
        assert_eq!(e.message(), "This email is already in the workspace.");
    }

    #[test]
    fn rate_limit_prefers_retry_after_then_ratelimit_reset() {
        let e = |retry_after, ratelimit_reset| {
            ApiError::from_answer(&RawAnswer { status: 429, body: "", retry_after, ratelimit_reset })
        };
        assert_eq!(e(Some("3"), Some("9")), ApiError::RateLimited { retry_after_secs: Some(3) });
        assert_eq!(e(None, Some("1.2")), ApiError::RateLimited { retry_after_secs: Some(2) });
        assert_eq!(e(None, Some("soon")), ApiError::RateLimited { retry_after_secs: None });
        assert!(e(None, None).is_retryable());
        assert!(!answer(400, "{}").is_retryable());
    }
}
