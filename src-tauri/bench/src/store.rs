//! The store benchmark (`newsroom bench store`): list, search, open and autosave on a generated
//! library, with their targets.

use std::path::Path;
use std::time::{Duration, Instant};

use newsroom_core::{Library, ListQuery, OpenOptions, Result};
use serde::Serialize;

use crate::{generate_library, Rng, Stats};

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
pub fn store_bench(dir: &Path, count: usize, iterations: usize) -> Result<StoreReport> {
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
    let ids = lib.article_ids()?;
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
