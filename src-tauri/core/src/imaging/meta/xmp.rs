//! XMP packets: RDF/XML read with quick-xml, properties matched by namespace URI.
//!
//! Only the top-level properties of each `rdf:Description` (as child elements or as attributes)
//! are read; values inside structures (e.g. `Iptc4xmpExt:ArtworkOrObject`) are not ours.

use std::collections::HashMap;

use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;

use super::text::clean;

pub(crate) const NS_RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub(crate) const NS_DC: &str = "http://purl.org/dc/elements/1.1/";
pub(crate) const NS_PHOTOSHOP: &str = "http://ns.adobe.com/photoshop/1.0/";
pub(crate) const NS_IPTC_CORE: &str = "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/";
pub(crate) const NS_EXIF: &str = "http://ns.adobe.com/exif/1.0/";
pub(crate) const NS_TIFF: &str = "http://ns.adobe.com/tiff/1.0/";
const NS_XML: &str = "http://www.w3.org/XML/1998/namespace";

/// Deepest element nesting we follow before giving the packet up.
const MAX_DEPTH: usize = 256;
/// Most properties we keep from one packet.
const MAX_PROPS: usize = 4096;

/// One property's value: simple text, or the items of an rdf:Alt/Seq/Bag.
#[derive(Debug, Default, Clone)]
pub(crate) struct Value {
    pub text: String,
    /// `(xml:lang, text)` per rdf:li, in document order.
    pub items: Vec<(Option<String>, String)>,
    pub is_array: bool,
}

impl Value {
    /// The single value: simple text, or for an array the `x-default` item, else the first.
    pub fn single(&self) -> Option<String> {
        if !self.is_array {
            return clean(&self.text);
        }
        self.items
            .iter()
            .find(|(lang, _)| {
                lang.as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case("x-default"))
            })
            .or_else(|| self.items.first())
            .and_then(|(_, t)| clean(t))
    }

    /// All items (or the simple text as one item), cleaned, empty ones dropped.
    pub fn list(&self) -> Vec<String> {
        if self.is_array {
            self.items.iter().filter_map(|(_, t)| clean(t)).collect()
        } else {
            clean(&self.text).into_iter().collect()
        }
    }
}

/// The top-level properties of a packet, by `(namespace URI, local name)`. First one wins.
#[derive(Debug, Default)]
pub(crate) struct Xmp {
    props: HashMap<(String, String), Value>,
}

impl Xmp {
    pub fn get(&self, ns: &str, local: &str) -> Option<&Value> {
        self.props.get(&(ns.to_string(), local.to_string()))
    }

    pub fn single(&self, ns: &str, local: &str) -> Option<String> {
        self.get(ns, local).and_then(Value::single)
    }

    pub fn list(&self, ns: &str, local: &str) -> Vec<String> {
        self.get(ns, local).map(Value::list).unwrap_or_default()
    }

    fn insert(&mut self, key: (String, String), v: Value) {
        if self.props.len() < MAX_PROPS {
            self.props.entry(key).or_insert(v);
        }
    }
}

#[derive(Debug)]
enum Role {
    /// Anything we do not read from (x:xmpmeta, structures, nested values).
    Other,
    Rdf,
    /// An rdf:Description directly inside rdf:RDF.
    Description,
    /// A top-level property element.
    Property,
    /// rdf:Alt / rdf:Seq / rdf:Bag inside a property.
    Array,
    /// rdf:li inside an array.
    Item,
}

/// Parses an XMP packet; `None` if it is not well-formed enough to trust.
pub(crate) fn parse(bytes: &[u8]) -> Option<Xmp> {
    let text = String::from_utf8_lossy(bytes);
    // Some writers leave a UTF-8 BOM or NULs around the packet.
    let text = text.trim_matches(|c: char| c == '\u{FEFF}' || c == '\0' || c.is_whitespace());
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Role> = Vec::new();
    let mut xmp = Xmp::default();
    // The property being read: key, value, and the rdf:li text being collected.
    let mut current: Option<((String, String), Value)> = None;
    let mut item: Option<(Option<String>, String)> = None;

    loop {
        let (ns, ev) = reader.read_resolved_event().ok()?;
        let ns = match ns {
            ResolveResult::Bound(n) => Some(n.into_inner().to_string()),
            _ => None,
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                if stack.len() >= MAX_DEPTH {
                    return None;
                }
                let local = e.local_name().into_inner().to_string();
                let is_rdf = ns.as_deref() == Some(NS_RDF);
                let parent = stack.last();
                let role = match parent {
                    _ if is_rdf && local == "RDF" => Role::Rdf,
                    Some(Role::Rdf) if is_rdf && local == "Description" => {
                        read_attributes(&reader, e, &mut xmp);
                        Role::Description
                    }
                    Some(Role::Description) => match ns.clone() {
                        Some(n) if !is_rdf => {
                            let mut v = Value::default();
                            // `prop="..."`-less property with rdf:resource or a struct in
                            // attribute form: not a text value.
                            let structured = has_non_meta_attrs(&reader, e);
                            if !structured && empty {
                                v.text.clear();
                            }
                            if !structured {
                                current = Some(((n, local.clone()), v));
                            }
                            Role::Property
                        }
                        _ => Role::Other,
                    },
                    Some(Role::Property)
                        if is_rdf && matches!(local.as_str(), "Alt" | "Seq" | "Bag") =>
                    {
                        if let Some((_, v)) = current.as_mut() {
                            v.is_array = true;
                        }
                        Role::Array
                    }
                    Some(Role::Array) if is_rdf && local == "li" => {
                        item = Some((lang_of(&reader, e), String::new()));
                        Role::Item
                    }
                    // rdf:Description / parseType="Resource" inside a property: a structure.
                    Some(Role::Property) => {
                        current = None;
                        Role::Other
                    }
                    Some(Role::Item) => {
                        item = None;
                        Role::Other
                    }
                    _ => Role::Other,
                };
                if empty {
                    close(role, &mut xmp, &mut current, &mut item);
                } else {
                    stack.push(role);
                }
            }
            Event::End(_) => {
                let role = stack.pop()?;
                close(role, &mut xmp, &mut current, &mut item);
            }
            Event::Text(t) => push_text(&stack, &mut current, &mut item, &t.xml10_content()),
            Event::CData(t) => push_text(&stack, &mut current, &mut item, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => resolve_predefined_entity(&r.xml10_content())
                        .unwrap_or("")
                        .to_string(),
                    Err(_) => return None,
                };
                push_text(&stack, &mut current, &mut item, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Some(xmp)
}

fn push_text(
    stack: &[Role],
    current: &mut Option<((String, String), Value)>,
    item: &mut Option<(Option<String>, String)>,
    s: &str,
) {
    match stack.last() {
        Some(Role::Property) => {
            if let Some((_, v)) = current.as_mut() {
                v.text.push_str(s);
            }
        }
        Some(Role::Item) => {
            if let Some((_, t)) = item.as_mut() {
                t.push_str(s);
            }
        }
        _ => {}
    }
}

fn close(
    role: Role,
    xmp: &mut Xmp,
    current: &mut Option<((String, String), Value)>,
    item: &mut Option<(Option<String>, String)>,
) {
    match role {
        Role::Property => {
            if let Some((k, v)) = current.take() {
                xmp.insert(k, v);
            }
        }
        Role::Item => {
            if let (Some(it), Some((_, v))) = (item.take(), current.as_mut()) {
                if v.items.len() < 10_000 {
                    v.items.push(it);
                }
            }
        }
        _ => {}
    }
}

/// The namespace URI an attribute's prefix is bound to.
pub(crate) fn attr_ns(reader: &NsReader<&[u8]>, key: quick_xml::name::QName) -> Option<String> {
    match reader.resolver().resolve_attribute(key) {
        (ResolveResult::Bound(n), _) => Some(n.into_inner().to_string()),
        _ => None,
    }
}

/// Property attributes on a top-level rdf:Description (`photoshop:Credit="…"`).
fn read_attributes(reader: &NsReader<&[u8]>, e: &BytesStart, xmp: &mut Xmp) {
    for a in e.attributes().with_checks(false).flatten() {
        let key = a.key;
        if key.as_namespace_binding().is_some() {
            continue;
        }
        let Some(ns) = attr_ns(reader, key) else {
            continue;
        };
        if ns == NS_RDF || ns == NS_XML {
            continue;
        }
        let Ok(v) = a.normalized_value(quick_xml::XmlVersion::Implicit1_0) else {
            continue;
        };
        let local = key.local_name().into_inner().to_string();
        xmp.insert(
            (ns, local),
            Value {
                text: v.into_owned(),
                ..Value::default()
            },
        );
    }
}

/// Whether a property element carries attributes other than xml:lang / rdf:* / xmlns — that
/// is, a structure written in attribute form.
fn has_non_meta_attrs(reader: &NsReader<&[u8]>, e: &BytesStart) -> bool {
    e.attributes().with_checks(false).flatten().any(|a| {
        if a.key.as_namespace_binding().is_some() {
            return false;
        }
        let ns = attr_ns(reader, a.key);
        if ns.as_deref() == Some(NS_RDF) {
            let local = a.key.local_name().into_inner();
            // rdf:resource → a URI, not text; parseType="Resource" → a structure.
            return local == "resource" || (local == "parseType" && a.value == "Resource");
        }
        !(ns.as_deref() == Some(NS_XML) || a.key.into_inner() == "xml:lang")
    })
}

fn lang_of(reader: &NsReader<&[u8]>, e: &BytesStart) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let is_lang = a.key.into_inner() == "xml:lang"
            || (attr_ns(reader, a.key).as_deref() == Some(NS_XML)
                && a.key.local_name().into_inner() == "lang");
        is_lang.then(|| a.value.into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_and_attributes_by_namespace() {
        let x = br#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<r:Description r:about="" xmlns:ps="http://ns.adobe.com/photoshop/1.0/" ps:Credit="A &amp; B &lt;x&gt;"
  xmlns:d="http://purl.org/dc/elements/1.1/">
 <d:creator><r:Seq><r:li>One</r:li><r:li>Two &#252;</r:li></r:Seq></d:creator>
 <d:rights><r:Alt><r:li xml:lang="en">EN</r:li><r:li xml:lang="x-default">DEF</r:li></r:Alt></d:rights>
 <d:description><r:Alt><r:li xml:lang="de">Nur</r:li></r:Alt></d:description>
 <ps:Headline>Head<![CDATA[ <line> ]]></ps:Headline>
 <d:title r:parseType="Resource"><d:creator>not me</d:creator></d:title>
</r:Description></r:RDF></x:xmpmeta><?xpacket end="w"?>"#;
        let x = parse(x).unwrap();
        assert_eq!(
            x.single(NS_PHOTOSHOP, "Credit").as_deref(),
            Some("A & B <x>")
        );
        assert_eq!(x.list(NS_DC, "creator"), vec!["One", "Two ü"]);
        assert_eq!(x.single(NS_DC, "rights").as_deref(), Some("DEF"));
        assert_eq!(x.single(NS_DC, "description").as_deref(), Some("Nur"));
        assert_eq!(
            x.single(NS_PHOTOSHOP, "Headline").as_deref(),
            Some("Head <line>")
        );
        assert!(x.get(NS_DC, "title").is_none());
    }

    #[test]
    fn broken_packet_is_none() {
        assert!(parse(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><a></b></x:xmpmeta>").is_none());
    }
}
