//! Typed errors. Every error has a stable machine `code` (what the UI translates and scripts
//! match on) and a human `message` (English detail). They cross IPC and the CLI's `--json`
//! output as [`ErrorPayload`] `{code, message}`.

use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("article {0} not found")]
    ArticleNotFound(i64),
    #[error("revision {rev} of article {id} not found")]
    RevisionNotFound { id: i64, rev: i64 },
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    InvalidState(String),
    #[error("this library was written by a newer Newsroom (schema version {found}; this build knows up to {known}); update Newsroom to open it")]
    LibraryTooNew { found: i64, known: i64 },
    #[error("{path}: not a Newsroom library ({reason})")]
    NotALibrary { path: String, reason: String },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// Stable code, part of the public IPC/CLI contract.
    pub fn code(&self) -> &'static str {
        match self {
            Error::ArticleNotFound(_) | Error::RevisionNotFound { .. } => "not_found",
            Error::InvalidInput(_) => "invalid_input",
            Error::InvalidState(_) => "invalid_state",
            Error::LibraryTooNew { .. } => "library_too_new",
            Error::NotALibrary { .. } => "not_a_library",
            Error::Database(e) if is_busy(e) => "library_locked",
            Error::Database(_) | Error::Migration(_) => "database",
            Error::Io { .. } => "io",
        }
    }

    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io { context: context.into(), source }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidInput(msg.into())
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload { code: self.code().to_string(), message: self.to_string() }
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// The wire form of an error: `{"code": "...", "message": "..."}`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
}

impl From<Error> for ErrorPayload {
    fn from(e: Error) -> Self {
        e.payload()
    }
}
