//! `newsroom bench crops`: every crop of the office's set (wide, social, square, classic) at
//! the widths the export makes (320, 640 and the 1,200 px target), as JPEG and WebP, from one
//! decode of the photo, beside `vipsthumbnail --size WxH --smartcrop centre` making the same
//! crops and sizes in the same run (one run per file, as a script would; vips shrinks on
//! load). Target: ours ≤ 0.5 × vips.

use std::fmt;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use serde::Serialize;

use newsroom_core::imaging::crop::{auto_crop, FocalPoint};
use newsroom_core::imaging::pixels::{self, Frame, Limits, RenditionSpec};
use newsroom_core::imaging::RightsMeta;
use newsroom_core::photos::{crop_widths, default_shapes};
use newsroom_core::{Error, Result};

use crate::renditions::Timing;

#[derive(Debug, Clone, Serialize)]
pub struct CropBench {
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub iterations: usize,
    /// `name WxH` of every file made, each as JPEG and WebP.
    pub outputs: Vec<String>,
    /// All of them from one decode (JPEG and WebP).
    pub ours: Timing,
    /// vipsthumbnail once per output file.
    pub vips: Option<Timing>,
    /// ours / vips, by median; the target is ≤ 0.5.
    pub ratio: Option<f64>,
}

/// Times the crops of `file` (focal point at 70 % across, 30 % down), `iterations` times.
pub fn crops(file: &Path, iterations: usize, vs_vips: bool) -> Result<CropBench> {
    let iterations = iterations.max(1);
    let bytes = std::fs::read(file).map_err(Error::io_at(file))?;
    let limits = Limits::default();
    let p = pixels::probe(&bytes, &limits)?;
    let focus = FocalPoint::new(0.7, 0.3).expect("inside");
    let spec = RenditionSpec::default();
    let frames: Vec<Frame> = default_shapes()
        .iter()
        .map(|s| Frame {
            rect: Some(auto_crop(p.width, p.height, s.aspect, focus)),
            aspect: Some(s.aspect),
            widths: Some(crop_widths(s.target_width)),
            rights: RightsMeta::default(),
        })
        .collect();
    let mut outputs = Vec::new();
    let mut ours = Vec::with_capacity(iterations);
    for i in 0..iterations {
        let t = Instant::now();
        let r = pixels::render_frames(&bytes, 1, &spec, &frames, &limits)?;
        ours.push(t.elapsed());
        if i == 0 {
            for (s, files) in default_shapes().iter().zip(&r.frames) {
                for f in files
                    .iter()
                    .filter(|f| f.format == pixels::RenditionFormat::Jpeg)
                {
                    outputs.push(format!("{} {}x{}", s.name, f.width, f.height));
                }
            }
        }
    }
    let vips = if vs_vips {
        let dir = std::env::temp_dir().join(format!("newsroom-bench-crops-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(Error::io_at(&dir))?;
        let sizes: Vec<(u32, u32)> = outputs
            .iter()
            .filter_map(|o| {
                let (w, h) = o.split_once(' ')?.1.split_once('x')?;
                Some((w.parse().ok()?, h.parse().ok()?))
            })
            .collect();
        let mut d = Vec::with_capacity(iterations);
        for _ in 0..iterations {
            let t = Instant::now();
            for (n, (w, h)) in sizes.iter().enumerate() {
                for out in [
                    format!("{n}.jpg[Q=82,strip]"),
                    format!("{n}.webp[Q=80,strip]"),
                ] {
                    let st = Command::new("vipsthumbnail")
                        .arg(file)
                        .args(["--size", &format!("{w}x{h}"), "--smartcrop", "centre", "-o"])
                        .arg(dir.join(out))
                        .status()
                        .map_err(|e| Error::io("vipsthumbnail", e))?;
                    if !st.success() {
                        return Err(Error::InvalidState(format!("vipsthumbnail failed ({st})")));
                    }
                }
            }
            d.push(t.elapsed());
        }
        let _ = std::fs::remove_dir_all(&dir);
        Some(Timing::of(d))
    } else {
        None
    };
    let ours = Timing::of(ours);
    Ok(CropBench {
        file: file.display().to_string(),
        width: p.width,
        height: p.height,
        iterations,
        ratio: vips.map(|v| ours.median_s / v.median_s),
        outputs,
        ours,
        vips,
    })
}

impl fmt::Display for CropBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} — {}×{} ({:.1} MP), {} iterations; {} crops × JPEG and WebP: {}",
            self.file,
            self.width,
            self.height,
            self.width as f64 * self.height as f64 / 1e6,
            self.iterations,
            self.outputs.len(),
            self.outputs.join(", ")
        )?;
        writeln!(
            f,
            "ours (1 decode):     min {:.3} s, median {:.3} s",
            self.ours.min_s, self.ours.median_s
        )?;
        if let (Some(v), Some(r)) = (self.vips, self.ratio) {
            writeln!(
                f,
                "vipsthumbnail ×{}:   min {:.3} s, median {:.3} s\nratio ours / vips: {r:.2} (target ≤ 0.50)",
                self.outputs.len() * 2,
                v.min_s,
                v.median_s
            )?;
        }
        Ok(())
    }
}
