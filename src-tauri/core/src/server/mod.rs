//! The shared library: one PostgreSQL database that several desks work in at once.

pub mod schema;
pub mod search_sql;
