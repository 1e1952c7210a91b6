//! The HTML documents: the article page, the `<article>` fragment, the body with its figures.
//! Compiled askama templates (`templates/export/`); every value is escaped by the template
//! except the body, which comes sanitized from the one renderer the preview uses, and the
//! JSON-LD, which is JSON made safe for a `<script>` element by [`script_json`].

use askama::Template;
use serde_json::{json, Value};

use super::{ArticleJob, Picture};
use crate::error::{Error, Result};
use crate::imaging::pixels::RenditionFormat;
use crate::model::RelatedLink;
use crate::photos::FigureRef;
use crate::render::{figure_html, FigurePlace, FigureSources, FigureView};

/// The stylesheet every article page embeds, and the listing's.
pub(crate) const STYLE: &str = include_str!("../../templates/export/style.css");
pub(crate) const LISTING_STYLE: &str = include_str!("../../templates/export/listing.css");
/// How wide pictures show (see the stylesheet, which sizes in rem and never changes the root
/// font size, so `em` here tracks it): the lead spans the 60rem article, edge to edge on
/// phones; body figures the 42rem text column inside 1.25rem of page padding.
pub(crate) const LEAD_SIZES: &str =
    "(min-width: 62.5em) 60em, (min-width: 40em) calc(100vw - 2.5em), 100vw";
pub(crate) const BODY_SIZES: &str = "(min-width: 44.5em) 42em, calc(100vw - 2.5em)";
/// The widest any picture shows at 1x: the 60em lead at the default 16 px font size.
const WIDEST_SLOT: u32 = 960;
/// The `<img src>` fallback is the largest JPEG up to this width.
const FALLBACK_MAX: u32 = 1280;

/// A picture as the renderer's figure: the largest JPEG up to `max` as the `<img>`, WebP and
/// JPEG `srcset`s for the `<picture>`, every path prefixed with `base` (the listing points into
/// the bundles).
pub(crate) fn figure_view(p: &Picture, sizes: &str, max: u32, base: &str) -> Option<FigureView> {
    let img = p.fallback(max)?;
    // A picture narrower than the widest slot (the 60em lead, 960 px) shows at its own width
    // at most: the browser is told so in `sizes`, the page caps the `<img>`.
    let widest = p.images.iter().map(|i| i.width).max().unwrap_or(img.width);
    let narrow = widest < WIDEST_SLOT;
    let sizes = if narrow {
        format!("(min-width: {widest}px) {widest}px, {sizes}")
    } else {
        sizes.to_string()
    };
    Some(FigureView {
        src: format!("{base}{}", img.href),
        alt: p.alt.clone(),
        caption: p.caption.clone(),
        credit: p.photo.credit.clone(),
        width: img.width,
        height: img.height,
        sources: Some(FigureSources {
            webp_srcset: p.srcset(RenditionFormat::Webp, base),
            jpeg_srcset: p.srcset(RenditionFormat::Jpeg, base),
            sizes,
            max_width: narrow.then_some(widest),
        }),
    })
}

#[derive(Template)]
#[template(path = "export/article.html")]
struct ArticleTemplate<'a> {
    id: i64,
    kicker: &'a str,
    headline: &'a str,
    teaser: &'a str,
    date_iso: String,
    date_de: String,
    author: &'a str,
    /// The lead `<figure>`, from the renderer's one figure markup.
    lead: Option<String>,
    body: &'a str,
    related: Vec<RelatedLink>,
    topics: &'a [String],
    places: &'a [String],
    contact: Vec<ContactLine<'a>>,
    embargo: Option<Embargo>,
}

/// An embargo that has not passed, as the documents write it.
pub(crate) struct Embargo {
    /// RFC 3339, UTC.
    pub iso: String,
    /// "12.11.2025, 10:30 Uhr" (Berlin time).
    pub de: String,
}

pub(crate) fn embargo(job: &ArticleJob) -> Option<Embargo> {
    job.embargo.map(|e| Embargo {
        iso: crate::dates::to_rfc3339(e),
        de: crate::dates::german_date_time(e),
    })
}

/// A line of the contact block; an e-mail address on its own becomes a mailto link.
struct ContactLine<'a> {
    text: &'a str,
    mailto: Option<&'a str>,
}

fn contact_line(line: &str) -> ContactLine<'_> {
    let is_mail = !line.contains(char::is_whitespace)
        && line.contains('@')
        && crate::preflight::bad_url(&format!("mailto:{line}")).is_none();
    ContactLine {
        text: line,
        mailto: is_mail.then_some(line),
    }
}

#[derive(Template)]
#[template(path = "export/page.html")]
struct PageTemplate<'a> {
    title: String,
    site_name: &'a str,
    /// Where the header's site name links: the listing beside the bundle.
    home: &'static str,
    description: &'a str,
    style: &'static str,
    json_ld: String,
    article: String,
    embargo: Option<Embargo>,
    /// `<link rel="canonical">`: the bundle's public address, when the base URL is known.
    canonical: Option<String>,
    /// Open Graph and `article:` properties (`<meta property>`), in order.
    og: Vec<(&'static str, String)>,
    /// Twitter card fields (`<meta name>`), in order.
    twitter: Vec<(&'static str, String)>,
}

/// The body with its figures as `<picture>`s; `resolve` finds a reference's picture.
pub(crate) fn body(md: &str, resolve: &dyn Fn(&FigureRef) -> Option<Picture>) -> String {
    crate::render::render_body_with(md, &|r| {
        let p = resolve(r)?;
        figure_view(&p, BODY_SIZES, FALLBACK_MAX, "")
    })
}

fn article_html(job: &ArticleJob, lead: Option<&Picture>, body: &str) -> Result<String> {
    let a = &job.article;
    let published = a
        .published_at
        .as_deref()
        .and_then(|s| crate::dates::parse(s).ok());
    let t = ArticleTemplate {
        id: a.id,
        kicker: a.kicker.trim(),
        headline: a.headline.trim(),
        teaser: a.teaser.trim(),
        date_iso: published.map(crate::dates::to_rfc3339).unwrap_or_default(),
        date_de: published.map(crate::dates::german_date).unwrap_or_default(),
        author: a.author.trim(),
        lead: lead
            .and_then(|p| figure_view(p, LEAD_SIZES, FALLBACK_MAX, ""))
            .map(|f| figure_html(&f, FigurePlace::Lead)),
        body,
        related: a
            .related_links
            .iter()
            .filter_map(|l| {
                Some(RelatedLink {
                    label: l.label.clone(),
                    url: super::link_url(&l.url)?,
                })
            })
            .collect(),
        topics: &a.topics,
        places: &a.places,
        contact: a
            .contact
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(contact_line)
            .collect(),
        embargo: embargo(job),
    };
    t.render()
        .map_err(|e| Error::invalid(format!("template: {e}")))
}

/// The `<article>` alone, for pasting into a CMS: no stylesheet, no JSON-LD.
pub(crate) fn fragment(job: &ArticleJob, lead: Option<&Picture>, body: &str) -> Result<String> {
    let mut s = article_html(job, lead, body)?;
    s.push('\n');
    Ok(s)
}

/// The standalone page: the article, the stylesheet and the schema.org JSON-LD.
pub(crate) fn page(
    job: &ArticleJob,
    lead: Option<&Picture>,
    figures: &[Picture],
    body: &str,
) -> Result<String> {
    let a = &job.article;
    let headline = a.headline.trim();
    let org = job.site.organisation.trim();
    let t = PageTemplate {
        site_name: site_name(org),
        home: "../index.html",
        title: if org.is_empty() {
            headline.to_string()
        } else {
            format!("{headline} – {org}")
        },
        description: a.teaser.trim(),
        style: STYLE,
        json_ld: script_json(&json_ld(job, lead, figures)),
        article: article_html(job, lead, body)?,
        embargo: embargo(job),
        canonical: job.site.absolute(&job.name, ""),
        og: super::social::open_graph(job, lead.or(figures.first())),
        twitter: super::social::twitter(job, lead.or(figures.first())),
    };
    let mut s = t
        .render()
        .map_err(|e| Error::invalid(format!("template: {e}")))?;
    s.push('\n');
    Ok(s)
}

/// The name in the pages' header bar: the office, else "Pressestelle".
pub(crate) fn site_name(org: &str) -> &str {
    if org.is_empty() {
        "Pressestelle"
    } else {
        org
    }
}

/// The JSON-LD term for an embargo's end: the IRI of ninjs 3.1's `embargoedUntil`, whose meaning
/// it has, typed as a date-time.
const EMBARGO_IRI: &str =
    "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#/properties/embargoedUntil";

/// schema.org `NewsArticle` for the page.
fn json_ld(job: &ArticleJob, lead: Option<&Picture>, figures: &[Picture]) -> Value {
    let a = &job.article;
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": job.site.article_uri(a.id),
        "headline": a.headline.trim(),
        "description": a.teaser.trim(),
        "inLanguage": "de",
        "datePublished": a.published_at,
        "dateModified": a.updated_at,
    });
    let m = v.as_object_mut().expect("object");
    if let Some(e) = embargo(job) {
        // schema.org has no embargo: one term of our own, typed as a date-time (see the
        // README's export section).
        m.insert(
            "@context".into(),
            json!(["https://schema.org", {"embargoedUntil": {
                "@id": EMBARGO_IRI,
                "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
            }}]),
        );
        m.insert("embargoedUntil".into(), json!(e.iso));
    }
    if !a.kicker.trim().is_empty() {
        m.insert("articleSection".into(), json!(a.kicker.trim()));
    }
    if !a.topics.is_empty() {
        m.insert("keywords".into(), json!(a.topics));
    }
    if !a.places.is_empty() {
        m.insert(
            "contentLocation".into(),
            Value::Array(
                a.places
                    .iter()
                    .map(|p| json!({"@type": "Place", "name": p}))
                    .collect(),
            ),
        );
    }
    let org = job.site.organisation.trim();
    if !a.author.trim().is_empty() {
        m.insert(
            "author".into(),
            json!({"@type": "Person", "name": a.author.trim()}),
        );
    } else if !org.is_empty() {
        m.insert(
            "author".into(),
            json!({"@type": "Organization", "name": org}),
        );
    }
    if !org.is_empty() {
        m.insert(
            "publisher".into(),
            json!({"@type": "Organization", "name": org}),
        );
    }
    if let Some(url) = job.site.absolute(&job.name, "") {
        m.insert("url".into(), json!(url));
        m.insert("mainEntityOfPage".into(), json!(url));
    }
    // The teaser picture in the crops search engines ask for (16:9, 4:3, 1:1), each as wide
    // as it was made; then the other pictures as the page shows them.
    let mut images: Vec<Value> = Vec::new();
    if let Some(p) = lead.or(figures.first()) {
        for name in super::social::SEARCH_CROPS {
            if let Some(c) = p.cropped(name) {
                images.extend(image_object(job, &c));
            }
        }
        if images.is_empty() {
            images.extend(image_object(job, p));
        }
    }
    let rest = if lead.is_some() {
        figures
    } else {
        figures.get(1..).unwrap_or_default()
    };
    images.extend(rest.iter().filter_map(|p| image_object(job, p)));
    if !images.is_empty() {
        m.insert("image".into(), Value::Array(images));
    }
    v
}

fn image_object(job: &ArticleJob, p: &Picture) -> Option<Value> {
    let img = p.fallback(u32::MAX)?;
    let url = job
        .site
        .absolute(&job.name, &img.href)
        .unwrap_or_else(|| img.href.clone());
    let mut v = json!({
        "@type": "ImageObject",
        "contentUrl": url,
        "width": img.width,
        "height": img.height,
        "caption": p.caption,
        "creditText": p.photo.credit,
    });
    let m = v.as_object_mut().expect("object");
    if !p.alt.is_empty() {
        m.insert("description".into(), json!(p.alt));
    }
    if !p.photo.creator.is_empty() {
        m.insert(
            "creator".into(),
            json!({"@type": "Person", "name": p.photo.creator}),
        );
    }
    m.insert(
        "copyrightNotice".into(),
        json!(if p.photo.copyright.is_empty() {
            &p.photo.credit
        } else {
            &p.photo.copyright
        }),
    );
    Some(v)
}

/// JSON that can stand inside `<script>`: `<`, `>` and `&` as `\u` escapes, so no text can
/// close the element or open a comment; still the same JSON to any parser.
pub(crate) fn script_json(v: &Value) -> String {
    serde_json::to_string(v)
        .expect("json")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}
