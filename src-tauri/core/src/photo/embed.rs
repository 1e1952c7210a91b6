//! Writing the rights block into renditions: XMP packet, IPTC-IIM (in a Photoshop APP13), and
//! a minimal EXIF. STUB: being written.

use super::RightsMeta;

/// APPn segments for a JPEG rendition: `(n, payload)` where payload starts with the segment's
/// identifier (e.g. `b"http://ns.adobe.com/xap/1.0/\0"` for XMP in APP1, `b"Photoshop 3.0\0"`
/// for IIM in APP13). The encoder writes each as marker `0xFFE0 + n`, length, payload.
pub fn jpeg_segments(_m: &RightsMeta) -> Vec<(u8, Vec<u8>)> {
    Vec::new()
}

/// RIFF chunks for a WebP rendition (in VP8X order): `(fourcc, payload)`, e.g. `*b"EXIF"`,
/// `*b"XMP "`.
pub fn webp_chunks(_m: &RightsMeta) -> Vec<([u8; 4], Vec<u8>)> {
    Vec::new()
}
