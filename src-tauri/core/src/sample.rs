//! Sample content for a new library, so the first start shows a real-looking desk: the
//! articles were written for this project (`assets/sample/articles.json`), the photos are
//! generated and free (`assets/sample/photos/`, see its README) and come in through the normal
//! import, each the lead photo of its article.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::imaging::pixels::RenditionSpec;
use crate::library::Library;
use crate::model::{ArticleInput, ArticleState, LeadPhoto};
use crate::photos::prepare_bytes;

const SAMPLES_JSON: &str = include_str!("../../../assets/sample/articles.json");

/// The sample photos by file name, embedded so a new library needs nothing beside the binary.
const PHOTOS: [(&str, &[u8]); 3] = [
    (
        "skyline.jpg",
        include_bytes!("../../../assets/sample/photos/skyline.jpg"),
    ),
    (
        "park.jpg",
        include_bytes!("../../../assets/sample/photos/park.jpg"),
    ),
    (
        "market.jpg",
        include_bytes!("../../../assets/sample/photos/market.jpg"),
    ),
];

#[derive(Deserialize)]
struct Sample {
    state: ArticleState,
    /// The lead photo's file name in `assets/sample/photos/`.
    #[serde(default)]
    photo: Option<String>,
    #[serde(flatten)]
    input: ArticleInput,
}

fn samples() -> Vec<Sample> {
    serde_json::from_str(SAMPLES_JSON).expect("assets/sample/articles.json is valid")
}

/// The sample articles (parsed from the embedded JSON), without their photos.
pub fn articles() -> Vec<(ArticleState, ArticleInput)> {
    samples().into_iter().map(|s| (s.state, s.input)).collect()
}

pub(crate) fn seed(lib: &mut Library) -> Result<()> {
    let mut ctx = lib.import_context()?;
    // Only the thumbnail now, so a new library opens at once; the export makes the
    // renditions on demand (the cache key differs, so this set is never mistaken for them).
    ctx.spec = RenditionSpec {
        widths: vec![320],
        webp: false,
        ..ctx.spec
    };
    let mut items = Vec::new();
    for s in samples() {
        let mut input = s.input;
        if let Some(name) = &s.photo {
            let (_, bytes) = PHOTOS
                .iter()
                .find(|(n, _)| n == name)
                .ok_or_else(|| Error::invalid(format!("sample photo {name} missing")))?;
            let prepared = prepare_bytes(name.clone(), bytes, &ctx, |_| false)?;
            let photo = lib.commit_import(prepared)?.photo;
            input.lead_photo = Some(LeadPhoto {
                photo_id: photo.id,
                caption: None,
                alt_text: None,
                crop: None,
                crops: Default::default(),
            });
        }
        items.push((s.state, input));
    }
    let now = lib.now();
    lib.create_articles_at(&items, now).map(drop)
}
