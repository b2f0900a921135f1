//! Reusable view pieces. They render what they are given and never fetch.

mod avatar;
mod erase;
mod feedback;
pub mod field;
mod layout;
pub mod on_demand;
mod windowed;

pub use avatar::Avatar;
pub use erase::{dynamic, handler};
pub use feedback::{Badge, ErrorBanner, Loading, NotAllowed};
pub use field::{gender_options, FormState, RolePicker, SelectField, TextField, ToolSelect};
pub use layout::{LanguagePicker, Shell};
pub use windowed::WindowedList;
