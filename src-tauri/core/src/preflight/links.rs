//! Links that may leave the building: every link target of a body, and why one may not
//! leave (an absolute http(s) URL with a host, or a mailto: with an address, may).

use super::LinkProblem;
use crate::render::ALLOWED_URL_SCHEMES;

/// Every link target in a CommonMark body, in order: inline, reference and autolinks. Email
/// autolinks (`<a@b.org>`) come back as `mailto:` URLs. Images are not links.
pub fn body_links(body: &str) -> Vec<String> {
    use pulldown_cmark::{Event, LinkType, Parser, Tag};
    Parser::new(body)
        .filter_map(|ev| match ev {
            Event::Start(Tag::Link {
                link_type: LinkType::Email,
                dest_url,
                ..
            }) => {
                let d = dest_url.trim();
                Some(if d.to_ascii_lowercase().starts_with("mailto:") {
                    d.to_string()
                } else {
                    format!("mailto:{d}")
                })
            }
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.trim().to_string()),
            _ => None,
        })
        .collect()
}

/// Why `url` may not leave in an export, or `None` when it is fine: an absolute http(s) URL
/// with a host, or a mailto: URL with an address.
pub fn bad_url(url: &str) -> Option<LinkProblem> {
    if url.is_empty() {
        return Some(LinkProblem::Empty);
    }
    let parsed = match url::Url::parse(url) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => return Some(LinkProblem::Relative),
        Err(_) => return Some(LinkProblem::Invalid),
    };
    let scheme = parsed.scheme();
    if !ALLOWED_URL_SCHEMES.contains(&scheme) {
        return Some(LinkProblem::Scheme);
    }
    match scheme {
        "mailto" if parsed.path().trim().is_empty() => Some(LinkProblem::NoAddress),
        "http" | "https" if parsed.host_str().is_none_or(str::is_empty) => {
            Some(LinkProblem::NoHost)
        }
        _ => None,
    }
}

impl LinkProblem {
    /// The English detail (the UI words the code itself).
    pub(super) fn explain(self) -> &'static str {
        match self {
            LinkProblem::Empty => "empty URL",
            LinkProblem::Relative => "relative URL (needs https://…)",
            LinkProblem::Invalid => "not a valid URL",
            LinkProblem::Scheme => "scheme not allowed (only http, https, mailto)",
            LinkProblem::NoAddress => "mailto: without an address",
            LinkProblem::NoHost => "no host",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        for ok in [
            "https://example.org/a?b=1",
            "http://x.de",
            "mailto:presse@example.org",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert_eq!(bad_url(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "/relative",
            "relative/path",
            "#top",
            "ftp://x.org",
            "mailto:",
            "data:text/html,x",
            "photo:3",
            "https://",
            "",
        ] {
            assert!(bad_url(bad).is_some(), "{bad}");
        }
    }

    /// A lead photo that no longer exists cannot be stored through the library (foreign key),
    /// but an article from elsewhere (an import, a restored revision) may carry one.
    #[test]
    fn links_in_order_with_autolinks() {
        assert_eq!(
            body_links(
                "[a](https://a.org) <https://b.org> <c@d.org> ![i](photo:1) [r][x]\n\n[x]: /rel\n"
            ),
            vec!["https://a.org", "https://b.org", "mailto:c@d.org", "/rel"]
        );
    }
}
