//! The batch listing, like the newsroom's "Weitere Nachrichten": `index.html` (date, headline,
//! teaser photo with its credit, link) and a JSON Feed 1.1 `feed.json`, both in the output
//! folder, both covering every bundle of the library in the folder (see `folder_index.rs`),
//! newest first.

use std::path::Path;

use askama::Template;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::html::{figure_view, site_name, LISTING_STYLE};
use super::{ArticleJob, Picture, Site};
use crate::error::{Error, Result};
use crate::render::{figure_html, FigurePlace};

/// What the listing shows for one exported bundle; kept in the folder's manifest.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub article_id: i64,
    /// The bundle's main document, relative to the output folder.
    pub href: String,
    pub kicker: String,
    pub headline: String,
    pub teaser: String,
    pub published_at: String,
    pub updated_at: String,
    pub date_iso: String,
    pub date_de: String,
    pub author: String,
    pub topics: Vec<String>,
    pub text: String,
    /// The teaser picture's `<figure>` (credit only in the caption), and its `<img src>`.
    pub(crate) figure: Option<String>,
    pub(crate) image: Option<String>,
}

/// Teaser pictures show at most this wide.
const SIZES: &str = "(min-width: 40em) 15em, calc(100vw - 2.5em)";

pub(crate) fn entry(
    job: &ArticleJob,
    main_doc: &str,
    picture: Option<&Picture>,
    plain: String,
) -> Entry {
    let a = &job.article;
    let published = a
        .published_at
        .as_deref()
        .and_then(|s| crate::dates::parse(s).ok());
    let view = picture
        .and_then(|p| figure_view(p, SIZES, 640, &format!("{}/", job.name)))
        .map(|mut f| {
            f.caption.clear();
            f
        });
    Entry {
        article_id: a.id,
        href: format!("{}/{main_doc}", job.name),
        kicker: a.kicker.trim().to_string(),
        headline: a.headline.trim().to_string(),
        teaser: a.teaser.trim().to_string(),
        published_at: a.published_at.clone().unwrap_or_default(),
        updated_at: a.updated_at.clone(),
        date_iso: published.map(crate::dates::to_rfc3339).unwrap_or_default(),
        date_de: published.map(crate::dates::german_date).unwrap_or_default(),
        author: a.author.trim().to_string(),
        topics: a.topics.clone(),
        text: plain,
        figure: view.as_ref().map(|f| figure_html(f, FigurePlace::Flow)),
        image: view.map(|f| f.src),
    }
}

#[derive(Template)]
#[template(path = "export/listing.html")]
struct ListingTemplate<'a> {
    title: String,
    site_name: &'a str,
    /// Where the header's site name links: the listing itself.
    home: &'static str,
    heading: &'static str,
    style: &'static str,
    entries: &'a [Entry],
}

/// Merges the batch's `entries` into the folder's manifest, then writes `index.html` and
/// `feed.json` for every bundle of this library there (each to a temp file, then renamed) and
/// returns their names.
pub(crate) fn write(out: &Path, site: &Site, batch: &[Entry]) -> Result<Vec<String>> {
    let mut entries = super::folder_index::merge(out, &site.library_id, batch)?;
    entries.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then(a.article_id.cmp(&b.article_id))
    });
    let heading = "Weitere Nachrichten";
    let org = site.organisation.trim();
    let title = if org.is_empty() {
        heading.to_string()
    } else {
        format!("{heading} – {org}")
    };
    let mut html = ListingTemplate {
        title: title.clone(),
        site_name: site_name(org),
        home: "index.html",
        heading,
        style: LISTING_STYLE,
        entries: &entries,
    }
    .render()
    .map_err(|e| Error::invalid(format!("template: {e}")))?;
    html.push('\n');
    let mut feed = serde_json::to_vec_pretty(&feed(site, &title, &entries)).expect("json");
    feed.push(b'\n');
    write_atomic(&out.join("feed.json"), &feed)?;
    write_atomic(&out.join("index.html"), html.as_bytes())?;
    Ok(vec!["feed.json".into(), "index.html".into()])
}

fn feed(site: &Site, title: &str, entries: &[Entry]) -> Value {
    let items: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut item = json!({
                "id": site.article_uri(e.article_id),
                "url": e.href,
                "title": e.headline,
                "summary": e.teaser,
                "content_text": e.text,
                "date_published": e.published_at,
                "date_modified": e.updated_at,
                "language": "de",
            });
            let m = item.as_object_mut().expect("object");
            if let Some(src) = &e.image {
                m.insert("image".into(), json!(src));
            }
            if !e.author.is_empty() {
                m.insert("authors".into(), json!([{ "name": e.author }]));
            }
            if !e.topics.is_empty() {
                m.insert("tags".into(), json!(e.topics));
            }
            item
        })
        .collect();
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "language": "de",
        "items": items,
    })
}

pub(super) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.file_name().expect("file name").to_string_lossy();
    crate::files::write_via(
        &path.with_file_name(format!(".newsroom-tmp-{name}")),
        path,
        bytes,
    )
}
