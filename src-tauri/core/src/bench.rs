//! Benchmarks shared by `newsroom bench` and the criterion benches: a deterministic
//! generator of realistic articles and a timing harness reporting percentiles.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use serde::Serialize;

use crate::error::Result;
use crate::library::{Library, OpenOptions};
use crate::model::*;

const WORDS: &[&str] = &[
    "Stadt", "Bezirk", "Rathaus", "Schule", "Kita", "Straßenfest", "Bürgerinnen", "Bürger",
    "Verwaltung", "Hafen", "Bibliothek", "Ausbildung", "Umfrage", "Förderung", "Verkehr",
    "Radweg", "Spielplatz", "Kultur", "Museum", "Konzert", "Wirtschaft", "Gründung", "Energie",
    "Klima", "Wasserstoff", "Feuerwehr", "Ordnungsamt", "Rat", "Sitzung", "Beschluss", "Haushalt",
    "Sanierung", "Brücke", "Park", "Grünfläche", "Jugend", "Senioren", "Familie", "Beratung",
    "Anmeldung", "Veranstaltung", "Ausstellung", "Projekt", "Initiative", "Nachbarschaft",
    "Quartier", "Baustelle", "Umleitung", "Stadtbahn", "Haltestelle", "Öffnungszeiten",
    "Sprechstunde", "Wettbewerb", "Preis", "Ehrenamt", "Sport", "Schwimmbad", "Sportplatz",
    "Digitalisierung", "Service", "Bürgerbüro", "Termin", "neu", "geplant", "eröffnet",
    "beginnt", "lädt", "ein", "und", "mit", "für", "am", "im", "der", "die", "das", "über",
    "Übergang", "Größe", "Maßnahme", "Straße", "weiß", "schön", "grün", "möglich",
];
const PLACES: &[&str] = &[
    "Hörde", "Innenstadt-West", "Innenstadt-Nord", "Innenstadt-Ost", "Aplerbeck", "Brackel",
    "Eving", "Hombruch", "Huckarde", "Lütgendortmund", "Mengede", "Scharnhorst", "Nordstadt",
];
const TOPICS: &[&str] = &[
    "Wirtschaft", "Familie", "Bildung", "Kultur", "Verkehr", "Umwelt", "Soziales", "Sport",
    "Politik", "Freizeit", "Gesundheit", "Sicherheit",
];
const KICKERS: &[&str] = &["Bildung", "Stadtleben", "Wirtschaft", "Verkehr", "Rathaus", "Kultur"];

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
    pub fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.pick(WORDS));
        }
        s
    }
}

/// One generated article: realistic lengths (headline ~8 words, body ~400 words with
/// subheadings, a quote and a list).
pub fn generate_article(rng: &mut Rng, n: usize) -> ArticleInput {
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
            body.push_str(&format!("> {}.\n\n- {}\n- {}\n\n", rng.sentence(20), rng.sentence(5), rng.sentence(5)));
        }
    }
    let day = Utc.with_ymd_and_hms(2020, 1, 1, 8, 0, 0).unwrap()
        + chrono::Duration::hours((n as i64) * 5 + rng.below(4) as i64);
    ArticleInput {
        kicker: rng.pick(KICKERS).to_string(),
        headline: format!("{} {}", rng.sentence(7), n),
        teaser: rng.sentence(35),
        body,
        related_links: vec![RelatedLink {
            label: rng.sentence(3),
            url: format!("https://www.example.org/artikel/{n}"),
        }],
        topics: vec![rng.pick(TOPICS).to_string(), rng.pick(TOPICS).to_string()],
        places: vec![rng.pick(PLACES).to_string()],
        published_at: Some(crate::dates::to_rfc3339(day)),
        embargo_until: None,
        author: "Pressestelle".into(),
        contact: "presse@example.org".into(),
    }
}

/// Fills `lib` with `count` generated articles (in batches of 1,000 transactions).
pub fn generate_library(lib: &mut Library, count: usize, seed: u64) -> Result<()> {
    let mut rng = Rng::new(seed);
    let now = Utc::now();
    let mut n = 0;
    while n < count {
        let batch: Vec<_> = (n..count.min(n + 1000))
            .map(|i| {
                let state = ArticleState::ALL[rng.below(4)];
                (state, generate_article(&mut rng, i))
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

/// Realistic search queries: single words, two words, folded spellings, prefixes.
pub const QUERIES: &[&str] = &[
    "Strassenfest", "hoerde", "Bibliothek Öffnungszeiten", "Radweg", "klima energie",
    "Stadtbahn", "Spielpl", "Sanierung Brücke", "Grünfläche", "Maßnahme", "Ehrenamt Preis",
    "Digitalisierung", "Übergang", "horde", "Wettbewerb",
];

/// The store benchmark: on a library of `count` articles (generated if it has fewer), times
/// list first page, search, open article and autosave, `iterations` times each.
pub fn store_bench(dir: &std::path::Path, count: usize, iterations: usize) -> Result<StoreReport> {
    let mut lib = Library::open(dir, OpenOptions { seed_samples: false })?;
    let t0 = Instant::now();
    let have = lib.article_count()? as usize;
    if have < count {
        generate_library(&mut lib, count - have, have as u64 + 1)?;
    }
    let generate_s = t0.elapsed().as_secs_f64();
    let total = lib.article_count()?;
    let ids: Vec<i64> = {
        let mut stmt = lib.conn.prepare("SELECT id FROM articles ORDER BY id")?;
        let ids = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
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
    for i in 0..iterations {
        list.push(time(&mut || lib.list_articles(&ListQuery::default()).map(drop))?);
        let q = ListQuery { text: Some(QUERIES[i % QUERIES.len()].into()), ..Default::default() };
        search.push(time(&mut || lib.list_articles(&q).map(drop))?);
        let id = ids[rng.below(ids.len())];
        open.push(time(&mut || lib.get_article(id).map(drop))?);
        let mut input = lib.get_article(id)?.input();
        input.body.push_str(" Ergänzung");
        input.headline.push('!');
        save.push(time(&mut || lib.save_article(id, &input).map(drop))?);
    }
    Ok(StoreReport {
        articles: total,
        generate_s,
        ops: vec![
            Stats::from_samples("list first page", list, None),
            Stats::from_samples("search", search, Some(15.0)),
            Stats::from_samples("open article", open, Some(10.0)),
            Stats::from_samples("autosave", save, Some(5.0)),
        ],
    })
}
