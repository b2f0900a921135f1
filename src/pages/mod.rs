//! One module per screen.

mod coming;
mod invite;
mod profile;
mod role_members;
pub(crate) mod roles;
mod sign_in;

pub use coming::{Coming, NotFound};
pub use invite::Invite;
pub use profile::Profile;
pub use role_members::RoleMembers;
pub use roles::{role_badges, Roles};
pub use sign_in::SignIn;
