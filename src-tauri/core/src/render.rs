//! CommonMark → HTML, the one renderer used by the editor preview and (later) the export.
//!
//! The output only ever contains the allowlisted elements [`ALLOWED_TAGS`], and `href` on
//! `a` with an http, https or mailto URL: pulldown-cmark renders, ammonia enforces.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub const ALLOWED_TAGS: &[&str] = &[
    "h2",
    "h3",
    "p",
    "strong",
    "em",
    "a",
    "blockquote",
    "ul",
    "ol",
    "li",
    "br",
];
pub const ALLOWED_URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(ALLOWED_TAGS.iter().copied().collect::<HashSet<_>>())
            .tag_attributes(std::iter::once(("a", std::iter::once("href").collect())).collect())
            .url_schemes(ALLOWED_URL_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::Deny)
            .link_rel(None)
            .clean_content_tags(
                [
                    "script", "style", "template", "textarea", "title", "noscript",
                ]
                .into_iter()
                .collect(),
            )
            .strip_comments(true);
        b
    })
}

/// Runs `html` through the body's sanitizer alone: what survives unchanged is what a body
/// can hold (the UI's paste mapping targets exactly this; see `tests/render.rs`).
pub fn sanitize_html(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// A body figure ready to show: what `![alt](photo:ID "caption")` resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureView {
    pub src: String,
    pub alt: String,
    pub caption: String,
    pub credit: String,
    pub width: u32,
    pub height: u32,
    /// Responsive sources (the export); `None`: a plain `<img>` (the preview).
    pub sources: Option<FigureSources>,
}

/// `srcset` lists for a `<picture>`: WebP first, JPEG as the `<img>` fallback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSources {
    pub webp_srcset: String,
    pub jpeg_srcset: String,
    pub sizes: String,
    /// The widest rendition, when it is narrower than a page may show it: the `<img>` never
    /// grows past it (an inline `max-width`), so a small original is never stretched.
    pub max_width: Option<u32>,
}

/// Marks where a figure goes; never survives into the output (stripped from input first).
const FIGURE_MARK: char = '\u{E000}';

/// Renders a CommonMark body to sanitized HTML. Heading levels are mapped into the article
/// outline (the page's `h1` is the headline): `#` → h2, `####`+ → h3. Images become their
/// alt text; see [`render_body_with`] for body figures.
pub fn render_body(markdown: &str) -> String {
    render_body_with(markdown, &|_| None)
}

/// Like [`render_body`], and a body figure `![alt](photo:ID "caption")` that stands in its own
/// paragraph becomes `<figure>` with `<img>` and a `<figcaption>` holding caption and credit,
/// as `resolve` describes it (`None`: left out). The figure markup is built here, escaped,
/// after sanitizing, so the allowlist for the body text stays as strict as before.
pub fn render_body_with(
    markdown: &str,
    resolve: &dyn Fn(&crate::photos::FigureRef) -> Option<FigureView>,
) -> String {
    let cleaned;
    let markdown = if markdown.contains(FIGURE_MARK) {
        cleaned = markdown.replace(FIGURE_MARK, "");
        cleaned.as_str()
    } else {
        markdown
    };
    let mut figures: Vec<FigureView> = Vec::new();
    let parser = Parser::new_ext(markdown, Options::empty());
    let mut in_image = 0usize;
    let mut open_figure: Option<(String, String, String)> = None;
    let events = parser.filter_map(|ev| {
        if let Some((_, _, alt)) = open_figure.as_mut() {
            match ev {
                Event::Text(t) | Event::Code(t) => {
                    alt.push_str(&t);
                    return None;
                }
                Event::End(TagEnd::Image) => {
                    let (url, title, alt) = open_figure.take().expect("open");
                    let r = crate::photos::FigureRef::parse(&url, &title, &alt)?;
                    return resolve(&r).map(|f| {
                        figures.push(f);
                        Event::Text(
                            format!("{FIGURE_MARK}{}{FIGURE_MARK}", figures.len() - 1).into(),
                        )
                    });
                }
                _ => return None,
            }
        }
        match ev {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) if crate::photos::parse_photo_url(&dest_url).is_some() => {
                open_figure = Some((dest_url.to_string(), title.to_string(), String::new()));
                None
            }
            Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
                level: clamp_level(level),
                id: None,
                classes: vec![],
                attrs: vec![],
            })),
            Event::End(TagEnd::Heading(level)) => {
                Some(Event::End(TagEnd::Heading(clamp_level(level))))
            }
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                in_image = in_image.saturating_sub(1);
                None
            }
            Event::Start(Tag::CodeBlock(_)) => Some(Event::Start(Tag::Paragraph)),
            Event::End(TagEnd::CodeBlock) => Some(Event::End(TagEnd::Paragraph)),
            Event::Code(t) => Some(Event::Text(t)),
            Event::Rule => None,
            other => Some(other),
        }
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    let mut clean = sanitizer().clean(&html).to_string();
    if clean.contains("<p></p>") {
        // A paragraph that held only an unresolved figure.
        clean = clean.replace("<p></p>\n", "").replace("<p></p>", "");
    }
    if figures.is_empty() {
        return clean;
    }
    place_figures(&clean, &figures)
}

/// Replaces `<p>MARKnMARK</p>` with figure n; a mark inside running text is dropped (a figure
/// cannot sit inside a paragraph).
fn place_figures(html: &str, figures: &[FigureView]) -> String {
    let mut out = String::with_capacity(html.len() + figures.len() * 300);
    let mut rest = html;
    while let Some(start) = rest.find(FIGURE_MARK) {
        let after = &rest[start + FIGURE_MARK.len_utf8()..];
        let Some(end) = after.find(FIGURE_MARK) else {
            break;
        };
        let n: Option<usize> = after[..end].parse().ok();
        let tail = &after[end + FIGURE_MARK.len_utf8()..];
        let standalone = rest[..start].ends_with("<p>") && tail.starts_with("</p>");
        match (n.and_then(|n| figures.get(n)), standalone) {
            (Some(f), true) => {
                out.push_str(&rest[..start - 3]);
                out.push_str(&figure_html(f, FigurePlace::Flow));
                rest = &tail[4..];
            }
            _ => {
                out.push_str(&rest[..start]);
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out.replace(FIGURE_MARK, "")
}

/// Escapes text for HTML content and attribute values.
pub use crate::escape::html as escape;

/// Where a figure stands: in the flow of the text (loaded lazily), or as the article's lead
/// picture (`class="lead"`, loaded at once: it is at the top of the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigurePlace {
    Flow,
    Lead,
}

/// The one figure markup: body figures (preview and export), the export's lead picture and
/// the listing's teaser pictures. Every value is escaped here.
pub fn figure_html(f: &FigureView, place: FigurePlace) -> String {
    let (class, loading) = match place {
        FigurePlace::Flow => ("", " loading=\"lazy\""),
        FigurePlace::Lead => (" class=\"lead\"", ""),
    };
    let img = match &f.sources {
        None => format!(
            "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"{loading}>",
            escape(&f.src),
            escape(&f.alt),
            f.width,
            f.height
        ),
        Some(s) => {
            let webp = if s.webp_srcset.is_empty() {
                String::new()
            } else {
                format!(
                    "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{}\">",
                    escape(&s.webp_srcset),
                    escape(&s.sizes)
                )
            };
            let style = s
                .max_width
                .map(|w| format!(" style=\"max-width:{w}px\""))
                .unwrap_or_default();
            format!(
                "<picture>{webp}<img src=\"{}\" srcset=\"{}\" sizes=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"{style}{loading} decoding=\"async\"></picture>",
                escape(&f.src),
                escape(&s.jpeg_srcset),
                escape(&s.sizes),
                escape(&f.alt),
                f.width,
                f.height
            )
        }
    };
    let mut cap = String::new();
    if !f.caption.is_empty() {
        cap.push_str(&escape(&f.caption));
    }
    if !f.credit.is_empty() {
        if !cap.is_empty() {
            cap.push(' ');
        }
        cap.push_str(&format!(
            "<span class=\"credit\">{}</span>",
            escape(&f.credit)
        ));
    }
    format!(
        "<figure{class}>{img}{}</figure>",
        if cap.is_empty() {
            String::new()
        } else {
            format!("<figcaption>{cap}</figcaption>")
        }
    )
}

/// The body's running text without markup, whitespace collapsed: what `charCount` and
/// `wordCount` count. Figures (photo references) are not text; other images count by
/// nothing either.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut in_image = 0usize;
    for ev in Parser::new_ext(markdown, Options::empty()) {
        match ev {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_image == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock,
            ) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn clamp_level(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => HeadingLevel::H2,
        _ => HeadingLevel::H3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_allowed_structure() {
        let html = render_body(
            "# Titel\n\n## Zwischenzeile\n\nText mit **fett**, *kursiv* und [Link](https://dortmund.example/a?b=1&c=2).\n\n> Ein Zitat\n\n- eins\n- zwei\n\n1. erstens\n",
        );
        assert!(html.contains("<h2>Titel</h2>"), "{html}");
        assert!(html.contains("<h2>Zwischenzeile</h2>"));
        assert!(html.contains("<strong>fett</strong>"));
        assert!(html.contains("<em>kursiv</em>"));
        assert!(
            html.contains(r#"<a href="https://dortmund.example/a?b=1&amp;c=2">Link</a>"#),
            "{html}"
        );
        assert!(html.contains("<blockquote>"));
        assert!(html.contains("<ul>") && html.contains("<ol>") && html.contains("<li>"));
    }

    #[test]
    fn body_figures_become_escaped_figures() {
        let resolve = |r: &crate::photos::FigureRef| {
            (r.photo_id == 7).then(|| FigureView {
                src: "nrphoto://localhost/rendition/7/640".into(),
                alt: r.alt_text.clone().unwrap_or_else(|| "own alt".into()),
                caption: r.caption.clone().unwrap_or_default(),
                credit: "Bild: A & B <x>".into(),
                width: 640,
                height: 427,
                sources: None,
            })
        };
        let html = render_body_with(
            "Vorher.\n\n![Ein \"Bild\"](photo:7 \"Die <b>Unterschrift</b>\")\n\n![weg](photo:8)\n\nText ![inline](photo:7) mitten.\n\n\u{E000}0\u{E000}",
            &resolve,
        );
        assert!(html.contains("<p>Vorher.</p>\n<figure><img src=\"nrphoto://localhost/rendition/7/640\" alt=\"Ein &quot;Bild&quot;\" width=\"640\" height=\"427\" loading=\"lazy\"><figcaption>Die &lt;b&gt;Unterschrift&lt;/b&gt; <span class=\"credit\">Bild: A &amp; B &lt;x&gt;</span></figcaption></figure>"), "{html}");
        assert_eq!(html.matches("<figure>").count(), 1, "{html}");
        assert!(
            !html.contains("weg") && !html.contains('\u{E000}') && !html.contains("<p></p>"),
            "{html}"
        );
        assert!(html.contains("<p>Text  mitten.</p>"), "{html}");
        // Without a resolver nothing changes: no figure, no img.
        assert!(!render_body("![x](photo:7)").contains("<img"));
    }

    #[test]
    fn strips_hostile_markup() {
        let html = render_body(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <a href=\"/relative\" onclick=\"x()\">rel</a>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(
            !html.contains("onerror") && !html.contains("onclick"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("/relative"), "{html}");
    }
}
