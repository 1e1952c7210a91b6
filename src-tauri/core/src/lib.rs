//! Newsroom's domain logic, free of Tauri.
//!
//! The app (`src-tauri`), the headless `newsroom` CLI, the tests and the benchmarks all go
//! through [`Library`]: one folder that holds everything a user owns (the SQLite database,
//! the original photos, thumbnails and the rendition cache).

mod codes;
pub mod dates;
pub mod db;
pub mod error;
pub mod error_values;
mod escape;
pub mod export;
mod files;
pub mod imaging;
pub mod journal;
pub mod library;
pub mod model;
pub mod photos;
pub mod preflight;
pub mod render;
pub mod sample;
pub mod search;
pub mod server;
pub mod spelling;
pub mod sql;
pub mod store;
pub mod transfer;
pub mod watch;

pub use error::{ConnectProblem, Error, ErrorCode, ErrorPayload, ImageProblem, Result};
pub use error_values::{ErrorValues, FileKind, IoProblem, Measure, Missing, Rule};
pub use library::{Library, OpenOptions};
pub use model::*;
