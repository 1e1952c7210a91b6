//! The library the user last chose in the app, remembered per user in the app's config folder
//! (`$XDG_CONFIG_HOME/app.newsroom.desk/library.json` on Linux): only its location, a folder
//! or a server address. An address that carries a password is never written; the password
//! belongs in the password file (`~/.pgpass`), which libpq and the core read.

use std::path::{Path, PathBuf};

use newsroom_core::library::Location;
use serde::{Deserialize, Serialize};

/// The file's name in the app's config folder.
pub const CHOICE_FILE: &str = "library.json";

#[derive(Debug, Serialize, Deserialize)]
struct Choice {
    location: String,
}

/// The app's config folder, where Tauri's `app_config_dir()` points:
/// `$XDG_CONFIG_HOME/app.newsroom.desk` (else `~/.config/…`) on Linux.
pub fn config_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(target_os = "windows") {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_CONFIG_HOME")
            .filter(|p| p.is_absolute())
            .or_else(|| env("HOME").map(|h| h.join(".config")))
    }?;
    Some(base.join(newsroom_core::library::APP_IDENTIFIER))
}

/// Where the choice is remembered: `CONFIG/library.json`.
pub fn choice_file(config_dir: &Path) -> PathBuf {
    config_dir.join(CHOICE_FILE)
}

/// The remembered location as the user typed it, if there is one that parses.
pub fn read(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let choice: Choice = match serde_json::from_str(&text) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("newsroom: ignoring {}: {e}", file.display());
            return None;
        }
    };
    let s = choice.location.trim().to_string();
    (!s.is_empty() && Location::parse(&s).is_ok()).then_some(s)
}

/// Whether `location` may be remembered: anything but an address with a password.
pub fn may_remember(location: &Location) -> bool {
    match location {
        Location::Folder(_) => true,
        Location::Server(url) => url.password().is_none(),
    }
}

/// Remembers `typed` (which parsed as `location`); `false` if it carries a password and so
/// was not written. `None` forgets the choice (the desk's own library is used again).
pub fn write(file: &Path, choice: Option<(&str, &Location)>) -> std::io::Result<bool> {
    let Some((typed, location)) = choice else {
        return match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(true),
        };
    };
    if !may_remember(location) {
        // An older remembered choice must not outlive the switch to another library.
        write(file, None)?;
        return Ok(false);
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let json = serde_json::to_string_pretty(&Choice {
        location: typed.trim().to_string(),
    })
    .map_err(std::io::Error::other)?;
    let tmp = file.with_extension("json.tmp");
    std::fs::write(&tmp, json + "\n")?;
    std::fs::rename(&tmp, file)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_location_is_remembered_a_password_never() {
        let dir = tempfile::tempdir().unwrap();
        let file = choice_file(&dir.path().join("config"));
        assert_eq!(read(&file), None);

        let url = "postgres://anna@db.example/newsroom";
        let loc = Location::parse(url).unwrap();
        assert!(write(&file, Some((url, &loc))).unwrap());
        assert_eq!(read(&file).as_deref(), Some(url));

        for secret in [
            "postgres://anna:geheim@db.example/newsroom",
            "postgres://anna@db.example/newsroom?password=geheim",
        ] {
            let loc = Location::parse(secret).unwrap();
            assert!(!write(&file, Some((secret, &loc))).unwrap());
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            assert!(!text.contains("geheim"), "{text}");
            assert_eq!(read(&file), None, "the older choice is forgotten too");
        }

        let folder = Location::parse("/srv/bib").unwrap();
        assert!(write(&file, Some(("/srv/bib", &folder))).unwrap());
        assert_eq!(read(&file).as_deref(), Some("/srv/bib"));
        assert!(write(&file, None).unwrap());
        assert_eq!(read(&file), None);
        std::fs::write(&file, "{not json").unwrap();
        assert_eq!(read(&file), None);
    }
}
