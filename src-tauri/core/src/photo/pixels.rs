//! The pixel pipeline. STUB (API only) until the photo-pixels branch lands.
#![allow(unused_variables)]

use serde::{Deserialize, Serialize};

use super::{Format, RightsMeta};
use crate::error::{Error, ImageProblem, Result};

#[derive(Debug, Clone)]
pub struct Limits {
    pub max_pixels: u64,
    pub max_decode_bytes: u64,
    pub max_file_bytes: u64,
}
impl Default for Limits {
    fn default() -> Self {
        Limits { max_pixels: 100_000_000, max_decode_bytes: 1 << 30, max_file_bytes: 300 << 20 }
    }
}
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Probe {
    pub format: Format,
    pub width: u32,
    pub height: u32,
    pub progressive: bool,
    pub colour: String,
    pub bit_depth: u8,
    pub has_icc: bool,
}
pub fn probe(bytes: &[u8], limits: &Limits) -> Result<Probe> {
    Err(Error::image(ImageProblem::UnsupportedFormat, "stub"))
}
pub fn check_complete(bytes: &[u8], format: Format) -> Result<()> {
    Ok(())
}
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RenditionSpec {
    pub widths: Vec<u32>,
    pub jpeg_quality: u8,
    pub webp_quality: f32,
    pub jpeg: bool,
    pub webp: bool,
}
impl Default for RenditionSpec {
    fn default() -> Self {
        RenditionSpec {
            widths: vec![320, 640, 1280, 2560],
            jpeg_quality: 82,
            webp_quality: 80.0,
            jpeg: true,
            webp: true,
        }
    }
}
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RenditionFormat {
    Jpeg,
    Webp,
}
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rendition {
    pub width: u32,
    pub height: u32,
    pub format: RenditionFormat,
    #[serde(skip)]
    pub bytes: Vec<u8>,
}
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rendered {
    pub width: u32,
    pub height: u32,
    pub renditions: Vec<Rendition>,
    pub phash: u64,
}
pub fn render(
    bytes: &[u8],
    orientation: u16,
    spec: &RenditionSpec,
    rights: &RightsMeta,
    limits: &Limits,
) -> Result<Rendered> {
    Err(Error::image(ImageProblem::UnsupportedFormat, "stub"))
}
pub fn phash_distance(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}
