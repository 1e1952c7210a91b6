//! Paths the user gave this window in this session: files and folders picked in a native
//! dialog, files dropped on the window. Commands that read or write a path the page sends (the
//! photos to import, the export folder) accept only these, so a script that got into the page
//! could not make the app read or write anywhere else.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use newsroom_core::{ErrorCode, ErrorPayload};

use crate::error::CmdResult;

#[derive(Default)]
pub struct Grants(Mutex<HashSet<PathBuf>>);

impl Grants {
    /// The user chose `path` (a dialog answered, a file dropped).
    pub fn grant(&self, path: impl Into<PathBuf>) {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.into());
    }

    /// `Ok` for a path the user chose in this session, else `path_not_chosen`. The path must be
    /// the one the dialog or drop gave, as it gave it.
    pub fn check(&self, path: &Path) -> CmdResult<()> {
        if self
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(path)
        {
            return Ok(());
        }
        Err(ErrorPayload::new(
            ErrorCode::PathNotChosen,
            format!(
                "{}: not chosen in a dialog or dropped on the window in this session",
                path.display()
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_was_chosen_passes() {
        let g = Grants::default();
        g.grant("/home/presse/Bilder/hafen.jpg");
        assert!(g.check(Path::new("/home/presse/Bilder/hafen.jpg")).is_ok());
        for other in [
            "/home/presse/Bilder",
            "/home/presse/Bilder/../.ssh/id_rsa",
            "/etc/passwd",
        ] {
            let e = g.check(Path::new(other)).unwrap_err();
            assert_eq!(e.code, ErrorCode::PathNotChosen, "{other}");
        }
    }
}
