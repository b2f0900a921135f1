//! One module per screen.

mod assign;
mod batch;
pub(crate) mod invite;
mod not_found;
mod profile;
mod role_members;
pub(crate) mod roles;
mod sign_in;

pub use assign::Assign;
pub use batch::Batch;
pub use invite::Invite;
pub use not_found::NotFound;
pub use profile::Profile;
pub use role_members::RoleMembers;
pub use roles::{role_badges, Roles};
pub use sign_in::{sign_in_error, SignIn};
