#![no_main]
//! Arbitrary rights text → `embed::jpeg_segments` → a JPEG → `meta::read`: the credit survives
//! in XMP exactly (minus the characters XML 1.0 cannot carry, trimmed).

use libfuzzer_sys::fuzz_target;
use newsroom_core::imaging::{embed, meta, RightsMeta};

type Input = (Option<String>, Option<String>, Option<String>, Option<String>, Option<String>, Option<String>);

/// What XML can carry of `s`, as `embed` promises: forbidden characters dropped, trimmed.
fn xml_safe(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'))
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fuzz_target!(|input: Input| {
    let (caption, credit, creator, copyright, alt_text, headline) = input;
    let r = RightsMeta { caption, credit, creator, copyright, alt_text, headline };
    let segments = embed::jpeg_segments(&r);
    // A minimal JPEG: SOI, the segments, EOI (the reader stops at SOS/EOI anyway).
    let mut jpeg = vec![0xFF, 0xD8];
    for (n, payload) in &segments {
        assert!(payload.len() <= 65533, "segment too large");
        jpeg.extend_from_slice(&[0xFF, 0xE0 + n]);
        jpeg.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        jpeg.extend_from_slice(payload);
    }
    jpeg.extend_from_slice(&[0xFF, 0xD9]);
    let xmp_only: Vec<u8> = {
        let mut j = vec![0xFF, 0xD8];
        for (n, payload) in segments.iter().filter(|(_, p)| p.starts_with(b"http://ns.adobe.com/xap/1.0/\0")) {
            j.extend_from_slice(&[0xFF, 0xE0 + n]);
            j.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
            j.extend_from_slice(payload);
        }
        j
    };
    let want = r.credit.as_deref().and_then(xml_safe);
    assert_eq!(meta::read(&xmp_only).credit, want, "credit lost in XMP");
    assert_eq!(meta::read(&jpeg).credit, want, "credit lost");
    let got = meta::read(&jpeg);
    assert_eq!(got.caption, r.caption.as_deref().and_then(xml_safe));
    assert_eq!(got.headline, r.headline.as_deref().and_then(xml_safe));
});
