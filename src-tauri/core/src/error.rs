//! Typed errors. Every error has a stable machine `code` (what the UI translates and scripts
//! match on) and a human `message` (English detail). They cross IPC and the CLI's `--json`
//! output as [`ErrorPayload`] `{code, message}`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::error_values::{ErrorValues, FileKind, IoProblem, Measure, Missing, Rule};

crate::codes::wire_codes! {
    /// Why a command failed: stable, translated by the UI, matched on by scripts.
    pub enum ErrorCode {
        /// No article, revision or photo with that id.
        NotFound = "not_found",
        /// The input does not fit the format or its limits (a date, a URL, a length, a path).
        InvalidInput = "invalid_input",
        /// Not possible in the current state (a photo still in use, an unknown state).
        InvalidState = "invalid_state",
        /// The library was written by a newer Newsroom.
        LibraryTooNew = "library_too_new",
        /// The folder or file is not a Newsroom library.
        NotALibrary = "not_a_library",
        /// Another process holds the library's database.
        LibraryLocked = "library_locked",
        /// The database failed (or a migration did).
        Database = "database",
        /// Reading or writing a file failed.
        Io = "io",
        /// Not JPEG, PNG, WebP or TIFF, whatever the file name says.
        UnsupportedFormat = "unsupported_format",
        /// The image data is broken.
        CorruptImage = "corrupt_image",
        /// The file ends before the image does.
        TruncatedImage = "truncated_image",
        /// Over the pixel, decode-memory or file-size limit.
        ImageTooLarge = "image_too_large",
        /// The shared library's server failed while working (a query it refused).
        Server = "server",
        /// The shared library's address is not a usable `postgres://` URL.
        ServerUrl = "server_url",
        /// The server cannot be reached, or went away while working.
        ServerUnreachable = "server_unreachable",
        /// The server refused the user name or password.
        ServerAuth = "server_auth",
        /// The encrypted connection failed: the server does not offer one, or its certificate
        /// is not trusted, or it accepts only encrypted connections.
        ServerTls = "server_tls",
        /// The server has no database of that name.
        ServerDatabase = "server_database",
        /// The person's role in the shared library does not allow this (checked by the server).
        Forbidden = "forbidden",
        /// The app was sent a path the user did not choose in a dialog or drop on the window
        /// in this session.
        PathNotChosen = "path_not_chosen",
        /// A failure of the app shell itself (a dialog that could not open, a lost thread).
        Internal = "internal",
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("article {0} not found")]
    ArticleNotFound(i64),
    #[error("revision {rev} of article {id} not found")]
    RevisionNotFound { id: i64, rev: i64 },
    #[error("{0}")]
    InvalidInput(String),
    /// Input that broke a rule the UI words itself (see [`Rule`]).
    #[error("{message}")]
    Broke {
        rule: Rule,
        /// What the rule was broken on, by its name (a crop of the office's set).
        subject: Option<String>,
        limit: Option<usize>,
        message: String,
    },
    #[error("{0}")]
    InvalidState(String),
    #[error("this library was written by a newer Newsroom (schema version {found}; this build knows up to {known}); update Newsroom to open it")]
    LibraryTooNew { found: i64, known: i64 },
    #[error("{path}: not a Newsroom library ({reason})")]
    NotALibrary { path: String, reason: String },
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// The domain's SQL and a row did not fit (no row, a column of another type).
    #[error("database error: {0}")]
    Sql(#[from] crate::sql::SqlError),
    /// The shared library's server failed, or went away, while working.
    #[error("server error: {0}")]
    Server(#[from] postgres::Error),
    /// Connecting to the shared library's server failed: see [`ConnectProblem`] for the codes.
    #[error("{message}")]
    Connect {
        problem: ConnectProblem,
        message: String,
    },
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("photo {0} not found")]
    PhotoNotFound(i64),
    /// A file that cannot become a photo: see [`ImageProblem`] for the codes; `values` are
    /// what the UI words in its language (what the file is, which limit, how many bytes).
    #[error("{message}")]
    Image {
        problem: ImageProblem,
        message: String,
        values: Box<ErrorValues>,
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
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::ArticleNotFound(_)
            | Error::RevisionNotFound { .. }
            | Error::PhotoNotFound(_) => ErrorCode::NotFound,
            Error::Image { problem, .. } => problem.code(),
            Error::InvalidInput(_) | Error::Broke { .. } => ErrorCode::InvalidInput,
            Error::InvalidState(_) => ErrorCode::InvalidState,
            Error::LibraryTooNew { .. } => ErrorCode::LibraryTooNew,
            Error::NotALibrary { .. } => ErrorCode::NotALibrary,
            Error::Database(e) if is_busy(e) => ErrorCode::LibraryLocked,
            Error::Database(_) | Error::Sql(_) | Error::Migration(_) => ErrorCode::Database,
            Error::Server(e) if server_went_away(e) => ErrorCode::ServerUnreachable,
            Error::Server(e) if forbidden(e) => ErrorCode::Forbidden,
            Error::Server(_) => ErrorCode::Server,
            Error::Connect { problem, .. } => problem.code(),
            Error::Io { .. } => ErrorCode::Io,
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
            values: Box::default(),
        }
    }

    /// Adds the values behind an image error's message (see [`ErrorValues`]).
    pub fn with(mut self, set: impl FnOnce(&mut ErrorValues)) -> Self {
        if let Error::Image { values, .. } = &mut self {
            set(values);
        }
        self
    }

    /// Input that broke `rule` (and `limit`, where the rule has one).
    pub fn broke(rule: Rule, limit: Option<usize>, msg: impl Into<String>) -> Self {
        Error::Broke {
            rule,
            subject: None,
            limit,
            message: msg.into(),
        }
    }

    /// Input that broke `rule` on the thing named `subject` (a crop of the office's set).
    pub fn broke_on(
        rule: Rule,
        subject: &str,
        limit: Option<usize>,
        msg: impl Into<String>,
    ) -> Self {
        Error::Broke {
            rule,
            subject: Some(subject.to_string()),
            limit,
            message: msg.into(),
        }
    }

    pub fn connect(problem: ConnectProblem, msg: impl Into<String>) -> Self {
        Error::Connect {
            problem,
            message: msg.into(),
        }
    }

    pub fn invalid(msg: impl Into<String>) -> Self {
        Error::InvalidInput(msg.into())
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code(),
            message: self.to_string(),
            values: self.values().map(Box::new),
        }
    }

    /// The values behind the message, for the UI to word in its language.
    pub fn values(&self) -> Option<ErrorValues> {
        let v = match self {
            Error::ArticleNotFound(id) => ErrorValues::missing(Missing::Article, *id),
            Error::PhotoNotFound(id) => ErrorValues::missing(Missing::Photo, *id),
            Error::RevisionNotFound { id, rev } => ErrorValues {
                rev: Some(*rev),
                ..ErrorValues::missing(Missing::Revision, *id)
            },
            Error::Image { values, .. } => (**values).clone(),
            Error::LibraryTooNew { found, known } => ErrorValues {
                value: Some(*found as f64),
                limit: Some(*known as f64),
                ..Default::default()
            },
            Error::NotALibrary { path, .. } => ErrorValues {
                path: Some(path.clone()),
                ..Default::default()
            },
            Error::Broke {
                rule,
                subject,
                limit,
                ..
            } => ErrorValues {
                rule: Some(*rule),
                name: subject.clone(),
                limit: limit.map(|l| l as f64),
                ..Default::default()
            },
            Error::Io { context, source } => ErrorValues {
                path: Some(context.clone()),
                io: Some(IoProblem::of(source.kind())),
                ..Default::default()
            },
            _ => return None,
        };
        (v != ErrorValues::default()).then_some(v)
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
    pub fn code(self) -> ErrorCode {
        match self {
            ImageProblem::UnsupportedFormat => ErrorCode::UnsupportedFormat,
            ImageProblem::Corrupt => ErrorCode::CorruptImage,
            ImageProblem::Truncated => ErrorCode::TruncatedImage,
            ImageProblem::TooLarge => ErrorCode::ImageTooLarge,
        }
    }
}

/// Why connecting to the shared library's server failed. Each is its own stable error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConnectProblem {
    /// The address is not a usable `postgres://` URL.
    BadUrl,
    /// No server answers at that address (refused, timed out, unknown host name).
    Unreachable,
    /// The server refused the user name or password.
    AuthFailed,
    /// The encrypted connection failed (not offered, untrusted certificate, or required by
    /// the server and turned off here).
    Tls,
    /// The server has no database of that name.
    NoSuchDatabase,
    /// The server refused for another reason (too many connections, shutting down, …).
    Refused,
}

impl ConnectProblem {
    pub fn code(self) -> ErrorCode {
        match self {
            ConnectProblem::BadUrl => ErrorCode::ServerUrl,
            ConnectProblem::Unreachable => ErrorCode::ServerUnreachable,
            ConnectProblem::AuthFailed => ErrorCode::ServerAuth,
            ConnectProblem::Tls => ErrorCode::ServerTls,
            ConnectProblem::NoSuchDatabase => ErrorCode::ServerDatabase,
            ConnectProblem::Refused => ErrorCode::Server,
        }
    }
}

/// The server refused for lack of a privilege: a role's rule (`server::roles`).
fn forbidden(e: &postgres::Error) -> bool {
    e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE)
}

/// The connection is gone (closed by the server, or the network failed under it): the work
/// did not fail on its own, the server went away.
pub(crate) fn server_went_away(e: &postgres::Error) -> bool {
    use std::error::Error as _;
    if e.is_closed() {
        return true;
    }
    if let Some(db) = e.as_db_error() {
        // The server is shutting down or was restarted under us.
        return db.code().code().starts_with("57P");
    }
    let mut source = e.source();
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// Every failure crosses IPC and the CLI's `--json` in this shape. The UI words `code` and
/// `values` in its language; `message` is the English text the CLI prints (and the English UI
/// shows where there are no values).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
pub struct ErrorPayload {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub values: Option<Box<ErrorValues>>,
}

impl ErrorPayload {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorPayload {
            code,
            message: message.into(),
            values: None,
        }
    }
}

impl From<Error> for ErrorPayload {
    fn from(e: Error) -> Self {
        e.payload()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The wire form is part of the contract with the UI and with scripts: pinned here.
    #[test]
    fn errors_serialise_as_code_message_and_values() {
        let e = Error::ArticleNotFound(7);
        assert_eq!(
            serde_json::to_string(&e.payload()).unwrap(),
            r#"{"code":"not_found","message":"article 7 not found","values":{"missing":"article","id":7}}"#
        );
        let e = Error::image(ImageProblem::Truncated, "a.jpg: the file ends early")
            .with(|v| v.bytes = Some(1200));
        assert_eq!(
            serde_json::to_value(e.payload()).unwrap(),
            serde_json::json!({"code": "truncated_image", "message": "a.jpg: the file ends early",
                               "values": {"bytes": 1200}})
        );
        let io = Error::io(
            "/media/usb/a.jpg",
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        );
        assert_eq!(
            serde_json::to_value(io.payload()).unwrap()["values"],
            serde_json::json!({"path": "/media/usb/a.jpg", "io": "permission_denied"})
        );
        // Errors without values leave the field out; older payloads without it still read.
        let e = Error::invalid("bad");
        assert_eq!(
            serde_json::to_string(&e.payload()).unwrap(),
            r#"{"code":"invalid_input","message":"bad"}"#
        );
        let back: ErrorPayload =
            serde_json::from_str(r#"{"code":"library_locked","message":"busy"}"#).unwrap();
        assert_eq!(back, ErrorPayload::new(ErrorCode::LibraryLocked, "busy"));
        // Connecting to a server: one code per reason, the message says what to do.
        let e = Error::connect(ConnectProblem::AuthFailed, "password authentication failed");
        assert_eq!(
            serde_json::to_string(&e.payload()).unwrap(),
            r#"{"code":"server_auth","message":"password authentication failed"}"#
        );
    }

    #[test]
    fn every_connect_problem_has_its_own_server_code() {
        let problems = [
            (ConnectProblem::BadUrl, "server_url"),
            (ConnectProblem::Unreachable, "server_unreachable"),
            (ConnectProblem::AuthFailed, "server_auth"),
            (ConnectProblem::Tls, "server_tls"),
            (ConnectProblem::NoSuchDatabase, "server_database"),
            (ConnectProblem::Refused, "server"),
        ];
        for (problem, wire) in problems {
            assert_eq!(Error::connect(problem, "x").code(), wire);
        }
    }
}
