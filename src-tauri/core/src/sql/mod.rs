//! The storage seam: one way to run SQL, whatever holds the library.
//!
//! The domain (articles, revisions, workflow, photos, credits, preflight, export) is written
//! once, against [`Db`]. A `Db` is either the desk's embedded SQLite file or a shared
//! PostgreSQL server; the domain's SQL is written in the dialect both understand, with
//! SQLite's numbered placeholders (`?1`, `?2`), which the PostgreSQL side rewrites to `$1`.
//! Where the two really differ (the search index), the domain asks [`Db::dialect`].
//!
//! Rows come back owned ([`Row`] of [`Value`]s) and parameters go in as values, so the same
//! mapping code reads both backends. Transactions ([`Db::transaction`]) take the write lock
//! first: `BEGIN IMMEDIATE` on SQLite, so two processes on one file queue instead of
//! overwriting each other.

mod postgres;
mod sqlite;
mod value;

use std::cell::{Cell, RefCell};

pub use value::{params_from_iter, FromValue, Params, ParamsFromIter, ToValue, Value};

use crate::error::{Error, Result};
use crate::server::ServerUrl;

/// Which SQL a backend speaks where the two differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

/// What went wrong between the domain's SQL and a row.
#[derive(Debug, thiserror::Error)]
pub enum SqlError {
    #[error("the query returned no rows")]
    NoRows,
    #[error("column {index}: {message}")]
    Column { index: usize, message: String },
}

/// One result row, owned.
#[derive(Debug, Clone)]
pub struct Row {
    values: Vec<Value>,
}

impl Row {
    pub(crate) fn new(values: Vec<Value>) -> Row {
        Row { values }
    }

    /// Column `index` (from 0) as a `T`.
    pub fn get<T: FromValue>(&self, index: usize) -> Result<T> {
        let v = self
            .values
            .get(index)
            .ok_or_else(|| column(index, "no such column"))?;
        T::from_value(v).map_err(|message| column(index, &message))
    }

    /// The row's values, in column order.
    pub fn values(&self) -> &[Value] {
        &self.values
    }
}

fn column(index: usize, message: &str) -> Error {
    Error::Sql(SqlError::Column {
        index,
        message: message.to_string(),
    })
}

/// `query_row(…).optional()`: no row is `None`, not an error.
pub trait OptionalExtension<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> OptionalExtension<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(Error::Sql(SqlError::NoRows)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

enum Backend {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<postgres::PgConn>>),
}

/// A connection to a library's database, SQLite or PostgreSQL.
pub struct Db {
    backend: Backend,
    /// Open transactions: an inner `transaction()` joins the outer one.
    depth: Cell<u32>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db")
            .field("dialect", &self.dialect())
            .finish()
    }
}

impl Db {
    pub(crate) fn sqlite(conn: rusqlite::Connection) -> Db {
        conn.set_prepared_statement_cache_capacity(64);
        Db {
            backend: Backend::Sqlite(conn),
            depth: Cell::new(0),
        }
    }

    /// A server connection; `url` is where to connect again should the server go away.
    pub(crate) fn postgres(client: ::postgres::Client, url: Option<ServerUrl>) -> Db {
        Db {
            backend: Backend::Postgres(Box::new(RefCell::new(postgres::PgConn::new(client, url)))),
            depth: Cell::new(0),
        }
    }

    pub fn dialect(&self) -> Dialect {
        match self.backend {
            Backend::Sqlite(_) => Dialect::Sqlite,
            Backend::Postgres(_) => Dialect::Postgres,
        }
    }

    /// The SQLite connection, for what only a file has (pragmas, its migrations).
    pub(crate) fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.backend {
            Backend::Sqlite(c) => Some(c),
            Backend::Postgres(_) => None,
        }
    }

    /// The PostgreSQL client, for what only a server has (its migrations, photo chunks).
    pub(crate) fn with_postgres<T>(
        &self,
        f: impl FnOnce(&mut ::postgres::Client) -> Result<T>,
    ) -> Option<Result<T>> {
        match &self.backend {
            Backend::Sqlite(_) => None,
            Backend::Postgres(pg) => Some(f(&mut pg.borrow_mut().client)),
        }
    }

    /// Runs a statement; returns the number of rows it changed.
    pub fn execute(&self, sql: &str, params: impl Params) -> Result<usize> {
        let values = params.into_values();
        match &self.backend {
            Backend::Sqlite(c) => sqlite::execute(c, sql, &values),
            Backend::Postgres(pg) => {
                let mut pg = pg.borrow_mut();
                if self.depth.get() == 0 {
                    pg.reconnect_if_closed()?;
                }
                pg.execute(sql, &values)
            }
        }
    }

    /// Every row of a query.
    pub fn query_all(&self, sql: &str, params: impl Params) -> Result<Vec<Row>> {
        let values = params.into_values();
        match &self.backend {
            Backend::Sqlite(c) => sqlite::query(c, sql, &values),
            Backend::Postgres(pg) => {
                let mut pg = pg.borrow_mut();
                if self.depth.get() == 0 {
                    pg.reconnect_if_closed()?;
                }
                pg.query(sql, &values)
            }
        }
    }

    /// The first row, mapped; [`SqlError::NoRows`] when there is none (see
    /// [`OptionalExtension::optional`]).
    pub fn query_row<T>(
        &self,
        sql: &str,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        let rows = self.query_all(sql, params)?;
        match rows.first() {
            Some(r) => f(r),
            None => Err(Error::Sql(SqlError::NoRows)),
        }
    }

    /// Runs several statements without parameters (schema changes).
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Backend::Postgres(pg) => Ok(pg.borrow_mut().batch(sql)?),
        }
    }

    /// A statement to run once or many times (the backends cache the prepared form).
    pub fn prepare_cached<'a>(&'a self, sql: &str) -> Result<Stmt<'a>> {
        Ok(Stmt {
            db: self,
            sql: sql.to_string(),
        })
    }

    pub fn prepare<'a>(&'a self, sql: &str) -> Result<Stmt<'a>> {
        self.prepare_cached(sql)
    }

    /// Starts a write transaction, taking the write lock first. Dropped without
    /// [`Tx::commit`], it rolls back. Inside another transaction it joins that one.
    pub fn transaction(&self) -> Result<Tx<'_>> {
        let depth = self.depth.get();
        if depth == 0 {
            match &self.backend {
                Backend::Sqlite(c) => c.execute_batch("BEGIN IMMEDIATE")?,
                Backend::Postgres(pg) => {
                    let mut pg = pg.borrow_mut();
                    pg.reconnect_if_closed()?;
                    pg.batch("BEGIN")?
                }
            }
        }
        self.depth.set(depth + 1);
        Ok(Tx {
            db: self,
            outer: depth == 0,
            done: false,
        })
    }

    fn end(&self, outer: bool, commit: bool) -> Result<()> {
        self.depth.set(self.depth.get().saturating_sub(1));
        if !outer {
            return Ok(());
        }
        let sql = if commit { "COMMIT" } else { "ROLLBACK" };
        match &self.backend {
            Backend::Sqlite(c) => c.execute_batch(sql)?,
            Backend::Postgres(pg) => pg.borrow_mut().batch(sql)?,
        }
        Ok(())
    }
}

/// An open transaction; derefs to the [`Db`] it runs on.
pub struct Tx<'a> {
    db: &'a Db,
    outer: bool,
    done: bool,
}

impl Tx<'_> {
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        self.db.end(self.outer, true)
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.db.end(self.outer, false);
        }
    }
}

/// A statement bound to its connection, in the shape of rusqlite's.
pub struct Stmt<'a> {
    db: &'a Db,
    sql: String,
}

impl Stmt<'_> {
    pub fn execute(&mut self, params: impl Params) -> Result<usize> {
        self.db.execute(&self.sql, params)
    }

    pub fn query_row<T>(
        &mut self,
        params: impl Params,
        f: impl FnOnce(&Row) -> Result<T>,
    ) -> Result<T> {
        self.db.query_row(&self.sql, params, f)
    }

    /// Every row mapped by `f`; collect into `Result<Vec<_>>`.
    pub fn query_map<T>(
        &mut self,
        params: impl Params,
        mut f: impl FnMut(&Row) -> Result<T>,
    ) -> Result<std::vec::IntoIter<Result<T>>> {
        let rows = self.db.query_all(&self.sql, params)?;
        Ok(rows.iter().map(&mut f).collect::<Vec<_>>().into_iter())
    }

    pub fn query(&mut self, params: impl Params) -> Result<Rows> {
        Ok(Rows {
            rows: self.db.query_all(&self.sql, params)?.into_iter(),
            current: None,
        })
    }
}

/// Rows to walk with `while let Some(r) = rows.next()? { … }`.
pub struct Rows {
    rows: std::vec::IntoIter<Row>,
    current: Option<Row>,
}

impl Rows {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<&Row>> {
        self.current = self.rows.next();
        Ok(self.current.as_ref())
    }
}

/// `params![a, b, c]`: parameters of any [`ToValue`] types, in placeholder order.
#[macro_export]
#[doc(hidden)]
macro_rules! sql_params {
    () => { &[] as &[&dyn $crate::sql::ToValue] };
    ($($p:expr),+ $(,)?) => {
        &[$(&$p as &dyn $crate::sql::ToValue),+] as &[&dyn $crate::sql::ToValue]
    };
}
pub use crate::sql_params as params;

/// Rewrites SQLite's placeholders as PostgreSQL's, leaving quoted text alone: `?N` becomes
/// `$N`, a bare `?` the next number after the largest so far (SQLite's rule).
#[doc(hidden)]
pub fn to_dollar_placeholders(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut quote: Option<char> = None;
    let mut largest = 0u32;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    out.push(c);
                }
                '?' => {
                    let mut digits = String::new();
                    while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                        digits.push(*d);
                        chars.next();
                    }
                    let n = digits.parse().unwrap_or(largest + 1);
                    largest = largest.max(n);
                    out.push_str(&format!("${n}"));
                }
                c => out.push(c),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars_outside_quotes() {
        assert_eq!(
            to_dollar_placeholders("SELECT '?1', \"a?\" FROM t WHERE x = ?1 AND y = ?12"),
            "SELECT '?1', \"a?\" FROM t WHERE x = $1 AND y = $12"
        );
        assert_eq!(
            to_dollar_placeholders("x IN (?, ?, ?) AND y = ?2 AND z = ?"),
            "x IN ($1, $2, $3) AND y = $2 AND z = $4"
        );
    }

    #[test]
    fn sqlite_rows_map_and_transactions_roll_back() {
        let db = Db::sqlite(rusqlite::Connection::open_in_memory().unwrap());
        db.execute_batch("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n REAL, b BLOB)")
            .unwrap();
        let id: i64 = db
            .query_row(
                "INSERT INTO t (name, n, b) VALUES (?1, ?2, ?3) RETURNING id",
                params!["ä", 1.5, vec![1u8, 2]],
                |r| r.get(0),
            )
            .unwrap();
        {
            let tx = db.transaction().unwrap();
            tx.execute("DELETE FROM t WHERE id = ?1", [id]).unwrap();
        }
        let (name, n, b, none): (String, f64, Vec<u8>, Option<String>) = db
            .query_row("SELECT name, n, b, NULL FROM t WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .unwrap();
        assert_eq!((name.as_str(), n, b, none), ("ä", 1.5, vec![1, 2], None));
        let missing = db
            .query_row("SELECT id FROM t WHERE id = 99", [], |r| r.get::<i64>(0))
            .optional()
            .unwrap();
        assert_eq!(missing, None);
        assert!(db.query_row("SELECT 'x'", [], |r| r.get::<i64>(0)).is_err());
    }
}
