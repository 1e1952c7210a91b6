//! Running the domain's SQL on a shared PostgreSQL server.
//!
//! Statements are prepared once per connection and cached by their text. Parameters are
//! [`Value`]s that take the column type the server infers (an `Int` bound to a `BOOLEAN` is
//! written as one); rows are read by their column types into `Value`s.

use std::collections::HashMap;
use std::error::Error as StdError;

use bytes::BytesMut;
use postgres::types::{IsNull, ToSql, Type};
use postgres::{Client, Statement};

use super::{to_dollar_placeholders, Row, Value};
use crate::error::Result;
use crate::server::ServerUrl;

pub(crate) struct PgConn {
    pub(crate) client: Client,
    /// Where to connect again after the server went away (a restart, a network blip).
    url: Option<ServerUrl>,
    statements: HashMap<String, Statement>,
    /// The server said it went away (`57P..`, a reset): the client may not have noticed the
    /// socket closing yet, but the connection is done.
    gone: bool,
}

type BoxError = Box<dyn StdError + Sync + Send>;

impl PgConn {
    pub(crate) fn new(client: Client, url: Option<ServerUrl>) -> PgConn {
        PgConn {
            client,
            url,
            statements: HashMap::new(),
            gone: false,
        }
    }

    /// Outside a transaction, a connection the server closed is opened again; inside one the
    /// transaction's work is gone, and the caller gets the error (nothing half-written).
    pub(crate) fn reconnect_if_closed(&mut self) -> Result<()> {
        if let (true, Some(url)) = (self.gone || self.client.is_closed(), &self.url) {
            self.client = crate::server::connect(url)?;
            self.statements.clear();
            self.gone = false;
        }
        Ok(())
    }

    /// Passes a result on, remembering when it says the server went away.
    fn seen<T>(&mut self, r: std::result::Result<T, postgres::Error>) -> Result<T> {
        if let Err(e) = &r {
            self.gone |= crate::error::server_went_away(e);
        }
        Ok(r?)
    }

    /// Runs statements without parameters.
    pub(crate) fn batch(&mut self, sql: &str) -> Result<()> {
        let r = self.client.batch_execute(sql);
        self.seen(r)
    }

    fn statement(&mut self, sql: &str) -> Result<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let r = self.client.prepare(&to_dollar_placeholders(sql));
        let s = self.seen(r)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    pub(crate) fn execute(&mut self, sql: &str, params: &[Value]) -> Result<usize> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        let r = self.client.execute(&stmt, &refs);
        Ok(self.seen(r)? as usize)
    }

    pub(crate) fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let stmt = self.statement(sql)?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|v| v as _).collect();
        let r = self.client.query(&stmt, &refs);
        let rows = self.seen(r)?;
        rows.iter().map(read_row).collect()
    }
}

fn read_row(r: &postgres::Row) -> Result<Row> {
    let mut values = Vec::with_capacity(r.len());
    for (i, col) in r.columns().iter().enumerate() {
        let ty = col.type_();
        let v = match *ty {
            Type::BOOL => r
                .try_get::<_, Option<bool>>(i)?
                .map(|b| Value::Int(b.into())),
            Type::INT2 => r
                .try_get::<_, Option<i16>>(i)?
                .map(|n| Value::Int(n.into())),
            Type::INT4 => r
                .try_get::<_, Option<i32>>(i)?
                .map(|n| Value::Int(n.into())),
            Type::INT8 => r.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::OID => r
                .try_get::<_, Option<u32>>(i)?
                .map(|n| Value::Int(n.into())),
            Type::FLOAT4 => r
                .try_get::<_, Option<f32>>(i)?
                .map(|f| Value::Real(f.into())),
            Type::FLOAT8 => r.try_get::<_, Option<f64>>(i)?.map(Value::Real),
            Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            _ => r.try_get::<_, Option<String>>(i)?.map(Value::Text),
        };
        values.push(v.unwrap_or(Value::Null));
    }
    Ok(Row::new(values))
}

impl ToSql for Value {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> std::result::Result<IsNull, BoxError> {
        match self {
            Value::Null => Ok(IsNull::Yes),
            Value::Int(i) => match *ty {
                Type::INT8 => i.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::BOOL => (*i != 0).to_sql(ty, out),
                Type::FLOAT8 => (*i as f64).to_sql(ty, out),
                Type::FLOAT4 => (*i as f32).to_sql(ty, out),
                _ => i.to_string().as_str().to_sql(ty, out),
            },
            Value::Real(f) => match *ty {
                Type::FLOAT4 => (*f as f32).to_sql(ty, out),
                Type::FLOAT8 => f.to_sql(ty, out),
                _ => f.to_string().as_str().to_sql(ty, out),
            },
            Value::Text(s) => s.as_str().to_sql(ty, out),
            Value::Blob(b) => b.as_slice().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}
