//! The screens' decisions: plain functions with unit tests, one file per screen (named as in
//! `pages/`), plus what several screens share (form errors, CSV). Views only render their answers.

pub mod admins;
pub mod assign;
pub mod batch;
pub mod csv;
pub mod forms;
pub mod invite;
pub mod people;
pub mod person;
pub mod profile;
pub mod role_members;
pub mod roles;
pub mod rows;
pub mod sign_in;

/// Sorts a list's row indices by `order`. Every list sorts through this one function: each
/// closure passed to `sort_by` directly gets a sort of its own compiled (4 KB of wasm each).
#[allow(clippy::disallowed_methods)] // the one sort
pub fn sort_rows(indices: &mut [usize], order: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    indices.sort_by(|&a, &b| order(a, b));
}

/// The (label, tone) of each badge whose condition holds, in the given order.
pub fn badges_where(flags: &[(bool, &'static str, &'static str)]) -> Vec<(&'static str, &'static str)> {
    flags.iter().filter(|(on, _, _)| *on).map(|&(_, label, tone)| (label, tone)).collect()
}
