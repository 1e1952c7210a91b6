//! The store benchmark (`newsroom bench store`): list, search, open and autosave on a generated
//! library, with their targets.

use std::path::Path;
use std::time::{Duration, Instant};

use newsroom_core::{Library, ListQuery, OpenOptions, Result};
use serde::Serialize;

use crate::{generate_library, Rng, Stats};

#[derive(Debug, Clone, Serialize)]
pub struct StoreReport {
    /// Where the library is: its folder, or the shared library's server (no password).
    pub library: String,
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

/// Targets (p95, ms) of a library folder: search, open article, autosave.
pub const FOLDER_TARGETS: [Option<f64>; 3] = [Some(15.0), Some(10.0), Some(5.0)];
/// Targets (p95, ms) of a shared library, where every statement is a round trip to the
/// server: search, open article, autosave.
pub const SERVER_TARGETS: [Option<f64>; 3] = [Some(30.0), None, Some(25.0)];

/// The store benchmark: on a library of `count` articles (generated if it has fewer), times
/// list first page, search, open article and autosave, `iterations` times each.
pub fn store_bench(dir: &Path, count: usize, iterations: usize) -> Result<StoreReport> {
    let mut lib = Library::open(
        dir,
        OpenOptions {
            seed_samples: false,
        },
    )?;
    store_bench_on(&mut lib, count, iterations)
}

/// [`store_bench`] on an open library, a folder or a shared one (its targets chosen by where
/// it is).
pub fn store_bench_on(lib: &mut Library, count: usize, iterations: usize) -> Result<StoreReport> {
    let targets = if lib.location().is_server() {
        SERVER_TARGETS
    } else {
        FOLDER_TARGETS
    };
    let t0 = Instant::now();
    let have = lib.article_count()? as usize;
    if have < count {
        generate_library(lib, count - have, have as u64 + 1)?;
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
        library: lib.location().display(),
        articles: total,
        generate_s,
        ops: vec![
            Stats::from_samples("list first page", list, None),
            Stats::from_samples("search", search, targets[0]),
            Stats::from_samples("search \"Stadt\"", common, None),
            Stats::from_samples("open article", open, targets[1]),
            Stats::from_samples("autosave", save, targets[2]),
            Stats::from_samples("index flush (idle)", flush, None),
        ],
    })
}
