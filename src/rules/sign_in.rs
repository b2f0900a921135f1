//! The sign-in screen: what it says when awork refuses a token.

use crate::api::ApiError;
use crate::i18n::prelude::*;

/// What the sign-in screen says when `GET /me` refuses a token.
pub fn sign_in_error(e: &ApiError) -> String {
    match e {
        ApiError::SessionEnded | ApiError::PermissionDenied { .. } => {
            t("This token was not accepted by awork. Check that you copied the whole API key and that it belongs to this workspace.").into()
        }
        other => other.message(),
    }
}
