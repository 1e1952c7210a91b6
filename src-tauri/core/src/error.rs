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
    #[error("photo {0} not found")]
    PhotoNotFound(i64),
    /// A file that cannot become a photo: see [`ImageProblem`] for the codes.
    #[error("{message}")]
    Image {
        problem: ImageProblem,
        message: String,
    },
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
            Error::ArticleNotFound(_)
            | Error::RevisionNotFound { .. }
            | Error::PhotoNotFound(_) => "not_found",
            Error::Image { problem, .. } => problem.code(),
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
        Error::Io {
            context: context.into(),
            source,
        }
    }

    /// For `map_err`: an I/O error on `path`, with the path as its context.
    pub fn io_at(path: &std::path::Path) -> impl Fn(std::io::Error) -> Self + Copy + '_ {
        move |e| Error::io(path.display().to_string(), e)
    }

    pub fn image(problem: ImageProblem, msg: impl Into<String>) -> Self {
        Error::Image {
            problem,
            message: msg.into(),
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidInput(msg.into())
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.to_string(),
        }
    }
}

/// Why a file was refused as a photo. Each is its own stable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageProblem {
    /// Not JPEG, PNG, WebP or TIFF (by content, whatever the file name says).
    UnsupportedFormat,
    /// The data is broken: bad header, bad compressed data, impossible sizes.
    Corrupt,
    /// The file ends before the image does (a half-copied upload).
    Truncated,
    /// Over the pixel or decode-memory limit (decompression bombs), or the file is too big.
    TooLarge,
}

impl ImageProblem {
    pub fn code(self) -> &'static str {
        match self {
            ImageProblem::UnsupportedFormat => "unsupported_format",
            ImageProblem::Corrupt => "corrupt_image",
            ImageProblem::Truncated => "truncated_image",
            ImageProblem::TooLarge => "image_too_large",
        }
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
