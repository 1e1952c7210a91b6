//! `newsroom bench renditions`. STUB: being written.
//! STUB until the photo-pixels branch lands.
use std::path::Path;

use crate::error::{Error, Result};

#[derive(Debug, serde::Serialize)]
pub struct RenditionBench {}

impl std::fmt::Display for RenditionBench {
    fn fmt(&self, _f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Ok(())
    }
}

pub fn renditions(_file: &Path, _iterations: usize, _vs_vips: bool) -> Result<RenditionBench> {
    Err(Error::invalid("not yet"))
}
