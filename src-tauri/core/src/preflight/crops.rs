//! The checks of the pictures that leave in crops: the teaser picture (the lead, else the first
//! figure) goes out in every crop of the office's set (the listing, social cards, search
//! engines), and its page needs the public base URL for those cards.

use super::{Check, CheckCode, Level};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::model::Article;
use crate::photos::{article_crops, article_photos, PhotoCrop, PhotoRole, WHOLE};

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
    // Each (photo, crop) is checked once: every crop of the teaser picture (the lead, else the
    // first figure), and the crop each other use shows.
    let mut seen: Vec<(i64, String)> = Vec::new();
    for (n, (role, used)) in article_photos(article).into_iter().enumerate() {
        let field = match role {
            PhotoRole::Lead => "lead_photo",
            PhotoRole::Figure => "body",
        };
        let id = used.photo_id;
        let crops = match lib.photo_crops_for(id, &article_crops(article, id)) {
            Ok(c) => c,
            // A missing photo is the photo checks' error already.
            Err(Error::PhotoNotFound(_)) => continue,
            Err(e) => return Err(e),
        };
        if let Some(c) = used.crop.as_deref() {
            if !crops.iter().any(|k| k.name == c) {
                let what = match role {
                    PhotoRole::Lead => "the lead photo".to_string(),
                    PhotoRole::Figure => format!("a figure of photo {id}"),
                };
                let mut k = Check::new(
                    Level::Error,
                    CheckCode::CropDegenerate,
                    field,
                    Some(id),
                    format!("the page shows {what} in the crop {c:?}, which the office's crop set does not have"),
                );
                k.crop = Some(c.to_string());
                checks.push(k);
            }
        }
        let wanted = |c: &PhotoCrop| n == 0 || used.crop.as_deref() == Some(c.name.as_str());
        for c in crops.iter().filter(|c| c.name != WHOLE && wanted(c)) {
            if seen.iter().any(|(p, k)| *p == id && *k == c.name) {
                continue;
            }
            seen.push((id, c.name.clone()));
            crop_checks(c, id, field, n == 0, checks);
        }
    }
    Ok(())
}

/// The checks of one crop `c` of photo `id`; `teaser`: it leaves for the listing, social cards
/// and search engines, which want it at least its target width.
fn crop_checks(c: &PhotoCrop, id: i64, field: &str, teaser: bool, checks: &mut Vec<Check>) {
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
                "the {} crop of photo {id} no longer fits its shape or the photo; set it again",
                c.name
            ),
        );
        return;
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
    if teaser && c.target_width > 0 && c.rect.width < c.target_width {
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
