//! A shared library on a PostgreSQL server: its address ([`ServerUrl`], a libpq-style
//! `postgres://` URL), the password for it (libpq's password file), and connecting to it
//! with TLS as `sslmode` asks ([`connect`]). Failures are [`crate::Error::Connect`] with a
//! [`crate::ConnectProblem`] that says why, each its own error code.

mod address;
mod connect;
mod pgpass;
#[doc(hidden)]
pub mod testing;

pub use address::{is_server_url, ServerHost, ServerUrl, SslMode, DEFAULT_CONNECT_TIMEOUT};
pub use connect::connect;
