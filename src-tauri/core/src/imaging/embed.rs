//! Writing the rights block into renditions: an XMP packet, IPTC-IIM (in a Photoshop APP13),
//! and a minimal EXIF IFD0 for the fields that are plain ASCII.
//!
//! XMP carries the full text; IIM values are cut at the IIM maximum lengths (on a UTF-8
//! character boundary) and declared UTF-8 with 1:90 = ESC % G; EXIF only gets values that are
//! ASCII, as its ASCII type demands (no mojibake).

use super::RightsMeta;
use crate::escape::xml;

const XMP_ID: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
const PHOTOSHOP_ID: &[u8] = b"Photoshop 3.0\0";
/// Largest APPn payload: 65535 minus the two length bytes.
const MAX_APP_PAYLOAD: usize = 65533;

/// APPn segments for a JPEG rendition: `(n, payload)` where payload starts with the segment's
/// identifier (e.g. `b"http://ns.adobe.com/xap/1.0/\0"` for XMP in APP1, `b"Photoshop 3.0\0"`
/// for IIM in APP13). The encoder writes each as marker `0xFFE0 + n`, length, payload.
///
/// Order: EXIF APP1, XMP APP1, IIM APP13. Empty when every field is
/// `None`/blank. If the XMP packet would not fit in one segment, the longest fields are
/// shortened (on a character boundary) until it does; [`webp_chunks`] has no such limit.
pub fn jpeg_segments(m: &RightsMeta) -> Vec<(u8, Vec<u8>)> {
    let f = sanitized(m);
    if f == RightsMeta::default() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&exif_tiff(&f));
    if exif.len() <= MAX_APP_PAYLOAD {
        out.push((1, exif));
    }
    out.push((1, xmp_payload_fitting(f.clone())));
    let mut app13 = PHOTOSHOP_ID.to_vec();
    app13.extend_from_slice(&irb_iim(&iim(&f)));
    out.push((13, app13));
    out
}

/// RIFF chunks for a WebP rendition (in VP8X order): `(fourcc, payload)`, e.g. `*b"EXIF"`,
/// `*b"XMP "`. The EXIF chunk holds the TIFF structure without the `Exif\0\0` prefix.
pub fn webp_chunks(m: &RightsMeta) -> Vec<([u8; 4], Vec<u8>)> {
    let f = sanitized(m);
    if f == RightsMeta::default() {
        return Vec::new();
    }
    vec![
        (*b"EXIF", exif_tiff(&f)),
        (*b"XMP ", xmp_packet(&f).into_bytes()),
    ]
}

/// The fields, stripped of characters XML 1.0 forbids, trimmed, blanks dropped.
fn sanitized(m: &RightsMeta) -> RightsMeta {
    let c = |s: &Option<String>| s.as_deref().and_then(sanitize);
    RightsMeta {
        caption: c(&m.caption),
        credit: c(&m.credit),
        creator: c(&m.creator),
        copyright: c(&m.copyright),
        alt_text: c(&m.alt_text),
        headline: c(&m.headline),
        focus: m.focus,
    }
}

/// Characters XML 1.0 allows: tab, LF, CR, U+0020..U+D7FF, U+E000..U+FFFD, U+10000.. (Rust
/// strings hold no surrogates). Anything else is dropped; the result is trimmed.
fn sanitize(s: &str) -> Option<String> {
    let t: String = s
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect();
    let t = t.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The longest prefix of `s` that is at most `max` bytes and ends on a char boundary.
pub(crate) fn cut(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut i = max;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

fn xmp_packet(f: &RightsMeta) -> String {
    let alt = |name: &str, v: &Option<String>| {
        v.as_ref().map(|v| {
            format!(
                "   <{name}>\n    <rdf:Alt>\n     <rdf:li xml:lang=\"x-default\">{}</rdf:li>\n    </rdf:Alt>\n   </{name}>\n",
                xml(v)
            )
        })
    };
    let simple = |name: &str, v: &Option<String>| {
        v.as_ref()
            .map(|v| format!("   <{name}>{}</{name}>\n", xml(v)))
    };
    let mut body = String::new();
    for part in [
        alt("dc:description", &f.caption),
        f.creator.as_ref().map(|c| {
            format!(
                "   <dc:creator>\n    <rdf:Seq>\n     <rdf:li>{}</rdf:li>\n    </rdf:Seq>\n   </dc:creator>\n",
                xml(c)
            )
        }),
        alt("dc:rights", &f.copyright),
        simple("photoshop:Credit", &f.credit),
        simple("photoshop:Headline", &f.headline),
        alt("Iptc4xmpCore:AltTextAccessibility", &f.alt_text),
        f.focus.map(region),
    ]
    .into_iter()
    .flatten()
    {
        body.push_str(&part);
    }
    format!(
        "<?xpacket begin=\"\u{FEFF}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n\
         <x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n \
         <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n  \
         <rdf:Description rdf:about=\"\"\n    \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n    \
         xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"\n    \
         xmlns:Iptc4xmpCore=\"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/\"\n    \
         xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\"\n    \
         xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n\
         {body}  \
         </rdf:Description>\n \
         </rdf:RDF>\n\
         </x:xmpmeta>\n\
         <?xpacket end=\"w\"?>"
    )
}

/// The focal point as an IPTC Image Region: a polygon of one vertex (the standard's point) in
/// relative units, role *main subject area* (by its IRI in the IPTC vocabulary and by name).
fn region(p: crate::imaging::crop::FocalPoint) -> String {
    format!(
        "   <Iptc4xmpExt:ImageRegion>\n    <rdf:Bag>\n     <rdf:li rdf:parseType=\"Resource\">\n\
         <Iptc4xmpExt:RegionBoundary rdf:parseType=\"Resource\">\n\
         <Iptc4xmpExt:rbShape>polygon</Iptc4xmpExt:rbShape>\n\
         <Iptc4xmpExt:rbUnit>relative</Iptc4xmpExt:rbUnit>\n\
         <Iptc4xmpExt:rbVertices>\n        <rdf:Seq>\n         <rdf:li rdf:parseType=\"Resource\">\n\
         <Iptc4xmpExt:rbX>{}</Iptc4xmpExt:rbX>\n\
         <Iptc4xmpExt:rbY>{}</Iptc4xmpExt:rbY>\n\
         </rdf:li>\n        </rdf:Seq>\n       </Iptc4xmpExt:rbVertices>\n\
         </Iptc4xmpExt:RegionBoundary>\n\
         <Iptc4xmpExt:rRole>\n      <rdf:Bag>\n       <rdf:li rdf:parseType=\"Resource\">\n\
         <xmp:Identifier>\n         <rdf:Bag>\n\
         <rdf:li>{}mainSubjectArea</rdf:li>\n         </rdf:Bag>\n        </xmp:Identifier>\n\
         <Iptc4xmpExt:Name>\n         <rdf:Alt>\n\
         <rdf:li xml:lang=\"x-default\">main subject area</rdf:li>\n         </rdf:Alt>\n\
         </Iptc4xmpExt:Name>\n       </rdf:li>\n      </rdf:Bag>\n     </Iptc4xmpExt:rRole>\n\
         </rdf:li>\n    </rdf:Bag>\n   </Iptc4xmpExt:ImageRegion>\n",
        p.x,
        p.y,
        crate::imaging::meta::region::ROLE_CV
    )
}

/// The XMP APP1 payload, with the longest fields shortened until it fits in one segment.
fn xmp_payload_fitting(mut f: RightsMeta) -> Vec<u8> {
    loop {
        let mut p = XMP_ID.to_vec();
        p.extend_from_slice(xmp_packet(&f).as_bytes());
        if p.len() <= MAX_APP_PAYLOAD {
            return p;
        }
        let over = p.len() - MAX_APP_PAYLOAD;
        let fields = [
            &mut f.caption,
            &mut f.alt_text,
            &mut f.headline,
            &mut f.copyright,
            &mut f.creator,
            &mut f.credit,
        ];
        let Some(longest) = fields
            .into_iter()
            .max_by_key(|v| v.as_ref().map_or(0, String::len))
        else {
            return p;
        };
        let Some(v) = longest.as_mut() else { return p };
        // Escaping can triple a byte; cutting by `over` raw bytes may not be enough, so loop.
        let keep = v.len().saturating_sub(over.max(16));
        *v = cut(v, keep).trim_end().to_string();
        if v.is_empty() {
            *longest = None;
        }
    }
}

/// IIM datasets in ascending order: 1:90 UTF-8 marker, 2:00 record version, then the fields.
///
/// IIM 4.2 caps Credit and By-line at 32 bytes, but the office's credit line ("Bild: Stadt
/// Dortmund / Jörg Müller" is 35 bytes) must survive whole: a cut credit is a wrong credit.
/// Readers (exiftool, Photoshop, Photo Mechanic, libiptcdata) take longer values, so each
/// field is written in full up to 2000 bytes (caption: 8000), cut on a character boundary.
fn iim(f: &RightsMeta) -> Vec<u8> {
    let mut o = Vec::new();
    let mut ds = |rec: u8, n: u8, v: &[u8]| {
        o.extend_from_slice(&[0x1C, rec, n]);
        o.extend_from_slice(&(v.len() as u16).to_be_bytes());
        o.extend_from_slice(v);
    };
    ds(1, 90, b"\x1b%G");
    ds(2, 0, &[0, 4]);
    let fields: [(u8, &Option<String>, usize); 5] = [
        (80, &f.creator, 2000),
        (105, &f.headline, 2000),
        (110, &f.credit, 2000),
        (116, &f.copyright, 2000),
        (120, &f.caption, 8000),
    ];
    for (n, v, max) in fields {
        if let Some(v) = v {
            ds(2, n, cut(v, max).as_bytes());
        }
    }
    o
}

/// One Photoshop image resource 0x0404 (IPTC-NAA) with an empty name.
fn irb_iim(iim: &[u8]) -> Vec<u8> {
    let mut o = b"8BIM\x04\x04\0\0".to_vec();
    o.extend_from_slice(&(iim.len() as u32).to_be_bytes());
    o.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        o.push(0);
    }
    o
}

/// Big-endian TIFF with IFD0: ImageDescription, Orientation = 1, Artist, Copyright — the text
/// tags only when their value is ASCII (and short enough for a JPEG segment).
fn exif_tiff(f: &RightsMeta) -> Vec<u8> {
    let ascii = |v: &Option<String>, max: usize| {
        v.as_ref()
            .filter(|s| s.is_ascii() && s.len() <= max)
            .map(|s| {
                let mut b = s.as_bytes().to_vec();
                b.push(0);
                b
            })
    };
    let text = [
        (0x010Eu16, ascii(&f.caption, 16_000)),
        (0x013B, ascii(&f.creator, 1000)),
        (0x8298, ascii(&f.copyright, 1000)),
    ];
    // (tag, type, count, value bytes), sorted by tag as TIFF requires.
    let mut entries: Vec<(u16, u16, u32, Vec<u8>)> = Vec::new();
    for (tag, v) in text {
        if let Some(v) = v {
            entries.push((tag, 2, v.len() as u32, v));
        }
    }
    entries.push((0x0112, 3, 1, vec![0, 1]));
    entries.sort_by_key(|e| e.0);

    let ifd_len = 2 + 12 * entries.len() + 4;
    let mut out = b"MM\0*\0\0\0\x08".to_vec();
    let mut data: Vec<u8> = Vec::new();
    let data_start = 8 + ifd_len;
    out.extend_from_slice(&(entries.len() as u16).to_be_bytes());
    for (tag, typ, count, v) in entries {
        out.extend_from_slice(&tag.to_be_bytes());
        out.extend_from_slice(&typ.to_be_bytes());
        out.extend_from_slice(&count.to_be_bytes());
        if v.len() <= 4 {
            let mut inline = v.clone();
            inline.resize(4, 0);
            out.extend_from_slice(&inline);
        } else {
            out.extend_from_slice(&((data_start + data.len()) as u32).to_be_bytes());
            data.extend_from_slice(&v);
            if data.len() % 2 == 1 {
                data.push(0); // word-align the next value
            }
        }
    }
    out.extend_from_slice(&0u32.to_be_bytes()); // no IFD1
    out.extend_from_slice(&data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_on_char_boundary() {
        assert_eq!(cut("ääää", 3), "ä");
        assert_eq!(cut("abc", 10), "abc");
    }

    #[test]
    fn sanitize_strips_forbidden_controls() {
        assert_eq!(sanitize("a\u{1}b\u{FFFE}\tc ").as_deref(), Some("ab\tc"));
        assert_eq!(sanitize(" \u{0} "), None);
    }

    #[test]
    fn huge_caption_still_fits_one_segment() {
        let m = RightsMeta {
            caption: Some("<&>".repeat(100_000)),
            ..RightsMeta::default()
        };
        for (_, p) in jpeg_segments(&m) {
            assert!(p.len() <= MAX_APP_PAYLOAD);
        }
    }
}
