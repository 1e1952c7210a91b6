//! Escaping text for markup: the HTML the renderer builds around figures, and the XMP packet
//! renditions carry. One escaper; the two differ only in the one character each also escapes.

/// `&`, `<`, `>` and `"` as named references, `also` as a numeric one.
fn escape_with(s: &str, also: char) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if c == also => o.push_str(&format!("&#{};", c as u32)),
            c => o.push(c),
        }
    }
    o
}

/// For HTML content and attribute values (single-quoted ones too: `'` is `&#39;`).
pub fn html(s: &str) -> String {
    escape_with(s, '\'')
}

/// For XML content and attribute values; a literal CR, which the reader would normalise
/// away, is `&#13;`.
pub(crate) fn xml(s: &str) -> String {
    escape_with(s, '\r')
}

#[cfg(test)]
mod tests {
    #[test]
    fn html_and_xml_differ_only_in_the_quote_and_the_carriage_return() {
        let s = "a & b < c > d \"e\" 'f'\r\ng";
        assert_eq!(
            super::html(s),
            "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;\r\ng"
        );
        assert_eq!(
            super::xml(s),
            "a &amp; b &lt; c &gt; d &quot;e&quot; 'f'&#13;\ng"
        );
    }
}
