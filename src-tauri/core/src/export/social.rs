//! What social networks and search engines read from an article page: Open Graph
//! (`og:*`, `article:*`) and Twitter card fields. Their pictures must be absolute URLs, so
//! `og:image`, `og:url` and `twitter:image` are written only when the office's public base
//! URL is known (the preflight warns when it is not).

use super::{ArticleJob, Picture};

/// The crop social cards show: 1,200 × 630 (1.91:1).
pub(crate) const SOCIAL_CROP: &str = "social";
/// The width social networks ask for.
pub(crate) const SOCIAL_WIDTH: u32 = 1200;
/// The crops search engines ask for, in this order (16:9, 4:3, 1:1).
pub(crate) const SEARCH_CROPS: [&str; 3] = ["wide", "classic", "square"];

/// The teaser picture as social cards show it: its `social` crop (else the whole photo), the
/// JPEG at 1,200 px (else the widest below, else the narrowest).
fn card_image(p: &Picture) -> Option<(Picture, super::job::Image)> {
    let pic = p.cropped(SOCIAL_CROP).unwrap_or_else(|| p.clone());
    let img = pic.fallback(SOCIAL_WIDTH)?.clone();
    Some((pic, img))
}

/// `<meta property>` pairs for the page, in order.
pub(crate) fn open_graph(
    job: &ArticleJob,
    teaser: Option<&Picture>,
) -> Vec<(&'static str, String)> {
    let a = &job.article;
    let mut og: Vec<(&'static str, String)> = vec![
        ("og:type", "article".into()),
        ("og:title", a.headline.trim().into()),
        ("og:description", a.teaser.trim().into()),
        (
            "og:site_name",
            super::html::site_name(job.site.organisation.trim()).into(),
        ),
        ("og:locale", "de_DE".into()),
    ];
    if let Some(url) = job.site.absolute(&job.name, "") {
        og.push(("og:url", url));
    }
    if let Some((pic, img)) = teaser.and_then(card_image) {
        if let Some(url) = job.site.absolute(&job.name, &img.href) {
            og.push(("og:image", url));
            og.push(("og:image:type", "image/jpeg".into()));
            og.push(("og:image:width", img.width.to_string()));
            og.push(("og:image:height", img.height.to_string()));
            if !pic.alt.trim().is_empty() {
                og.push(("og:image:alt", pic.alt.trim().into()));
            }
        }
    }
    if let Some(t) = a
        .published_at
        .as_deref()
        .and_then(|s| crate::dates::parse(s).ok())
    {
        og.push(("article:published_time", crate::dates::to_rfc3339(t)));
    }
    if let Ok(t) = crate::dates::parse(&a.updated_at) {
        og.push(("article:modified_time", crate::dates::to_rfc3339(t)));
    }
    if !a.kicker.trim().is_empty() {
        og.push(("article:section", a.kicker.trim().into()));
    }
    for t in &a.topics {
        og.push(("article:tag", t.clone()));
    }
    og
}

/// `<meta name="twitter:…">` pairs for the page, in order.
pub(crate) fn twitter(job: &ArticleJob, teaser: Option<&Picture>) -> Vec<(&'static str, String)> {
    let a = &job.article;
    let image = teaser.and_then(card_image).and_then(|(pic, img)| {
        Some((
            job.site.absolute(&job.name, &img.href)?,
            pic.alt.trim().to_string(),
        ))
    });
    let mut tw: Vec<(&'static str, String)> = vec![
        (
            "twitter:card",
            if image.is_some() {
                "summary_large_image"
            } else {
                "summary"
            }
            .into(),
        ),
        ("twitter:title", a.headline.trim().into()),
        ("twitter:description", a.teaser.trim().into()),
    ];
    if let Some((url, alt)) = image {
        tw.push(("twitter:image", url));
        if !alt.is_empty() {
            tw.push(("twitter:image:alt", alt));
        }
    }
    tw
}
