//! CommonMark → HTML, the one renderer used by the editor preview and (later) the export.
//!
//! The output only ever contains the allowlisted elements [`ALLOWED_TAGS`], and `href` on
//! `a` with an http, https or mailto URL: pulldown-cmark renders, ammonia enforces.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub const ALLOWED_TAGS: &[&str] =
    &["h2", "h3", "p", "strong", "em", "a", "blockquote", "ul", "ol", "li", "br"];
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
            .clean_content_tags(["script", "style", "template", "textarea", "title", "noscript"]
                .into_iter()
                .collect())
            .strip_comments(true);
        b
    })
}

/// Renders a CommonMark body to sanitized HTML. Heading levels are mapped into the article
/// outline (the page's `h1` is the headline): `#` → h2, `####`+ → h3. Images become their
/// alt text (photos come in as figures, not inline markdown).
pub fn render_body(markdown: &str) -> String {
    let parser = Parser::new_ext(markdown, Options::empty());
    let mut in_image = 0usize;
    let events = parser.filter_map(|ev| match ev {
        Event::Start(Tag::Heading { level, .. }) => Some(Event::Start(Tag::Heading {
            level: clamp_level(level),
            id: None,
            classes: vec![],
            attrs: vec![],
        })),
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(clamp_level(level)))),
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
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    sanitizer().clean(&html).to_string()
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
        assert!(html.contains(r#"<a href="https://dortmund.example/a?b=1&amp;c=2">Link</a>"#), "{html}");
        assert!(html.contains("<blockquote>"));
        assert!(html.contains("<ul>") && html.contains("<ol>") && html.contains("<li>"));
    }

    #[test]
    fn strips_hostile_markup() {
        let html = render_body(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)> <a href=\"/relative\" onclick=\"x()\">rel</a>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
        assert!(!html.contains("onerror") && !html.contains("onclick"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("/relative"), "{html}");
    }
}
