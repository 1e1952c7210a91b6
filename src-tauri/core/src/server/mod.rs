//! The shared library: one PostgreSQL database that several desks work in at once. Its
//! address ([`ServerUrl`], a libpq-style `postgres://` URL), the password for it (libpq's
//! password file), connecting with TLS as `sslmode` asks ([`connect`]; failures are
//! [`crate::Error::Connect`] with a [`crate::ConnectProblem`] that says why), the schema and
//! its migrations (`schema`), people and their roles (`roles`), and the search SQL
//! (`search_sql`).

mod address;
mod connect;
mod pgpass;
pub mod roles;
pub mod schema;
pub mod search_sql;
#[doc(hidden)]
pub mod testing;

pub use address::{is_server_url, ServerHost, ServerUrl, SslMode, DEFAULT_CONNECT_TIMEOUT};
pub use connect::connect;
