//! Where photos are used: lead photos and body figures (`![alt](photo:ID "caption")`, kept in
//! `article_figures`), the article body rendered with its figures, and near duplicates by
//! perceptual hash.

use crate::sql::{params, Db, OptionalExtension};

use super::{FigureRef, Photo, PhotoRole, PhotoUse};
use crate::error::Result;
use crate::imaging::pixels;
use crate::library::Library;
use crate::model::Article;

/// Perceptual-hash distance at or below which two photos count as near duplicates.
pub const NEAR_DUPLICATE_DISTANCE: u32 = pixels::NEAR_DUPLICATE;

/// The figures a body references, in order.
pub fn figure_refs(body: &str) -> Vec<FigureRef> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut open: Option<(i64, Option<String>, String)> = None;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                open = parse_photo_url(&dest_url).map(|id| {
                    let t = title.trim().to_string();
                    (id, (!t.is_empty()).then_some(t), String::new())
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = open.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((photo_id, caption, alt)) = open.take() {
                    let alt = alt.trim().to_string();
                    out.push(FigureRef {
                        photo_id,
                        caption,
                        alt_text: (!alt.is_empty()).then_some(alt),
                    });
                }
            }
            _ => {}
        }
    }
    out
}

/// The photos an article shows, in order: the lead photo, then the body figures, each with the
/// article's own caption and alt text for it (`None`: the photo's own).
pub(crate) fn article_photos(article: &Article) -> Vec<(PhotoRole, FigureRef)> {
    let lead = article.lead_photo.iter().map(|l| {
        let r = FigureRef {
            photo_id: l.photo_id,
            caption: l.caption.clone(),
            alt_text: l.alt_text.clone(),
        };
        (PhotoRole::Lead, r)
    });
    let figures = figure_refs(&article.body)
        .into_iter()
        .map(|f| (PhotoRole::Figure, f));
    lead.chain(figures).collect()
}

/// `photo:12` → 12.
pub fn parse_photo_url(url: &str) -> Option<i64> {
    url.strip_prefix("photo:")
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0)
}

pub(crate) fn exists(conn: &Db, id: i64) -> Result<bool> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM photos WHERE id = ?1)")?
        .query_row([id], |r| r.get(0))
}

/// Refreshes the derived `article_figures` rows from the body. References to photos that do
/// not exist are left out (the export's preflight reports them); an autosave never fails on one.
pub(crate) fn write_figures(tx: &Db, article_id: i64, body: &str) -> Result<()> {
    tx.prepare_cached("DELETE FROM article_figures WHERE article_id = ?1")?
        .execute([article_id])?;
    if !body.contains("photo:") {
        return Ok(());
    }
    let mut ins = tx.prepare_cached(
        "INSERT INTO article_figures (article_id, position, photo_id, caption, alt_text)
         SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM photos WHERE id = ?3)",
    )?;
    for (i, f) in figure_refs(body).iter().enumerate() {
        ins.execute(params![
            article_id, i as i64, f.photo_id, f.caption, f.alt_text
        ])?;
    }
    Ok(())
}

impl Library {
    /// Where a photo is used: lead photo or body figure of which articles.
    pub fn photo_usage(&self, id: i64) -> Result<Vec<PhotoUse>> {
        let mut stmt = self.db.prepare_cached(
            "SELECT a.id, a.headline, 'lead' FROM articles a WHERE a.lead_photo_id = ?1
             UNION
             SELECT a.id, a.headline, 'figure' FROM article_figures f
                 JOIN articles a ON a.id = f.article_id WHERE f.photo_id = ?1
             ORDER BY 1, 3 DESC",
        )?;
        let rows = stmt
            .query_map([id], |r| {
                Ok(PhotoUse {
                    article_id: r.get(0)?,
                    headline: r.get(1)?,
                    role: r.get(2)?,
                })
            })?
            .collect::<crate::error::Result<_>>()?;
        Ok(rows)
    }

    /// Other photos whose perceptual hash is within [`NEAR_DUPLICATE_DISTANCE`], nearest first.
    pub fn near_duplicates_of(&self, id: i64) -> Result<Vec<i64>> {
        let Some(h) = self
            .db
            .query_row("SELECT phash FROM photos WHERE id = ?1", [id], |r| {
                r.get::<Option<i64>>(0)
            })
            .optional()?
            .flatten()
        else {
            return Ok(vec![]);
        };
        let mut stmt = self
            .db
            .prepare_cached("SELECT id, phash FROM photos WHERE phash IS NOT NULL AND id != ?1")?;
        let mut near: Vec<(u32, i64)> = stmt
            .query_map([id], |r| Ok((r.get::<i64>(0)?, r.get::<i64>(1)?)))?
            .filter_map(|r| r.ok())
            .map(|(other, ph)| (pixels::phash_distance(h as u64, ph as u64), other))
            .filter(|(d, _)| *d <= NEAR_DUPLICATE_DISTANCE)
            .collect();
        near.sort_unstable();
        Ok(near.into_iter().map(|(_, id)| id).collect())
    }

    /// Renders an article body with its figures resolved: caption and alt text from the
    /// reference, else the photo's own; the credit always the photo's. `src` gives the image
    /// URL (the app's `nrphoto:` scheme in the preview, a bundle path in an export).
    pub fn render_body(&self, body: &str, src: &dyn Fn(&Photo) -> String) -> String {
        crate::render::render_body_with(body, &|r| {
            let p = self.get_photo(r.photo_id).ok()?;
            let (w, h) = (
                p.width.min(640),
                (p.height as u64 * p.width.min(640) as u64 / p.width.max(1) as u64) as u32,
            );
            Some(crate::render::FigureView {
                src: src(&p),
                alt: r.alt_text.clone().unwrap_or_else(|| p.alt_text.clone()),
                caption: r.caption.clone().unwrap_or_else(|| p.caption.clone()),
                credit: p.credit.clone(),
                width: w,
                height: h,
                sources: None,
            })
        })
    }
}
