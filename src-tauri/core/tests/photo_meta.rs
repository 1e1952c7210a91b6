//! Photo metadata in and out: `imaging::meta::read` against exiftool on the fixture images,
//! precedence, charsets, robustness (every fixture, proptest), and `imaging::embed` round trips
//! through our own reader and through exiftool.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use newsroom_core::imaging::{embed, meta, FileMeta, RightsMeta};
use proptest::prelude::*;
use serde_json::{Map, Value};

// ---------------------------------------------------------------------------------------------
// helpers

fn fixtures() -> PathBuf {
    let p = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/images"
    ));
    assert!(
        p.is_dir(),
        "image fixtures not found at {} (tests/fixtures/images in the repository)",
        p.display()
    );
    p
}

fn fixture(rel: &str) -> Vec<u8> {
    let p = fixtures().join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", p.display()))
}

/// `exiftool -j -G1 FILE` as a JSON object. Fails (never skips) when exiftool is missing.
fn exiftool(path: &Path) -> Map<String, Value> {
    let out = Command::new("exiftool").arg("-j").arg("-G1").arg(path).output().unwrap_or_else(|e| {
        panic!("exiftool is required for these tests but could not be run ({e}); install it (Debian: apt-get install libimage-exiftool-perl) — the project's test script does")
    });
    assert!(
        out.status.success() || !out.stdout.is_empty(),
        "exiftool failed on {}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("exiftool -j output is JSON");
    match v {
        Value::Array(mut a) if !a.is_empty() => match a.remove(0) {
            Value::Object(m) => m,
            other => panic!("unexpected exiftool JSON {other}"),
        },
        other => panic!("unexpected exiftool JSON {other}"),
    }
}

fn clean(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => clean(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A tag as text: arrays joined with ", " (as `FileMeta::creator` is), blanks → None.
fn jstr(m: &Map<String, Value>, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(scalar).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        v => scalar(v),
    }
}

fn jlist(m: &Map<String, Value>, key: &str) -> Vec<String> {
    match m.get(key) {
        Some(Value::Array(a)) => a.iter().filter_map(scalar).collect(),
        Some(v) => scalar(v).into_iter().collect(),
        None => Vec::new(),
    }
}

/// First non-blank of the keys: the XMP > IIM > EXIF precedence applied to exiftool's view.
fn first(m: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| jstr(m, k))
}

/// exiftool's "2021:10:20 21:01:01+00:00" → "2021-10-20T21:01:01+00:00".
fn exif_date_to_iso(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.trim().chars().enumerate() {
        match (i, c) {
            (4 | 7, ':') => out.push('-'),
            (10, ' ') => out.push('T'),
            _ => out.push(c),
        }
    }
    out
}

fn orientation_from_text(s: &str) -> u16 {
    match s {
        "Horizontal (normal)" => 1,
        "Mirror horizontal" => 2,
        "Rotate 180" => 3,
        "Mirror vertical" => 4,
        "Mirror horizontal and rotate 270 CW" => 5,
        "Rotate 90 CW" => 6,
        "Mirror horizontal and rotate 90 CW" => 7,
        "Rotate 270 CW" => 8,
        other => panic!("unknown orientation text {other:?}"),
    }
}

fn camera(make: Option<String>, model: Option<String>) -> Option<String> {
    match (make, model) {
        (Some(a), Some(b)) if b.to_lowercase().starts_with(&a.to_lowercase()) => Some(b),
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => b.or(a),
    }
}

/// What `meta::read` should return, derived from exiftool's JSON with the same precedence.
fn expected_from_exiftool(m: &Map<String, Value>) -> FileMeta {
    let date = jstr(m, "XMP-photoshop:DateCreated")
        .map(|d| exif_date_to_iso(&d))
        .or_else(|| {
            let d = jstr(m, "IPTC:DateCreated")?;
            Some(match jstr(m, "IPTC:TimeCreated") {
                Some(t) => exif_date_to_iso(&format!("{d} {t}")),
                None => exif_date_to_iso(&d),
            })
        })
        .or_else(|| {
            let d = first(m, &["ExifIFD:DateTimeOriginal"])?;
            let z = jstr(m, "ExifIFD:OffsetTimeOriginal").unwrap_or_default();
            Some(exif_date_to_iso(&format!("{d}{z}")))
        })
        .or_else(|| jstr(m, "XMP-exif:DateTimeOriginal").map(|d| exif_date_to_iso(&d)));
    let keywords = {
        let x = jlist(m, "XMP-dc:Subject");
        if x.is_empty() {
            jlist(m, "IPTC:Keywords")
        } else {
            x
        }
    };
    let orientation = first(m, &["IFD0:Orientation", "XMP-tiff:Orientation"])
        .map_or(1, |o| orientation_from_text(&o));
    let (make, model) = {
        let (a, b) = (
            first(m, &["IFD0:Make", "ExifIFD:Make"]),
            first(m, &["IFD0:Model", "ExifIFD:Model"]),
        );
        if a.is_some() || b.is_some() {
            (a, b)
        } else {
            (jstr(m, "XMP-tiff:Make"), jstr(m, "XMP-tiff:Model"))
        }
    };
    FileMeta {
        caption: first(
            m,
            &[
                "XMP-dc:Description",
                "IPTC:Caption-Abstract",
                "IFD0:ImageDescription",
            ],
        ),
        credit: first(m, &["XMP-photoshop:Credit", "IPTC:Credit"]),
        creator: first(m, &["XMP-dc:Creator", "IPTC:By-line", "IFD0:Artist"]),
        copyright: first(
            m,
            &["XMP-dc:Rights", "IPTC:CopyrightNotice", "IFD0:Copyright"],
        ),
        alt_text: first(m, &["XMP-iptcCore:AltTextAccessibility"]),
        headline: first(m, &["XMP-photoshop:Headline", "IPTC:Headline"]),
        date_created: date,
        city: first(m, &["XMP-photoshop:City", "IPTC:City"]),
        sublocation: first(m, &["XMP-iptcCore:Location", "IPTC:Sub-location"]),
        state: first(m, &["XMP-photoshop:State", "IPTC:Province-State"]),
        country: first(
            m,
            &["XMP-photoshop:Country", "IPTC:Country-PrimaryLocationName"],
        ),
        keywords,
        orientation,
        focus: None,
        camera: camera(make, model),
        has_gps: m.keys().any(|k| {
            k == "GPS:GPSLatitude" || k == "GPS:GPSLongitude" || k == "XMP-exif:GPSLatitude"
        }),
    }
}

fn assert_matches_exiftool(rel: &str) -> FileMeta {
    let path = fixtures().join(rel);
    let got = meta::read(&fixture(rel));
    let want = expected_from_exiftool(&exiftool(&path));
    assert_eq!(got, want, "{rel}: meta::read differs from exiftool");
    got
}

/// A small baseline JPEG with the given APPn segments, encoded by jpeg-encoder.
fn jpeg_with(segments: &[(u8, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = jpeg_encoder::Encoder::new(&mut out, 80);
    for (n, data) in segments {
        enc.add_app_segment(*n, data.clone()).expect("segment fits");
    }
    let px: Vec<u8> = (0..16 * 16 * 3).map(|i| (i * 7 % 256) as u8).collect();
    enc.encode(&px, 16, 16, jpeg_encoder::ColorType::Rgb)
        .expect("encode");
    out
}

fn iim_ds(rec: u8, n: u8, v: &[u8]) -> Vec<u8> {
    let mut o = vec![0x1C, rec, n];
    o.extend_from_slice(&(v.len() as u16).to_be_bytes());
    o.extend_from_slice(v);
    o
}

fn app13(iim: &[u8]) -> (u8, Vec<u8>) {
    let mut p = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    p.extend_from_slice(&(iim.len() as u32).to_be_bytes());
    p.extend_from_slice(iim);
    if iim.len() % 2 == 1 {
        p.push(0);
    }
    (13, p)
}

fn xmp_app1(description_attrs: &str, body: &str) -> (u8, Vec<u8>) {
    let packet = format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" {description_attrs}>{body}</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>"#
    );
    let mut p = b"http://ns.adobe.com/xap/1.0/\0".to_vec();
    p.extend_from_slice(packet.as_bytes());
    (1, p)
}

/// EXIF APP1 (little-endian TIFF) with IFD0 Artist.
fn exif_artist_app1(artist: &str) -> (u8, Vec<u8>) {
    let mut v = artist.as_bytes().to_vec();
    v.push(0);
    let mut t = b"II*\0\x08\0\0\0".to_vec();
    t.extend_from_slice(&1u16.to_le_bytes());
    t.extend_from_slice(&0x013Bu16.to_le_bytes());
    t.extend_from_slice(&2u16.to_le_bytes());
    t.extend_from_slice(&(v.len() as u32).to_le_bytes());
    t.extend_from_slice(&26u32.to_le_bytes());
    t.extend_from_slice(&0u32.to_le_bytes());
    t.extend_from_slice(&v);
    let mut p = b"Exif\0\0".to_vec();
    p.extend_from_slice(&t);
    (1, p)
}

fn all_fixture_files() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixtures(), &mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// reference images

#[test]
fn iptc_reference_2021_matches_stored_exiftool_json() {
    let dir = fixtures().join("iptc");
    let json: Value = serde_json::from_slice(
        &std::fs::read(dir.join("IPTC-PhotometadataRef-Std2021.1.exiftool.json"))
            .expect("exiftool JSON fixture"),
    )
    .expect("valid JSON");
    let m = json[0].as_object().expect("one object");
    let got = meta::read(&fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"));

    assert_eq!(got.caption, jstr(m, "XMP-dc:Description"));
    assert_eq!(got.credit, jstr(m, "XMP-photoshop:Credit"));
    assert_eq!(got.creator, jstr(m, "XMP-dc:Creator"));
    assert_eq!(got.copyright, jstr(m, "XMP-dc:Rights"));
    assert_eq!(got.alt_text, jstr(m, "XMP-iptcCore:AltTextAccessibility"));
    assert_eq!(got.headline, jstr(m, "XMP-photoshop:Headline"));
    assert_eq!(got.city, jstr(m, "XMP-photoshop:City"));
    assert_eq!(got.sublocation, jstr(m, "XMP-iptcCore:Location"));
    assert_eq!(got.state, jstr(m, "XMP-photoshop:State"));
    assert_eq!(got.country, jstr(m, "XMP-photoshop:Country"));
    assert_eq!(got.keywords, jlist(m, "XMP-dc:Subject"));
    assert_eq!(
        got.date_created,
        jstr(m, "XMP-photoshop:DateCreated").map(|d| exif_date_to_iso(&d))
    );
    assert_eq!(
        got.date_created.as_deref(),
        Some("2021-10-20T21:01:01+00:00")
    );
    assert_eq!(
        got.orientation,
        jstr(m, "IFD0:Orientation").map_or(1, |o| orientation_from_text(&o))
    );
    assert_eq!(
        got.camera,
        camera(jstr(m, "IFD0:Make"), jstr(m, "IFD0:Model"))
    );
    assert!(
        got.caption.is_some()
            && got.credit.is_some()
            && got.alt_text.is_some()
            && !got.keywords.is_empty()
    );
    // and the whole record agrees with the precedence applied to the stored JSON
    assert_eq!(got, expected_from_exiftool(m));
}

#[test]
fn iptc_reference_2017_matches_live_exiftool() {
    let got = assert_matches_exiftool("iptc/IPTC-PhotometadataRef-Std2017.1.jpg");
    assert_eq!(
        got.creator.as_deref(),
        Some("Creator1 (ref2017.1), Creator2 (ref2017.1)")
    );
}

#[test]
fn metadata_fixtures_match_live_exiftool() {
    for rel in [
        "metadata/withIptc.jpg",
        "metadata/withXmp.jpg",
        "metadata/withIptcPhotoshop6.jpg",
        "metadata/BlueSquare.jpg",
        "metadata/long_description.jpg",
        "metadata/Canon_40D.jpg",
        "metadata/noExif.jpg",
    ] {
        assert_matches_exiftool(rel);
    }
    let iim_only = meta::read(&fixture("metadata/withIptc.jpg"));
    assert_eq!(iim_only.credit.as_deref(), Some("Credits"));
    assert_eq!(iim_only.creator.as_deref(), Some("Byline"));
    let long = meta::read(&fixture("metadata/long_description.jpg"));
    assert_eq!(long.caption.as_ref().map(|c| c.chars().count()), Some(419));
    assert_eq!(
        meta::read(&fixture("metadata/Canon_40D.jpg"))
            .camera
            .as_deref(),
        Some("Canon EOS 40D")
    );
}

#[test]
fn gps_fixtures() {
    for rel in [
        "gps/DSCN0010.jpg",
        "gps/DSCN0021.jpg",
        "gps/geodegrees_as_string.jpg",
    ] {
        let got = assert_matches_exiftool(rel);
        assert!(got.has_gps, "{rel} has GPS");
    }
    assert!(!meta::read(&fixture("metadata/Canon_40D.jpg")).has_gps);
}

#[test]
fn orientation_fixtures() {
    for n in 1..=8u16 {
        let rel = format!("orientation/f{n}-exif.jpg");
        let got = assert_matches_exiftool(&rel);
        assert_eq!(got.orientation, n, "{rel}");
    }
    for (rel, n) in [
        ("orientation/landscape_3.jpg", 3),
        ("orientation/landscape_6.jpg", 6),
        ("orientation/portrait_8.jpg", 8),
    ] {
        assert_eq!(assert_matches_exiftool(rel).orientation, n, "{rel}");
    }
}

#[test]
fn png_fixtures() {
    let pm = assert_matches_exiftool("png/metapm.png");
    assert_eq!(pm.caption.as_deref(), Some("Caption"));
    assert_eq!(pm.headline.as_deref(), Some("Headline"));
    let z = assert_matches_exiftool("png/utf8-in-ztxt.png");
    assert_eq!(z.camera.as_deref(), Some("Canon EOS 6D Mark II"));
    assert_eq!(z.date_created.as_deref(), Some("2017-08-04T06:07:09.057"));
}

// ---------------------------------------------------------------------------------------------
// precedence and charsets

#[test]
fn precedence_xmp_over_iim_over_exif() {
    let xmp = xmp_app1(r#"photoshop:Credit="X""#, "");
    let iim = app13(&[iim_ds(2, 110, b"I"), iim_ds(2, 80, b"IIM Byline")].concat());
    let exif = exif_artist_app1("Exif Artist");

    let all = meta::read(&jpeg_with(&[exif.clone(), xmp.clone(), iim.clone()]));
    assert_eq!(all.credit.as_deref(), Some("X"));
    assert_eq!(
        all.creator.as_deref(),
        Some("IIM Byline"),
        "IIM by-line beats EXIF Artist"
    );

    let no_xmp = meta::read(&jpeg_with(&[exif.clone(), iim]));
    assert_eq!(no_xmp.credit.as_deref(), Some("I"));
    assert_eq!(no_xmp.creator.as_deref(), Some("IIM Byline"));

    let only_exif_creator = meta::read(&jpeg_with(&[
        exif.clone(),
        xmp,
        app13(&iim_ds(2, 110, b"I")),
    ]));
    assert_eq!(only_exif_creator.credit.as_deref(), Some("X"));
    assert_eq!(only_exif_creator.creator.as_deref(), Some("Exif Artist"));

    let xmp_creator = xmp_app1(
        "",
        "<dc:creator><rdf:Seq><rdf:li>A</rdf:li><rdf:li>B</rdf:li></rdf:Seq></dc:creator>",
    );
    let both = meta::read(&jpeg_with(&[
        exif,
        xmp_creator,
        app13(&iim_ds(2, 80, b"IIM")),
    ]));
    assert_eq!(both.creator.as_deref(), Some("A, B"));
}

#[test]
fn latin1_iim_umlauts() {
    let iim = [
        iim_ds(2, 80, &[0xFC, 0xE4, 0xDF]),
        iim_ds(2, 120, b"\x93Zitat\x94 \x96 80 \x80"),
        iim_ds(2, 25, b"K\xF6ln"),
        iim_ds(2, 25, b"K\xF6ln"),
    ]
    .concat();
    let m = meta::read(&jpeg_with(&[app13(&iim)]));
    assert_eq!(m.creator.as_deref(), Some("üäß"));
    assert_eq!(m.caption.as_deref(), Some("“Zitat” – 80 €"));
    assert_eq!(m.keywords, vec!["Köln"]);
}

#[test]
fn iim_utf8_marker_and_dates() {
    let iim = [
        iim_ds(1, 90, b"\x1b%G"),
        iim_ds(2, 80, "Jörg".as_bytes()),
        iim_ds(2, 55, b"20211020"),
        iim_ds(2, 60, b"210101+0000"),
    ]
    .concat();
    let m = meta::read(&jpeg_with(&[app13(&iim)]));
    assert_eq!(m.creator.as_deref(), Some("Jörg"));
    assert_eq!(m.date_created.as_deref(), Some("2021-10-20T21:01:01+00:00"));
}

#[test]
fn broken_xmp_is_skipped_other_blocks_count() {
    let broken = xmp_app1(r#"photoshop:Credit="X""#, "<dc:creator></dc:rights>");
    let m = meta::read(&jpeg_with(&[broken, app13(&iim_ds(2, 110, b"I"))]));
    assert_eq!(m.credit.as_deref(), Some("I"));
}

// ---------------------------------------------------------------------------------------------
// robustness

#[test]
fn every_fixture_reads_without_panic_in_bounded_time() {
    let files = all_fixture_files();
    assert!(
        files.len() > 50,
        "expected the full fixture set, found {}",
        files.len()
    );
    for p in files {
        let bytes = std::fs::read(&p).unwrap();
        let t = Instant::now();
        let m = meta::read(&bytes);
        assert!((1..=8).contains(&m.orientation), "{}", p.display());
        assert!(
            t.elapsed() < Duration::from_secs(5),
            "{} took {:?}",
            p.display(),
            t.elapsed()
        );
        // every prefix of small files, too (truncation at any point)
        if bytes.len() <= 4096 {
            for n in 0..bytes.len() {
                meta::read(&bytes[..n]);
            }
        }
    }
}

fn small_fixtures() -> Vec<Vec<u8>> {
    all_fixture_files()
        .into_iter()
        .filter(|p| {
            std::fs::metadata(p)
                .map(|m| m.len() <= 200_000)
                .unwrap_or(false)
        })
        .map(|p| std::fs::read(p).unwrap())
        .filter(|b| newsroom_core::imaging::Format::sniff(b).is_some())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096), head in 0usize..5) {
        let prefixes: [&[u8]; 5] = [b"", b"\xFF\xD8\xFF", b"\x89PNG\r\n\x1a\n", b"II*\0", b"MM\0*"];
        let mut data = prefixes[head].to_vec();
        data.extend_from_slice(&bytes);
        let m = meta::read(&data);
        prop_assert!((1..=8).contains(&m.orientation));
    }

    #[test]
    fn mutated_fixtures_never_panic(
        pick in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        thread_local!(static FILES: Vec<Vec<u8>> = small_fixtures());
        let mut data = FILES.with(|f| pick.get(f).clone());
        if !data.is_empty() {
            for (at, v) in &edits {
                let i = at.index(data.len());
                data[i] = *v;
            }
            if truncate {
                data.truncate(cut.index(data.len()));
            }
        }
        let m = meta::read(&data);
        prop_assert!((1..=8).contains(&m.orientation));
    }
}

// ---------------------------------------------------------------------------------------------
// embed round trips

fn hostile_rights() -> RightsMeta {
    RightsMeta {
        caption: Some(
            "Bürgermeisterin eröffnet die Straße – A & B <x> \"q\" 'apos'\nzweite Zeile".into(),
        ),
        credit: Some("Stadt Köln / A & B <x> \"q\"".into()),
        creator: Some("Jürgen Äßler".into()),
        copyright: Some("© 2026 Stadt Köln, A & B <x> \"q\"".into()),
        alt_text: Some("Eine Frau schneidet ein Band durch <img> & \"so\"".into()),
        headline: Some("Neue Brücke über die Düssel".into()),
        focus: newsroom_core::imaging::crop::FocalPoint::new(0.25, 0.75),
    }
}

#[test]
fn embed_roundtrip_own_reader() {
    let r = hostile_rights();
    let jpeg = jpeg_with(&embed::jpeg_segments(&r));
    let m = meta::read(&jpeg);
    assert_eq!(m.caption, r.caption);
    assert_eq!(m.credit, r.credit);
    assert_eq!(m.creator, r.creator);
    assert_eq!(m.copyright, r.copyright);
    assert_eq!(m.alt_text, r.alt_text);
    assert_eq!(m.headline, r.headline);
    // The focal point as an IPTC Image Region.
    assert_eq!(meta::focal_point(&jpeg, 640, 480), r.focus);

    // The IIM block alone (XMP dropped by some tool) still carries the credit, cut at 32 bytes.
    let iim_only: Vec<_> = embed::jpeg_segments(&r)
        .into_iter()
        .filter(|(n, _)| *n == 13)
        .collect();
    let m = meta::read(&jpeg_with(&iim_only));
    assert_eq!(m.credit.as_deref(), Some("Stadt Köln / A & B <x> \"q\""));
    assert_eq!(m.creator, r.creator);
}

#[test]
fn embed_omits_none_and_cuts_iim_on_char_boundary() {
    assert!(embed::jpeg_segments(&RightsMeta::default()).is_empty());
    assert!(embed::webp_chunks(&RightsMeta::default()).is_empty());
    let long = "ä".repeat(4500); // 9000 bytes
    let credit = "Bild: Stadt Dortmund / Jörg Müller"; // over IIM's nominal 32 bytes: kept whole
    let r = RightsMeta {
        caption: Some(long.clone()),
        credit: Some(credit.into()),
        ..RightsMeta::default()
    };
    let segs = embed::jpeg_segments(&r);
    let xmp = String::from_utf8(
        segs.iter()
            .find(|(n, p)| *n == 1 && p.starts_with(b"http://ns.adobe.com/xap/1.0/\0"))
            .unwrap()
            .1
            .clone(),
    )
    .unwrap();
    assert!(
        !xmp.contains("photoshop:Headline"),
        "None fields are omitted"
    );
    let iim_only: Vec<_> = segs.iter().filter(|(n, _)| *n == 13).cloned().collect();
    let m = meta::read(&jpeg_with(&iim_only));
    assert_eq!(
        m.caption.as_deref(),
        Some("ä".repeat(4000).as_str()),
        "IIM caption cut at 8000 bytes on a char boundary"
    );
    assert_eq!(m.credit.as_deref(), Some(credit));
    let full = meta::read(&jpeg_with(&segs));
    assert_eq!(
        full.caption.as_deref(),
        Some(long.as_str()),
        "XMP carries the full text"
    );
}

#[test]
fn embed_strips_xml_forbidden_controls() {
    let r = RightsMeta {
        credit: Some("A\u{1}B\u{7}C".into()),
        ..RightsMeta::default()
    };
    let m = meta::read(&jpeg_with(&embed::jpeg_segments(&r)));
    assert_eq!(m.credit.as_deref(), Some("ABC"));
}

#[test]
fn embed_roundtrip_exiftool_jpeg() {
    let r = hostile_rights();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rendition.jpg");
    std::fs::write(&path, jpeg_with(&embed::jpeg_segments(&r))).unwrap();
    let m = exiftool(&path);
    for (key, want) in [
        ("XMP-photoshop:Credit", &r.credit),
        ("IPTC:Credit", &r.credit),
        ("XMP-dc:Creator", &r.creator),
        ("IPTC:By-line", &r.creator),
        ("XMP-dc:Rights", &r.copyright),
        ("IPTC:CopyrightNotice", &r.copyright),
        ("XMP-dc:Description", &r.caption),
        ("IPTC:Caption-Abstract", &r.caption),
        ("XMP-photoshop:Headline", &r.headline),
        ("IPTC:Headline", &r.headline),
        ("XMP-iptcCore:AltTextAccessibility", &r.alt_text),
    ] {
        assert_eq!(jstr(&m, key).as_ref(), want.as_ref(), "exiftool {key}");
    }
    assert_eq!(jstr(&m, "IPTC:CodedCharacterSet").as_deref(), Some("UTF8"));
    assert_eq!(
        jstr(&m, "IFD0:Orientation").as_deref(),
        Some("Horizontal (normal)")
    );
    // Non-ASCII values stay out of EXIF rather than becoming mojibake.
    assert_eq!(jstr(&m, "IFD0:Artist"), None);
    assert!(
        !m.keys()
            .any(|k| k.starts_with("ExifTool:Warning") || k.starts_with("ExifTool:Error")),
        "exiftool complains: {m:?}"
    );

    // ASCII values do go into EXIF.
    let ascii = RightsMeta {
        creator: Some("Jane Doe".into()),
        copyright: Some("(c) City".into()),
        caption: Some("A & B".into()),
        ..RightsMeta::default()
    };
    std::fs::write(&path, jpeg_with(&embed::jpeg_segments(&ascii))).unwrap();
    let m = exiftool(&path);
    assert_eq!(jstr(&m, "IFD0:Artist").as_deref(), Some("Jane Doe"));
    assert_eq!(jstr(&m, "IFD0:Copyright").as_deref(), Some("(c) City"));
    assert_eq!(jstr(&m, "IFD0:ImageDescription").as_deref(), Some("A & B"));
}

/// A WebP (VP8X + lossless VP8L from the image crate) with our EXIF and XMP chunks.
fn webp_with(chunks: &[([u8; 4], Vec<u8>)]) -> Vec<u8> {
    let (w, h) = (16u32, 16u32);
    let mut simple = Vec::new();
    let px: Vec<u8> = (0..w * h * 3).map(|i| (i % 251) as u8).collect();
    image::codecs::webp::WebPEncoder::new_lossless(&mut simple)
        .encode(&px, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    let image_chunk = &simple[12..]; // the VP8L chunk
    let mut flags = 0u8;
    for (cc, _) in chunks {
        match cc {
            b"EXIF" => flags |= 0x08,
            b"XMP " => flags |= 0x04,
            _ => {}
        }
    }
    let mut body = b"WEBP".to_vec();
    body.extend_from_slice(b"VP8X");
    body.extend_from_slice(&10u32.to_le_bytes());
    body.extend_from_slice(&[flags, 0, 0, 0]);
    body.extend_from_slice(&(w - 1).to_le_bytes()[..3]);
    body.extend_from_slice(&(h - 1).to_le_bytes()[..3]);
    body.extend_from_slice(image_chunk);
    for (cc, data) in chunks {
        body.extend_from_slice(cc);
        body.extend_from_slice(&(data.len() as u32).to_le_bytes());
        body.extend_from_slice(data);
        if data.len() % 2 == 1 {
            body.push(0);
        }
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

#[test]
fn embed_roundtrip_webp() {
    let r = RightsMeta {
        creator: Some("Jane Doe".into()),
        ..hostile_rights()
    };
    let webp = webp_with(&embed::webp_chunks(&r));
    let m = meta::read(&webp);
    assert_eq!(m.credit, r.credit);
    assert_eq!(m.creator, r.creator);
    assert_eq!(m.caption, r.caption);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rendition.webp");
    std::fs::write(&path, &webp).unwrap();
    let j = exiftool(&path);
    assert_eq!(jstr(&j, "XMP-photoshop:Credit"), r.credit);
    assert_eq!(jstr(&j, "XMP-dc:Creator"), r.creator);
    assert_eq!(jstr(&j, "IFD0:Artist"), r.creator);
    assert!(
        image::load_from_memory(&webp).is_ok(),
        "the WebP still decodes"
    );
}

// ---------------------------------------------------------------------------------------------
// hostile sizes

fn png_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut c = (data.len() as u32).to_be_bytes().to_vec();
    c.extend_from_slice(kind);
    c.extend_from_slice(data);
    c.extend_from_slice(&[0, 0, 0, 0]); // CRC: not checked by the metadata reader
    c
}

#[test]
fn png_zip_bombs_are_bounded() {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&vec![b' '; 20 << 20]).unwrap();
    let bomb = z.finish().unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(png_chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
    for _ in 0..20 {
        let mut d = b"XML:com.adobe.xmp\0\0".to_vec();
        d.extend_from_slice(&bomb);
        png.extend(png_chunk(b"zTXt", &d));
    }
    png.extend(png_chunk(b"IEND", &[]));
    let t = Instant::now();
    let m = meta::read(&png);
    assert_eq!(m.caption, None);
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "took {:?}",
        t.elapsed()
    );
}

#[test]
fn many_iim_keywords_cost_linear_time() {
    let mut iim = Vec::new();
    for i in 0..6_000 {
        iim.extend(iim_ds(2, 25, format!("{i}").as_bytes()));
    }
    let t = Instant::now();
    let m = meta::read(&jpeg_with(&[app13(&iim)]));
    assert!(!m.keywords.is_empty() && m.keywords.len() <= 1000);
    assert_eq!(m.keywords[0], "0");
    assert!(
        t.elapsed() < Duration::from_secs(10),
        "took {:?}",
        t.elapsed()
    );
}

// ---------------------------------------------------------------------------------------------
// fuzz regressions: every input cargo-fuzz found crashing, kept in tests/fixtures/fuzz/

#[test]
fn fuzz_regressions() {
    let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz"));
    let mut n = 0;
    for e in std::fs::read_dir(&dir)
        .expect("tests/fixtures/fuzz exists")
        .flatten()
    {
        let bytes = std::fs::read(e.path()).unwrap();
        let m = meta::read(&bytes);
        assert!((1..=8).contains(&m.orientation));
        n += 1;
    }
    assert!(n >= 1);
    // crash-76df44fe: IIM 2:60 TimeCreated with a multi-byte character in its first six bytes
    let iim = [
        iim_ds(2, 55, b"20211020"),
        iim_ds(2, 60, "210Å1".as_bytes()),
    ]
    .concat();
    assert_eq!(
        meta::read(&jpeg_with(&[app13(&iim)]))
            .date_created
            .as_deref(),
        Some("2021-10-20")
    );
}
