//! `newsroom photo focus|crop|crops|crop-set` and `photo renditions --crop`: a photo's focal
//! point and crops.

use clap::Args;
use newsroom_core::imaging::crop::{Aspect, CropRect, FocalPoint};
use newsroom_core::photos::{self, CropShape, PhotoCrop};
use newsroom_core::{Error, Library, Result};

use crate::{output, output_lines, Cli};

/// `photo crop ID NAME (--rect x,y,w,h | --auto)`.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct CropChoice {
    /// The crop by hand, in pixels of the upright photo: x,y,width,height. The height is made
    /// to follow the width to the crop's aspect.
    #[arg(long, value_name = "X,Y,W,H")]
    pub rect: Option<String>,
    /// Let the crop follow the focal point again.
    #[arg(long)]
    pub auto: bool,
}

fn numbers(s: &str, n: usize, what: &str) -> Result<Vec<f64>> {
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<std::result::Result<_, _>>()
        .map_err(|_| Error::invalid(format!("{what}: {s:?} is not {n} numbers")))?;
    if v.len() != n {
        return Err(Error::invalid(format!("{what}: {s:?} is not {n} numbers")));
    }
    Ok(v)
}

pub fn parse_rect(s: &str) -> Result<CropRect> {
    let v = numbers(s, 4, "--rect")?;
    if v.iter()
        .any(|x| *x < 0.0 || x.fract() != 0.0 || *x > u32::MAX as f64)
    {
        return Err(Error::invalid(format!(
            "--rect: {s:?} must be whole pixels, 0 or more"
        )));
    }
    Ok(CropRect {
        x: v[0] as u32,
        y: v[1] as u32,
        width: v[2] as u32,
        height: v[3] as u32,
    })
}

/// `wide=16:9@1200,social=40:21@1200,…`
pub fn parse_shapes(s: &str) -> Result<Vec<CropShape>> {
    let bad = || {
        Error::invalid(format!(
            "--crops: {s:?} is not a list like wide=16:9@1200,social=40:21@1200,square=1:1@1200,classic=4:3@1200"
        ))
    };
    s.split(',')
        .map(|part| {
            let (name, rest) = part.trim().split_once('=').ok_or_else(bad)?;
            let (aspect, width) = rest.split_once('@').unwrap_or((rest, "0"));
            let (w, h) = aspect.split_once(':').ok_or_else(bad)?;
            Ok(CropShape {
                name: name.trim().to_string(),
                aspect: Aspect::new(
                    w.trim().parse().map_err(|_| bad())?,
                    h.trim().parse().map_err(|_| bad())?,
                ),
                target_width: width.trim().parse().map_err(|_| bad())?,
            })
        })
        .collect()
}

pub fn focus(cli: &Cli, lib: &mut Library, id: i64, x: f64, y: f64, keep: bool) -> Result<()> {
    let f = FocalPoint::new(x, y).ok_or_else(|| {
        Error::invalid(format!(
            "the focal point {x} {y} must be two fractions from 0 to 1 (0 0 is the top left)"
        ))
    })?;
    lib.set_photo_focus(id, Some(f), keep)?;
    crops(cli, lib, id)
}

pub fn crop(cli: &Cli, lib: &mut Library, id: i64, name: &str, c: &CropChoice) -> Result<()> {
    let rect = c.rect.as_deref().map(parse_rect).transpose()?;
    lib.set_photo_crop(id, name, rect)?;
    crops(cli, lib, id)
}

pub fn crops(cli: &Cli, lib: &Library, id: i64) -> Result<()> {
    let all = lib.photo_crops(id)?;
    output_lines(cli, &all, crop_line);
    Ok(())
}

fn crop_line(c: &PhotoCrop) -> String {
    let aspect = c
        .aspect
        .map(|a| format!("{}:{}", a.w, a.h))
        .unwrap_or_else(|| "-".into());
    let mut notes = Vec::new();
    if c.hand_set {
        notes.push("by hand".to_string());
    }
    if !c.holds_focus {
        notes.push("WITHOUT THE FOCAL POINT".to_string());
    }
    if c.target_width > 0 && c.rect.width < c.target_width {
        notes.push(format!("narrower than {} px", c.target_width));
    }
    if !c.sound {
        notes.push("DOES NOT FIT ITS SHAPE".to_string());
    }
    format!(
        "{:<10} {:>7}  {:>5}x{:<5} at {},{}  {}",
        c.name,
        aspect,
        c.rect.width,
        c.rect.height,
        c.rect.x,
        c.rect.y,
        notes.join(", ")
    )
}

/// `photo renditions ID --crop NAME…`: the sets of the crops, made together from one decode.
pub fn renditions(cli: &Cli, lib: &Library, id: i64, names: &[String]) -> Result<()> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let jobs = lib.crop_jobs(id, &names)?;
    let sets = photos::run_many(&jobs)?;
    let rows: Vec<serde_json::Value> = jobs
        .iter()
        .zip(&sets)
        .flat_map(|(j, files)| {
            files.iter().map(move |f| {
                serde_json::json!({
                    "crop": j.name, "width": f.width, "height": f.height,
                    "format": f.format, "bytes": f.bytes, "path": f.path,
                })
            })
        })
        .collect();
    output(cli, &rows, |rows| {
        for r in rows {
            println!(
                "{:<8} {:>5}x{:<5} {} {:>9} bytes  {}",
                r["crop"].as_str().unwrap_or_default(),
                r["width"],
                r["height"],
                r["format"].as_str().unwrap_or_default(),
                r["bytes"],
                r["path"].as_str().unwrap_or_default()
            );
        }
    });
    Ok(())
}
