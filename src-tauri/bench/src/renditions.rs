//! `newsroom bench renditions`: how long the default rendition set takes for one photo, against
//! `vipsthumbnail` run once per width (as a shell script would), and the peak memory.

use std::fmt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde::Serialize;

use newsroom_core::imaging::memory::{peak_rss_mib, reset_peak_rss, rss_mib};
use newsroom_core::imaging::pixels::{self, Limits, RenditionSpec};
use newsroom_core::imaging::RightsMeta;
use newsroom_core::{Error, Result};

/// Min and median of a set of runs, in seconds.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Timing {
    pub min_s: f64,
    pub median_s: f64,
}

impl Timing {
    pub(crate) fn of(mut d: Vec<Duration>) -> Timing {
        d.sort();
        Timing {
            min_s: d[0].as_secs_f64(),
            median_s: d[d.len() / 2].as_secs_f64(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RenditionBench {
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub file_bytes: u64,
    pub widths: Vec<u32>,
    pub iterations: usize,
    /// Four JPEG renditions (JPEG only).
    pub jpeg_set: Timing,
    /// Four WebP renditions (WebP only).
    pub webp_set: Timing,
    /// Both sets from one decode.
    pub both: Timing,
    /// `vipsthumbnail FILE --size W -o OUT.jpg[Q=82,strip]`, once per width, sequentially.
    pub vips_jpeg_set: Option<Timing>,
    /// The same with `.webp[Q=80,strip]`.
    pub vips_webp_set: Option<Timing>,
    /// ours / vips, by median.
    pub ratio_jpeg: Option<f64>,
    pub ratio_webp: Option<f64>,
    /// Resident memory of this process before the runs (binary, libraries, the file's bytes).
    pub baseline_rss_mib: f64,
    /// Peak resident memory (VmHWM) of the whole process during ONE render of JPEG+WebP, the
    /// high-water mark reset after the file is read (/proc/self/clear_refs, see `hwm_reset`).
    /// Includes the baseline.
    pub peak_rss_one_render_mib: f64,
    /// VmHWM after all timed runs. Higher than one render: glibc keeps freed memory in its
    /// per-thread arenas, so repeated renders on several threads ratchet RSS up.
    pub peak_rss_mib: f64,
    pub hwm_reset: bool,
    /// Sizes of the largest JPEG and WebP rendition.
    pub largest_jpeg_bytes: usize,
    pub largest_webp_bytes: usize,
}

/// Times the default rendition set of `file`, `iterations` times per format (JPEG, WebP,
/// both), and with `vs_vips` the same widths made by `vipsthumbnail`.
pub fn renditions(file: &Path, iterations: usize, vs_vips: bool) -> Result<RenditionBench> {
    let iterations = iterations.max(1);
    if vs_vips
        && Command::new("vipsthumbnail")
            .arg("--version")
            .output()
            .is_err()
    {
        return Err(Error::InvalidState(
            "vipsthumbnail is not installed; install libvips-tools (apt-get install libvips-tools) or run without --vs-vips".into(),
        ));
    }
    let bytes = std::fs::read(file).map_err(Error::io_at(file))?;
    let limits = Limits::default();
    let p = pixels::probe(&bytes, &limits)?;
    let rights = RightsMeta::default();
    let base = RenditionSpec::default();
    let only = |jpeg: bool, webp: bool| RenditionSpec {
        jpeg,
        webp,
        ..base.clone()
    };
    let baseline_rss_mib = rss_mib();
    let hwm_reset = reset_peak_rss();
    // One render (both formats) from a fresh high-water mark: the memory one photo needs.
    drop(pixels::render(&bytes, 1, &base, &rights, &limits)?);
    let peak_rss_one_render_mib = peak_rss_mib();

    let time = |spec: &RenditionSpec| -> Result<(Timing, pixels::Rendered)> {
        let mut d = Vec::with_capacity(iterations);
        let mut last = None;
        for _ in 0..iterations {
            let t = Instant::now();
            let r = pixels::render(&bytes, 1, spec, &rights, &limits)?;
            d.push(t.elapsed());
            last = Some(r);
        }
        Ok((Timing::of(d), last.expect("at least one iteration")))
    };
    let (jpeg_set, rj) = time(&only(true, false))?;
    let largest_jpeg_bytes = rj.renditions.first().map_or(0, |r| r.bytes.len());
    drop(rj);
    let (webp_set, rw) = time(&only(false, true))?;
    let largest_webp_bytes = rw.renditions.first().map_or(0, |r| r.bytes.len());
    drop(rw);
    let (both, _) = time(&base)?;
    let peak_rss_mib = peak_rss_mib();

    let (mut vips_jpeg_set, mut vips_webp_set) = (None, None);
    if vs_vips {
        let dir = std::env::temp_dir().join(format!("newsroom-bench-vips-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(Error::io_at(&dir))?;
        let vips = |ext: &str, opts: &str| -> Result<Timing> {
            let mut d = Vec::with_capacity(iterations);
            for _ in 0..iterations {
                let t = Instant::now();
                for w in &base.widths {
                    let out = dir.join(format!("out-{w}.{ext}[{opts}]"));
                    let st = Command::new("vipsthumbnail")
                        .arg(file)
                        .args(["--size", &w.to_string(), "-o"])
                        .arg(&out)
                        .status()
                        .map_err(|e| Error::io("vipsthumbnail", e))?;
                    if !st.success() {
                        return Err(Error::InvalidState(format!("vipsthumbnail failed ({st})")));
                    }
                }
                d.push(t.elapsed());
            }
            Ok(Timing::of(d))
        };
        vips_jpeg_set = Some(vips("jpg", "Q=82,strip")?);
        vips_webp_set = Some(vips("webp", "Q=80,strip")?);
        let _ = std::fs::remove_dir_all(&dir);
    }
    let ratio = |ours: Timing, v: Option<Timing>| v.map(|v| ours.median_s / v.median_s);
    Ok(RenditionBench {
        file: file.display().to_string(),
        width: p.width,
        height: p.height,
        file_bytes: bytes.len() as u64,
        widths: base.widths.clone(),
        iterations,
        ratio_jpeg: ratio(jpeg_set, vips_jpeg_set),
        ratio_webp: ratio(webp_set, vips_webp_set),
        jpeg_set,
        webp_set,
        both,
        vips_jpeg_set,
        vips_webp_set,
        baseline_rss_mib,
        peak_rss_one_render_mib,
        peak_rss_mib,
        hwm_reset,
        largest_jpeg_bytes,
        largest_webp_bytes,
    })
}

impl fmt::Display for RenditionBench {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} — {}×{} ({:.1} MP, {:.1} MB), widths {:?}, {} iterations",
            self.file,
            self.width,
            self.height,
            self.width as f64 * self.height as f64 / 1e6,
            self.file_bytes as f64 / 1e6,
            self.widths,
            self.iterations
        )?;
        writeln!(
            f,
            "{:<22} {:>9} {:>9} {:>9} {:>9} {:>8}",
            "set", "min s", "median s", "vips min", "vips med", "ratio"
        )?;
        let row = |f: &mut fmt::Formatter<'_>,
                   name: &str,
                   t: Timing,
                   v: Option<Timing>,
                   r: Option<f64>| {
            let (vm, vd, rr) = match (v, r) {
                (Some(v), Some(r)) => (
                    format!("{:.3}", v.min_s),
                    format!("{:.3}", v.median_s),
                    format!("{r:.2}"),
                ),
                _ => ("-".into(), "-".into(), "-".into()),
            };
            writeln!(
                f,
                "{:<22} {:>9.3} {:>9.3} {:>9} {:>9} {:>8}",
                name, t.min_s, t.median_s, vm, vd, rr
            )
        };
        row(
            f,
            "JPEG ×4",
            self.jpeg_set,
            self.vips_jpeg_set,
            self.ratio_jpeg,
        )?;
        row(
            f,
            "WebP ×4",
            self.webp_set,
            self.vips_webp_set,
            self.ratio_webp,
        )?;
        row(f, "JPEG+WebP ×4 (1 decode)", self.both, None, None)?;
        writeln!(
            f,
            "RSS: baseline {:.1} MiB, peak for one render {:.1} MiB (high-water mark reset: {}), peak after all runs {:.1} MiB\nlargest JPEG {} B, WebP {} B",
            self.baseline_rss_mib,
            self.peak_rss_one_render_mib,
            self.hwm_reset,
            self.peak_rss_mib,
            self.largest_jpeg_bytes,
            self.largest_webp_bytes
        )
    }
}
