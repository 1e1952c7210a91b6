//! `newsroom bench store|export|renditions`: the benchmarks of `newsroom-bench`, printed as a
//! table or JSON, failing when an operation misses its target.

use std::path::PathBuf;

use clap::Subcommand;
use newsroom_core::server::ServerUrl;
use newsroom_core::{Error, Library, OpenOptions, Result};

use crate::{output, Cli};

#[derive(Subcommand)]
pub(crate) enum BenchCmd {
    /// Time list, search, open and autosave on a generated library (default 10,000 articles).
    Store {
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 300)]
        iterations: usize,
        /// Keep the generated library here (reused when run again); default: a temp folder.
        /// With --server, this desk's cache folder for the shared library.
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Run on a shared library instead: a postgres:// URL whose database (or schema, with
        /// `?options=-c%20search_path%3DNAME`) is empty or holds an earlier run's library.
        #[arg(long, value_name = "URL")]
        server: Option<String>,
    },
    /// Many desks on one shared library at once (threads with their own connections):
    /// autosaves while typing, lock traffic, list refreshes, searches, one photo import per
    /// desk, pairs writing one article. p50/p95 per operation; fails on a lost update, an
    /// error or a missed target (autosave p95 ≤ 25 ms, search p95 ≤ 30 ms).
    Team {
        /// The shared library (postgres:// URL; generated up to --articles).
        url: String,
        #[arg(long, default_value_t = 30)]
        desks: usize,
        #[arg(long, default_value_t = 10_000)]
        articles: usize,
        #[arg(long, default_value_t = 60)]
        rounds: usize,
        /// Milliseconds between one desk's saves (people type; they do not save flat out).
        #[arg(long, default_value_t = 1000)]
        pace_ms: u64,
    },
    /// Time exporting one article with N photos (renditions cached; target ≤ 100 ms) and a
    /// batch of generated ready articles, each with a lead photo.
    Export {
        #[arg(long, default_value_t = 10)]
        photos: usize,
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        #[arg(long, default_value_t = 30)]
        iterations: usize,
        /// Work here (emptied first); default: a temp folder.
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Write the bundles here instead (on another filesystem than --dir, renditions are
        /// copied rather than shared).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Time making every crop of the default set (wide, social, square, classic at 320, 640
    /// and 1,200 px, JPEG and WebP) from one decode; with --vs-vips, vipsthumbnail
    /// --smartcrop centre making the same crops and sizes in the same run (target ≤ 0.5×).
    Crops {
        file: PathBuf,
        #[arg(long, default_value_t = 5)]
        iterations: usize,
        #[arg(long)]
        vs_vips: bool,
    },
    /// Time making the default rendition set (4 widths, JPEG and WebP) from one photo;
    /// reports min/median. With --vs-vips, times vipsthumbnail on the same job in the same run.
    Renditions {
        file: PathBuf,
        #[arg(long, default_value_t = 7)]
        iterations: usize,
        #[arg(long)]
        vs_vips: bool,
    },
}

const EMPTY: OpenOptions = OpenOptions {
    seed_samples: false,
};

pub(crate) fn run(cli: &Cli, cmd: &BenchCmd) -> Result<()> {
    match cmd {
        BenchCmd::Renditions {
            file,
            iterations,
            vs_vips,
        } => {
            let report = newsroom_bench::renditions(file, *iterations, *vs_vips)?;
            output(cli, &report, |report| {
                print!("{report}");
            });
            Ok(())
        }
        BenchCmd::Crops {
            file,
            iterations,
            vs_vips,
        } => {
            let report = newsroom_bench::crops(file, *iterations, *vs_vips)?;
            output(cli, &report, |report| print!("{report}"));
            Ok(())
        }
        BenchCmd::Export {
            photos,
            articles,
            iterations,
            dir,
            out,
        } => {
            let (_tmp, dir) = TempDir::unless(dir)?;
            let r = newsroom_bench::export_bench(
                &dir,
                out.as_deref(),
                *photos,
                *articles,
                *iterations,
            )?;
            output(cli, &r, |r| {
                println!(
                    "one article, {} photos of {}x{} (renditions cached), {} runs: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms (target p95 ≤ 100 ms: {}); {} files, {:.1} MB, {} shared with the rendition cache",
                    r.photos, r.photo_size.0, r.photo_size.1, r.one.samples, r.one.p50_ms, r.one.p95_ms, r.one.max_ms,
                    if r.one.meets_target() { "ok" } else { "MISSED" }, r.one_files, r.one_bytes as f64 / 1e6, r.one_shared
                );
                println!(
                    "batch of {} articles (each with a lead photo): {:.2} s, {:.1} ms per article; {} files, {:.1} MB",
                    r.batch_articles, r.batch_s, r.batch_per_article_ms, r.batch_files, r.batch_bytes as f64 / 1e6
                );
            });
            if r.one.meets_target() {
                Ok(())
            } else {
                Err(Error::InvalidState(
                    "the one-article export missed its target".into(),
                ))
            }
        }
        BenchCmd::Team {
            url,
            desks,
            articles,
            rounds,
            pace_ms,
        } => {
            let url = ServerUrl::parse(url)?;
            let (_tmp, dir) = TempDir::unless(&None)?;
            let r = newsroom_bench::team_bench(
                &url,
                &dir,
                *desks,
                *articles,
                *rounds,
                std::time::Duration::from_millis(*pace_ms),
            )?;
            output(cli, &r, |r| {
                println!(
                    "{} desks on {} ({} articles), {} rounds in {:.1} s",
                    r.desks, r.library, r.articles, r.rounds, r.seconds
                );
                println!(
                    "{:<18} {:>7} {:>9} {:>9} {:>9} {:>10}",
                    "operation", "n", "p50 ms", "p95 ms", "max ms", "target"
                );
                for s in &r.ops {
                    let target = match s.target_p95_ms {
                        Some(t) => {
                            format!("≤{t} {}", if s.meets_target() { "ok" } else { "MISSED" })
                        }
                        None => "-".into(),
                    };
                    println!(
                        "{:<18} {:>7} {:>9.3} {:>9.3} {:>9.3} {:>10}",
                        s.name, s.samples, s.p50_ms, s.p95_ms, s.max_ms, target
                    );
                }
                println!(
                    "lost updates: {}, errors: {}",
                    r.lost_updates,
                    r.errors.len()
                );
                for e in &r.errors {
                    println!("  {e}");
                }
            });
            if r.lost_updates == 0 && r.errors.is_empty() && r.ops.iter().all(|s| s.meets_target())
            {
                Ok(())
            } else {
                Err(Error::InvalidState(
                    "the team benchmark lost updates, failed or missed a target".into(),
                ))
            }
        }
        BenchCmd::Store {
            articles,
            iterations,
            dir,
            server,
        } => {
            let (_tmp, dir) = TempDir::unless(dir)?;
            let mut lib = match server {
                Some(url) => {
                    let url = ServerUrl::parse(url)?;
                    Library::open_server(&url, Some(&dir), EMPTY)?
                }
                None => Library::open(&dir, EMPTY)?,
            };
            let report = newsroom_bench::store_bench_on(&mut lib, *articles, *iterations)?;
            output(cli, &report, |report| {
                println!(
                    "library of {} articles at {} (generated in {:.1} s), {} iterations",
                    report.articles, report.library, report.generate_s, iterations
                );
                println!(
                    "{:<18} {:>9} {:>9} {:>9} {:>10}",
                    "operation", "p50 ms", "p95 ms", "max ms", "target"
                );
                for s in &report.ops {
                    let target = match s.target_p95_ms {
                        Some(t) => {
                            format!("≤{t} {}", if s.meets_target() { "ok" } else { "MISSED" })
                        }
                        None => "-".into(),
                    };
                    println!(
                        "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>10}",
                        s.name, s.p50_ms, s.p95_ms, s.max_ms, target
                    );
                }
            });
            if report.ops.iter().all(|s| s.meets_target()) {
                Ok(())
            } else {
                Err(Error::InvalidState("a benchmark missed its target".into()))
            }
        }
    }
}

/// A temporary folder removed on drop (keeps the CLI free of extra dependencies).
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<TempDir> {
        let p = std::env::temp_dir().join(format!("newsroom-bench-{}", std::process::id()));
        std::fs::create_dir_all(&p).map_err(Error::io_at(&p))?;
        Ok(TempDir(p))
    }

    /// The benchmark's folder: `dir` if given (kept), else a temp folder removed when the
    /// returned guard drops.
    fn unless(dir: &Option<PathBuf>) -> Result<(Option<TempDir>, PathBuf)> {
        match dir {
            Some(d) => Ok((None, d.clone())),
            None => {
                let t = TempDir::new()?;
                let p = t.0.clone();
                Ok((Some(t), p))
            }
        }
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
