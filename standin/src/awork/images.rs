//! `GET /files/images/{entityName}/{entityId}`: no token needed, as awork documents.

use crate::error::{AworkError, AworkResult};
use crate::state::Shared;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

pub fn routes() -> Router<Shared> {
    Router::new().route("/files/images/{entityName}/{entityId}", get(image))
}

/// A generated PNG (a disc in a colour derived from the id) for users with `hasImage`.
async fn image(State(s): State<Shared>, Path((entity, id)): Path<(String, String)>) -> AworkResult<Response> {
    let inner = s.lock();
    let user = inner.ws.user(&id).filter(|u| entity.eq_ignore_ascii_case("users") && u.has_image);
    let user = user.ok_or_else(|| AworkError::not_found("image"))?;
    let h = user.id.bytes().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(b as u32));
    let fg = [(h >> 16) as u8 | 0x40, (h >> 8) as u8 | 0x40, h as u8 | 0x40];
    let png = crate::png::disc(64, fg, [0xec, 0xeb, 0xff]);
    Ok(([(header::CONTENT_TYPE, "image/png"), (header::CACHE_CONTROL, "max-age=3600")], png).into_response())
}
