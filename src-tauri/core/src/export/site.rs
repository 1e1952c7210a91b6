//! Who publishes and where: the office's name, the library's stable id (the documents' URIs)
//! and the public base URL of the website the bundles go to. Social cards (`og:image`),
//! the canonical link and search engines need absolute addresses; the office sets the base
//! once (settings, or `--base-url` for one export) and every bundle's absolute URLs are the
//! base, the bundle's folder name and the file.

use crate::error::{Error, Result};
use crate::library::Library;

const SETTING_BASE_URL: &str = "public_base_url";

/// Who publishes: the office's name (credit settings), the library's stable id, which makes
/// the documents' URIs (`urn:newsroom:<library>:article:<id>`), and the public base URL.
#[derive(Debug, Clone)]
pub struct Site {
    pub organisation: String,
    pub library_id: String,
    /// `https://host/path/`, always with a trailing slash; `None`: not set.
    pub base_url: Option<String>,
}

impl Site {
    pub fn article_uri(&self, id: i64) -> String {
        format!("urn:newsroom:{}:article:{id}", self.library_id)
    }
    pub fn photo_uri(&self, id: i64) -> String {
        format!("urn:newsroom:{}:photo:{id}", self.library_id)
    }

    /// The absolute URL of `path` inside the bundle `bundle` (`""`: the bundle's folder).
    pub fn absolute(&self, bundle: &str, path: &str) -> Option<String> {
        self.base_url
            .as_ref()
            .map(|b| format!("{b}{}/{path}", encode_segment(bundle)))
    }
}

/// A bundle name is `YYYY-MM-DD-slug` (ASCII letters, digits, hyphens), possibly with `-id`:
/// nothing to escape, but a name from elsewhere is escaped all the same.
fn encode_segment(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// Checks and normalises a public base URL: absolute http(s) with a host, no query, no
/// fragment, no user or password; a trailing slash is added.
pub fn normalize_base_url(s: &str) -> Result<String> {
    let t = s.trim();
    let bad = |why: &str| {
        Error::broke(
            crate::error_values::Rule::BaseUrl,
            None,
            format!(
                "the public base URL {t:?} {why}; it looks like https://www.example.org/presse/"
            ),
        )
    };
    let u = url::Url::parse(t).map_err(|_| bad("is not an absolute address"))?;
    if !matches!(u.scheme(), "http" | "https") {
        return Err(bad("must start with https:// or http://"));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(bad("has no host"));
    }
    if u.query().is_some() || u.fragment().is_some() {
        return Err(bad("may not have a query (?…) or fragment (#…)"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(bad("may not carry a user name or password"));
    }
    let mut out = u.to_string();
    if !out.ends_with('/') {
        out.push('/');
    }
    Ok(out)
}

impl Library {
    /// The office's public base URL (settings), if set.
    pub fn public_base_url(&self) -> Result<Option<String>> {
        Ok(self
            .setting(SETTING_BASE_URL)?
            .filter(|s| !s.trim().is_empty()))
    }

    /// Sets (or with an empty text clears) the public base URL; returns it normalised.
    pub fn set_public_base_url(&self, url: &str) -> Result<Option<String>> {
        if url.trim().is_empty() {
            self.set_setting(SETTING_BASE_URL, "")?;
            return Ok(None);
        }
        let u = normalize_base_url(url)?;
        self.set_setting(SETTING_BASE_URL, &u)?;
        Ok(Some(u))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_http_with_a_trailing_slash() {
        assert_eq!(
            normalize_base_url(" https://www.dortmund.de/presse ").unwrap(),
            "https://www.dortmund.de/presse/"
        );
        assert_eq!(
            normalize_base_url("https://Example.org").unwrap(),
            "https://example.org/"
        );
        for bad in [
            "www.dortmund.de",
            "/presse/",
            "ftp://example.org/",
            "https://example.org/?a=1",
            "https://example.org/#top",
            "https://user:pw@example.org/",
            "javascript:alert(1)",
        ] {
            assert!(normalize_base_url(bad).is_err(), "{bad}");
        }
        let site = Site {
            organisation: String::new(),
            library_id: "x".into(),
            base_url: Some("https://example.org/presse/".into()),
        };
        assert_eq!(
            site.absolute("2025-11-12-fest", "images/a.jpg").as_deref(),
            Some("https://example.org/presse/2025-11-12-fest/images/a.jpg")
        );
    }
}
