//! `newsroom photo apply`: a batch edit that never overwrites silently. When it would replace
//! a creator, caption or credit that is there now, or leave a caption naming another
//! photographer than the new credit, it prints the changes and asks on a terminal; without
//! one it needs `--yes` and refuses otherwise, writing nothing.

use std::io::{BufRead, IsTerminal, Write};

use newsroom_core::photos::{BatchEdit, BatchPreview, BatchResult};
use newsroom_core::{Error, Library, Result};

/// Applies `edit` once it is clear nothing is overwritten unasked.
pub fn apply(lib: &mut Library, edit: &BatchEdit, yes: bool) -> Result<BatchResult> {
    let preview = lib.preview_batch_edit(edit)?;
    if preview.overwrites || !preview.caption_warnings.is_empty() {
        // On stderr: stdout stays the result (JSON with --json).
        eprint!("{}", describe(&preview));
        if !yes {
            let stdin = std::io::stdin();
            if !(stdin.is_terminal() && std::io::stderr().is_terminal()) {
                return Err(Error::invalid(
                    "this would overwrite existing photo details (listed above); \
                     run again with --yes to apply it",
                ));
            }
            eprint!("Überschreiben? [j/N] ");
            std::io::stderr().flush().ok();
            let mut answer = String::new();
            stdin
                .lock()
                .read_line(&mut answer)
                .map_err(|e| Error::io("stdin", e))?;
            if !is_yes(&answer) {
                return Err(Error::invalid("cancelled: nothing was changed"));
            }
        }
    }
    lib.batch_edit(edit)
}

/// "j", "ja", "y" or "yes", in any case.
fn is_yes(answer: &str) -> bool {
    matches!(
        answer.trim().to_lowercase().as_str(),
        "j" | "ja" | "y" | "yes"
    )
}

/// The changes, one line per photo and field (old → new), then the caption warnings.
pub fn describe(p: &BatchPreview) -> String {
    let mut out = String::from("Diese Änderungen überschreiben vorhandene Angaben:\n");
    let shown = |s: &str| {
        if s.is_empty() {
            "(leer)".to_string()
        } else {
            format!("„{s}“")
        }
    };
    for c in &p.changes {
        out.push_str(&format!(
            "  #{} {}  {}: {} → {}\n",
            c.photo_id,
            c.name,
            c.field.as_str(),
            shown(&c.before),
            shown(&c.after)
        ));
    }
    for w in &p.caption_warnings {
        out.push_str(&format!(
            "  Achtung: #{} {}: Die Bildunterschrift nennt „{}“, der neue Credit „{}“.\n",
            w.photo_id, w.name, w.named, w.credit
        ));
    }
    out
}
