//! Reusable view pieces.

mod avatar;
mod feedback;
mod field;
mod layout;

pub use avatar::Avatar;
pub use feedback::{badges_where, Badge, ErrorBanner, Loading};
pub use field::{gender_options, use_roles, FormState, RolePicker, SelectField, TextField};
pub use layout::{LanguagePicker, Shell};
