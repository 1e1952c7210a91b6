//! A new library's sample content: articles with generated, credited sample photos as lead
//! photos, imported through the normal import, exported with the article.

mod common;

use std::sync::Mutex;

use newsroom_core::export::{self, ExportFormat, ExportRequest};
use newsroom_core::{ArticleState, OpenOptions};

#[test]
fn a_new_library_has_credited_sample_photos_as_lead_photos_and_exports_them() {
    let dir = tempfile::tempdir().unwrap();
    let lib = common::open_at(dir.path().join("lib"), OpenOptions::default());
    let photos = lib.list_photos(&Default::default()).unwrap();
    assert!((2..=3).contains(&photos.total), "{}", photos.total);
    for p in &photos.items {
        assert_eq!(p.credit, "Bild: Newsroom-Beispiel", "{p:#?}");
        assert!(!p.caption.is_empty() && !p.alt_text.is_empty(), "{p:#?}");
        assert!(p.width >= 1200, "{p:#?}");
        // The thumbnail is there for the media library from the start.
        assert!(lib.thumb_path(&p.sha256).is_file());
    }

    let page = lib.list_articles(&Default::default()).unwrap();
    let mut leads = Vec::new();
    for s in &page.items {
        let a = lib.get_article(s.id).unwrap();
        if let Some(l) = &a.lead_photo {
            assert!(photos.items.iter().any(|p| p.id == l.photo_id));
            leads.push((a.id, a.state, l.photo_id));
        }
    }
    assert!(leads.len() >= 2, "{leads:?}");
    let (ready, _, photo) = *leads
        .iter()
        .find(|(_, s, _)| *s == ArticleState::Ready)
        .expect("a Freigegeben sample with a lead photo");
    assert!(lib.get_photo(photo).unwrap().usage_count >= 1);

    // The export of the Freigegeben sample carries its lead photo with the credit.
    let lib = Mutex::new(lib);
    let out = dir.path().join("out");
    let report = export::export(
        &lib,
        &ExportRequest {
            ids: Some(vec![ready]),
            format: ExportFormat::Both,
            fragment: false,
            out: out.clone(),
            force: false,
            include_embargoed: false,
            base_url: None,
        },
        |_| {},
    )
    .unwrap();
    assert_eq!(report.exported.len(), 1, "{report:#?}");
    let bundle = &report.exported[0];
    let images: Vec<&String> = bundle
        .files
        .iter()
        .filter(|f| f.starts_with(&format!("images/photo-{photo}-")))
        .collect();
    assert!(images.len() >= 2, "{:?}", bundle.files);
    for f in &images {
        assert!(bundle.folder.join(f).is_file());
    }
    let page = std::fs::read_to_string(bundle.folder.join("index.html")).unwrap();
    assert!(page.contains("<figure class=\"lead\">"), "{page}");
    assert!(page.contains("Bild: Newsroom-Beispiel"));
}
