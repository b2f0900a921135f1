//! Reusable view pieces.

mod feedback;
mod layout;

pub use feedback::{Badge, ErrorBanner, Loading};
pub use layout::Shell;
