//! The photo library end to end on real files: every fixture image through import, credits,
//! batch edits, lead photos and body figures, and renditions read back with exiftool.
//!
//! Fixtures: `tests/fixtures/images` (see its MANIFEST.tsv for source and licence).
//! Tools: exiftool and ImageMagick's `convert` (installed by scripts/test-all.sh). A missing
//! tool fails the test; nothing here skips silently.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use newsroom_core::photos::{BatchEdit, CreditSettings, PhotoFilter, PhotoQuery, PhotoUpdate};
use newsroom_core::{ArticleInput, FileKind, LeadPhoto, ListQuery};
use serde_json::Value;

fn fixtures() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/images");
    assert!(
        p.is_dir(),
        "fixture images not found at {} (tests/fixtures/images in the repository)",
        p.display()
    );
    p.canonicalize().unwrap()
}

fn fixture(rel: &str) -> PathBuf {
    fixtures().join(rel)
}

fn exiftool(path: &Path, numeric: bool) -> serde_json::Map<String, Value> {
    let mut cmd = Command::new("exiftool");
    cmd.args(["-j", "-G1", "-a"]);
    if numeric {
        cmd.arg("-n");
    }
    let out = cmd
        .arg(path)
        .output()
        .expect("exiftool must be installed (apt install libimage-exiftool-perl)");
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("exiftool output for {}: {e}", path.display()));
    v[0].as_object().unwrap().clone()
}

fn all_fixture_files() -> Vec<PathBuf> {
    fn walk(d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    walk(&fixtures(), &mut out);
    out.sort();
    out
}

/// Files that are not images at all (the manifest, licences, exiftool dumps).
fn is_document(p: &Path) -> bool {
    matches!(
        p.extension().and_then(|e| e.to_str()),
        Some("tsv" | "txt" | "json" | "LICENSE")
    )
}

/// Known broken: must be refused, with a clear message.
fn must_be_refused(p: &Path) -> bool {
    let name = p.file_name().unwrap().to_str().unwrap();
    name.starts_with("truncated_")
        || name == "empty.jpg"
        || (name.starts_with('x') && name.ends_with(".png"))
}

#[test]
fn every_fixture_imports_or_is_refused_clearly_and_none_hangs() {
    let (_d, lib) = common::empty_library();
    let lib = std::sync::Mutex::new(lib);
    let mut imported = 0;
    let mut refused = 0;
    for path in all_fixture_files() {
        let started = Instant::now();
        let result =
            newsroom_core::photos::guarded(|| newsroom_core::photos::import_shared(&lib, &path));
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "{} took {:?}",
            path.display(),
            started.elapsed()
        );
        let shown = path.strip_prefix(fixtures()).unwrap().display().to_string();
        if is_document(&path) {
            let e = result.expect_err(&shown);
            assert_eq!(e.code(), "unsupported_format", "{shown}: {e}");
            assert!(
                e.to_string().contains("JPEG, PNG, WebP and TIFF"),
                "{shown}: {e}"
            );
            continue;
        }
        match result {
            Ok(o) => {
                assert!(
                    !must_be_refused(&path),
                    "{shown} must be refused, was imported"
                );
                imported += 1;
                let p = o.photo;
                // Pixel size after orientation, as exiftool sees the file.
                let x = exiftool(&path, true);
                let dim = |name: &str| {
                    ["File", "PNG", "RIFF", "IFD0", "VP8", "VP8X"]
                        .iter()
                        .find_map(|g| x.get(&format!("{g}:{name}")).and_then(Value::as_u64))
                };
                let (w, h) = (dim("ImageWidth"), dim("ImageHeight"));
                assert!(
                    w.is_some() && h.is_some(),
                    "{shown}: exiftool gives no size: {x:?}"
                );
                let orientation = x
                    .get("IFD0:Orientation")
                    .and_then(Value::as_u64)
                    .unwrap_or(1);
                let (w, h) = if (5..=8).contains(&orientation) {
                    (h, w)
                } else {
                    (w, h)
                };
                if let (Some(w), Some(h)) = (w, h) {
                    assert_eq!(
                        (p.width as u64, p.height as u64),
                        (w, h),
                        "{shown}: size after orientation"
                    );
                }
                assert_eq!(p.orientation as u64, orientation, "{shown}: orientation");
                let files = lib.lock().unwrap().renditions(p.id).unwrap();
                assert!(!files.is_empty(), "{shown}: renditions");
                assert!(
                    files.iter().all(|f| f.width <= p.width),
                    "{shown}: never upscaled"
                );
            }
            Err(e) => {
                refused += 1;
                assert!(
                    [
                        "corrupt_image",
                        "truncated_image",
                        "unsupported_format",
                        "image_too_large"
                    ]
                    .contains(&e.code().as_str()),
                    "{shown}: unexpected error code {}: {e}",
                    e.code()
                );
                assert!(e.to_string().len() > 15, "{shown}: message too terse: {e}");
            }
        }
    }
    assert!(imported >= 40, "imported only {imported}");
    assert!(refused >= 7, "refused only {refused}");
    let lib = lib.into_inner().unwrap();
    assert_eq!(lib.integrity_check().unwrap(), "ok");
}

#[test]
fn metadata_lands_in_the_photo_and_credit_follows_the_template() {
    let (_d, mut lib) = common::empty_library();
    lib.set_credit_settings(&CreditSettings {
        organisation: "Stadt Musterstadt".into(),
        template: "Bild: {organisation} / {creator}".into(),
    })
    .unwrap();
    // The IPTC reference image: everything from XMP, credit from the file.
    let o = lib
        .import_photo(&fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"))
        .unwrap();
    let p = &o.photo;
    assert!(!o.duplicate);
    assert_eq!((p.width, p.height), (2000, 1000));
    assert_eq!(p.caption, "The description aka caption (ref2021.1)");
    assert_eq!(p.credit, "Credit Line (ref2021.1)");
    assert_eq!(p.credit_source, "file");
    assert_eq!(p.creator, "Creator1 (ref2021.1)");
    assert_eq!(
        p.alt_text,
        "This is the Alt Text description to support accessibility in 2021.1"
    );
    assert_eq!(p.headline, "The Headline (ref2021.1)");
    assert_eq!(p.city, "City (Core) (ref2021.1)");
    assert_eq!(p.date_created.as_deref(), Some("2021-10-20T21:01:01+00:00"));
    assert_eq!(p.keywords.len(), 3);

    // A photo with a creator but no credit gets the template.
    let o = lib
        .import_photo(&fixture("metadata/Canon_40D.jpg"))
        .unwrap();
    let x = exiftool(&fixture("metadata/Canon_40D.jpg"), false);
    let creator = x.get("IFD0:Artist").and_then(Value::as_str).unwrap_or("");
    if creator.trim().is_empty() {
        assert_eq!(o.photo.credit, "", "no creator, no credit");
        assert_eq!(o.photo.credit_source, "none");
    } else {
        assert_eq!(
            o.photo.credit,
            format!("Bild: Stadt Musterstadt / {}", creator.trim())
        );
    }
    assert!(
        o.photo.camera.contains("Canon"),
        "camera: {}",
        o.photo.camera
    );

    // Exact duplicate: one photo, and the caller is told.
    let again = lib
        .import_photo(&fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"))
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(lib.list_photos(&PhotoQuery::default()).unwrap().total, 2);

    // GPS is noted (and never copied out, see renditions test).
    let g = lib.import_photo(&fixture("gps/DSCN0010.jpg")).unwrap();
    assert!(g.photo.has_gps);
}

#[test]
fn batch_edits_and_the_required_credit() {
    let (_d, mut lib) = common::empty_library();
    let a = lib
        .import_photo(&fixture("orientation/landscape_3.jpg"))
        .unwrap()
        .photo;
    let b = lib
        .import_photo(&fixture("orientation/portrait_8.jpg"))
        .unwrap()
        .photo;
    let c = lib
        .import_photo(&fixture("progressive/progressive3.jpg"))
        .unwrap()
        .photo;
    lib.set_credit_settings(&CreditSettings {
        organisation: "Stadt Dortmund".into(),
        template: "Bild: {organisation} / {creator}".into(),
    })
    .unwrap();

    // Creator and template in one go, for two photos.
    let r = lib
        .batch_edit(&BatchEdit {
            ids: vec![a.id, b.id],
            creator: Some("Erika Muster".into()),
            caption: None,
            apply_template: true,
        })
        .unwrap();
    assert!(r.skipped.is_empty());
    for p in &r.updated {
        assert_eq!(p.credit, "Bild: Stadt Dortmund / Erika Muster");
        assert_eq!(p.credit_source, "template");
    }
    // The template needs a creator: c has none, so it is skipped and says why.
    let before = lib.get_photo(c.id).unwrap();
    if before.creator.is_empty() {
        let r = lib
            .batch_edit(&BatchEdit {
                ids: vec![c.id],
                apply_template: true,
                ..Default::default()
            })
            .unwrap();
        assert_eq!(r.skipped.len(), 1);
        assert!(r.skipped[0].reason.contains("creator"));
    }
    // Caption for a selection.
    lib.batch_edit(&BatchEdit {
        ids: vec![a.id, c.id],
        caption: Some("Blick über den Phoenix-See".into()),
        ..Default::default()
    })
    .unwrap();
    assert_eq!(
        lib.get_photo(c.id).unwrap().caption,
        "Blick über den Phoenix-See"
    );
    assert_eq!(
        lib.get_photo(b.id).unwrap().caption,
        b.caption,
        "b was not selected"
    );

    // A credit can be edited but never emptied.
    let e = lib
        .update_photo(
            a.id,
            &PhotoUpdate {
                credit: Some("   ".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(
        lib.get_photo(a.id).unwrap().credit,
        "Bild: Stadt Dortmund / Erika Muster"
    );
    let p = lib
        .update_photo(
            a.id,
            &PhotoUpdate {
                credit: Some("Bild: Privat".into()),
                alt_text: Some("Ein Hafenbecken".into()),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        (
            p.credit.as_str(),
            p.credit_source.as_str(),
            p.alt_text.as_str()
        ),
        ("Bild: Privat", "edited", "Ein Hafenbecken")
    );

    // Filters.
    let ids = |f| {
        lib.list_photos(&PhotoQuery {
            filter: f,
            ..Default::default()
        })
        .unwrap()
        .items
        .iter()
        .map(|p| p.id)
        .collect::<Vec<_>>()
    };
    assert!(!ids(PhotoFilter::NoAltText).contains(&a.id));
    assert!(ids(PhotoFilter::NoAltText).contains(&b.id));
    assert_eq!(ids(PhotoFilter::Unused).len(), 3);

    // Templates are checked.
    assert!(lib
        .set_credit_settings(&CreditSettings {
            organisation: "X".into(),
            template: "Bild: {fotograf}".into()
        })
        .is_err());
    assert_eq!(
        newsroom_core::photos::fill_template("Bild: {organisation} / {creator}", "", "Max"),
        Some("Bild: Max".into())
    );
}

#[test]
fn lead_photo_and_body_figures_in_articles() {
    let (_d, mut lib) = common::empty_library();
    let p = lib
        .import_photo(&fixture("orientation/landscape_6.jpg"))
        .unwrap()
        .photo;
    let q = lib
        .import_photo(&fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"))
        .unwrap()
        .photo;
    let mut input = common::full_input();
    input.lead_photo = Some(LeadPhoto {
        photo_id: p.id,
        caption: Some("Eigene Unterschrift".into()),
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    input
        .body
        .push_str(&format!("\n![](photo:{} \"Im Text\")\n", q.id));
    let a = lib.create_article(&input).unwrap();
    let a = lib.get_article(a.id).unwrap();
    assert_eq!(a.lead_photo, input.lead_photo);
    let page = lib.list_articles(&ListQuery::default()).unwrap();
    assert_eq!(page.items[0].lead_photo_id, Some(p.id));

    let used = lib.photo_usage(p.id).unwrap();
    assert_eq!((used.len(), used[0].role.as_str()), (1, "lead"));
    let used = lib.photo_usage(q.id).unwrap();
    assert_eq!((used.len(), used[0].role.as_str()), (1, "figure"));
    assert_eq!(lib.get_photo(q.id).unwrap().usage_count, 1);
    assert!(lib
        .list_photos(&PhotoQuery {
            filter: PhotoFilter::Unused,
            ..Default::default()
        })
        .unwrap()
        .items
        .is_empty());

    // A used photo cannot be deleted.
    assert_eq!(lib.delete_photo(p.id).unwrap_err().code(), "invalid_state");
    // Unknown photos are refused as lead, tolerated (left out) as figures.
    let mut bad = input.clone();
    bad.lead_photo = Some(LeadPhoto {
        photo_id: 9999,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    assert_eq!(
        lib.save_article(a.id, &bad).unwrap_err().code(),
        "invalid_input"
    );
    let mut fig = input.clone();
    fig.body.push_str("\n![](photo:9999)\n");
    lib.save_article(a.id, &fig).unwrap();

    // The preview renders the figure with the photo's credit and the reference's caption.
    let html = lib.render_body(&lib.get_article(a.id).unwrap().body, &|p| {
        format!("img/{}.jpg", p.id)
    });
    assert!(
        html.contains(&format!("src=\"img/{}.jpg\"", q.id)),
        "{html}"
    );
    assert!(
        html.contains("Im Text <span class=\"credit\">Credit Line (ref2021.1)</span>"),
        "{html}"
    );

    // Removing the lead photo frees it; a revision that had it comes back without it once
    // the photo is gone.
    let rev_with_lead = lib.list_revisions(a.id).unwrap().last().unwrap().rev;
    let mut none = input.clone();
    none.lead_photo = None;
    lib.save_article(a.id, &none).unwrap();
    lib.delete_photo(p.id).unwrap();
    let restored = lib.restore_revision(a.id, rev_with_lead).unwrap();
    assert_eq!(restored.lead_photo, None);
    assert_eq!(restored.headline, input.headline);
}

#[test]
fn article_json_takes_lead_photo_and_rejects_unknown_fields() {
    let (_d, mut lib) = common::empty_library();
    let p = lib
        .import_photo(&fixture("color/jpg-srgb-icc.jpg"))
        .unwrap()
        .photo;
    let json = serde_json::json!({"headline": "Mit Bild", "lead_photo": {"photo_id": p.id, "caption": null, "alt_text": "Alt"}});
    let (input, _) = newsroom_core::apply_article_json(&ArticleInput::default(), &json).unwrap();
    let a = lib.create_article(&input).unwrap();
    assert_eq!(
        a.lead_photo,
        Some(LeadPhoto {
            photo_id: p.id,
            caption: None,
            alt_text: Some("Alt".into()),
            crop: None,
            crops: Default::default()
        })
    );
    let bad = serde_json::json!({"lead_photo": {"photo_id": p.id, "credit": "x"}});
    assert!(newsroom_core::apply_article_json(&ArticleInput::default(), &bad).is_err());
}

#[test]
fn renditions_carry_the_credit_and_never_gps() {
    let (_d, mut lib) = common::empty_library();
    let p = lib
        .import_photo(&fixture("gps/DSCN0010.jpg"))
        .unwrap()
        .photo;
    assert!(p.has_gps);
    let p = lib
        .update_photo(
            p.id,
            &PhotoUpdate {
                credit: Some("Bild: Stadt Dortmund / Jörg Müller".into()),
                creator: Some("Jörg Müller".into()),
                copyright: Some("© Stadt Dortmund".into()),
                caption: Some("Sommerfest in Hörde: Kinder am Brunnen".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let files = lib.renditions(p.id).unwrap();
    // 640 px wide original: 320 and 640, JPEG and WebP; never upscaled to 1280/2560.
    let mut got: Vec<_> = files
        .iter()
        .map(|f| (f.width, format!("{:?}", f.format)))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (320, "Jpeg".into()),
            (320, "Webp".into()),
            (640, "Jpeg".into()),
            (640, "Webp".into())
        ]
    );
    for f in &files {
        let x = exiftool(&f.path, false);
        let shown = f.path.display().to_string();
        assert!(
            !x.keys().any(|k| k.contains("GPS")),
            "{shown} leaks GPS: {x:?}"
        );
        assert!(
            !x.keys().any(|k| k.contains("SerialNumber")),
            "{shown} leaks a serial"
        );
        assert_eq!(
            x.get("File:ImageWidth")
                .and_then(Value::as_u64)
                .or_else(|| x.get("RIFF:ImageWidth").and_then(Value::as_u64)),
            Some(f.width as u64),
            "{shown}"
        );
        assert_eq!(
            x.get("XMP-photoshop:Credit").and_then(Value::as_str),
            Some("Bild: Stadt Dortmund / Jörg Müller"),
            "{shown}: {x:?}"
        );
        let creator = x
            .get("XMP-dc:Creator")
            .map(|v| v.to_string())
            .unwrap_or_default();
        assert!(creator.contains("Jörg Müller"), "{shown}: {x:?}");
        assert!(
            x.get("XMP-dc:Rights").is_some() && x.get("XMP-dc:Description").is_some(),
            "{shown}"
        );
        // sRGB: the embedded profile says so.
        let desc = x
            .get("ICC_Profile:ProfileDescription")
            .and_then(Value::as_str)
            .unwrap_or("");
        assert!(
            desc.to_lowercase().contains("srgb"),
            "{shown}: profile {desc:?}"
        );
        if f.format == newsroom_core::imaging::pixels::RenditionFormat::Jpeg {
            assert_eq!(
                x.get("IPTC:Credit").and_then(Value::as_str),
                Some("Bild: Stadt Dortmund / Jörg Müller"),
                "{shown}"
            );
            assert_eq!(
                x.get("IPTC:By-line").and_then(Value::as_str),
                Some("Jörg Müller"),
                "{shown}"
            );
            assert!(
                x.get("IPTC:CopyrightNotice").is_some() && x.get("IPTC:Caption-Abstract").is_some(),
                "{shown}"
            );
            assert!(
                x.get("File:EncodingProcess")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .contains("Progressive"),
                "{shown}: not progressive"
            );
        }
    }
    // The cache is keyed by the rights: a new credit makes a new set.
    let before: Vec<_> = files.iter().map(|f| f.path.clone()).collect();
    lib.update_photo(
        p.id,
        &PhotoUpdate {
            credit: Some("Bild: Neu".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let after = lib.renditions(p.id).unwrap();
    assert!(after.iter().all(|f| !before.contains(&f.path)));
    assert!(before.iter().all(|p| !p.exists()), "stale set removed");
    let x = exiftool(&after[0].path, false);
    assert_eq!(
        x.get("XMP-photoshop:Credit").and_then(Value::as_str),
        Some("Bild: Neu")
    );
}

#[test]
fn near_duplicates_are_found_and_a_bad_file_touches_nothing() {
    let (d, mut lib) = common::empty_library();
    let orig = lib
        .import_photo(&fixture("orientation/landscape_3.jpg"))
        .unwrap()
        .photo;
    // The same picture, re-encoded smaller: a different file that looks the same.
    let copy = d.path().join("kopie.jpg");
    let st = Command::new("convert")
        .arg(fixture("orientation/landscape_3.jpg"))
        .args(["-resize", "50%", "-quality", "70"])
        .arg(&copy)
        .status()
        .expect("ImageMagick convert must be installed");
    assert!(st.success());
    let o = lib.import_photo(&copy).unwrap();
    assert!(!o.duplicate);
    assert!(
        o.near_duplicates.contains(&orig.id),
        "{:?}",
        o.near_duplicates
    );
    let other = lib
        .import_photo(&fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"))
        .unwrap();
    assert!(!other.near_duplicates.contains(&orig.id));

    // A PDF named .jpg, and a truncated JPEG: refused, and the library is as it was.
    let fake = d.path().join("foto.jpg");
    std::fs::write(&fake, b"%PDF-1.4\n%...").unwrap();
    let e = lib.import_photo(&fake).unwrap_err();
    assert_eq!(e.code(), "unsupported_format");
    assert!(e.to_string().contains("foto.jpg is a PDF"), "{e}");
    // The UI words it from the values: what the file is, in its own language.
    assert_eq!(e.values().unwrap().found, Some(FileKind::Pdf));
    let e = lib
        .import_photo(&fixture("corrupt/truncated_DSCN0010_first80000B.jpg"))
        .unwrap_err();
    assert_eq!(e.code(), "truncated_image", "{e}");
    assert_eq!(e.values().unwrap().bytes, Some(80_000));
    let e = lib.import_photo(d.path()).unwrap_err();
    assert_eq!(e.code(), "invalid_input");
    assert_eq!(lib.list_photos(&PhotoQuery::default()).unwrap().total, 3);
    assert_eq!(lib.integrity_check().unwrap(), "ok");
    for p in lib.list_photos(&PhotoQuery::default()).unwrap().items {
        assert!(lib.original_path(&p.sha256, p.format).is_file());
    }
}

#[test]
fn decompression_bombs_are_refused_before_decoding() {
    let (d, mut lib) = common::empty_library();
    // A valid PNG header claiming 60000 x 60000 pixels (3.6 gigapixels), and no real data.
    let bomb = d.path().join("bomb.png");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend(60000u32.to_be_bytes());
    ihdr.extend(60000u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    png.extend(13u32.to_be_bytes());
    png.extend(&ihdr);
    png.extend(crc32(&ihdr).to_be_bytes());
    png.extend(0u32.to_be_bytes());
    png.extend(b"IEND");
    png.extend(crc32(b"IEND").to_be_bytes());
    std::fs::write(&bomb, &png).unwrap();
    let started = Instant::now();
    let e = lib.import_photo(&bomb).unwrap_err();
    assert_eq!(e.code(), "image_too_large", "{e}");
    assert!(
        e.to_string().contains("megapixel") || e.to_string().contains("MP"),
        "{e}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_library_reopens_with_its_photos() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let id = {
        let mut lib = common::open_at(
            &root,
            newsroom_core::OpenOptions {
                seed_samples: false,
            },
        );
        lib.import_photo(&fixture("png/basn6a16.png"))
            .unwrap()
            .photo
            .id
    };
    let lib = common::open_at(
        &root,
        newsroom_core::OpenOptions {
            seed_samples: false,
        },
    );
    let p = lib.get_photo(id).unwrap();
    assert_eq!((p.width, p.height), (32, 32));
    assert!(lib.thumb_path(&p.sha256).is_file());
    assert!(lib.original_path(&p.sha256, p.format).is_file());
}
