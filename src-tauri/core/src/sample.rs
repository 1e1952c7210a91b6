//! Sample content for a new library, so the first start shows a real-looking desk.
//! The articles were written for this project (`assets/sample/articles.json`).

use serde::Deserialize;

use crate::error::Result;
use crate::library::Library;
use crate::model::{ArticleInput, ArticleState};

const SAMPLES_JSON: &str = include_str!("../../../assets/sample/articles.json");

#[derive(Deserialize)]
struct Sample {
    state: ArticleState,
    #[serde(flatten)]
    input: ArticleInput,
}

/// The sample articles (parsed from the embedded JSON).
pub fn articles() -> Vec<(ArticleState, ArticleInput)> {
    let samples: Vec<Sample> =
        serde_json::from_str(SAMPLES_JSON).expect("assets/sample/articles.json is valid");
    samples.into_iter().map(|s| (s.state, s.input)).collect()
}

pub(crate) fn seed(lib: &mut Library) -> Result<()> {
    let now = lib.now();
    lib.create_articles_at(&articles(), now).map(drop)
}
