//! `newsroom export`: bundles of ready articles, the same code path as the app's export.

use std::path::PathBuf;

use clap::Args;
use newsroom_core::export::{self, ExportFormat, ExportRequest, ItemStatus};
use newsroom_core::{Error, Result};

use crate::{open, output, Cli};

#[derive(Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["ids", "ready"]))]
pub(crate) struct ExportArgs {
    /// The articles to export (each must be Freigegeben or Exportiert).
    ids: Vec<i64>,
    /// Every article in Freigegeben.
    #[arg(long, conflicts_with = "ids")]
    ready: bool,
    /// html (index.html), ninjs (article.json) or both.
    #[arg(long, value_parser = ["html", "ninjs", "both"])]
    format: String,
    /// HTML as the <article> element alone (fragment.html), for pasting into a CMS.
    #[arg(long)]
    fragment: bool,
    /// The folder the bundles go into (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Replace the articles' own earlier bundles, and an index.html or feed.json in DIR that
    /// Newsroom did not write. A folder that is not the article's own bundle is never
    /// replaced: the bundle gets the article's id appended instead.
    #[arg(long)]
    force: bool,
    /// List articles whose embargo (Sperrfrist) has not passed in index.html and feed.json
    /// too; without it their bundles are written but not listed.
    #[arg(long)]
    include_embargoed: bool,
    /// The website's public address the bundles go to, e.g. https://www.example.org/presse/
    /// (instead of the office's setting): social cards, the canonical link, JSON-LD and ninjs
    /// get absolute URLs from it.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

pub(crate) fn run(cli: &Cli, args: &ExportArgs) -> Result<()> {
    let lib = std::sync::Mutex::new(open(cli)?);
    let req = ExportRequest {
        ids: (!args.ready).then(|| args.ids.clone()),
        format: args.format.parse::<ExportFormat>()?,
        fragment: args.fragment,
        out: args.out.clone(),
        force: args.force,
        include_embargoed: args.include_embargoed,
        base_url: args.base_url.clone(),
    };
    let json = cli.json;
    let report = export::export(&lib, &req, |p| {
        if !json {
            let what = match p.status {
                ItemStatus::Exported => "exported",
                ItemStatus::HeldBack => "held back",
                ItemStatus::Failed => "failed",
                ItemStatus::Exists => "exists",
            };
            eprintln!(
                "[{}/{}] {what:<9} #{} {}",
                p.done, p.total, p.article_id, p.headline
            );
        }
    })?;
    output(cli, &report, |report| {
        for b in &report.exported {
            println!(
                "exported   #{} → {} ({} files{})",
                b.article_id,
                b.folder.display(),
                b.files.len(),
                if b.replaced { ", replaced" } else { "" }
            );
        }
        for h in &report.held_back {
            println!("held back  #{} {}", h.article_id, h.headline);
            for c in &h.checks {
                println!(
                    "           error {:<18} {:<16} {}",
                    c.code, c.field, c.detail
                );
            }
        }
        for s in &report.skipped_existing {
            println!(
                "exists     #{} {} (pass --force to replace)",
                s.article_id,
                report.out.join(&s.name).display()
            );
        }
        for f in &report.failed {
            println!(
                "failed     #{} {}: {} [{}]",
                f.article_id, f.headline, f.error.message, f.error.code
            );
        }
        for l in &report.listing {
            println!("listing    {}", report.out.join(l).display());
        }
        for l in &report.listing_kept {
            println!(
                "kept       {} (not written by Newsroom; pass --force to replace it)",
                report.out.join(l).display()
            );
        }
        for e in &report.unlisted_embargoed {
            println!(
                "unlisted   #{} {} (embargoed until {}; pass --include-embargoed to list it)",
                e.article_id, e.headline, e.embargo_until
            );
        }
        if report.exported.is_empty()
            && report.held_back.is_empty()
            && report.failed.is_empty()
            && report.skipped_existing.is_empty()
        {
            println!("nothing to export");
        }
    });
    if report.complete() {
        Ok(())
    } else {
        Err(Error::InvalidState(format!(
            "{} exported, {} held back by the preflight, {} failed, {} existed{}",
            report.exported.len(),
            report.held_back.len(),
            report.failed.len(),
            report.skipped_existing.len(),
            if report.listing_kept.is_empty() {
                String::new()
            } else {
                format!(
                    ", listing not written: {} not Newsroom's",
                    report.listing_kept.join(" and ")
                )
            }
        )))
    }
}
