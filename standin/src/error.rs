//! awork's error answer: one type that every handler returns with `?`, turned into awork's error
//! body (`code`, `description`, `link`, `traceId`, `details`, `validationErrors`).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

const DOCS_LINK: &str = "https://developers.awork.com/api-reference/error-handling";

#[derive(Debug, Clone, PartialEq)]
pub struct AworkError {
    pub status: StatusCode,
    pub code: &'static str,
    pub description: String,
    /// `validationErrors`: (property, message), properties capitalised as awork's backend does.
    pub validation: Vec<(&'static str, String)>,
}

pub type AworkResult<T> = Result<T, AworkError>;

impl AworkError {
    pub fn new(status: StatusCode, code: &'static str, description: impl Into<String>) -> AworkError {
        AworkError { status, code, description: description.into(), validation: Vec::new() }
    }

    /// 401 `unauthorized`: a bad token, and (as in awork) a missing permission.
    pub fn unauthorized(description: &str) -> AworkError {
        AworkError::new(StatusCode::UNAUTHORIZED, "unauthorized", description)
    }

    pub fn not_found(what: &str) -> AworkError {
        AworkError::new(StatusCode::NOT_FOUND, "not-found", format!("No {what} with this id exists."))
    }

    /// 400 `validation-failed` with one entry per property.
    pub fn validation_failed(errors: Vec<(&'static str, String)>) -> AworkError {
        AworkError {
            validation: errors,
            ..AworkError::new(StatusCode::BAD_REQUEST, "validation-failed", "The model is invalid.")
        }
    }

    /// 400 `invalid-model`: the body is not JSON of the documented shape.
    pub fn invalid_model() -> AworkError {
        AworkError::new(
            StatusCode::BAD_REQUEST,
            "invalid-model",
            "The request body is not valid JSON of the expected shape.",
        )
    }

    pub fn invalid_filter(why: &str) -> AworkError {
        AworkError::new(
            StatusCode::BAD_REQUEST,
            "invalid-filter-or-order",
            format!("The filter or order expression is invalid: {why}"),
        )
    }

    pub fn too_many_requests(description: &str) -> AworkError {
        AworkError::new(StatusCode::TOO_MANY_REQUESTS, "too-many-requests", description)
    }

    pub fn server_error(status: StatusCode, description: &str) -> AworkError {
        AworkError::new(status, "server-error", description)
    }
}

impl IntoResponse for AworkError {
    fn into_response(self) -> Response {
        let validation_errors = (!self.validation.is_empty())
            .then(|| self.validation.iter().map(|(p, m)| json!({"property": p, "message": m})).collect::<Vec<_>>());
        let trace = self.description.len() as u128 * 7919 + self.status.as_u16() as u128;
        let body = json!({
            "code": self.code,
            "description": self.description,
            "link": DOCS_LINK,
            "details": null,
            "validationErrors": validation_errors,
            "traceId": format!("{trace:032x}"),
        });
        (self.status, Json(body)).into_response()
    }
}
