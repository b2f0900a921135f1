//! Reusable view pieces.

mod avatar;
mod feedback;
mod layout;

pub use avatar::Avatar;
pub use feedback::{Badge, ErrorBanner, Loading};
pub use layout::Shell;
