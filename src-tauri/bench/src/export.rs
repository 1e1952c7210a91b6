//! The export benchmark (`newsroom bench export`): one article with many photos through the
//! full export path, then a batch of generated articles.

use std::path::Path;
use std::time::Instant;

use chrono::Utc;
use newsroom_core::export::{self, ExportFormat, ExportRequest};
use newsroom_core::photos::PhotoUpdate;
use newsroom_core::{ArticleInput, ArticleState, Error, LeadPhoto, Library, OpenOptions, Result};
use serde::Serialize;

use crate::{Generator, Rng, Stats};

/// `newsroom bench export`: one article with `photos` body photos (renditions cached), and a
/// batch of `articles` generated ready articles, each with a lead photo.
#[derive(Debug, Clone, Serialize)]
pub struct ExportBenchReport {
    pub photos: usize,
    pub photo_size: (u32, u32),
    /// Plan, build and write of the one article's bundle (HTML + ninjs + renditions).
    pub one: Stats,
    pub one_files: usize,
    pub one_bytes: u64,
    /// Files of the bundle shared with the rendition cache (hard links): all renditions when
    /// the output is on the library's filesystem, none when it is elsewhere.
    pub one_shared: usize,
    pub batch_articles: usize,
    pub batch_s: f64,
    pub batch_per_article_ms: f64,
    pub batch_files: usize,
    pub batch_bytes: u64,
}

/// A camera-like synthetic photo (smooth light, fine texture) as JPEG, different per `seed`.
pub fn synthetic_jpeg(width: u32, height: u32, seed: u64) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    let (fx, fy) = (1 + rng.below(5) as u32, 1 + rng.below(5) as u32);
    let mut rgb = Vec::with_capacity((width * height * 3) as usize);
    for y in 0..height {
        for x in 0..width {
            let n = (rng.next_u64() >> 59) as u32; // 0..31 of grain
            let r = (x * 200 / width + n) as u8;
            let g = ((y * fy * 160 / height) % 200 + n) as u8;
            let b = (((x / (fx * 8) + y / 8) % 2) * 60 + 80 + n) as u8;
            rgb.extend_from_slice(&[r, g, b]);
        }
    }
    let mut out = Vec::new();
    jpeg_encoder::Encoder::new(&mut out, 88)
        .encode(
            &rgb,
            width as u16,
            height as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .expect("encode");
    out
}

/// Works in `dir` (emptied first); the bundles go to `out` (default: `dir`), which may be on
/// another filesystem than the library to measure the copying export.
pub fn export_bench(
    dir: &Path,
    out: Option<&Path>,
    photos: usize,
    articles: usize,
    iterations: usize,
) -> Result<ExportBenchReport> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(Error::io_at(dir))?;
    let out_root = out.unwrap_or(dir);
    for sub in ["out-one", "out-batch"] {
        let _ = std::fs::remove_dir_all(out_root.join(sub));
    }
    let mut lib = Library::open(
        dir.join("library"),
        OpenOptions {
            seed_samples: false,
        },
    )?;
    let size = (3000, 2000);
    let mut ids = Vec::new();
    for n in 0..photos.max(1) {
        let file = dir.join(format!("photo-{n}.jpg"));
        std::fs::write(&file, synthetic_jpeg(size.0, size.1, n as u64 + 1))
            .map_err(Error::io_at(&file))?;
        let p = lib.import_photo(&file)?.photo;
        lib.update_photo(
            p.id,
            &PhotoUpdate {
                credit: Some(format!("Bild: Stadt Dortmund / Fotograf {n}")),
                creator: Some(format!("Fotograf {n}")),
                alt_text: Some(format!("Testbild {n}")),
                caption: Some(format!("Bildunterschrift {n}")),
                ..Default::default()
            },
        )?;
        lib.renditions(p.id)?; // cached from here on
        ids.push(p.id);
    }
    let mut gen = Generator::new(7);
    let mut one = gen.article(0);
    one.lead_photo = Some(LeadPhoto {
        photo_id: ids[0],
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    for id in &ids[1..] {
        one.body
            .push_str(&format!("\n\n![](photo:{id})\n\nWeiter im Text.\n"));
    }
    let one_id = lib.create_articles_at(&[(ArticleState::Ready, one)], Utc::now())?[0];
    // The one article goes through the same path as every export (plan, build, write, record,
    // listing), replacing its bundle each time.
    let lib = std::sync::Mutex::new(lib);
    let one_req = ExportRequest {
        ids: Some(vec![one_id]),
        format: ExportFormat::Both,
        fragment: false,
        out: out_root.join("out-one"),
        force: true,
        include_embargoed: false,
        base_url: None,
    };
    let mut samples = Vec::new();
    let mut one_bundle = None;
    for _ in 0..iterations.max(1) {
        let t = Instant::now();
        let report = export::export(&lib, &one_req, |_| {})?;
        samples.push(t.elapsed());
        if !report.complete() || report.exported.len() != 1 {
            return Err(Error::InvalidState(format!(
                "the one-article export did not complete: {report:?}"
            )));
        }
        one_bundle = report.exported.into_iter().next();
    }
    let one_bundle = one_bundle.expect("at least one iteration");
    let (one_files, one_bytes, one_shared) = dir_bytes(&one_bundle.folder);

    let items: Vec<(ArticleState, ArticleInput)> = (1..=articles)
        .map(|n| {
            let mut a = gen.article(n);
            a.lead_photo = Some(LeadPhoto {
                photo_id: ids[n % ids.len()],
                caption: None,
                alt_text: None,
                crop: None,
                crops: Default::default(),
            });
            (ArticleState::Ready, a)
        })
        .collect();
    lib.lock()
        .unwrap_or_else(|p| p.into_inner())
        .create_articles_at(&items, Utc::now())?;
    let out = out_root.join("out-batch");
    let req = ExportRequest {
        ids: None,
        format: ExportFormat::Both,
        fragment: false,
        out: out.clone(),
        force: true,
        include_embargoed: false,
        base_url: None,
    };
    let t = Instant::now();
    let report = export::export(&lib, &req, |_| {})?;
    let batch_s = t.elapsed().as_secs_f64();
    if report.exported.len() != articles {
        return Err(Error::InvalidState(format!(
            "batch exported {} of {articles}",
            report.exported.len()
        )));
    }
    let (batch_files, batch_bytes, _) = dir_bytes(&out);
    Ok(ExportBenchReport {
        photos: ids.len(),
        photo_size: size,
        one: Stats::from_samples("export 1 article", samples, Some(100.0)),
        one_files,
        one_bytes,
        one_shared,
        batch_articles: articles,
        batch_s,
        batch_per_article_ms: batch_s * 1000.0 / articles.max(1) as f64,
        batch_files,
        batch_bytes,
    })
}

/// Files under `dir`, their bytes, and how many of them have more than one link (shared with
/// the rendition cache).
fn dir_bytes(dir: &Path) -> (usize, u64, usize) {
    let mut acc = (0, 0, 0);
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                let (f, b, s) = dir_bytes(&p);
                acc = (acc.0 + f, acc.1 + b, acc.2 + s);
            } else if let Ok(m) = e.metadata() {
                acc = (
                    acc.0 + 1,
                    acc.1 + m.len(),
                    acc.2 + usize::from(links(&m) > 1),
                );
            }
        }
    }
    acc
}

#[cfg(unix)]
fn links(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(m)
}

#[cfg(not(unix))]
fn links(_m: &std::fs::Metadata) -> u64 {
    1
}
