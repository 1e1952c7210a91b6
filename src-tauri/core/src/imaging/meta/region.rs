//! The focal point a file brings along: an IPTC Image Region (`Iptc4xmpExt:ImageRegion`, IPTC
//! Photo Metadata 2019.1 and later) whose role says it is what matters in the picture.
//!
//! A region is a rectangle, a circle or a polygon (`rbShape`; a polygon of one vertex marks a
//! point) in relative or pixel units (`rbUnit`), with roles from the IPTC Image Region Role
//! vocabulary. The regions we honour, in this order: *main subject area*, *area of interest*,
//! *subject area*. A rectangle, circle or polygon gives its centre. Regions are read against the image as it is shown (after EXIF
//! orientation), which is how tools that draw them show the image.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::xmp::NS_RDF;

pub(crate) const NS_IPTC_EXT: &str = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
pub(crate) const NS_XMP: &str = "http://ns.adobe.com/xap/1.0/";
/// The IPTC Image Region Role vocabulary.
pub(crate) const ROLE_CV: &str = "http://cv.iptc.org/newscodes/imageregionrole/";

/// The roles that mark what must stay in a crop, most telling first.
const ROLES: [&str; 3] = ["mainSubjectArea", "areaOfInterest", "subjectArea"];

/// Most regions we look at in one packet.
const MAX_REGIONS: usize = 256;

/// A region as written: its boundary and role identifiers.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Region {
    pub shape: String,
    pub unit: String,
    pub x: Option<f64>,
    pub y: Option<f64>,
    pub w: Option<f64>,
    pub h: Option<f64>,
    /// A polygon's vertices.
    pub vertices: Vec<(Option<f64>, Option<f64>)>,
    /// Role identifiers (URIs) and names.
    pub roles: Vec<String>,
}

impl Region {
    /// Which of [`ROLES`] it has (its index), if any.
    fn rank(&self) -> Option<usize> {
        ROLES.iter().position(|r| {
            self.roles.iter().any(|id| {
                let id = id.trim();
                id.strip_prefix(ROLE_CV).is_some_and(|rest| rest == *r)
                    || id.eq_ignore_ascii_case(&spaced(r))
            })
        })
    }

    /// The point it marks, as fractions of a `width` × `height` upright image.
    fn point(&self, width: u32, height: u32) -> Option<(f64, f64)> {
        let (mut x, mut y) = if self.shape.eq_ignore_ascii_case("polygon") {
            let pts: Vec<(f64, f64)> = self
                .vertices
                .iter()
                .filter_map(|&(x, y)| Some((x?, y?)))
                .collect();
            if pts.is_empty() {
                return None;
            }
            let n = pts.len() as f64;
            (
                pts.iter().map(|p| p.0).sum::<f64>() / n,
                pts.iter().map(|p| p.1).sum::<f64>() / n,
            )
        } else {
            (self.x?, self.y?)
        };
        if self.shape.eq_ignore_ascii_case("rectangle") {
            x += self.w.unwrap_or(0.0) / 2.0;
            y += self.h.unwrap_or(0.0) / 2.0;
        }
        if self.unit.eq_ignore_ascii_case("pixel") {
            if width == 0 || height == 0 {
                return None;
            }
            x /= width as f64;
            y /= height as f64;
        } else if !self.unit.eq_ignore_ascii_case("relative") {
            return None;
        }
        (x.is_finite() && y.is_finite()).then(|| (x.clamp(0.0, 1.0), y.clamp(0.0, 1.0)))
    }
}

/// "mainSubjectArea" → "main subject area", the role's name in the vocabulary.
fn spaced(id: &str) -> String {
    let mut out = String::new();
    for c in id.chars() {
        if c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// The focal point the packet's regions mark on a `width` × `height` upright image, as
/// fractions; `None` when no region has a role we honour.
pub fn focal_point(packet: &[u8], width: u32, height: u32) -> Option<(f64, f64)> {
    let regions = regions(packet)?;
    regions
        .iter()
        .filter_map(|r| Some((r.rank()?, r.point(width, height)?)))
        .min_by_key(|(rank, _)| *rank)
        .map(|(_, p)| p)
}

/// Every region of the packet's `Iptc4xmpExt:ImageRegion`; `None` if the packet does not parse.
pub fn regions(packet: &[u8]) -> Option<Vec<Region>> {
    let text = String::from_utf8_lossy(packet);
    let text = text.trim_matches(|c: char| c == '\u{FEFF}' || c == '\0' || c.is_whitespace());
    let mut reader = NsReader::from_str(text);
    // (namespace, local name) of every open element.
    let mut stack: Vec<(String, String)> = Vec::new();
    // Depth of the ImageRegion property element, when inside it.
    let mut region_prop: Option<usize> = None;
    let mut out: Vec<Region> = Vec::new();
    let mut current: Option<Region> = None;
    let mut text_buf = String::new();
    loop {
        let (ns, ev) = reader.read_resolved_event().ok()?;
        let ns = match ns {
            ResolveResult::Bound(n) => n.into_inner().to_string(),
            _ => String::new(),
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                if stack.len() > 64 {
                    return None;
                }
                let local = e.local_name().into_inner().to_string();
                let depth = stack.len();
                if region_prop.is_none() && ns == NS_IPTC_EXT && local == "ImageRegion" {
                    region_prop = Some(depth);
                } else if let Some(d) = region_prop {
                    // ImageRegion > rdf:Bag > rdf:li: one region.
                    if depth == d + 2 && ns == NS_RDF && local == "li" {
                        current = Some(Region::default());
                    }
                    if let Some(r) = current.as_mut() {
                        let ctx = Ctx::of(&stack);
                        if ctx.vertex && ns == NS_RDF && local == "li" {
                            r.vertices.push((None, None));
                        }
                        read_attributes(&reader, e, r, ctx);
                    }
                }
                text_buf.clear();
                if matches!(ev, Event::Empty(_)) {
                    close(&mut region_prop, depth, &mut current, &mut out);
                } else {
                    stack.push((ns, local));
                }
            }
            Event::Text(t) => text_buf.push_str(&t.xml10_content()),
            Event::End(_) => {
                let (ens, elocal) = stack.pop()?;
                if let Some(r) = current.as_mut() {
                    let t = text_buf.trim();
                    if !t.is_empty() {
                        set_field(r, &ens, &elocal, t, Ctx::of(&stack));
                    }
                }
                text_buf.clear();
                close(&mut region_prop, stack.len(), &mut current, &mut out);
            }
            Event::Eof => break,
            _ => {}
        }
        if out.len() >= MAX_REGIONS {
            break;
        }
    }
    Some(out)
}

/// An element at `depth` closed: a region ends with its rdf:li, the property with itself.
fn close(
    region_prop: &mut Option<usize>,
    depth: usize,
    current: &mut Option<Region>,
    out: &mut Vec<Region>,
) {
    let Some(d) = *region_prop else { return };
    if depth == d + 2 {
        if let Some(r) = current.take() {
            out.push(r);
        }
    } else if depth == d {
        *region_prop = None;
    }
}

/// Where a field sits inside a region.
#[derive(Debug, Clone, Copy)]
struct Ctx {
    /// Inside `rRole`.
    role: bool,
    /// Inside `rbVertices`.
    vertex: bool,
}

impl Ctx {
    fn of(stack: &[(String, String)]) -> Ctx {
        let inside = |name: &str| stack.iter().any(|(n, l)| n == NS_IPTC_EXT && l == name);
        Ctx {
            role: inside("rRole"),
            vertex: inside("rbVertices"),
        }
    }
}

fn set_field(r: &mut Region, ns: &str, local: &str, value: &str, ctx: Ctx) {
    let num = || value.trim().parse::<f64>().ok();
    let in_role = ctx.role;
    if ctx.vertex && ns == NS_IPTC_EXT && (local == "rbX" || local == "rbY") {
        if r.vertices.is_empty() {
            r.vertices.push((None, None));
        }
        let v = r.vertices.last_mut().expect("one vertex");
        if local == "rbX" {
            v.0 = num();
        } else {
            v.1 = num();
        }
        return;
    }
    match (ns, local) {
        (NS_IPTC_EXT, "rbShape") => r.shape = value.to_string(),
        (NS_IPTC_EXT, "rbUnit") => r.unit = value.to_string(),
        (NS_IPTC_EXT, "rbX") => r.x = num(),
        (NS_IPTC_EXT, "rbY") => r.y = num(),
        (NS_IPTC_EXT, "rbW") => r.w = num(),
        (NS_IPTC_EXT, "rbH") => r.h = num(),
        (NS_XMP, "Identifier") | (NS_IPTC_EXT, "Name") if in_role => {
            r.roles.push(value.to_string())
        }
        (NS_RDF, "li") if in_role => r.roles.push(value.to_string()),
        _ => {}
    }
}

/// Fields written as attributes (`Iptc4xmpExt:rbX="0.5"`, `rdf:resource` of a role).
fn read_attributes(reader: &NsReader<&[u8]>, e: &BytesStart, r: &mut Region, ctx: Ctx) {
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.as_namespace_binding().is_some() {
            continue;
        }
        let Some(ns) = super::xmp::attr_ns(reader, a.key) else {
            continue;
        };
        let Ok(v) = a.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
            continue;
        };
        let local = a.key.local_name().into_inner().to_string();
        let is_role_ref = ns == NS_RDF && local == "resource";
        let ctx = Ctx {
            role: ctx.role || is_role_ref || ns == NS_XMP,
            ..ctx
        };
        set_field(r, &ns, &local, &v, ctx);
        if is_role_ref {
            r.roles.push(v.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PACKET: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <Iptc4xmpExt:ImageRegion>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <Iptc4xmpExt:RegionBoundary rdf:parseType="Resource">
       <Iptc4xmpExt:rbShape>rectangle</Iptc4xmpExt:rbShape>
       <Iptc4xmpExt:rbUnit>pixel</Iptc4xmpExt:rbUnit>
       <Iptc4xmpExt:rbX>100</Iptc4xmpExt:rbX><Iptc4xmpExt:rbY>50</Iptc4xmpExt:rbY>
       <Iptc4xmpExt:rbW>200</Iptc4xmpExt:rbW><Iptc4xmpExt:rbH>100</Iptc4xmpExt:rbH>
      </Iptc4xmpExt:RegionBoundary>
      <Iptc4xmpExt:rRole><rdf:Bag><rdf:li rdf:parseType="Resource">
       <xmp:Identifier><rdf:Bag><rdf:li>http://cv.iptc.org/newscodes/imageregionrole/cropping</rdf:li></rdf:Bag></xmp:Identifier>
      </rdf:li></rdf:Bag></Iptc4xmpExt:rRole>
     </rdf:li>
     <rdf:li>
      <rdf:Description>
       <Iptc4xmpExt:RegionBoundary Iptc4xmpExt:rbShape="point" Iptc4xmpExt:rbUnit="relative"
          Iptc4xmpExt:rbX="0.8" Iptc4xmpExt:rbY="0.25"/>
       <Iptc4xmpExt:rRole><rdf:Bag><rdf:li><rdf:Description>
        <xmp:Identifier><rdf:Bag><rdf:li>http://cv.iptc.org/newscodes/imageregionrole/mainSubjectArea</rdf:li></rdf:Bag></xmp:Identifier>
       </rdf:Description></rdf:li></rdf:Bag></Iptc4xmpExt:rRole>
      </rdf:Description>
     </rdf:li>
    </rdf:Bag>
   </Iptc4xmpExt:ImageRegion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>"#;

    #[test]
    fn the_main_subject_area_is_the_focal_point_in_either_rdf_form() {
        let regions = regions(PACKET.as_bytes()).unwrap();
        assert_eq!(regions.len(), 2, "{regions:?}");
        assert_eq!(regions[0].w, Some(200.0));
        assert_eq!(focal_point(PACKET.as_bytes(), 1000, 500), Some((0.8, 0.25)));
    }

    #[test]
    fn a_rectangle_in_pixels_gives_its_centre() {
        let p = PACKET
            .replace("imageregionrole/cropping", "imageregionrole/areaOfInterest")
            .replace(
                "imageregionrole/mainSubjectArea",
                "imageregionrole/cropping",
            );
        assert_eq!(focal_point(p.as_bytes(), 1000, 500), Some((0.2, 0.2)));
    }

    #[test]
    fn a_polygon_of_one_vertex_is_a_point() {
        let p = PACKET.replace(
            r#"<Iptc4xmpExt:RegionBoundary Iptc4xmpExt:rbShape="point" Iptc4xmpExt:rbUnit="relative"
          Iptc4xmpExt:rbX="0.8" Iptc4xmpExt:rbY="0.25"/>"#,
            r#"<Iptc4xmpExt:RegionBoundary rdf:parseType="Resource">
          <Iptc4xmpExt:rbShape>polygon</Iptc4xmpExt:rbShape><Iptc4xmpExt:rbUnit>relative</Iptc4xmpExt:rbUnit>
          <Iptc4xmpExt:rbVertices><rdf:Seq><rdf:li rdf:parseType="Resource">
           <Iptc4xmpExt:rbX>0.6</Iptc4xmpExt:rbX><Iptc4xmpExt:rbY>0.4</Iptc4xmpExt:rbY>
          </rdf:li></rdf:Seq></Iptc4xmpExt:rbVertices></Iptc4xmpExt:RegionBoundary>"#,
        );
        assert_ne!(p, PACKET);
        assert_eq!(focal_point(p.as_bytes(), 1000, 500), Some((0.6, 0.4)));
    }

    #[test]
    fn regions_of_other_roles_or_broken_packets_give_nothing() {
        let p = PACKET.replace("mainSubjectArea", "visualArtwork");
        assert_eq!(focal_point(p.as_bytes(), 1000, 500), None);
        assert_eq!(focal_point(b"<x:xmpmeta><a></b>", 10, 10), None);
        assert_eq!(focal_point(b"", 10, 10), None);
    }
}
