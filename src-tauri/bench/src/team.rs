//! The team benchmark (`newsroom bench team URL --desks N`): N desks on one shared library at
//! once, each a thread with a connection of its own doing what a desk does: holding and
//! renewing the lock of the article it writes, autosaving while typing (from the version it
//! last saved, as the app does), refreshing the list, searching, opening articles, importing
//! one photo; pairs of desks also write different fields of one article. Paced like people,
//! not flat out: per desk a save every `pace` (the app saves about once a second while its
//! user types), the list every other save (it follows colleagues' saves), a search every ten
//! and an article opened every five; the imports spread over the run. Afterwards every desk's last text is checked
//! against the library: a lost update or an error is counted, and the run fails on any.

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use newsroom_core::server::ServerUrl;
use newsroom_core::{ArticleInput, Error, Library, ListQuery, OpenOptions, Result};
use serde::Serialize;

use crate::{generate_library, synthetic_jpeg, Rng, Stats, QUERIES, SERVER_TARGETS};

#[derive(Debug, Clone, Serialize)]
pub struct TeamReport {
    pub library: String,
    pub desks: usize,
    pub articles: u64,
    pub rounds: usize,
    pub seconds: f64,
    pub ops: Vec<Stats>,
    /// Texts a desk saved that the library does not have at the end (current or as a
    /// revision).
    pub lost_updates: usize,
    pub errors: Vec<String>,
}

#[derive(Default)]
struct Samples {
    save: Vec<Duration>,
    open: Vec<Duration>,
    list: Vec<Duration>,
    search: Vec<Duration>,
    lock: Vec<Duration>,
    import: Vec<Duration>,
}

const EMPTY: OpenOptions = OpenOptions {
    seed_samples: false,
};

/// Runs the team benchmark on the shared library at `url` (generated up to `articles`).
pub fn team_bench(
    url: &ServerUrl,
    cache: &Path,
    desks: usize,
    articles: usize,
    rounds: usize,
    pace: Duration,
) -> Result<TeamReport> {
    let mut owner = Library::open_server(url, Some(&cache.join("owner")), EMPTY)?;
    let have = owner.article_count()? as usize;
    if have < articles {
        generate_library(&mut owner, articles - have, have as u64 + 1)?;
    }
    // One article per desk to write, and one per pair that both write (different fields).
    let own: Vec<i64> = (0..desks)
        .map(|d| {
            owner
                .create_article(&ArticleInput {
                    headline: format!("Schreibtisch {d}: Artikel in Arbeit"),
                    ..Default::default()
                })
                .map(|a| a.id)
        })
        .collect::<Result<_>>()?;
    let shared: Vec<i64> = (0..desks.div_ceil(2))
        .map(|p| {
            owner
                .create_article(&ArticleInput {
                    headline: format!("Gemeinsamer Artikel {p}"),
                    ..Default::default()
                })
                .map(|a| a.id)
        })
        .collect::<Result<_>>()?;
    let photos = cache.join("photos");
    std::fs::create_dir_all(&photos).map_err(Error::io_at(&photos))?;

    let samples = Mutex::new(Samples::default());
    let errors = Mutex::new(Vec::<String>::new());
    let finals = Mutex::new(Vec::<(i64, ArticleInput)>::new());
    let started = Instant::now();
    std::thread::scope(|s| {
        for d in 0..desks {
            let (samples, errors, finals) = (&samples, &errors, &finals);
            let (own, shared, photos) = (own[d], shared[d / 2], &photos);
            s.spawn(move || {
                let run = || -> Result<()> {
                    let mut lib =
                        Library::open_server(url, Some(&cache.join(format!("desk-{d}"))), EMPTY)?;
                    lib.set_user(format!("Schreibtisch {d}"));
                    let mut rng = Rng::new(d as u64 + 7);
                    let mut mine = Samples::default();
                    let session = format!("bench-desk-{d}");
                    let time =
                        |v: &mut Vec<Duration>, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
                            let t = Instant::now();
                            f()?;
                            v.push(t.elapsed());
                            Ok(())
                        };
                    time(&mut mine.lock, &mut || {
                        lib.lock_article(own, &session).map(drop)
                    })?;
                    let a = lib.get_article(own)?;
                    let (mut input, mut version) = (a.input(), a.version);
                    let mut shared_input = lib.get_article(shared)?;
                    let mut shared_version = shared_input.version;
                    for round in 0..rounds {
                        let tick = Instant::now();
                        input.body.push_str(&format!(" Wort{round}"));
                        let mut out = None;
                        time(&mut mine.save, &mut || {
                            out = Some(lib.autosave_from(own, &input, version)?);
                            Ok(())
                        })?;
                        version = out.expect("saved").article.version;
                        if round % 5 == 0 {
                            time(&mut mine.lock, &mut || {
                                lib.renew_lock(own, &session).map(drop)
                            })?;
                            // The pair's shared article: this desk writes its own field.
                            let mut si = shared_input.input();
                            if d % 2 == 0 {
                                si.teaser = format!("Teaser von Schreibtisch {d}, Runde {round}");
                            } else {
                                si.kicker = format!("Dachzeile {d}/{round}");
                            }
                            let o = lib.autosave_from(shared, &si, shared_version)?;
                            shared_version = o.article.version;
                            shared_input = o.article;
                        }
                        // The list follows every colleague's save (live updates, at most a
                        // couple of times a second); people search and open now and then.
                        if round % 2 == 0 {
                            time(&mut mine.list, &mut || {
                                lib.list_articles(&ListQuery::default()).map(drop)
                            })?;
                        }
                        if round % 10 == d % 10 {
                            let q = ListQuery {
                                text: Some(QUERIES[rng.below(QUERIES.len())].into()),
                                ..Default::default()
                            };
                            time(&mut mine.search, &mut || lib.list_articles(&q).map(drop))?;
                        }
                        if round % 5 == d % 5 {
                            let id = own + 1 - rng.below(3) as i64;
                            time(&mut mine.open, &mut || lib.get_article(id.max(1)).map(drop))?;
                        }
                        // Imports are spread over the run, one desk after another.
                        if round == d * rounds / desks {
                            let file = photos.join(format!("desk-{d}.jpg"));
                            std::fs::write(&file, synthetic_jpeg(1600, 1067, d as u64 + 1))
                                .map_err(Error::io_at(&file))?;
                            time(&mut mine.import, &mut || lib.import_photo(&file).map(drop))?;
                        }
                        if let Some(rest) = pace.checked_sub(tick.elapsed()) {
                            std::thread::sleep(rest);
                        }
                    }
                    lib.release_lock(own, &session)?;
                    finals.lock().unwrap().push((own, input));
                    let mut all = samples.lock().unwrap();
                    all.save.extend(mine.save);
                    all.open.extend(mine.open);
                    all.list.extend(mine.list);
                    all.search.extend(mine.search);
                    all.lock.extend(mine.lock);
                    all.import.extend(mine.import);
                    Ok(())
                };
                if let Err(e) = run() {
                    errors.lock().unwrap().push(format!("desk {d}: {e}"));
                }
            });
        }
    });
    let seconds = started.elapsed().as_secs_f64();

    // Every desk's last text is the article's; every pair's two fields both landed.
    let mut lost = 0;
    for (id, input) in finals.into_inner().unwrap() {
        if owner.get_article(id)?.body != input.body {
            lost += 1;
        }
    }
    for (p, &id) in shared.iter().enumerate() {
        let a = owner.get_article(id)?;
        if !a.teaser.starts_with("Teaser von Schreibtisch") {
            lost += 1;
        }
        if 2 * p + 1 < desks && !a.kicker.starts_with("Dachzeile") {
            lost += 1;
        }
    }
    let s = samples.into_inner().unwrap();
    let nonempty = |name: &str, v: Vec<Duration>, target| {
        (!v.is_empty()).then(|| Stats::from_samples(name, v, target))
    };
    Ok(TeamReport {
        library: url.display(),
        desks,
        articles: owner.article_count()?,
        rounds,
        seconds,
        ops: [
            nonempty("autosave", s.save, SERVER_TARGETS[2]),
            nonempty("open article", s.open, None),
            nonempty("list first page", s.list, None),
            nonempty("search", s.search, SERVER_TARGETS[0]),
            nonempty("lock / renew", s.lock, None),
            nonempty("photo import", s.import, None),
        ]
        .into_iter()
        .flatten()
        .collect(),
        lost_updates: lost,
        errors: errors.into_inner().unwrap(),
    })
}
