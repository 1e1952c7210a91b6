//! The password for a server address that carries none: `PGPASSWORD`, else PostgreSQL's
//! password file (`PGPASSFILE`, else `~/.pgpass`), read exactly as libpq reads it. Newsroom
//! only ever reads passwords; it never writes one anywhere.

use std::path::{Path, PathBuf};

use super::address::{ServerHost, ServerUrl};

/// Where libpq's server socket lives by default: such a socket counts as `localhost` in the
/// password file.
const DEFAULT_SOCKET_DIRS: [&str; 3] = ["/var/run/postgresql", "/run/postgresql", "/tmp"];

/// What the search for a password found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Lookup {
    pub password: Option<String>,
    /// Why the password file was not used although it is there (told when the login fails).
    pub note: Option<String>,
}

/// The password for `url`: the URL's own, else `PGPASSWORD`, else the password file's.
pub(crate) fn password_for(url: &ServerUrl) -> Lookup {
    if let Some(p) = url.password() {
        return Lookup {
            password: Some(p.to_string()),
            note: None,
        };
    }
    if let Some(p) = std::env::var("PGPASSWORD").ok().filter(|p| !p.is_empty()) {
        return Lookup {
            password: Some(p),
            note: None,
        };
    }
    match password_file() {
        Some(path) => from_file(&path, url),
        None => Lookup::default(),
    }
}

/// `PGPASSFILE`, else `~/.pgpass`.
pub(crate) fn password_file() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PGPASSFILE").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(|h| Path::new(&h).join(".pgpass"))
}

fn from_file(path: &Path, url: &ServerUrl) -> Lookup {
    let Ok(meta) = std::fs::metadata(path) else {
        return Lookup::default();
    };
    let shown = path.display();
    if !meta.is_file() {
        return Lookup {
            password: None,
            note: Some(format!(
                "the password file {shown} is not a plain file and was not read"
            )),
        };
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Lookup {
                password: None,
                note: Some(format!(
                    "the password file {shown} was not read: others may read it \
                     (make it private: chmod 600 {shown})"
                )),
            };
        }
    }
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            return Lookup {
                password: None,
                note: Some(format!("the password file {shown} could not be read: {e}")),
            }
        }
    };
    let host = match &url.host {
        ServerHost::Tcp(h) => h.clone(),
        ServerHost::Socket(dir) if DEFAULT_SOCKET_DIRS.iter().any(|d| dir == Path::new(d)) => {
            "localhost".to_string()
        }
        ServerHost::Socket(dir) => dir.to_string_lossy().into_owned(),
    };
    Lookup {
        password: find(&text, &host, &url.port.to_string(), &url.dbname, &url.user),
        note: None,
    }
}

/// The password of the first line of a password file that matches, libpq's way:
/// `host:port:database:user:password`, `*` matches anything, `\:` and `\\` escape, lines
/// starting with `#` are comments.
pub(crate) fn find(text: &str, host: &str, port: &str, db: &str, user: &str) -> Option<String> {
    let wanted = [host, port, db, user];
    text.lines().find_map(|line| {
        let line = line.trim_end_matches('\r');
        if line.is_empty() || line.starts_with('#') {
            return None;
        }
        let mut rest = line;
        for want in wanted {
            rest = match_field(rest, want)?;
        }
        Some(unescape(rest)).filter(|p| !p.is_empty())
    })
}

/// If the field at the start of `line` matches `want`, what follows its `:`.
fn match_field<'a>(line: &'a str, want: &str) -> Option<&'a str> {
    if let Some(rest) = line.strip_prefix("*:") {
        return Some(rest);
    }
    let mut chars = line.char_indices();
    let mut want = want.chars();
    while let Some((i, c)) = chars.next() {
        let c = match c {
            ':' => return want.next().is_none().then(|| &line[i + 1..]),
            '\\' => chars.next()?.1,
            c => c,
        };
        if want.next() != Some(c) {
            return None;
        }
    }
    None
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# comment:*:*:*:nope
db.example.org:5432:news:anna:first
*:5432:news:anna:second
localhost:*:*:bert:p\\:a\\\\ss:word
ho\\:st:1:d:u:escaped host
broken line
*:*:*:*:fallback
";

    #[test]
    fn the_first_matching_line_wins() {
        assert_eq!(
            find(FILE, "db.example.org", "5432", "news", "anna").as_deref(),
            Some("first")
        );
        assert_eq!(
            find(FILE, "other", "5432", "news", "anna").as_deref(),
            Some("second")
        );
        assert_eq!(
            find(FILE, "other", "5433", "news", "anna").as_deref(),
            Some("fallback")
        );
    }

    #[test]
    fn escapes_and_colons_in_the_password() {
        assert_eq!(
            find(FILE, "localhost", "1", "x", "bert").as_deref(),
            Some("p:a\\ss:word")
        );
        assert_eq!(
            find(FILE, "ho:st", "1", "d", "u").as_deref(),
            Some("escaped host")
        );
    }

    #[test]
    fn no_match_and_comments() {
        let text = "# *:*:*:*:commented\nh:1:d:u:pw\nshort:1\n";
        assert_eq!(find(text, "h", "1", "d", "v"), None);
        assert_eq!(find(text, "h", "1", "d", "u").as_deref(), Some("pw"));
        assert_eq!(find("h:1:d:u:\n", "h", "1", "d", "u"), None);
        assert_eq!(
            find("h:1:d:u:crlf\r\n", "h", "1", "d", "u").as_deref(),
            Some("crlf")
        );
        // A prefix of a field is no match.
        assert_eq!(find("hh:1:d:u:pw\n", "h", "1", "d", "u"), None);
        assert_eq!(find("h:1:d:u:pw\n", "hh", "1", "d", "u"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_may_read_is_ignored_with_a_note() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        let url = ServerUrl::parse("postgres://u@h/d").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let l = from_file(&path, &url);
        assert_eq!(l.password, None);
        assert!(l.note.unwrap().contains("chmod 600"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(from_file(&path, &url).password.as_deref(), Some("secret"));
        assert_eq!(
            from_file(&dir.path().join("missing"), &url),
            Lookup::default()
        );
    }
}
