//! Discarding an empty draft: a new article left without a single character typed is not kept.
//! Guarded so it can never delete an article with content, photos, a history with content, a
//! workflow state beyond the draft or an export.

use crate::error::Result;
use crate::library::Library;
use crate::model::{ArticleInput, ArticleState};

/// Nothing typed and nothing chosen: every text blank, no links, tags, dates or photo.
pub fn is_blank(input: &ArticleInput) -> bool {
    let texts = [
        &input.kicker,
        &input.headline,
        &input.teaser,
        &input.body,
        &input.author,
        &input.contact,
    ];
    texts.iter().all(|s| s.trim().is_empty())
        && input.related_links.is_empty()
        && input.topics.is_empty()
        && input.places.is_empty()
        && input.published_at.is_none()
        && input.embargo_until.is_none()
        && input.lead_photo.is_none()
}

impl Library {
    /// Deletes the article when it is an empty draft, and says whether it did. An article with
    /// any content (held values included), a revision with content, a state other than
    /// draft or an export is kept, whatever the caller thinks.
    pub fn discard_empty_draft(&mut self, id: i64) -> Result<bool> {
        let article = self.get_article(id)?;
        if article.state != ArticleState::Draft
            || article.exported_at.is_some()
            || !is_blank(&article.as_typed())
        {
            return Ok(false);
        }
        let snapshots: Vec<String> = {
            let mut stmt = self
                .db
                .prepare("SELECT snapshot FROM revisions WHERE article_id = ?1")?;
            let rows = stmt.query_map([id], |r| r.get(0))?;
            rows.collect::<crate::error::Result<_>>()?
        };
        let history_blank = snapshots.iter().all(|s| {
            serde_json::from_str::<ArticleInput>(s)
                .map(|input| is_blank(&input))
                .unwrap_or(false) // a snapshot we cannot read is content we must not drop
        });
        if !history_blank {
            return Ok(false);
        }
        self.delete_article(id)?;
        Ok(true)
    }
}
