//! The article as an IPTC ninjs 3.1 document (`article.json`), valid against
//! `ninjs-schema_3.1.json`. Pictures are full ninjs objects in `associations`, with their
//! renditions (`href` relative to the bundle); "Zum Thema" links are associations too.

use serde::Serialize;

use super::{ArticleJob, Picture};
use crate::imaging::pixels::RenditionFormat;

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Ninjs {
    /// Only in `associations`.
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rel: Option<String>,
    uri: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    version_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_created: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    embargoed_until: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub_status: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    headlines: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    descriptions: Vec<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    bodies: Vec<Body>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    subjects: Vec<Named>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    places: Vec<Named>,
    #[serde(skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    renditions: Vec<Rendition>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    associations: Vec<Ninjs>,
}

impl Ninjs {
    fn new(uri: String, kind: &'static str) -> Ninjs {
        Ninjs {
            name: None,
            rel: None,
            uri,
            kind,
            version: None,
            first_created: None,
            version_created: None,
            content_created: None,
            embargoed_until: None,
            pub_status: None,
            copyright_notice: None,
            language: None,
            headlines: vec![],
            descriptions: vec![],
            bodies: vec![],
            subjects: vec![],
            places: vec![],
            by: None,
            renditions: vec![],
            associations: vec![],
        }
    }
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Text {
    role: &'static str,
    content_type: &'static str,
    value: String,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Body {
    role: &'static str,
    content_type: &'static str,
    char_count: usize,
    word_count: usize,
    value: String,
}

#[derive(Serialize, Debug)]
struct Named {
    name: String,
    rel: &'static str,
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Rendition {
    name: String,
    href: String,
    content_type: &'static str,
    width: u32,
    height: u32,
    size_in_bytes: u64,
    /// A crop's shape, "16:9".
    #[serde(skip_serializing_if = "Option::is_none")]
    aspect_ratio: Option<String>,
    /// The focal point in this rendition's pixels, when one was set.
    #[serde(skip_serializing_if = "Option::is_none")]
    poi: Option<Poi>,
}

#[derive(Serialize, Debug)]
struct Poi {
    x: u32,
    y: u32,
}

fn text(role: &'static str, value: &str) -> Option<Text> {
    let v = value.trim();
    (!v.is_empty()).then(|| Text {
        role,
        content_type: "text/plain",
        value: v.to_string(),
    })
}

/// Topics or places as ninjs names the article is about.
fn about(names: &[String]) -> Vec<Named> {
    names
        .iter()
        .map(|name| Named {
            name: name.clone(),
            rel: "about",
        })
        .collect()
}

/// The article's ninjs document. `body_html` is the body as the page shows it, `plain` its
/// running text ([`crate::render::plain_text`]), which the counts count.
pub(crate) fn document(
    job: &ArticleJob,
    lead: Option<&Picture>,
    figures: &[Picture],
    body_html: &str,
    plain: &str,
) -> Ninjs {
    let a = &job.article;
    let mut n = Ninjs::new(job.site.article_uri(a.id), "text");
    n.version = Some(content_version(job));
    n.first_created = Some(a.created_at.clone());
    n.version_created = Some(a.updated_at.clone());
    n.embargoed_until = a.embargo_until.clone();
    n.pub_status = Some("usable");
    n.language = Some("de");
    let org = job.site.organisation.trim();
    if !org.is_empty() {
        n.copyright_notice = Some(format!("© {org}"));
    }
    n.headlines = [text("main", &a.headline), text("kicker", &a.kicker)]
        .into_iter()
        .flatten()
        .collect();
    n.descriptions = text("summary", &a.teaser).into_iter().collect();
    n.bodies = vec![Body {
        role: "main",
        content_type: "text/html",
        char_count: plain.chars().count(),
        word_count: plain.split_whitespace().count(),
        value: body_html.to_string(),
    }];
    n.subjects = about(&a.topics);
    n.places = about(&a.places);
    if !a.author.trim().is_empty() {
        n.by = Some(a.author.trim().to_string());
    }
    for p in lead.into_iter().chain(figures.iter()) {
        n.associations.push(picture(job, p));
    }
    for (i, l) in a.related_links.iter().enumerate() {
        let Some(url) = super::link_url(&l.url) else {
            continue;
        };
        let mut r = Ninjs::new(url, "text");
        r.name = Some(format!("related-{}", i + 1));
        r.rel = Some("related".into());
        r.headlines = text("main", &l.label).into_iter().collect();
        n.associations.push(r);
    }
    n
}

fn picture(job: &ArticleJob, p: &Picture) -> Ninjs {
    let photo = &p.photo;
    let mut n = Ninjs::new(job.site.photo_uri(photo.id), "picture");
    n.name = Some(p.role.clone());
    n.rel = Some(if p.role == "lead" { "lead" } else { "figure" }.into());
    n.version_created = Some(photo.updated_at.clone());
    n.content_created = photo
        .date_created
        .as_deref()
        .and_then(|d| crate::dates::parse(d).ok())
        .map(crate::dates::to_rfc3339);
    n.headlines = text("main", &photo.headline).into_iter().collect();
    n.descriptions = [
        text("caption", &p.caption),
        text("alt", &p.alt),
        text("creditline", &photo.credit),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !photo.creator.trim().is_empty() {
        n.by = Some(photo.creator.trim().to_string());
    }
    n.copyright_notice = Some(
        if photo.copyright.trim().is_empty() {
            &photo.credit
        } else {
            &photo.copyright
        }
        .trim()
        .to_string(),
    );
    // The whole photo's renditions, then each crop's ("wide-jpeg-1200"), with its aspect.
    let focus = photo.focus;
    let full = crate::imaging::crop::CropRect::full(photo.width, photo.height);
    // A lead shown in a crop on the page goes out in its crops only.
    let mut frames = Vec::new();
    if p.frame.is_none() {
        frames.push((String::new(), None, full, &p.images));
    }
    frames.extend(p.crops.iter().map(|c| {
        (
            format!("{}-", c.name),
            Some(format!("{}:{}", c.aspect.w, c.aspect.h)),
            c.rect,
            &c.images,
        )
    }));
    for (prefix, aspect, rect, images) in frames {
        let mut imgs: Vec<_> = images.iter().collect();
        imgs.sort_by_key(|i| (i.format == RenditionFormat::Webp, i.width));
        let within = focus.map(|f| rect.focus_within(f, photo.width, photo.height));
        n.renditions.extend(imgs.into_iter().map(|i| {
            let (fmt, ct) = match i.format {
                RenditionFormat::Jpeg => ("jpeg", "image/jpeg"),
                RenditionFormat::Webp => ("webp", "image/webp"),
            };
            Rendition {
                name: format!("{prefix}{fmt}-{}", i.width),
                href: job
                    .site
                    .absolute(&job.name, &i.href)
                    .unwrap_or_else(|| i.href.clone()),
                content_type: ct,
                width: i.width,
                height: i.height,
                size_in_bytes: i.bytes,
                aspect_ratio: aspect.clone(),
                poi: within.map(|f| Poi {
                    x: ((f.x * i.width as f64).round() as u32).min(i.width.saturating_sub(1)),
                    y: ((f.y * i.height as f64).round() as u32).min(i.height.saturating_sub(1)),
                }),
            }
        }));
    }
    n
}

/// A version that changes exactly when the exported content does: a hash of the article's
/// content and of its photos' last edits (not of its workflow state or export record).
fn content_version(job: &ArticleJob) -> String {
    let photos: Vec<(i64, &str)> = job
        .photos
        .iter()
        .map(|p| (p.photo.id, p.photo.updated_at.as_str()))
        .collect();
    let json = serde_json::to_string(&(job.article.input(), photos)).expect("json");
    crate::photos::sha256_hex(json.as_bytes())[..16].to_string()
}
