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
        let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
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
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
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
