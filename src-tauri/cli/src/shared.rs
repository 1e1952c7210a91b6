//! `newsroom server init|add-user` and `newsroom library push|pull`: setting up a shared
//! library on a PostgreSQL server and the people in it, and moving a library between a folder
//! and a server.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use newsroom_core::library::Location;
use newsroom_core::server::roles::Role;
use newsroom_core::server::{self, ServerUrl};
use newsroom_core::transfer::{copy_library_with, Progress, TransferReport};
use newsroom_core::{library, Error, Library, OpenOptions, Result};
use serde_json::json;

use crate::{output, Cli};

const EMPTY: OpenOptions = OpenOptions {
    seed_samples: false,
};

#[derive(Subcommand)]
pub(crate) enum ServerCmd {
    /// Create a shared library's tables in an empty database (an existing shared library is
    /// brought up to date). Refuses a database that holds other tables.
    Init {
        /// postgres://USER@HOST[:PORT]/DATABASE[?sslmode=…]
        url: String,
    },
    /// Give a person a login of their own in the shared library (`--library URL` or
    /// NEWSROOM_LIBRARY, as its owner), with one role: redaktion (articles, In Prüfung),
    /// fotografie (photos, credits, lead photos), freigabe (as redaktion, plus Freigegeben),
    /// webdesk (export, Exportiert). The password is asked twice on the terminal, unseen, or
    /// read from --password-file.
    AddUser {
        /// The login name, as in the person's address: postgres://NAME@server/database.
        name: String,
        /// redaktion, fotografie, freigabe or webdesk.
        #[arg(long)]
        role: String,
        /// The name the others see on locks and revisions, e.g. "Anna Beispiel".
        #[arg(long, value_name = "NAME")]
        full_name: Option<String>,
        /// A file whose first line is the password (for scripts).
        #[arg(long, value_name = "FILE")]
        password_file: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub(crate) enum LibraryCmd {
    /// Copy a library folder into an empty shared library: articles with all revisions,
    /// photos and their originals, settings and words, ids kept.
    Push {
        /// The library folder to copy.
        dir: PathBuf,
        /// The shared library (postgres:// URL); its tables are created when the database
        /// is empty.
        #[arg(long, value_name = "URL")]
        to: String,
    },
    /// Copy a shared library into a new library folder (a local copy or backup).
    Pull {
        /// The shared library (postgres:// URL).
        url: String,
        /// The new library folder (must not hold articles or photos).
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
}

fn server_url(s: &str) -> Result<ServerUrl> {
    match Location::parse(s)? {
        Location::Server(url) => Ok(url),
        Location::Folder(_) => Err(Error::invalid(format!(
            "{s} is not a server address (postgres://USER@HOST/DATABASE)"
        ))),
    }
}

/// Creates (or brings up to date) the schema; refuses a database holding others' tables.
fn init(url: &ServerUrl) -> Result<(i64, i64)> {
    let mut client = server::connect(url)?;
    let before = server::schema::schema_version(&mut client)?;
    server::schema::init(&mut client)?;
    Ok((before, server::schema::schema_version(&mut client)?))
}

pub(crate) fn server(cli: &Cli, cmd: &ServerCmd) -> Result<()> {
    match cmd {
        ServerCmd::AddUser {
            name,
            role,
            full_name,
            password_file,
        } => {
            let Location::Server(url) = library::resolve_location(cli.library.as_deref())? else {
                return Err(Error::invalid(
                    "add-user needs the shared library: --library postgres://OWNER@HOST/DATABASE",
                ));
            };
            let role = Role::from_wire(role).ok_or_else(|| {
                Error::invalid(format!(
                    "no role \"{role}\": redaktion, fotografie, freigabe or webdesk"
                ))
            })?;
            let password = match password_file {
                Some(file) => crate::password::from_file(file)?,
                None => crate::password::ask_twice(name)?,
            };
            let mut client = server::connect(&url)?;
            server::roles::add_user(&mut client, name, role, &password, full_name.as_deref())?;
            let report = json!({ "login": name, "role": role, "server": url.display() });
            output(cli, &report, |_| {
                println!(
                    "added {name} ({role}) to the shared library at {}",
                    url.display()
                )
            });
            Ok(())
        }
        ServerCmd::Init { url } => {
            let url = server_url(url)?;
            let (before, after) = init(&url)?;
            let report = json!({
                "server": url.display(),
                "schema_version_before": before,
                "schema_version": after,
            });
            output(cli, &report, |_| {
                if before == 0 {
                    println!(
                        "created the shared library at {} (schema {after})",
                        url.display()
                    );
                } else if before < after {
                    println!(
                        "updated the shared library at {} (schema {before} → {after})",
                        url.display()
                    );
                } else {
                    println!(
                        "{} is a shared library already (schema {after}); nothing to do",
                        url.display()
                    );
                }
            });
            Ok(())
        }
    }
}

pub(crate) fn library(cli: &Cli, cmd: &LibraryCmd) -> Result<()> {
    let report = match cmd {
        LibraryCmd::Push { dir, to } => {
            let url = server_url(to)?;
            let from = open_existing_folder(dir)?;
            init(&url)?;
            let mut target = Library::open_server(&url, None, EMPTY)?;
            copy(cli, &from, &mut target)?
        }
        LibraryCmd::Pull { url, to } => {
            let url = server_url(url)?;
            let from = Library::open_server(&url, None, EMPTY)?;
            let mut target = Library::open(to, EMPTY)?;
            copy(cli, &from, &mut target)?
        }
    };
    output(cli, &report, |r| {
        println!(
            "copied {} articles ({} revisions), {} photos ({:.1} MB), {} settings, {} added words",
            r.articles,
            r.revisions,
            r.photos,
            r.photo_bytes as f64 / 1e6,
            r.settings,
            r.user_words
        );
        println!("from {}", r.from);
        println!("to   {}", r.to);
    });
    Ok(())
}

/// Opens a library folder that must exist already (a typo must not copy an empty library).
fn open_existing_folder(dir: &Path) -> Result<Library> {
    if !dir.join(library::DB_FILE).is_file() {
        return Err(Error::NotALibrary {
            path: dir.display().to_string(),
            reason: format!("it holds no {}", library::DB_FILE),
        });
    }
    Library::open(dir, EMPTY)
}

/// Copies with a progress line on stderr every 100 articles.
fn copy(cli: &Cli, from: &Library, to: &mut Library) -> Result<TransferReport> {
    let quiet = cli.json;
    copy_library_with(from, to, &mut |p: Progress| {
        if !quiet && p.articles_total > 0 {
            eprintln!("{} of {} articles", p.articles_done, p.articles_total);
        }
    })
}
