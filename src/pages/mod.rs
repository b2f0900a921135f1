//! One module per screen.

mod coming;
mod profile;
mod roles;
mod sign_in;

pub use coming::{Coming, NotFound};
pub use profile::Profile;
pub use roles::Roles;
pub use sign_in::SignIn;
