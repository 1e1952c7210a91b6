//! `newsroom photo …` and `newsroom bench renditions`.

use std::path::PathBuf;
use std::sync::Mutex;

use clap::{Subcommand, ValueEnum};
use newsroom_core::photos::{
    self, BatchEdit, CreditSettings, Photo, PhotoFilter, PhotoQuery, PhotoUpdate, RenditionFile,
};
use newsroom_core::{Error, Library, Result};
use serde_json::json;

use crate::{open, output, output_lines, print_json, Cli};

#[derive(Subcommand)]
pub enum PhotoCmd {
    /// Import photos (JPEG, PNG, WebP, TIFF) on both cores. With --json, one JSON object per
    /// file: {"file", "ok": true, "photo": {...}, "duplicate", "near_duplicates", "warnings"}
    /// (fields cut to fit: {"field", "had", "kept"}) or
    /// {"file", "ok": false, "error": {"code", "message"}}. Exit 1 if any file failed.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Worker threads (default: the number of cores, at most 4).
        #[arg(long)]
        jobs: Option<usize>,
    },
    /// Show one photo: metadata, where it is used, near duplicates.
    Show { id: i64 },
    /// List photos, newest first.
    List {
        #[arg(long, value_enum, default_value = "all")]
        filter: FilterArg,
        /// Text in caption, credit, creator, headline, keywords or file name.
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        limit: Option<u32>,
    },
    /// Edit a photo's metadata (only the options given change; the credit cannot be emptied).
    Update {
        id: i64,
        #[arg(long)]
        caption: Option<String>,
        #[arg(long)]
        credit: Option<String>,
        #[arg(long)]
        creator: Option<String>,
        #[arg(long)]
        copyright: Option<String>,
        #[arg(long)]
        alt_text: Option<String>,
        #[arg(long)]
        headline: Option<String>,
        #[arg(long)]
        city: Option<String>,
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        country: Option<String>,
        /// Comma-separated; replaces the keywords.
        #[arg(long)]
        keywords: Option<String>,
    },
    /// Apply a creator, a caption and/or the credit template to many photos at once. When
    /// that would overwrite details there now, the changes are printed and, on a terminal,
    /// confirmed; otherwise --yes is needed.
    Apply {
        #[arg(required = true)]
        ids: Vec<i64>,
        /// Fill the credit from the office's template and each photo's creator.
        #[arg(long)]
        template: bool,
        #[arg(long)]
        creator: Option<String>,
        #[arg(long)]
        caption: Option<String>,
        /// Overwrite existing creators, captions and credits without asking.
        #[arg(long)]
        yes: bool,
    },
    /// Make the photo's renditions if the cache lacks them, and list them. With --crop, the
    /// renditions of those crops (original, wide, social, square, classic …), made together
    /// from one decode of the original.
    Renditions {
        id: i64,
        #[arg(long = "crop", value_name = "NAME")]
        crops: Vec<String>,
    },
    /// Set the focal point, what must stay in every crop: X and Y as fractions of the width and
    /// height from the top left (0.5 0.5 is the centre). Crops set by hand follow it too
    /// unless --keep-hand-set.
    Focus {
        id: i64,
        x: f64,
        y: f64,
        #[arg(long)]
        keep_hand_set: bool,
    },
    /// Set one crop by hand (--rect x,y,w,h) or let it follow the focal point again (--auto).
    Crop {
        id: i64,
        name: String,
        #[command(flatten)]
        choice: crate::framing::CropChoice,
    },
    /// List a photo's crops: the rectangle, whether set by hand, whether it holds the focal
    /// point, whether it is narrower than its target width.
    Crops { id: i64 },
    /// Delete a photo no article uses (original, thumbnail, renditions).
    Delete { id: i64 },
    /// Show or change the credit template, the organisation and the rendition widths.
    Settings {
        #[arg(long)]
        organisation: Option<String>,
        /// e.g. "Bild: {organisation} / {creator}"
        #[arg(long)]
        template: Option<String>,
        /// Comma-separated pixel widths, e.g. 320,640,1280,2560
        #[arg(long)]
        widths: Option<String>,
        /// The crop set: name=aspect@target width, e.g.
        /// wide=16:9@1200,social=40:21@1200,square=1:1@1200,classic=4:3@1200
        #[arg(long)]
        crops: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum FilterArg {
    All,
    NoCredit,
    NoAlt,
    Unused,
}

fn import_line(json: bool, path: &std::path::Path, r: &Result<photos::ImportOutcome>) -> String {
    let file = path.display().to_string();
    if json {
        return serde_json::to_string(&photos::ImportItem::from_result(file, r)).expect("json");
    }
    let mut line = match r {
        Ok(o) if o.duplicate => format!("{file}: already in the library as photo {}", o.photo.id),
        Ok(o) if !o.near_duplicates.is_empty() => format!(
            "{file}: photo {}\n  looks like photo(s) {:?}",
            photo_line(&o.photo),
            o.near_duplicates
        ),
        Ok(o) => format!("{file}: photo {}", photo_line(&o.photo)),
        Err(e) => format!("{file}: FAILED [{}] {e}", e.code()),
    };
    for w in r.iter().flat_map(|o| &o.warnings) {
        line.push_str(&if w.field == "keywords" {
            format!("\n  cut: kept the first {} of {} keywords", w.kept, w.had)
        } else {
            format!("\n  cut: {} was {} bytes, kept {}", w.field, w.had, w.kept)
        });
    }
    line
}

fn photo_line(p: &Photo) -> String {
    let credit = if p.credit.is_empty() {
        "(KEIN CREDIT)"
    } else {
        &p.credit
    };
    format!(
        "{:>5}  {}x{}  {:<28}  {}  {}",
        p.id,
        p.width,
        p.height,
        truncate(&p.original_name, 28),
        credit,
        truncate(&p.caption, 60)
    )
}

fn rendition_line(f: &RenditionFile) -> String {
    format!(
        "{:>5}x{:<5} {:?} {:>9} bytes  {}",
        f.width,
        f.height,
        f.format,
        f.bytes,
        f.path.display()
    )
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

pub fn run(cli: &Cli, cmd: &PhotoCmd) -> Result<()> {
    let mut lib = open(cli)?;
    match cmd {
        PhotoCmd::Import { files, jobs } => {
            let workers = jobs.unwrap_or_else(|| {
                std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(2)
                    .min(4)
            });
            let shared = Mutex::new(lib);
            let json = cli.json;
            // Lines come out in the order the files were given, each as soon as it and all
            // before it are done.
            let mut pending: Vec<Option<String>> = vec![None; files.len()];
            let mut next = 0;
            let results = photos::import_many(&shared, files, workers, |i, path, r| {
                pending[i] = Some(import_line(json, path, r));
                while let Some(Some(line)) = pending.get(next) {
                    println!("{line}");
                    next += 1;
                }
            });
            let failed = results.iter().filter(|r| r.is_err()).count();
            if failed > 0 {
                return Err(Error::InvalidInput(format!(
                    "{failed} of {} file(s) could not be imported",
                    results.len()
                )));
            }
            Ok(())
        }
        PhotoCmd::Show { id } => {
            let d = lib.photo_details(*id)?;
            output(cli, &d, |d| {
                let p = &d.photo;
                println!(
                    "photo {}  {} ({}x{}, {:?}, {} bytes)",
                    p.id, p.original_name, p.width, p.height, p.format, p.bytes
                );
                for (k, v) in [
                    ("caption", &p.caption),
                    ("credit", &p.credit),
                    ("creator", &p.creator),
                    ("copyright", &p.copyright),
                    ("alt text", &p.alt_text),
                    ("headline", &p.headline),
                    ("city", &p.city),
                    ("camera", &p.camera),
                ] {
                    println!("{k:>10}: {v}");
                }
                println!("  keywords: {}", p.keywords.join(", "));
                println!(
                    "   used in: {:?}",
                    d.used_in.iter().map(|u| u.article_id).collect::<Vec<_>>()
                );
                if !d.near_duplicates.is_empty() {
                    println!("looks like: {:?}", d.near_duplicates);
                }
            });
            Ok(())
        }
        PhotoCmd::List {
            filter,
            search,
            limit,
        } => {
            let page = lib.list_photos(&PhotoQuery {
                filter: match filter {
                    FilterArg::All => PhotoFilter::All,
                    FilterArg::NoCredit => PhotoFilter::NoCredit,
                    FilterArg::NoAlt => PhotoFilter::NoAltText,
                    FilterArg::Unused => PhotoFilter::Unused,
                },
                text: search.clone(),
                limit: *limit,
                offset: None,
            })?;
            output(cli, &page, |page| {
                for p in &page.items {
                    println!("{}", photo_line(p));
                }
                println!("{} photo(s)", page.total);
            });
            Ok(())
        }
        PhotoCmd::Update {
            id,
            caption,
            credit,
            creator,
            copyright,
            alt_text,
            headline,
            city,
            location,
            country,
            keywords,
        } => {
            let u = PhotoUpdate {
                caption: caption.clone(),
                credit: credit.clone(),
                creator: creator.clone(),
                copyright: copyright.clone(),
                alt_text: alt_text.clone(),
                headline: headline.clone(),
                city: city.clone(),
                location: location.clone(),
                country: country.clone(),
                keywords: keywords
                    .as_ref()
                    .map(|k| k.split(',').map(|s| s.trim().to_string()).collect()),
            };
            let p = lib.update_photo(*id, &u)?;
            output(cli, &p, |p| {
                println!("{}", photo_line(p));
            });
            Ok(())
        }
        PhotoCmd::Apply {
            ids,
            template,
            creator,
            caption,
            yes,
        } => {
            let edit = BatchEdit {
                ids: ids.clone(),
                creator: creator.clone(),
                caption: caption.clone(),
                apply_template: *template,
            };
            let r = crate::apply::apply(&mut lib, &edit, *yes)?;
            output(cli, &r, |r| {
                for p in &r.updated {
                    println!("{}", photo_line(p));
                }
                for s in &r.skipped {
                    println!("skipped {}: {}", s.id, s.reason);
                }
            });
            Ok(())
        }
        PhotoCmd::Renditions { id, crops } if crops.is_empty() => {
            output_lines(cli, &lib.renditions(*id)?, rendition_line);
            Ok(())
        }
        PhotoCmd::Renditions { id, crops } => crate::framing::renditions(cli, &lib, *id, crops),
        PhotoCmd::Focus {
            id,
            x,
            y,
            keep_hand_set,
        } => crate::framing::focus(cli, &mut lib, *id, *x, *y, *keep_hand_set),
        PhotoCmd::Crop { id, name, choice } => {
            crate::framing::crop(cli, &mut lib, *id, name, choice)
        }
        PhotoCmd::Crops { id } => crate::framing::crops(cli, &lib, *id),
        PhotoCmd::Delete { id } => {
            lib.delete_photo(*id)?;
            if cli.json {
                print_json(&json!({"deleted": id}));
            }
            Ok(())
        }
        PhotoCmd::Settings {
            organisation,
            template,
            widths,
            crops,
        } => {
            settings(&mut lib, organisation, template, widths)?;
            if let Some(c) = crops {
                lib.set_crop_shapes(&crate::framing::parse_shapes(c)?)?;
            }
            let credit = lib.credit_settings()?;
            let spec = lib.rendition_spec()?;
            let shapes = lib.crop_shapes()?;
            let shown = json!({
                "organisation": credit.organisation,
                "template": credit.template,
                "widths": spec.widths,
                "crops": shapes,
            });
            output(cli, &shown, |_| {
                println!("organisation: {}", credit.organisation);
                println!("template:     {}", credit.template);
                println!("widths:       {:?}", spec.widths);
                for c in &shapes {
                    println!(
                        "crop:         {} {}:{} at least {} px wide",
                        c.name, c.aspect.w, c.aspect.h, c.target_width
                    );
                }
            });
            Ok(())
        }
    }
}

fn settings(
    lib: &mut Library,
    organisation: &Option<String>,
    template: &Option<String>,
    widths: &Option<String>,
) -> Result<()> {
    if organisation.is_some() || template.is_some() {
        let cur = lib.credit_settings()?;
        lib.set_credit_settings(&CreditSettings {
            organisation: organisation.clone().unwrap_or(cur.organisation),
            template: template.clone().unwrap_or(cur.template),
        })?;
    }
    if let Some(w) = widths {
        let parsed: std::result::Result<Vec<u32>, _> =
            w.split(',').map(|s| s.trim().parse()).collect();
        let parsed = parsed
            .map_err(|_| Error::invalid(format!("widths: {w:?} is not a list of numbers")))?;
        lib.set_rendition_widths(&parsed)?;
    }
    Ok(())
}
