//! `newsroom`: the headless command line over a Newsroom library (no Tauri).
//!
//! Exit codes: 0 ok, 1 a domain error (printed as `{code, message}` with `--json`),
//! 2 a usage error.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

mod apply;
mod bench;
mod export;
mod framing;
mod password;
mod photo;
mod shared;
mod update;
mod words;

use clap::{Args, Parser, Subcommand};
use newsroom_core::{
    dates, library, render, Article, ArticleInput, ArticleState, ArticleSummary, Error, Library,
    ListQuery, OpenOptions, Result, RevisionSummary,
};
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "newsroom",
    version,
    about = "Newsroom's library from the command line"
)]
pub(crate) struct Cli {
    /// The library: a folder, or a shared library's postgres:// URL (default:
    /// $NEWSROOM_LIBRARY, else the app's data folder).
    #[arg(long, global = true, value_name = "DIR|URL")]
    library: Option<String>,
    /// Machine-readable JSON output (errors as {"error": {code, message}} on stderr).
    #[arg(long, global = true)]
    json: bool,
    /// Do not fill a newly created library with the sample articles.
    #[arg(long, global = true)]
    no_samples: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create, edit, search and move articles.
    #[command(subcommand)]
    Article(ArticleCmd),
    /// Import photos, edit their metadata and credits, make renditions.
    #[command(subcommand)]
    Photo(photo::PhotoCmd),
    /// Export articles as bundles (index.html, article.json, images/) into a folder, with a
    /// listing (index.html, feed.json). Exit 1 when the preflight holds something back.
    Export(export::ExportArgs),
    /// The spelling word list: names the spell checker accepts.
    #[command(subcommand)]
    Words(words::WordsCmd),
    /// Check the library: where it is, schema version, integrity, article count, and the
    /// files nobody claims (originals, thumbnails, renditions of photos that are gone, temp
    /// files of processes that died), older than ten minutes.
    Check {
        /// Remove those files, and say which.
        #[arg(long)]
        repair: bool,
    },
    /// Shared libraries on a PostgreSQL server.
    #[command(subcommand)]
    Server(shared::ServerCmd),
    /// Copy a library folder into a shared library (push) or back into a folder (pull).
    #[command(subcommand)]
    Library(shared::LibraryCmd),
    /// Render CommonMark (FILE or stdin) to the sanitized HTML the app shows.
    Render { file: Option<PathBuf> },
    /// Benchmarks.
    #[command(subcommand)]
    Bench(bench::BenchCmd),
}

#[derive(Subcommand)]
enum ArticleCmd {
    /// Create an article from article JSON (FILE or stdin; all fields optional).
    Create { file: Option<PathBuf> },
    /// Change an article: fields present in the JSON replace those of the version it names
    /// (`version`, as `article show --json` printed it); what others stored since is merged,
    /// and a field both changed keeps theirs while this text is kept as a conflict revision.
    Update {
        id: i64,
        file: Option<PathBuf>,
        /// Without a `version` in the JSON: base the change on the current version.
        #[arg(long)]
        latest: bool,
    },
    /// Show one article.
    Show { id: i64 },
    /// List articles, newest first.
    List(ListArgs),
    /// Full-text search, best match first (case, diacritics and ß/ss folded).
    Search {
        query: String,
        #[command(flatten)]
        filter: ListArgs,
    },
    /// Move an article to draft|review|ready|exported (German names work too).
    State { id: i64, state: String },
    /// List an article's revisions, newest first.
    Revisions { id: i64 },
    /// Restore a revision (as a new revision).
    Restore { id: i64, rev: i64 },
    /// Delete an article and its revisions.
    Delete { id: i64 },
    /// The export preflight: errors (which hold an article back) and warnings. Exit 1 on errors.
    Check { id: i64 },
}

#[derive(Args, Default)]
struct ListArgs {
    #[arg(long)]
    state: Option<String>,
    #[arg(long)]
    topic: Option<String>,
    #[arg(long)]
    limit: Option<u32>,
    #[arg(long)]
    offset: Option<u32>,
}

fn main() -> ExitCode {
    // Like any Unix tool: when the reader of our output goes away (`newsroom … | head`), end
    // quietly by SIGPIPE instead of panicking in `println!` on EPIPE (Rust ignores SIGPIPE).
    #[cfg(unix)]
    // SAFETY: called first, before any thread exists; SIG_DFL is a valid disposition.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    newsroom_core::imaging::limit_malloc_arenas();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if cli.json {
                let out = serde_json::json!({ "error": e.payload() });
                eprintln!("{out}");
            } else {
                eprintln!("newsroom: {e} [{}]", e.code());
            }
            ExitCode::from(1)
        }
    }
}

pub(crate) fn open(cli: &Cli) -> Result<Library> {
    let location = library::resolve_location(cli.library.as_deref())?;
    Library::open_location(
        &location,
        OpenOptions {
            seed_samples: !cli.no_samples,
        },
    )
}

fn read_input(file: &Option<PathBuf>) -> Result<serde_json::Value> {
    let mut text = String::new();
    match file.as_deref() {
        Some(p) if p.as_os_str() != "-" => {
            text = std::fs::read_to_string(p)
                .map_err(|e| Error::io(format!("cannot read {}", p.display()), e))?
        }
        _ => {
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::io("cannot read stdin", e))?;
        }
    }
    serde_json::from_str(&text).map_err(|e| Error::invalid(format!("input is not valid JSON: {e}")))
}

pub(crate) fn print_json<T: Serialize>(v: &T) {
    println!("{}", serde_json::to_string_pretty(v).expect("serializable"));
}

/// Prints `v`: as JSON with `--json`, else as `human` writes it for a person.
pub(crate) fn output<T: Serialize>(cli: &Cli, v: &T, human: impl FnOnce(&T)) {
    if cli.json {
        print_json(v);
    } else {
        human(v);
    }
}

/// Prints `items`: as a JSON array with `--json`, else one `line` each.
pub(crate) fn output_lines<T: Serialize>(cli: &Cli, items: &[T], line: impl Fn(&T) -> String) {
    output(cli, &items, |items| {
        for item in *items {
            println!("{}", line(item));
        }
    });
}

fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Article(cmd) => article(cli, cmd),
        Command::Photo(cmd) => photo::run(cli, cmd),
        Command::Words(cmd) => words::run(cli, cmd),
        Command::Export(args) => export::run(cli, args),
        Command::Server(cmd) => shared::server(cli, cmd),
        Command::Library(cmd) => shared::library(cli, cmd),
        Command::Check { repair } => {
            let lib = open(cli)?;
            let integrity = lib.integrity_check()?;
            let orphans = if *repair {
                lib.repair_files()?
            } else {
                lib.orphan_files()?
            };
            let orphans: Vec<String> = orphans.iter().map(|p| p.display().to_string()).collect();
            let report = serde_json::json!({
                "library": lib.location().display(),
                "shared": lib.location().is_server(),
                "schema_version": lib.schema_version()?,
                "integrity": integrity,
                "articles": lib.article_count()?,
                (if *repair { "removed" } else { "left_behind" }): orphans,
            });
            output(cli, &report, |report| {
                println!("library:   {}", lib.location().display());
                println!("schema:    {}", report["schema_version"]);
                println!("integrity: {integrity}");
                println!("articles:  {}", report["articles"]);
                let what = if *repair {
                    "removed"
                } else {
                    "left behind (check --repair removes them)"
                };
                println!("files {what}: {}", orphans.len());
                for o in &orphans {
                    println!("  {o}");
                }
            });
            if integrity != "ok" {
                return Err(Error::Migration(format!(
                    "integrity check failed: {integrity}"
                )));
            }
            Ok(())
        }
        Command::Render { file } => {
            let mut text = String::new();
            match file {
                Some(p) => text = std::fs::read_to_string(p).map_err(Error::io_at(p))?,
                None => {
                    std::io::stdin()
                        .read_to_string(&mut text)
                        .map_err(|e| Error::io("stdin", e))?;
                }
            }
            let html = render::render_body(&text);
            output(cli, &serde_json::json!({ "html": html }), |_| {
                println!("{html}");
            });
            Ok(())
        }
        Command::Bench(cmd) => bench::run(cli, cmd),
    }
}

fn article(cli: &Cli, cmd: &ArticleCmd) -> Result<()> {
    let mut lib = open(cli)?;
    match cmd {
        ArticleCmd::Create { file } => {
            let json = read_input(file)?;
            let (input, state) =
                newsroom_core::apply_article_json(&ArticleInput::default(), &json)?;
            let mut a = lib.create_article(&input)?;
            if let Some(s) = state {
                a = lib.set_state(a.id, s)?;
            }
            show(cli, &a)
        }
        ArticleCmd::Update { id, file, latest } => {
            let json = read_input(file)?;
            let out = update::run(&mut lib, *id, &json, *latest)?;
            if cli.json {
                print_json(&out);
                return Ok(());
            }
            update::report(&out);
            show(cli, &out.article)
        }
        ArticleCmd::Show { id } => show(cli, &lib.get_article(*id)?),
        ArticleCmd::List(args) => list(cli, &lib, None, args),
        ArticleCmd::Search { query, filter } => list(cli, &lib, Some(query), filter),
        ArticleCmd::State { id, state } => {
            let state: ArticleState = state.parse()?;
            show(cli, &lib.set_state(*id, state)?)
        }
        ArticleCmd::Revisions { id } => {
            output_lines(cli, &lib.list_revisions(*id)?, revision_line);
            Ok(())
        }
        ArticleCmd::Restore { id, rev } => {
            let before = lib.get_article(*id)?.state;
            let a = lib.restore_revision(*id, *rev)?;
            if a.state != before && !cli.json {
                println!(
                    "Zustand: {} → {} (freigegebener Text geändert, bitte erneut prüfen)",
                    before.label_de(),
                    a.state.label_de()
                );
            }
            show(cli, &a)
        }
        ArticleCmd::Check { id } => {
            let p = lib.preflight(*id)?;
            output(cli, &p, |p| {
                for c in &p.checks {
                    let level = match c.level {
                        newsroom_core::preflight::Level::Error => "error",
                        newsroom_core::preflight::Level::Warning => "warning",
                    };
                    println!("{level:<8} {:<20} {:<18} {}", c.code, c.field, c.detail);
                }
                println!(
                    "{}",
                    if p.ok {
                        "ok: nothing holds this article back"
                    } else {
                        "held back"
                    }
                );
            });
            if p.ok {
                Ok(())
            } else {
                Err(Error::InvalidState(format!(
                    "article {id} does not pass the preflight"
                )))
            }
        }
        ArticleCmd::Delete { id } => {
            lib.delete_article(*id)?;
            if cli.json {
                print_json(&serde_json::json!({ "deleted": id }));
            }
            Ok(())
        }
    }
}

fn list(cli: &Cli, lib: &Library, text: Option<&String>, args: &ListArgs) -> Result<()> {
    let q = ListQuery {
        text: text.cloned(),
        state: args.state.as_deref().map(str::parse).transpose()?,
        topic: args.topic.clone(),
        limit: args.limit,
        offset: args.offset,
    };
    let page = lib.list_articles(&q)?;
    if cli.json {
        // The matching articles themselves, best first (the documented article JSON).
        let full: Vec<Article> = page
            .items
            .iter()
            .map(|s| lib.get_article(s.id))
            .collect::<Result<_>>()?;
        print_json(&full);
    } else {
        for s in &page.items {
            println!("{}", summary_line(s));
        }
        println!("({} of {})", page.items.len(), page.total);
    }
    Ok(())
}

fn display_date(s: &Option<String>) -> String {
    s.as_deref()
        .and_then(|d| dates::parse(d).ok())
        .map(dates::german_date)
        .unwrap_or_else(|| "ohne Datum".into())
}

fn summary_line(s: &ArticleSummary) -> String {
    format!(
        "{:>6}  {:<24} {:<11} {:<12} {}",
        s.id,
        display_date(&s.published_at),
        s.state.label_de(),
        s.kicker,
        s.headline
    )
}

fn revision_line(r: &RevisionSummary) -> String {
    format!(
        "{:>4}  {}  {:<8} {:<11} {}",
        r.rev,
        r.created_at,
        r.reason.as_str(),
        r.state.label_de(),
        r.headline
    )
}

fn show(cli: &Cli, a: &Article) -> Result<()> {
    output(cli, a, |a| {
        println!(
            "#{} [{}] {}",
            a.id,
            a.state.label_de(),
            display_date(&a.published_at)
        );
        if !a.kicker.is_empty() {
            println!("{}", a.kicker);
        }
        println!("{}\n", a.headline);
        if !a.teaser.is_empty() {
            println!("{}\n", a.teaser);
        }
        println!("{}\n", a.body);
        if !a.related_links.is_empty() {
            println!("Zum Thema:");
            for l in &a.related_links {
                println!("  {} <{}>", l.label, l.url);
            }
        }
        if !a.topics.is_empty() {
            println!("Themen: {}", a.topics.join(", "));
        }
        if !a.places.is_empty() {
            println!("Orte: {}", a.places.join(", "));
        }
        if let Some(e) = &a.embargo_until {
            println!("Sperrfrist: {e}");
        }
        if !a.author.is_empty() {
            println!("Autor: {}", a.author);
        }
        if !a.contact.is_empty() {
            println!("Kontakt: {}", a.contact.replace('\n', " · "));
        }
    });
    Ok(())
}
