//! The `photos` table: mapping rows to [`Photo`], loading, listing with filters and text
//! search, single edits, deleting, and the cleaning and limits of edited text.

use std::fs;

use crate::sql::{params, Db, OptionalExtension, Row};

use super::{CreditSource, Photo, PhotoDetails, PhotoFilter, PhotoPage, PhotoQuery, PhotoUpdate};
use crate::dates;
use crate::error::{Error, Result};
use crate::imaging::Format;
use crate::library::Library;

pub(super) const MAX_TEXT: usize = 4000;

const PHOTO_COLS: &str = "p.id, p.sha256, p.format, p.bytes, p.width, p.height, p.orientation, \
     p.original_name, p.caption, p.credit, p.credit_source, p.creator, p.copyright, p.alt_text, \
     p.headline, p.date_created, p.city, p.location, p.country, p.keywords, p.camera, p.has_gps, \
     p.imported_at, p.updated_at, \
     (SELECT count(DISTINCT u.article_id) FROM (
         SELECT id AS article_id FROM articles WHERE lead_photo_id = p.id
         UNION ALL SELECT article_id FROM article_figures WHERE photo_id = p.id) u), \
     p.framing";

fn photo_from_row(r: &Row) -> crate::error::Result<Photo> {
    let format: String = r.get(2)?;
    let keywords: String = r.get(19)?;
    let framing = super::Framing::parse(&r.get::<String>(25)?);
    Ok(Photo {
        id: r.get(0)?,
        sha256: r.get(1)?,
        format: Format::from_name(&format).unwrap_or(Format::Jpeg),
        bytes: r.get::<i64>(3)? as u64,
        width: r.get(4)?,
        height: r.get(5)?,
        orientation: r.get(6)?,
        original_name: r.get(7)?,
        caption: r.get(8)?,
        credit: r.get(9)?,
        credit_source: r.get(10)?,
        creator: r.get(11)?,
        copyright: r.get(12)?,
        alt_text: r.get(13)?,
        headline: r.get(14)?,
        date_created: r.get(15)?,
        city: r.get(16)?,
        location: r.get(17)?,
        country: r.get(18)?,
        keywords: serde_json::from_str(&keywords).unwrap_or_default(),
        camera: r.get(20)?,
        has_gps: r.get::<i64>(21)? != 0,
        imported_at: r.get(22)?,
        updated_at: r.get(23)?,
        usage_count: r.get(24)?,
        focus: framing.focus,
        crops: framing.crops,
    })
}

pub(super) fn load_photo(conn: &Db, id: i64) -> Result<Photo> {
    conn.prepare_cached(&format!(
        "SELECT {PHOTO_COLS} FROM photos p WHERE p.id = ?1"
    ))?
    .query_row([id], photo_from_row)
    .optional()?
    .ok_or(Error::PhotoNotFound(id))
}

/// Stores the editable fields of `p` (the one UPDATE for single and batch edits).
pub(super) fn write_photo(conn: &Db, p: &Photo, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE photos SET caption = ?2, credit = ?3, credit_source = ?4, creator = ?5,
             copyright = ?6, alt_text = ?7, headline = ?8, city = ?9, location = ?10,
             country = ?11, keywords = ?12, updated_at = ?13
         WHERE id = ?1",
    )?
    .execute(params![
        p.id,
        p.caption,
        p.credit,
        p.credit_source,
        p.creator,
        p.copyright,
        p.alt_text,
        p.headline,
        p.city,
        p.location,
        p.country,
        serde_json::to_string(&p.keywords).expect("json"),
        now,
    ])?;
    Ok(())
}

pub(super) fn clean(s: &str) -> String {
    s.trim().to_string()
}

/// A photo's text field is at most [`MAX_TEXT`] bytes.
pub(super) fn check_text(name: &str, v: &str) -> Result<()> {
    crate::store::check_len(name, v, MAX_TEXT)
}

pub(super) fn clean_keywords(v: &[String]) -> Result<Vec<String>> {
    let out = crate::store::clean_tags(v, "keyword", MAX_TEXT)?;
    if out.len() > super::fit::MAX_KEYWORDS {
        return Err(Error::invalid(format!(
            "at most {} keywords",
            super::fit::MAX_KEYWORDS
        )));
    }
    Ok(out)
}

impl Library {
    pub fn get_photo(&self, id: i64) -> Result<Photo> {
        load_photo(&self.db, id)
    }

    pub fn photo_details(&self, id: i64) -> Result<PhotoDetails> {
        let photo = self.get_photo(id)?;
        let file_meta: String =
            self.db
                .query_row("SELECT file_meta FROM photos WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        Ok(PhotoDetails {
            photo,
            used_in: self.photo_usage(id)?,
            near_duplicates: self.near_duplicates_of(id)?,
            file_meta: serde_json::from_str(&file_meta).unwrap_or_default(),
        })
    }

    /// The media grid: newest first, with the filters "no credit", "no alt text", "unused".
    pub fn list_photos(&self, q: &PhotoQuery) -> Result<PhotoPage> {
        let limit = q.limit.unwrap_or(200).clamp(1, 1000) as i64;
        let offset = q.offset.unwrap_or(0) as i64;
        let filter = match q.filter {
            PhotoFilter::All => "TRUE",
            PhotoFilter::NoCredit => "p.credit = ''",
            PhotoFilter::NoAltText => "p.alt_text = ''",
            PhotoFilter::Unused => {
                "NOT EXISTS (SELECT 1 FROM articles a WHERE a.lead_photo_id = p.id)
                 AND NOT EXISTS (SELECT 1 FROM article_figures f WHERE f.photo_id = p.id)"
            }
        };
        let text = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty());
        let like = text.map(|t| {
            format!(
                "%{}%",
                t.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        });
        // Case-insensitive like SQLite's LIKE (which folds ASCII only).
        let like_op = match self.db.dialect() {
            crate::sql::Dialect::Sqlite => "LIKE",
            crate::sql::Dialect::Postgres => "ILIKE",
        };
        let text_sql = format!(
            "(CAST(?1 AS TEXT) IS NULL OR p.caption {like_op} ?1 ESCAPE '\\'
            OR p.credit {like_op} ?1 ESCAPE '\\' OR p.creator {like_op} ?1 ESCAPE '\\'
            OR p.headline {like_op} ?1 ESCAPE '\\' OR p.keywords {like_op} ?1 ESCAPE '\\'
            OR p.original_name {like_op} ?1 ESCAPE '\\')"
        );
        let items = self
            .db
            .prepare_cached(&format!(
                "SELECT {PHOTO_COLS} FROM photos p WHERE {filter} AND {text_sql}
                 ORDER BY p.imported_at DESC, p.id DESC LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(params![like, limit, offset], photo_from_row)?
            .collect::<crate::error::Result<_>>()?;
        let total: i64 = self
            .db
            .prepare_cached(&format!(
                "SELECT count(*) FROM photos p WHERE {filter} AND {text_sql}"
            ))?
            .query_row(params![like], |r| r.get(0))?;
        Ok(PhotoPage {
            items,
            total: total as u64,
        })
    }

    pub fn update_photo(&mut self, id: i64, u: &PhotoUpdate) -> Result<Photo> {
        let cur = self.get_photo(id)?;
        let mut p = cur.clone();
        let set = |dst: &mut String, v: &Option<String>, name: &str| -> Result<()> {
            if let Some(v) = v {
                check_text(name, v)?;
                *dst = clean(v);
            }
            Ok(())
        };
        set(&mut p.caption, &u.caption, "caption")?;
        set(&mut p.creator, &u.creator, "creator")?;
        set(&mut p.copyright, &u.copyright, "copyright")?;
        set(&mut p.alt_text, &u.alt_text, "alt text")?;
        set(&mut p.headline, &u.headline, "headline")?;
        set(&mut p.city, &u.city, "city")?;
        set(&mut p.location, &u.location, "location")?;
        set(&mut p.country, &u.country, "country")?;
        if let Some(k) = &u.keywords {
            p.keywords = clean_keywords(k)?;
        }
        if let Some(c) = &u.credit {
            check_text("credit", c)?;
            let c = clean(c);
            if c.is_empty() {
                return Err(Error::invalid(
                    "the credit is required: a photo without a credit cannot be published",
                ));
            }
            if c != cur.credit {
                p.credit = c;
                p.credit_source = CreditSource::Edited;
            }
        }
        if p == cur {
            return Ok(cur);
        }
        write_photo(&self.db, &p, &dates::stamp(self.now()))?;
        self.get_photo(id)
    }

    /// Deletes a photo that no article uses: its row, original, thumbnail and renditions.
    pub fn delete_photo(&mut self, id: i64) -> Result<()> {
        let p = self.get_photo(id)?;
        let used = self.photo_usage(id)?;
        if !used.is_empty() {
            return Err(Error::InvalidState(format!(
                "photo {id} is used in {} article(s) (first: {}); remove it there first",
                used.len(),
                used[0].article_id
            )));
        }
        self.db.execute("DELETE FROM photos WHERE id = ?1", [id])?;
        self.drop_original(&p.sha256)?;
        let _ = fs::remove_file(self.original_path(&p.sha256, p.format));
        let _ = fs::remove_file(self.thumb_path(&p.sha256));
        let _ = fs::remove_dir_all(self.photo_renditions_dir(&p.sha256));
        Ok(())
    }
}
