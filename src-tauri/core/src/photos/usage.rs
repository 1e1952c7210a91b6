//! Where photos are used: lead photos and body figures (`![alt](photo:ID "caption")`, kept in
//! `article_figures`), the article body rendered with its figures, and near duplicates by
//! perceptual hash.

use crate::sql::{params, Db, OptionalExtension};

use std::collections::BTreeMap;

use super::{FigureRef, Photo, PhotoRole, PhotoUse, WHOLE};
use crate::error::Result;
use crate::imaging::crop::CropRect;
use crate::imaging::pixels;
use crate::library::Library;
use crate::model::Article;

/// Perceptual-hash distance at or below which two photos count as near duplicates.
pub const NEAR_DUPLICATE_DISTANCE: u32 = pixels::NEAR_DUPLICATE;

/// The figures a body references, in order.
pub fn figure_refs(body: &str) -> Vec<FigureRef> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut open: Option<(String, String, String)> = None;
    for ev in Parser::new(body) {
        match ev {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                open = parse_photo_url(&dest_url)
                    .is_some()
                    .then(|| (dest_url.to_string(), title.to_string(), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = open.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((url, title, alt)) = open.take() {
                    out.extend(FigureRef::parse(&url, &title, &alt));
                }
            }
            _ => {}
        }
    }
    out
}

impl FigureRef {
    /// A figure from an image's destination (`photo:12`, `photo:12#wide`,
    /// `photo:12#wide=x,y,w,h`), title (the caption) and alt text; `None` when the destination
    /// is no photo. A crop name that is not one is kept (the preflight reports it); an
    /// unreadable rectangle is left out.
    pub fn parse(url: &str, title: &str, alt: &str) -> Option<FigureRef> {
        let photo_id = parse_photo_url(url)?;
        let text = |s: &str| Some(s.trim().to_string()).filter(|t| !t.is_empty());
        let (crop, rect) = match url.split_once('#') {
            None => (None, None),
            Some((_, frag)) => {
                let (name, rect) = match frag.split_once('=') {
                    Some((n, r)) => (
                        n.trim(),
                        CropRect::parse(r).filter(|c| c.width > 0 && c.height > 0),
                    ),
                    None => (frag.trim(), None),
                };
                match name {
                    "" | WHOLE => (None, None),
                    n => (Some(n.to_string()), rect),
                }
            }
        };
        Some(FigureRef {
            photo_id,
            caption: text(title),
            alt_text: text(alt),
            crop,
            rect,
        })
    }

    /// The destination that says what this figure shows (the inverse of [`FigureRef::parse`]).
    pub fn url(&self) -> String {
        match (&self.crop, &self.rect) {
            (None, _) => format!("photo:{}", self.photo_id),
            (Some(c), None) => format!("photo:{}#{c}", self.photo_id),
            (Some(c), Some(r)) => format!(
                "photo:{}#{c}={},{},{},{}",
                self.photo_id, r.x, r.y, r.width, r.height
            ),
        }
    }
}

/// The photos an article shows, in order: the lead photo, then the body figures, each with the
/// article's own caption and alt text for it (`None`: the photo's own) and the crop it is
/// shown in.
pub(crate) fn article_photos(article: &Article) -> Vec<(PhotoRole, FigureRef)> {
    let lead = article.lead_photo.iter().map(|l| {
        let r = FigureRef {
            photo_id: l.photo_id,
            caption: l.caption.clone(),
            alt_text: l.alt_text.clone(),
            crop: l.crop.clone(),
            rect: None,
        };
        (PhotoRole::Lead, r)
    });
    let figures = figure_refs(&article.body)
        .into_iter()
        .map(|f| (PhotoRole::Figure, f));
    lead.chain(figures).collect()
}

/// The article's own crops of `photo_id`, by crop name: the lead photo's (`lead_photo.crops`),
/// then those of the figures that show it (`#name=x,y,w,h`); where two uses set the same crop,
/// the first one's.
pub fn article_crops(article: &Article, photo_id: i64) -> BTreeMap<String, CropRect> {
    let mut out = BTreeMap::new();
    if let Some(l) = article
        .lead_photo
        .as_ref()
        .filter(|l| l.photo_id == photo_id)
    {
        out.extend(l.crops.iter().map(|(k, v)| (k.clone(), *v)));
    }
    for f in figure_refs(&article.body) {
        if let (true, Some(c), Some(r)) = (f.photo_id == photo_id, f.crop, f.rect) {
            out.entry(c).or_insert(r);
        }
    }
    out
}

/// `photo:12` (and `photo:12#crop…`) → 12.
pub fn parse_photo_url(url: &str) -> Option<i64> {
    let path = url.split_once('#').map_or(url, |(p, _)| p);
    path.strip_prefix("photo:")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_figure_destination_names_its_crop_and_the_article_own_rectangle() {
        let body = "![a](photo:3 \"Eins\")\n\n![b](photo:4#wide)\n\n![c](<photo:5#square=10,20,300,300>)\n\n\
                    ![d](photo:6#original)\n\n![e](photo:7#classic=1,2,0,4)\n\n![f](photo:0#wide)\n\n![g](https://x/y#wide)\n";
        let f = figure_refs(body);
        type Rect = (u32, u32, u32, u32);
        let got: Vec<(i64, Option<&str>, Option<Rect>)> = f
            .iter()
            .map(|r| {
                let rect = r.rect.map(|c| (c.x, c.y, c.width, c.height));
                (r.photo_id, r.crop.as_deref(), rect)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (3, None, None),
                (4, Some("wide"), None),
                (5, Some("square"), Some((10, 20, 300, 300))),
                (6, None, None),
                // An empty rectangle is none: the figure shows the photo's classic crop.
                (7, Some("classic"), None),
            ]
        );
        assert_eq!(f[0].caption.as_deref(), Some("Eins"));
        for r in &f {
            let back = FigureRef::parse(&r.url(), "", "").unwrap();
            assert_eq!(
                (back.photo_id, &back.crop, back.rect),
                (r.photo_id, &r.crop, r.rect)
            );
        }
        assert_eq!(f[2].url(), "photo:5#square=10,20,300,300");
        assert_eq!(parse_photo_url("photo:12#wide=1,2,3,4"), Some(12));
    }
}
