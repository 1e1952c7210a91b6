//! Credits: the office's credit settings (organisation and template), [`fill_template`], the
//! credit a new photo gets, and batch edits that apply a creator, a caption or the template to
//! many photos at once.

use super::store::{check_text, clean, load_photo, write_photo};
use super::{BatchEdit, BatchResult, BatchSkip, CreditSettings, CreditSource, Photo};
use crate::error::{Error, Result, Rule};
use crate::imaging::FileMeta;
use crate::library::Library;

pub const DEFAULT_CREDIT_TEMPLATE: &str = "Bild: {organisation} / {creator}";
const KEY_TEMPLATE: &str = "credit_template";
const KEY_ORGANISATION: &str = "organisation";

/// Fills the credit template. `None` when there is no creator to credit. Separators around an
/// empty organisation collapse ("Bild: {organisation} / {creator}" with no organisation gives
/// "Bild: Jane Doe").
pub fn fill_template(template: &str, organisation: &str, creator: &str) -> Option<String> {
    let creator = creator.trim();
    if creator.is_empty() {
        return None;
    }
    let org = organisation.trim();
    let mut s = template.replace("{creator}", creator);
    if org.is_empty() {
        for pat in [
            "{organisation} / ",
            " / {organisation}",
            "{organisation}/",
            "/{organisation}",
        ] {
            s = s.replace(pat, "");
        }
    }
    s = s.replace("{organisation}", org);
    Some(s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// The most characters a credit template may have.
const MAX_TEMPLATE: usize = 200;

fn check_template(t: &str) -> Result<()> {
    if !t.contains("{creator}") {
        return Err(Error::broke(
            Rule::TemplateNeedsCreator,
            None,
            "the credit template must contain {creator}",
        ));
    }
    let stripped = t.replace("{creator}", "").replace("{organisation}", "");
    if stripped.contains('{') || stripped.contains('}') {
        return Err(Error::broke(
            Rule::TemplateUnknownPlaceholder,
            None,
            "the credit template knows only {organisation} and {creator}",
        ));
    }
    if t.chars().count() > MAX_TEMPLATE {
        return Err(Error::broke(
            Rule::TooLong,
            Some(MAX_TEMPLATE),
            format!("the credit template is too long (at most {MAX_TEMPLATE} characters)"),
        ));
    }
    Ok(())
}

/// The credit a new photo gets: the file's own, else the template filled from its creator.
pub(super) fn initial_credit(meta: &FileMeta, s: &CreditSettings) -> (String, CreditSource) {
    if let Some(c) = meta.credit.as_deref().filter(|c| !c.trim().is_empty()) {
        return (c.trim().to_string(), CreditSource::File);
    }
    match meta
        .creator
        .as_deref()
        .and_then(|c| fill_template(&s.template, &s.organisation, c))
    {
        Some(c) => (c, CreditSource::Template),
        None => (String::new(), CreditSource::None),
    }
}

impl Library {
    pub fn credit_settings(&self) -> Result<CreditSettings> {
        Ok(CreditSettings {
            organisation: self.setting(KEY_ORGANISATION)?.unwrap_or_default(),
            template: self
                .setting(KEY_TEMPLATE)?
                .unwrap_or_else(|| DEFAULT_CREDIT_TEMPLATE.to_string()),
        })
    }

    pub fn set_credit_settings(&self, s: &CreditSettings) -> Result<CreditSettings> {
        let template = s.template.trim();
        check_template(template)?;
        check_text("organisation", &s.organisation)?;
        self.set_setting(KEY_TEMPLATE, template)?;
        self.set_setting(KEY_ORGANISATION, s.organisation.trim())?;
        self.credit_settings()
    }

    /// Applies a creator, a caption and/or the credit template to many photos at once, in one
    /// transaction. The template needs a creator; photos without one are skipped and reported.
    /// What it would change can be seen first, without writing, with
    /// [`Library::preview_batch_edit`].
    pub fn batch_edit(&mut self, e: &BatchEdit) -> Result<BatchResult> {
        check_batch(e)?;
        let settings = self.credit_settings()?;
        let now = crate::dates::stamp(self.now());
        let tx = self.db.transaction()?;
        let mut skipped = Vec::new();
        let mut ids = Vec::new();
        for &id in &e.ids {
            let (p, skip) = apply_to(load_photo(&tx, id)?, e, &settings);
            skipped.extend(skip);
            write_photo(&tx, &p, &now)?;
            ids.push(id);
        }
        tx.commit()?;
        let updated = ids
            .into_iter()
            .map(|id| self.get_photo(id))
            .collect::<Result<_>>()?;
        Ok(BatchResult { updated, skipped })
    }
}

/// Refuses an edit that selects nothing or changes nothing, or carries text the library
/// cannot take.
pub(super) fn check_batch(e: &BatchEdit) -> Result<()> {
    if e.ids.is_empty() {
        return Err(Error::invalid("select at least one photo"));
    }
    if e.creator.is_none() && e.caption.is_none() && !e.apply_template {
        return Err(Error::invalid(
            "nothing to apply: give a creator, a caption or the template",
        ));
    }
    for (name, v) in [("creator", &e.creator), ("caption", &e.caption)] {
        if let Some(v) = v {
            check_text(name, v)?;
        }
    }
    Ok(())
}

/// One photo as a batch edit leaves it (creator, caption, then the template), and the reason
/// if the template could not be applied. The one rule for both applying and previewing.
pub(super) fn apply_to(
    mut p: Photo,
    e: &BatchEdit,
    settings: &CreditSettings,
) -> (Photo, Option<BatchSkip>) {
    if let Some(c) = &e.creator {
        p.creator = clean(c);
    }
    if let Some(c) = &e.caption {
        p.caption = clean(c);
    }
    let mut skip = None;
    if e.apply_template {
        match fill_template(&settings.template, &settings.organisation, &p.creator) {
            Some(c) => {
                p.credit = c;
                p.credit_source = CreditSource::Template;
            }
            None => {
                skip = Some(BatchSkip {
                    id: p.id,
                    reason: "no creator to fill the credit template with".into(),
                })
            }
        }
    }
    (p, skip)
}
