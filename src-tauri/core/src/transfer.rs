//! Copying a whole library into another one: a library folder into a shared library on a
//! server (`newsroom library push`), or a shared library into a folder (`newsroom library
//! pull`, a local copy or backup).
//!
//! Written once, against the SQL seam, so it runs between any two backends. Everything a user
//! made is copied as it is, ids included: articles with all their revisions (numbers, times,
//! reasons, snapshots), tags, links, figures, held fields and export marks; photos (rows and
//! originals, by SHA-256) and their thumbnails; settings; the dictionary's words. The target
//! must be empty (no articles, no photos), and is written in one transaction: a failed copy
//! leaves it as it was (originals already shared stay, unreferenced, like an abandoned
//! import). The search index of the target is rebuilt from the copied articles. Edit locks
//! are not copied: they belong to the editors open on the source.

use std::fs;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::imaging::Format;
use crate::library::Library;
use crate::sql::{Db, Dialect, Value};

/// How many articles are copied between two progress reports.
pub const PROGRESS_EVERY: usize = 100;

/// What a copy moved.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TransferReport {
    pub from: String,
    pub to: String,
    pub articles: usize,
    pub revisions: usize,
    pub photos: usize,
    /// Bytes of photo originals copied.
    pub photo_bytes: u64,
    pub settings: usize,
    /// Words the user added to the spelling list.
    pub user_words: usize,
}

/// How far a copy is: articles copied of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub articles_done: usize,
    pub articles_total: usize,
}

/// One table to copy: its columns (the same on both backends) and what the rows of one batch
/// of articles are.
struct Table {
    name: &'static str,
    columns: &'static str,
    order: &'static str,
    /// The column that names the article a row belongs to.
    article: &'static str,
}

const PHOTO_COLS: &str = "id, sha256, format, bytes, width, height, orientation, original_name, \
                          caption, credit, creator, copyright, alt_text, headline, date_created, \
                          city, location, country, keywords, camera, has_gps, credit_source, \
                          file_meta, phash, imported_at, updated_at, framing";

/// The article tables, parents first.
const ARTICLE_TABLES: &[Table] = &[
    Table {
        name: "articles",
        columns: "id, kicker, headline, teaser, body, published_at, embargo_until, author, \
                  contact, state, created_at, updated_at, lead_photo_id, lead_caption, \
                  lead_alt_text, exported_at, exported_to, held, version, updated_by, lead_framing",
        order: "id",
        article: "id",
    },
    Table {
        name: "related_links",
        columns: "article_id, position, label, url",
        order: "article_id, position",
        article: "article_id",
    },
    Table {
        name: "article_tags",
        columns: "article_id, kind, position, name",
        order: "article_id, kind, position",
        article: "article_id",
    },
    Table {
        name: "revisions",
        columns: "article_id, rev, created_at, reason, state, headline, snapshot, author",
        order: "article_id, rev",
        article: "article_id",
    },
    Table {
        name: "article_versions",
        columns: "article_id, version, snapshot",
        order: "article_id, version",
        article: "article_id",
    },
    Table {
        name: "article_figures",
        columns: "article_id, position, photo_id, caption, alt_text",
        order: "article_id, position",
        article: "article_id",
    },
];

/// Settings that describe the database itself, not the user's choices.
const OWN_SETTINGS: &[&str] = &["search_index_version"];

/// Copies everything in `from` into the empty library `to` (see the module docs).
pub fn copy_library(from: &Library, to: &mut Library) -> Result<TransferReport> {
    copy_library_with(from, to, &mut |_| {})
}

/// [`copy_library`], calling `progress` every [`PROGRESS_EVERY`] articles and at the end.
pub fn copy_library_with(
    from: &Library,
    to: &mut Library,
    progress: &mut dyn FnMut(Progress),
) -> Result<TransferReport> {
    let mut report = TransferReport {
        from: from.location().display(),
        to: to.location().display(),
        ..TransferReport::default()
    };
    refuse_unless_empty(to)?;
    let tx = to.db.transaction()?;
    let src = &from.db;

    // Photos first: articles and figures point at them.
    for row in src.query_all(&format!("SELECT {PHOTO_COLS} FROM photos ORDER BY id"), [])? {
        let sha: String = row.get(1)?;
        let name: String = row.get(2)?;
        let format = Format::from_name(&name)
            .ok_or_else(|| Error::InvalidState(format!("photo {sha}: unknown format {name}")))?;
        report.photo_bytes += copy_original(from, to, &sha, format)?;
        insert(&tx, "photos", PHOTO_COLS, row.values())?;
        report.photos += 1;
    }

    let ids = from.article_ids()?;
    for (n, batch) in ids.chunks(PROGRESS_EVERY).enumerate() {
        let (first, last) = (batch[0], batch[batch.len() - 1]);
        for t in ARTICLE_TABLES {
            let rows = src.query_all(
                &format!(
                    "SELECT {} FROM {} WHERE {} BETWEEN ?1 AND ?2 ORDER BY {}",
                    t.columns, t.name, t.article, t.order
                ),
                [first, last],
            )?;
            for row in &rows {
                insert(&tx, t.name, t.columns, row.values())?;
            }
            match t.name {
                "articles" => report.articles += rows.len(),
                "revisions" => report.revisions += rows.len(),
                _ => {}
            }
        }
        progress(Progress {
            articles_done: (n * PROGRESS_EVERY + batch.len()).min(ids.len()),
            articles_total: ids.len(),
        });
    }
    if ids.is_empty() {
        progress(Progress {
            articles_done: 0,
            articles_total: 0,
        });
    }

    for row in src.query_all("SELECT key, value FROM settings ORDER BY key", [])? {
        let key: String = row.get(0)?;
        if OWN_SETTINGS.contains(&key.as_str()) {
            continue;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            row.values(),
        )?;
        report.settings += 1;
    }
    for row in src.query_all(
        "SELECT word, source FROM dictionary_words ORDER BY word",
        [],
    )? {
        tx.execute(
            "INSERT INTO dictionary_words (word, source) VALUES (?1, ?2)
             ON CONFLICT (word) DO UPDATE SET source = excluded.source",
            row.values(),
        )?;
        if row.get::<String>(1)? == "user" {
            report.user_words += 1;
        }
    }

    if tx.dialect() == Dialect::Postgres {
        // Rows came in with their ids: new ones must continue after them.
        for table in ["articles", "photos"] {
            tx.execute(
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) FROM {table}"
                ),
                [],
            )?;
        }
    }
    crate::store::reindex_all(&tx)?;
    tx.execute(
        "INSERT INTO settings (key, value) VALUES ('search_index_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [crate::search::INDEX_VERSION],
    )?;
    tx.commit()?;
    crate::library::refresh_statistics(&to.db)?;
    Ok(report)
}

/// Refuses a target that holds articles or photos already (nothing is changed).
fn refuse_unless_empty(to: &Library) -> Result<()> {
    let count = |table: &str| -> Result<i64> {
        to.db
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
    };
    let (articles, photos) = (count("articles")?, count("photos")?);
    if articles > 0 || photos > 0 {
        return Err(Error::InvalidState(format!(
            "the target library {} is not empty ({articles} articles, {photos} photos); copy \
             into a new library (opened without sample articles)",
            to.location().display()
        )));
    }
    Ok(())
}

fn insert(tx: &Db, table: &str, columns: &str, values: &[Value]) -> Result<()> {
    let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({columns}) VALUES ({})",
        placeholders.join(", ")
    ))?
    .execute(values)?;
    Ok(())
}

/// Puts one original (and its thumbnail, when the source has one) where the target keeps it.
/// Returns the original's size in bytes.
fn copy_original(from: &Library, to: &Library, sha: &str, format: Format) -> Result<u64> {
    let src = from.original_file(sha, format)?;
    let bytes = fs::metadata(&src).map_err(Error::io_at(&src))?.len();
    match to.db.dialect() {
        Dialect::Postgres => to.share_original(sha, &src)?,
        Dialect::Sqlite => copy_file(&src, &to.original_path(sha, format))?,
    }
    let thumb = from.thumb_path(sha);
    if thumb.is_file() {
        copy_file(&thumb, &to.thumb_path(sha))?;
    }
    Ok(bytes)
}

/// Copies a file into place (through a temporary name beside it).
fn copy_file(src: &std::path::Path, dst: &std::path::Path) -> Result<()> {
    if dst.is_file() {
        return Ok(());
    }
    let dir = dst.parent().expect("file in a folder");
    fs::create_dir_all(dir).map_err(Error::io_at(dir))?;
    let tmp = crate::files::temp_beside(dst, "part");
    fs::copy(src, &tmp).map_err(Error::io_at(&tmp))?;
    fs::rename(&tmp, dst).map_err(Error::io_at(dst))
}
