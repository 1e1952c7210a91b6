//! `newsroom article update`: a change based on the version it was edited from. The JSON
//! names that version (`version`, as `article show --json` printed it); its fields replace
//! those of that version, and the library merges what others stored since. A field both
//! changed keeps the stored value, and this text is kept as a conflict revision.

use newsroom_core::{apply_article_json, Error, Library, Result, SaveOutcome};

/// Saves `json` onto article `id`. Without `version` in the JSON, `latest` bases the change on
/// the current version; otherwise it is refused, so that nobody's text is replaced unseen.
pub fn run(
    lib: &mut Library,
    id: i64,
    json: &serde_json::Value,
    latest: bool,
) -> Result<SaveOutcome> {
    let cur = lib.get_article(id)?;
    let base = match json.get("version") {
        Some(v) => v.as_i64().filter(|v| *v >= 1).ok_or_else(|| {
            Error::invalid("version: expected the article's version number (1 or more)")
        })?,
        None if latest => cur.version,
        None => {
            return Err(Error::invalid(
                "the article JSON has no \"version\": give the version it was edited from \
                 (as `article show --json` prints it), or pass --latest to change the \
                 current version",
            ))
        }
    };
    // Fields left out are those of the base version (the current one if it is no longer kept).
    let from = lib
        .article_version(id, base)?
        .unwrap_or_else(|| cur.input());
    let (input, state) = apply_article_json(&from, json)?;
    let mut out = lib.save_article_from(id, &input, base)?;
    if let Some(s) = state.filter(|s| *s != cur.state) {
        if base == cur.version {
            out.article = lib.set_state(id, s)?;
        } else {
            // Someone else may have moved it since: their state stays, this one is reported.
            out.conflicts.push("state".into());
        }
    }
    Ok(out)
}

/// Tells a person on stderr which fields kept the other writer's text.
pub fn report(out: &SaveOutcome) {
    if out.conflicts.is_empty() {
        return;
    }
    let kept = match out.conflict_rev {
        Some(rev) => format!("als Version {rev} gespeichert"),
        None => "nicht übernommen".into(),
    };
    eprintln!(
        "Gleichzeitig geändert: {} — die gespeicherte Fassung bleibt, Ihre ist {kept}.",
        out.conflicts.join(", ")
    );
}
