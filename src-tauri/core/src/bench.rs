//! Benchmarks shared by `newsroom bench` and the criterion benches: a deterministic
//! generator of realistic articles and a timing harness reporting percentiles.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::library::{Library, OpenOptions};
use crate::model::*;

/// Real words, placed at the Zipf rank a city newsroom's corpus would give them: function
/// words at the top, everyday newsroom words in the hundreds, specific terms in the thousands.
/// Every other rank of the [`VOCABULARY`]-word vocabulary is a synthetic word.
const RANKED_WORDS: &[(usize, &str)] = &[
    (0, "die"),
    (1, "der"),
    (2, "und"),
    (3, "in"),
    (4, "das"),
    (5, "mit"),
    (6, "für"),
    (7, "im"),
    (8, "am"),
    (9, "ein"),
    (10, "über"),
    (14, "Stadt"),
    (25, "Dortmund"),
    (40, "neue"),
    (60, "Bürgerinnen"),
    (61, "Bürger"),
    (80, "Rat"),
    (120, "Verwaltung"),
    (150, "Schule"),
    (200, "Straße"),
    (260, "Verkehr"),
    (300, "Projekt"),
    (350, "Kultur"),
    (420, "Familie"),
    (500, "Veranstaltung"),
    (640, "Umfrage"),
    (700, "Förderung"),
    (800, "Bibliothek"),
    (900, "Ausbildung"),
    (1000, "Öffnungszeiten"),
    (1200, "Radweg"),
    (1400, "Stadtbahn"),
    (1500, "Klima"),
    (1700, "Spielplatz"),
    (2000, "Sanierung"),
    (2200, "Brücke"),
    (2500, "Grünfläche"),
    (2800, "Maßnahme"),
    (3000, "Ehrenamt"),
    (3300, "Preis"),
    (3600, "Digitalisierung"),
    (4000, "Übergang"),
    (4500, "Wettbewerb"),
    (6000, "Straßenfest"),
    (8000, "Wasserstoff"),
    (12000, "Hafenbecken"),
];
const VOCABULARY: usize = 30_000;
const SYLLABLES: [&str; 20] = [
    "ba", "ko", "ren", "tal", "mi", "sto", "lu", "ner", "ga", "dor", "hei", "wes", "fa", "ling",
    "bur", "sen", "ro", "an", "ter", "mund",
];

/// A Zipf-distributed (s = 1) vocabulary: word by rank, and the cumulative distribution.
struct Vocabulary {
    words: Vec<String>,
    cdf: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut words: Vec<String> = (0..VOCABULARY)
            .map(|r| {
                let mut w = String::new();
                let mut n = r + 20 * 21; // at least three syllables
                while n > 0 {
                    w.push_str(SYLLABLES[n % 20]);
                    n /= 20;
                }
                w
            })
            .collect();
        for (r, w) in RANKED_WORDS {
            words[*r] = w.to_string();
        }
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (1..=VOCABULARY)
            .map(|r| {
                acc += 1.0 / r as f64;
                acc
            })
            .collect();
        let total = acc;
        cdf.iter_mut().for_each(|c| *c /= total);
        Vocabulary { words, cdf }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self.cdf.partition_point(|&c| c < u).min(VOCABULARY - 1);
        &self.words[i]
    }
}

const PLACES: &[&str] = &[
    "Hörde",
    "Innenstadt-West",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Aplerbeck",
    "Brackel",
    "Eving",
    "Hombruch",
    "Huckarde",
    "Lütgendortmund",
    "Mengede",
    "Scharnhorst",
    "Nordstadt",
];
const TOPICS: &[&str] = &[
    "Wirtschaft",
    "Familie",
    "Bildung",
    "Kultur",
    "Verkehr",
    "Umwelt",
    "Soziales",
    "Sport",
    "Politik",
    "Freizeit",
    "Gesundheit",
    "Sicherheit",
];
const KICKERS: &[&str] = &[
    "Bildung",
    "Stadtleben",
    "Wirtschaft",
    "Verkehr",
    "Rathaus",
    "Kultur",
];

/// A small, fast, deterministic PRNG (xorshift64*), so generated libraries are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Generates realistic article text (see [`RANKED_WORDS`]).
pub struct Generator {
    rng: Rng,
    vocabulary: Vocabulary,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            vocabulary: Vocabulary::new(),
        }
    }

    pub fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.vocabulary.word(&mut self.rng));
        }
        s
    }

    /// One generated article: realistic lengths (headline ~8 words, body ~400 words with
    /// subheadings, a quote and a list).
    pub fn article(&mut self, n: usize) -> ArticleInput {
        generate_article(self, n)
    }
}

fn generate_article(rng: &mut Generator, n: usize) -> ArticleInput {
    let mut body = String::new();
    for section in 0..3 {
        if section > 0 {
            body.push_str(&format!("## {}\n\n", rng.sentence(4)));
        }
        for _ in 0..3 {
            body.push_str(&rng.sentence(40));
            body.push_str(".\n\n");
        }
        if section == 1 {
            body.push_str(&format!(
                "> {}.\n\n- {}\n- {}\n\n",
                rng.sentence(20),
                rng.sentence(5),
                rng.sentence(5)
            ));
        }
    }
    let day = Utc.with_ymd_and_hms(2020, 1, 1, 8, 0, 0).unwrap()
        + chrono::Duration::hours((n as i64) * 5 + rng.rng.below(4) as i64);
    let r = &mut rng.rng;
    let (kicker, topics, place) = (
        r.pick(KICKERS).to_string(),
        [r.pick(TOPICS), r.pick(TOPICS)],
        r.pick(PLACES),
    );
    ArticleInput {
        kicker,
        headline: format!("{} {}", rng.sentence(7), n),
        teaser: rng.sentence(35),
        body,
        related_links: vec![RelatedLink {
            label: rng.sentence(3),
            url: format!("https://www.example.org/artikel/{n}"),
        }],
        topics: topics.iter().map(|t| t.to_string()).collect(),
        places: vec![place.to_string()],
        published_at: Some(crate::dates::to_rfc3339(day)),
        embargo_until: None,
        author: "Pressestelle".into(),
        contact: "presse@example.org".into(),
        lead_photo: None,
    }
}

/// Fills `lib` with `count` generated articles (in batches of 1,000 transactions).
pub fn generate_library(lib: &mut Library, count: usize, seed: u64) -> Result<()> {
    let mut gen = Generator::new(seed);
    let now = Utc::now();
    let mut n = 0;
    while n < count {
        let batch: Vec<_> = (n..count.min(n + 1000))
            .map(|i| {
                let state = ArticleState::ALL[gen.rng.below(4)];
                (state, gen.article(i))
            })
            .collect();
        n += batch.len();
        lib.create_articles_at(&batch, now)?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub name: String,
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// The target this operation is held to, if any.
    pub target_p95_ms: Option<f64>,
}

impl Stats {
    pub fn from_samples(name: &str, mut d: Vec<Duration>, target: Option<f64>) -> Stats {
        d.sort();
        let ms = |x: Duration| x.as_secs_f64() * 1000.0;
        let at = |q: f64| ms(d[((d.len() as f64 - 1.0) * q).round() as usize]);
        Stats {
            name: name.into(),
            samples: d.len(),
            p50_ms: at(0.5),
            p95_ms: at(0.95),
            max_ms: ms(*d.last().unwrap()),
            target_p95_ms: target,
        }
    }
    pub fn meets_target(&self) -> bool {
        self.target_p95_ms.is_none_or(|t| self.p95_ms <= t)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct StoreReport {
    pub articles: u64,
    pub generate_s: f64,
    pub ops: Vec<Stats>,
}

/// Search queries as press officers type them: specific terms, places, topics, two words,
/// folded spellings (ss for ß, no umlauts), prefixes while typing, and very common words
/// ("Stadt" is in most articles: the worst case for ranking).
pub const QUERIES: &[&str] = &[
    "Strassenfest",
    "hoerde",
    "Bibliothek Öffnungszeiten",
    "Radweg",
    "Stadt",
    "Stadtbahn",
    "Spielpl",
    "Sanierung Brücke",
    "Grünflache",
    "Massnahme",
    "Ehrenamt Preis",
    "Familie",
    "Digitalisierung",
    "Ubergang",
    "horde",
    "Wettbewerb",
    "Dortmund Verwaltung",
    "Wasserst",
];

/// The store benchmark: on a library of `count` articles (generated if it has fewer), times
/// list first page, search, open article and autosave, `iterations` times each.
pub fn store_bench(dir: &std::path::Path, count: usize, iterations: usize) -> Result<StoreReport> {
    let mut lib = Library::open(
        dir,
        OpenOptions {
            seed_samples: false,
        },
    )?;
    let t0 = Instant::now();
    let have = lib.article_count()? as usize;
    if have < count {
        generate_library(&mut lib, count - have, have as u64 + 1)?;
    }
    let generate_s = t0.elapsed().as_secs_f64();
    let total = lib.article_count()?;
    let ids: Vec<i64> = {
        let mut stmt = lib.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids
    };
    let mut rng = Rng::new(42);
    let time = |f: &mut dyn FnMut() -> Result<()>| -> Result<Duration> {
        let t = Instant::now();
        f()?;
        Ok(t.elapsed())
    };
    let mut list = Vec::new();
    let mut search = Vec::new();
    let mut open = Vec::new();
    let mut save = Vec::new();
    let mut common = Vec::new();
    let mut flush = Vec::new();
    for i in 0..iterations {
        list.push(time(&mut || {
            lib.list_articles(&ListQuery::default()).map(drop)
        })?);
        let q = ListQuery {
            text: Some(QUERIES[i % QUERIES.len()].into()),
            ..Default::default()
        };
        search.push(time(&mut || lib.list_articles(&q).map(drop))?);
        let q = ListQuery {
            text: Some("Stadt".into()),
            ..Default::default()
        };
        common.push(time(&mut || lib.list_articles(&q).map(drop))?);
        let id = ids[rng.below(ids.len())];
        open.push(time(&mut || lib.get_article(id).map(drop))?);
        let mut input = lib.get_article(id)?.input();
        input.body.push_str(" Ergänzung");
        input.headline.push('!');
        save.push(time(&mut || lib.save_article(id, &input).map(drop))?);
        // The app's idle maintenance indexes saved articles off the typing path.
        flush.push(time(&mut || lib.flush_index().map(drop))?);
    }
    Ok(StoreReport {
        articles: total,
        generate_s,
        ops: vec![
            Stats::from_samples("list first page", list, None),
            Stats::from_samples("search", search, Some(15.0)),
            Stats::from_samples("search \"Stadt\"", common, None),
            Stats::from_samples("open article", open, Some(10.0)),
            Stats::from_samples("autosave", save, Some(5.0)),
            Stats::from_samples("index flush (idle)", flush, None),
        ],
    })
}

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
    dir: &std::path::Path,
    out: Option<&std::path::Path>,
    photos: usize,
    articles: usize,
    iterations: usize,
) -> Result<ExportBenchReport> {
    use crate::export::{self, ExportFormat, ExportRequest};
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir.display().to_string(), e))?;
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
            .map_err(|e| crate::Error::io(file.display().to_string(), e))?;
        let p = lib.import_photo(&file)?.photo;
        lib.update_photo(
            p.id,
            &crate::photos::PhotoUpdate {
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
    };
    let mut samples = Vec::new();
    let mut one_bundle = None;
    for _ in 0..iterations.max(1) {
        let t = Instant::now();
        let report = export::export(&lib, &one_req, |_| {})?;
        samples.push(t.elapsed());
        if !report.complete() || report.exported.len() != 1 {
            return Err(crate::Error::InvalidState(format!(
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
    };
    let t = Instant::now();
    let report = export::export(&lib, &req, |_| {})?;
    let batch_s = t.elapsed().as_secs_f64();
    if report.exported.len() != articles {
        return Err(crate::Error::InvalidState(format!(
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
fn dir_bytes(dir: &std::path::Path) -> (usize, u64, usize) {
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
