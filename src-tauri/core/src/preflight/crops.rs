//! The checks of the pictures that leave in crops: the teaser picture (the lead, else the first
//! figure) goes out in every crop of the office's set (the listing, social cards, search
//! engines), and its page needs the public base URL for those cards.

use super::{Check, CheckCode, Level};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::Article;
use crate::photos::{article_photos, PhotoRole, WHOLE};

/// Adds the crop and base URL checks of `article` to `checks`.
pub(super) fn check(lib: &Library, article: &Article, checks: &mut Vec<Check>) -> Result<()> {
    if lib.public_base_url()?.is_none() {
        checks.push(Check::new(
            Level::Warning,
            CheckCode::NoBaseUrl,
            "base_url",
            None,
            "no public base URL: the page gets no picture for social cards and no canonical \
             address (set it in the app's export dialog, or give --base-url to the export)"
                .into(),
        ));
    }
    let Some((role, teaser)) = article_photos(article).into_iter().next() else {
        return Ok(());
    };
    let field = match role {
        PhotoRole::Lead => "lead_photo",
        PhotoRole::Figure => "body",
    };
    let id = teaser.photo_id;
    // The lead's own crops in this article replace the photo's.
    let lead = article
        .lead_photo
        .as_ref()
        .filter(|_| role == PhotoRole::Lead);
    let none = std::collections::BTreeMap::new();
    let crops = match lib.photo_crops_for(id, lead.map_or(&none, |l| &l.crops)) {
        Ok(c) => c,
        // A missing photo is the photo checks' error already.
        Err(Error::PhotoNotFound(_)) => return Ok(()),
        Err(e) => return Err(e),
    };
    if let Some(c) = lead.and_then(|l| l.crop.as_deref()) {
        if !crops.iter().any(|k| k.name == c) {
            let mut k = Check::new(
                Level::Error,
                CheckCode::CropDegenerate,
                field,
                Some(id),
                format!("the page shows the lead photo in the crop {c:?}, which the office's crop set no longer has"),
            );
            k.crop = Some(c.to_string());
            checks.push(k);
        }
    }
    for c in crops.iter().filter(|c| c.name != WHOLE) {
        let add = |checks: &mut Vec<Check>, level, code, detail: String| {
            let mut k = Check::new(level, code, field, Some(id), detail);
            k.crop = Some(c.name.clone());
            k.width = Some(c.rect.width);
            checks.push(k);
        };
        if !c.sound {
            add(
                checks,
                Level::Error,
                CheckCode::CropDegenerate,
                format!(
                    "the {} crop of photo {id} no longer fits its shape; set it again",
                    c.name
                ),
            );
            continue;
        }
        if c.hand_set && !c.holds_focus {
            add(
                checks,
                Level::Warning,
                CheckCode::CropOffFocus,
                format!(
                    "the {} crop of photo {id}, set by hand, leaves out the focal point",
                    c.name
                ),
            );
        }
        if c.target_width > 0 && c.rect.width < c.target_width {
            add(
                checks,
                Level::Warning,
                CheckCode::CropNarrow,
                format!(
                    "the {} crop of photo {id} is {} px wide, {} px are wanted",
                    c.name, c.rect.width, c.target_width
                ),
            );
            if let Some(k) = checks.last_mut() {
                k.limit = Some(c.target_width as usize);
            }
        }
    }
    Ok(())
}
