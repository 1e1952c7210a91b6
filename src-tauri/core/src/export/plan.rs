//! Planning an export: which articles a request covers, whether each may leave (state and
//! preflight), the photos it shows, and a bundle name no other article holds in the output
//! folder.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Utc};

use super::{ArticleJob, HeldBack, PhotoUse, Plan, Site};
use crate::error::Result;
use crate::library::Library;
use crate::model::{Article, ArticleState};
use crate::photos::{article_photos, WHOLE};
use crate::preflight::{Check, CheckCode, Level};

const SETTING_LIBRARY_ID: &str = "library_id";

/// The frames of an article's teaser picture: the whole photo for the page, `wide` for the
/// listing and the feed, `social` for social cards, `wide`, `classic` and `square` for search
/// engines.
pub(crate) const TEASER_FRAMES: [&str; 5] = [WHOLE, "wide", "social", "classic", "square"];

impl Library {
    /// The library's stable id, made on first use. It names the documents' URIs, so an article
    /// keeps its URI across exports and app versions.
    pub fn library_id(&self) -> Result<String> {
        if let Some(id) = self.setting(SETTING_LIBRARY_ID)? {
            return Ok(id);
        }
        let seed = format!(
            "{}:{}:{:?}:{}",
            self.root().display(),
            std::process::id(),
            std::time::SystemTime::now(),
            self.article_count()?
        );
        let id = crate::photos::sha256_hex(seed.as_bytes())[..32].to_string();
        self.set_setting(SETTING_LIBRARY_ID, &id)?;
        Ok(id)
    }

    pub fn site(&self) -> Result<Site> {
        Ok(Site {
            organisation: self.credit_settings()?.organisation,
            library_id: self.library_id()?,
            base_url: self.public_base_url()?,
        })
    }

    /// The articles a request covers: its ids as given (each once), or every article in
    /// Freigegeben, oldest publication first.
    pub fn export_targets(&self, ids: &Option<Vec<i64>>) -> Result<Vec<i64>> {
        match ids {
            Some(ids) => {
                let mut seen = std::collections::HashSet::new();
                Ok(ids.iter().copied().filter(|id| seen.insert(*id)).collect())
            }
            None => {
                let mut stmt = self.db.prepare(
                    "SELECT id FROM articles WHERE state = 'ready'
                     ORDER BY coalesce(published_at, created_at), id",
                )?;
                let ids = stmt
                    .query_map([], |r| r.get(0))?
                    .collect::<crate::error::Result<Vec<i64>>>()?;
                Ok(ids)
            }
        }
    }

    /// Decides whether `id` may leave: only Freigegeben (or already Exportiert) articles whose
    /// preflight has no errors. The bundle name is not yet unique; see [`plan_batch`].
    pub fn plan_export(&self, id: i64, now: DateTime<Utc>) -> Result<Plan> {
        let article = self.get_article(id)?;
        if !matches!(article.state, ArticleState::Ready | ArticleState::Exported) {
            return Ok(Plan::HeldBack(HeldBack {
                article_id: id,
                headline: article.headline.clone(),
                checks: vec![Check::new(
                    Level::Error,
                    CheckCode::NotReady,
                    "state",
                    None,
                    format!(
                        "the article is {} ({}); only Freigegeben articles are exported",
                        article.state.label_de(),
                        article.state
                    ),
                )],
            }));
        }
        let pre = self.preflight_at(id, now)?;
        if !pre.ok {
            return Ok(Plan::HeldBack(HeldBack {
                article_id: id,
                headline: article.headline.clone(),
                checks: pre
                    .checks
                    .into_iter()
                    .filter(|c| c.level == Level::Error)
                    .collect(),
            }));
        }
        // Each photo once, in the frames its uses show: the teaser picture (the lead, else the
        // first figure) also in the crops the listing, social cards and search engines use;
        // every use in the crop its page shows; all in this article's own crops where it has
        // them.
        let mut frames: Vec<(i64, Vec<&str>)> = Vec::new();
        let uses = article_photos(&article);
        for (n, (_, f)) in uses.iter().enumerate() {
            let at = match frames.iter().position(|(id, _)| *id == f.photo_id) {
                Some(at) => at,
                None => {
                    frames.push((f.photo_id, vec![WHOLE]));
                    frames.len() - 1
                }
            };
            let names = &mut frames[at].1;
            let wanted = if n == 0 { &TEASER_FRAMES[..] } else { &[] };
            for c in wanted.iter().copied().chain(f.crop.as_deref()) {
                if !names.contains(&c) {
                    names.push(c);
                }
            }
        }
        let mut photos = Vec::new();
        for (pid, names) in frames {
            let overrides = crate::photos::article_crops(&article, pid);
            photos.push(PhotoUse {
                photo: self.get_photo(pid)?,
                jobs: self.crop_jobs_for(pid, &names, &overrides, id)?,
                crops: self.photo_crops_for(pid, &overrides)?,
            });
        }
        let name = bundle_name(&article);
        let embargo = article
            .embargo_until
            .as_deref()
            .and_then(|s| crate::dates::parse(s).ok())
            .filter(|until| *until > now);
        Ok(Plan::Export(Box::new(ArticleJob {
            article,
            name,
            photos,
            site: self.site()?,
            embargo,
        })))
    }
}

/// Plans every article of a batch for the output folder `out` and gives each bundle a name
/// that is free there or holds this article's own bundle: the article whose last export went
/// there, else the article whose URI its documents carry. Any other folder of that name (a
/// bundle of another article or library, or something that is no bundle at all) is left
/// alone and the bundle gets `-<id>` appended, then `-<id>-2`, … until the name is free or its
/// own; so does the second article of the batch with the same date and headline. Replacing
/// (force) therefore only ever replaces an article's own earlier export.
pub fn plan_batch(
    lib: &Library,
    ids: &[i64],
    out: &Path,
    now: DateTime<Utc>,
) -> Result<Vec<Result<Plan>>> {
    let mut plans: Vec<Result<Plan>> = ids.iter().map(|&id| lib.plan_export(id, now)).collect();
    let folders = lib.export_folders()?;
    let mut taken: BTreeMap<String, i64> = BTreeMap::new();
    for p in plans.iter_mut() {
        if let Ok(Plan::Export(job)) = p {
            let id = job.article.id;
            let uri = job.site.article_uri(id);
            let free_or_own = |name: &str| {
                let folder = out.join(name);
                if std::fs::symlink_metadata(&folder).is_err() {
                    return true;
                }
                match folders.get(folder.to_string_lossy().as_ref()) {
                    Some(&owner) => owner == id,
                    None => bundle_uri(&folder).as_deref() == Some(uri.as_str()),
                }
            };
            let base = job.name.clone();
            let mut n = 1;
            while taken.contains_key(&job.name) || !free_or_own(&job.name) {
                job.name = if n == 1 {
                    format!("{base}-{id}")
                } else {
                    format!("{base}-{id}-{n}")
                };
                n += 1;
            }
            taken.insert(job.name.clone(), id);
        }
    }
    Ok(plans)
}

/// The article URI an exported bundle's documents carry: `article.json`'s `uri`, else the
/// page's JSON-LD `@id`. None for a folder that is not a bundle, or only a fragment.
fn bundle_uri(folder: &Path) -> Option<String> {
    if let Ok(text) = std::fs::read(folder.join("article.json")) {
        let doc: serde_json::Value = serde_json::from_slice(&text).ok()?;
        return doc.get("uri")?.as_str().map(str::to_string);
    }
    let page = std::fs::read_to_string(folder.join("index.html")).ok()?;
    let start = page.find(r#"<script type="application/ld+json">"#)?;
    let json = &page[start..];
    let json = &json[json.find('>')? + 1..json.find("</script>")?];
    let doc: serde_json::Value = serde_json::from_str(json).ok()?;
    doc.get("@id")?.as_str().map(str::to_string)
}

/// A link as it leaves: only what the preflight accepts (absolute http(s), mailto), in the URL
/// standard's serialization, so characters a URL may not hold (`"`, `<`, space …) are
/// percent-encoded and the result is a valid URI wherever it is put.
pub fn link_url(url: &str) -> Option<String> {
    if crate::preflight::bad_url(url).is_some() {
        return None;
    }
    url::Url::parse(url.trim()).ok().map(|u| u.to_string())
}

/// `YYYY-MM-DD-slug`: the publication date (Berlin) and the headline, transliterated.
pub fn bundle_name(article: &Article) -> String {
    let date = article
        .published_at
        .as_deref()
        .and_then(|s| crate::dates::parse(s).ok())
        .map(|d| {
            d.with_timezone(&chrono_tz::Europe::Berlin)
                .format("%Y-%m-%d")
                .to_string()
        })
        .unwrap_or_else(|| "ohne-datum".into());
    let slug = slug(&article.headline);
    if slug.is_empty() {
        format!("{date}-artikel-{}", article.id)
    } else {
        format!("{date}-{slug}")
    }
}

/// A file-name-safe slug: German transliteration (ä → ae, ß → ss), other accents dropped,
/// lower case ASCII letters and digits joined by `-`, at most 60 characters, cut at a word.
pub fn slug(text: &str) -> String {
    let folded = crate::search::transliterate(text);
    let mut out = String::new();
    for word in folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() && out.len() + 1 + word.len() > 60 {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(60)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_transliterated_and_short() {
        assert_eq!(
            slug("Neue Kita in Hörde eröffnet"),
            "neue-kita-in-hoerde-eroeffnet"
        );
        assert_eq!(
            slug("Straßenfest: „Café“ & Crêpes!"),
            "strassenfest-cafe-crepes"
        );
        assert_eq!(slug("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug("\u{202E}evil\u{202C} ../../etc"), "evil-etc");
        assert_eq!(slug("…"), "");
        let long = slug(&"Wort ".repeat(40));
        assert!(long.len() <= 60 && !long.ends_with('-'), "{long}");
    }
}
