//! What the output folder holds across exports: a small hidden manifest
//! (`.newsroom-listing.json`) with one record per bundle (library, folder, the listing entry).
//! Every export merges its batch into it and the listing and feed are written from the merged
//! set, so exporting A and then B into one folder lists both. Bundles whose folder is gone
//! drop out; bundles of another library are kept in the manifest but never listed as ours.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::listing::Entry;
use crate::error::Result;

/// The manifest's file name in the output folder.
pub const MANIFEST: &str = ".newsroom-listing.json";
const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    version: u32,
    bundles: Vec<Record>,
}

/// One bundle in the folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Record {
    library_id: String,
    /// The bundle folder's name (its slug) in the output folder.
    folder: String,
    entry: Entry,
}

/// The bundle folder of an entry: the first segment of its href.
fn folder_of(e: &Entry) -> String {
    e.href.split('/').next().unwrap_or_default().to_string()
}

/// Reads the manifest; a missing, damaged or newer one counts as empty (the listing then
/// covers this batch, as before the manifest existed).
fn read(out: &Path) -> Vec<Record> {
    std::fs::read(out.join(MANIFEST))
        .ok()
        .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
        .filter(|m| m.version == VERSION)
        .map(|m| m.bundles)
        .unwrap_or_default()
}

/// Merges `batch` (this library's bundles just written) into the folder's manifest, writes it
/// back atomically and returns every bundle of `library_id` the folder now holds.
pub(crate) fn merge(out: &Path, library_id: &str, batch: &[Entry]) -> Result<Vec<Entry>> {
    let ids: BTreeSet<i64> = batch.iter().map(|e| e.article_id).collect();
    let folders: BTreeSet<String> = batch.iter().map(folder_of).collect();
    let mut records: Vec<Record> = read(out)
        .into_iter()
        .filter(|r| !folders.contains(&r.folder))
        .filter(|r| !(r.library_id == library_id && ids.contains(&r.entry.article_id)))
        .filter(|r| !r.folder.is_empty() && out.join(&r.folder).is_dir())
        .collect();
    records.extend(batch.iter().map(|e| Record {
        library_id: library_id.to_string(),
        folder: folder_of(e),
        entry: e.clone(),
    }));
    records.sort_by(|a, b| {
        a.folder
            .cmp(&b.folder)
            .then(a.library_id.cmp(&b.library_id))
    });
    let mut bytes = serde_json::to_vec_pretty(&Manifest {
        version: VERSION,
        bundles: records.clone(),
    })
    .expect("json");
    bytes.push(b'\n');
    super::listing::write_atomic(&out.join(MANIFEST), &bytes)?;
    Ok(records
        .into_iter()
        .filter(|r| r.library_id == library_id)
        .map(|r| r.entry)
        .collect())
}
