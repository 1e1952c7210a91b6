//! People and roles in a shared library, enforced by the server. Each person connects with a
//! login of their own that is a member of one of four group roles:
//!
//! - *Redaktion* (`newsroom_redaktion`): writes and edits articles, sets Entwurf and In Prüfung;
//! - *Fotografie* (`newsroom_fotografie`): imports photos, edits their metadata and credits,
//!   attaches them to articles (the lead photo); no article text, no state changes;
//! - *Freigabe* (`newsroom_freigabe`): everything Redaktion may, plus Freigegeben and back;
//! - *Webdesk* (`newsroom_webdesk`): exports, and marks articles Exportiert.
//!
//! The rules live in the database (server schema 6): table privileges say who may write which
//! table at all, and a trigger on `articles` says who may change which columns and states. A
//! login in none of the roles is the library's owner (IT, `server init`, `library push`) and is
//! not limited. [`Permissions`] is what the app asks for, to hide what a role may not do.

use postgres::Client;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::ArticleState;
use crate::sql::{Db, Dialect};

crate::codes::wire_codes! {
    /// A person's role in a shared library.
    pub enum Role {
        Redaktion = "redaktion",
        Fotografie = "fotografie",
        Freigabe = "freigabe",
        Webdesk = "webdesk",
    }
}

impl Role {
    /// The server's group role.
    pub fn group(self) -> String {
        format!("newsroom_{}", self.as_str())
    }
}

/// What the person at this desk may do (everything in a library folder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Permissions {
    /// Who the library knows this desk as (the login on a server).
    pub login: String,
    /// Their roles; empty for a library folder or the shared library's owner.
    pub roles: Vec<Role>,
    /// Write and delete articles, change their text.
    pub text: bool,
    /// Attach a lead photo to an article.
    pub attach_photos: bool,
    /// Import photos, edit their metadata and credits.
    pub photos: bool,
    /// The states they may set.
    pub states: Vec<ArticleState>,
    /// Export and mark as Exportiert.
    pub export: bool,
}

impl Permissions {
    /// Everything: a library folder, or the shared library's owner.
    pub fn all(login: String) -> Permissions {
        Permissions {
            login,
            roles: Vec::new(),
            text: true,
            attach_photos: true,
            photos: true,
            states: ArticleState::ALL.to_vec(),
            export: true,
        }
    }

    /// What `roles` allow together.
    pub fn of(login: String, roles: Vec<Role>) -> Permissions {
        if roles.is_empty() {
            return Permissions::all(login);
        }
        let has = |r: Role| roles.contains(&r);
        let writer = has(Role::Redaktion) || has(Role::Freigabe);
        let mut states = Vec::new();
        if writer {
            states.extend([ArticleState::Draft, ArticleState::Review]);
        }
        if has(Role::Freigabe) {
            states.push(ArticleState::Ready);
        }
        if has(Role::Webdesk) {
            states.push(ArticleState::Exported);
        }
        Permissions {
            login,
            text: writer,
            attach_photos: writer || has(Role::Fotografie),
            photos: has(Role::Fotografie),
            states,
            export: has(Role::Webdesk),
            roles,
        }
    }
}

/// The roles of the login `db` is connected with (none for a superuser, the owner, or a
/// server whose roles do not exist yet).
pub(crate) fn permissions(db: &Db) -> Result<Permissions> {
    let login: String = db.query_row("SELECT current_user::text", [], |r| r.get(0))?;
    let mut roles = Vec::new();
    for role in Role::ALL {
        let member: bool = db.query_row(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)
                AND pg_has_role(current_user, ?1, 'MEMBER')
                AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)",
            [role.group()],
            |r| r.get(0),
        )?;
        if member {
            roles.push(*role);
        }
    }
    Ok(Permissions::of(login, roles))
}

/// The name shown for the connected login: the full name `server add-user --name` gave it,
/// else the login itself.
pub(crate) fn display_name(client: &mut Client) -> Result<String> {
    let row = client.query_one(
        "SELECT coalesce(shobj_description(oid, 'pg_authid'), rolname::text)
         FROM pg_roles WHERE rolname = current_user",
        &[],
    )?;
    Ok(row.get(0))
}

/// Creates the login `name` with `password` in `role` (and `full_name` as the name the others
/// see), as the library's owner. A login that exists already is refused.
pub fn add_user(
    client: &mut Client,
    name: &str,
    role: Role,
    password: &str,
    full_name: Option<&str>,
) -> Result<()> {
    if name.trim().is_empty() || name.len() > 63 {
        return Err(Error::invalid("a login name has 1 to 63 bytes"));
    }
    if password.len() < 8 {
        return Err(Error::invalid("the password needs at least 8 characters"));
    }
    let exists: bool = client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&name],
        )?
        .get(0);
    if exists {
        return Err(Error::InvalidState(format!(
            "the server has a login \"{name}\" already"
        )));
    }
    // Quoted by the server (format's %I and %L), so no name or password can break the SQL.
    let mut tx = client.transaction()?;
    let create: String = tx
        .query_one(
            "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', $1::text, $2::text, $3::text)",
            &[&name, &password, &role.group()],
        )?
        .get(0);
    tx.batch_execute(&create)?;
    if let Some(full) = full_name.map(str::trim).filter(|f| !f.is_empty()) {
        let comment: String = tx
            .query_one(
                "SELECT format('COMMENT ON ROLE %I IS %L', $1::text, $2::text)",
                &[&name, &full],
            )?
            .get(0);
        tx.batch_execute(&comment)?;
    }
    tx.commit()?;
    Ok(())
}

impl Library {
    /// What the person at this desk may do: everything in a library folder; on a server what
    /// their login's roles allow.
    pub fn permissions(&self) -> Result<Permissions> {
        match self.db.dialect() {
            Dialect::Sqlite => Ok(Permissions::all(self.user().to_string())),
            Dialect::Postgres => permissions(&self.db),
        }
    }
}
