//! The address of a shared library's server: a `postgres://` (or `postgresql://`) URL in
//! libpq's form, `postgres://user:password@host:port/dbname?param=value&…`. What the URL
//! leaves out comes from libpq's environment variables (`PGUSER`, `PGHOST`, `PGPORT`,
//! `PGDATABASE`, `PGSSLMODE`, `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT`, `PGAPPNAME`, `PGOPTIONS`)
//! and then libpq's defaults, so an address that works with `psql` works here.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::error::{ConnectProblem, Error, Result};

/// How long connecting may take before the server counts as unreachable.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Where Debian's server puts its socket, and so where libpq looks without a host.
const DEFAULT_SOCKET_DIR: &str = "/var/run/postgresql";

/// Whether and how the connection is encrypted (TLS), as libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SslMode {
    /// Never encrypt.
    Disable,
    /// Encrypt when the server offers it, without checking its certificate (libpq's default).
    #[default]
    Prefer,
    /// Always encrypt, without checking the certificate.
    Require,
    /// Always encrypt, and the certificate must be signed by a trusted authority.
    VerifyCa,
    /// As `VerifyCa`, and the certificate must be for the host name connected to.
    VerifyFull,
}

impl SslMode {
    pub const ALL: [SslMode; 5] = [
        SslMode::Disable,
        SslMode::Prefer,
        SslMode::Require,
        SslMode::VerifyCa,
        SslMode::VerifyFull,
    ];

    /// The name in a URL (`sslmode=verify-full`).
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }

    fn from_name(s: &str) -> Option<SslMode> {
        SslMode::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// Where the server listens: a TCP host (name or address) or a Unix socket directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerHost {
    Tcp(String),
    Socket(PathBuf),
}

impl ServerHost {
    fn from_text(s: &str) -> ServerHost {
        if s.starts_with('/') {
            ServerHost::Socket(PathBuf::from(s))
        } else {
            ServerHost::Tcp(s.to_string())
        }
    }
}

/// A parsed server address. The password (if the URL has one) is kept but never shown:
/// neither [`ServerUrl::display`] nor `Debug` print it.
#[derive(Clone, PartialEq, Eq)]
pub struct ServerUrl {
    pub user: String,
    pub host: ServerHost,
    pub port: u16,
    pub dbname: String,
    password: Option<String>,
    pub sslmode: SslMode,
    /// A file of trusted root certificates (PEM), `sslrootcert`.
    pub sslrootcert: Option<PathBuf>,
    /// Options sent to the server at start-up (`options=-c search_path=x`).
    pub options: Option<String>,
    pub application_name: Option<String>,
    /// `None`: wait as long as it takes (`connect_timeout=0`).
    pub connect_timeout: Option<Duration>,
}

/// Whether `s` is meant as a server address rather than a library folder.
pub fn is_server_url(s: &str) -> bool {
    scheme_rest(s.trim()).is_some()
}

fn scheme_rest(s: &str) -> Option<&str> {
    ["postgresql://", "postgres://"].iter().find_map(|scheme| {
        let head = s.get(..scheme.len())?;
        head.eq_ignore_ascii_case(scheme)
            .then(|| &s[scheme.len()..])
    })
}

fn bad(msg: impl Into<String>) -> Error {
    Error::connect(ConnectProblem::BadUrl, msg)
}

impl ServerUrl {
    /// Parses a server address; what it leaves out comes from the environment and libpq's
    /// defaults (see the module documentation).
    pub fn parse(s: &str) -> Result<ServerUrl> {
        Self::parse_with(s, &|name| {
            std::env::var(name).ok().filter(|v| !v.is_empty())
        })
    }

    /// [`ServerUrl::parse`] with the environment given (tests).
    pub(crate) fn parse_with(s: &str, env: &dyn Fn(&str) -> Option<String>) -> Result<ServerUrl> {
        let text = s.trim();
        let rest = scheme_rest(text).ok_or_else(|| {
            bad(format!(
                "not a server address: {:?} (a server address looks like \
                 postgres://user@host:5432/database)",
                redact(text)
            ))
        })?;
        let (main, query) = rest.split_once('?').unwrap_or((rest, ""));
        if main.contains('#') || query.contains('#') {
            return Err(bad("a server address has no #fragment"));
        }
        let (authority, path) = main.split_once('/').unwrap_or((main, ""));
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let mut user = None;
        let mut password = None;
        if let Some(info) = userinfo {
            let (u, p) = match info.split_once(':') {
                Some((u, p)) => (u, Some(p)),
                None => (info, None),
            };
            user = Some(decode(u, "user name")?).filter(|u| !u.is_empty());
            password = p.map(|p| decode(p, "password")).transpose()?;
        }
        let (host, port) = split_host_port(hostport)?;
        let mut host = host.map(|h| decode(&h, "host")).transpose()?;
        let mut port = port;
        let mut dbname = Some(decode(path, "database name")?).filter(|d| !d.is_empty());
        if dbname.as_deref().is_some_and(|d| d.contains('/')) {
            return Err(bad(format!(
                "{:?} is not a database name (no '/' allowed)",
                dbname.unwrap_or_default()
            )));
        }

        let mut sslmode = None;
        let mut sslrootcert = None;
        let mut options = None;
        let mut application_name = None;
        let mut connect_timeout = None;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                bad(format!(
                    "parameter {pair:?} has no value (write name=value)"
                ))
            })?;
            let key = decode(key, "parameter name")?;
            let value = decode(value, &key)?;
            match key.as_str() {
                "host" => host = Some(value),
                "port" => port = Some(value),
                "dbname" => dbname = Some(value),
                "user" => user = Some(value),
                "password" => password = Some(value),
                "sslmode" => sslmode = Some(value),
                "sslrootcert" => sslrootcert = Some(value),
                "options" => options = Some(value),
                "application_name" => application_name = Some(value),
                "connect_timeout" => connect_timeout = Some(value),
                other => {
                    return Err(bad(format!(
                        "unknown parameter {other:?} in the server address (known: host, port, \
                         dbname, user, password, sslmode, sslrootcert, options, \
                         application_name, connect_timeout)"
                    )))
                }
            }
        }

        let user = user
            .or_else(|| env("PGUSER"))
            .or_else(|| env("USER"))
            .or_else(|| env("LOGNAME"))
            .ok_or_else(|| {
                bad("the server address has no user name (postgres://user@host/database)")
            })?;
        let host = host.filter(|h| !h.is_empty()).or_else(|| env("PGHOST"));
        let host = match host {
            Some(h) => ServerHost::from_text(&h),
            None if Path::new(DEFAULT_SOCKET_DIR).is_dir() => {
                ServerHost::Socket(PathBuf::from(DEFAULT_SOCKET_DIR))
            }
            None => ServerHost::Tcp("localhost".into()),
        };
        if let ServerHost::Tcp(h) = &host {
            if h.contains(',') {
                return Err(bad("a server address with several hosts is not supported"));
            }
        }
        let port = match port.or_else(|| env("PGPORT")) {
            None => 5432,
            Some(p) => p
                .parse::<u16>()
                .ok()
                .filter(|&p| p != 0)
                .ok_or_else(|| bad(format!("{p:?} is not a port number (1 to 65535)")))?,
        };
        let dbname = dbname
            .filter(|d| !d.is_empty())
            .or_else(|| env("PGDATABASE"))
            .unwrap_or_else(|| user.clone());
        let sslmode = match sslmode.or_else(|| env("PGSSLMODE")) {
            None => SslMode::default(),
            Some(m) => SslMode::from_name(&m).ok_or_else(|| {
                bad(format!(
                    "sslmode {m:?} is not one of disable, prefer, require, verify-ca, verify-full"
                ))
            })?,
        };
        let connect_timeout = match connect_timeout.or_else(|| env("PGCONNECT_TIMEOUT")) {
            None => Some(DEFAULT_CONNECT_TIMEOUT),
            Some(t) => match t.trim().parse::<i64>() {
                Ok(n) if n <= 0 => None,
                // libpq waits at least 2 seconds.
                Ok(n) => Some(Duration::from_secs(n.max(2) as u64)),
                Err(_) => {
                    return Err(bad(format!(
                        "connect_timeout {t:?} is not a number of seconds"
                    )))
                }
            },
        };
        Ok(ServerUrl {
            user,
            host,
            port,
            dbname,
            password: password.filter(|p| !p.is_empty()),
            sslmode,
            sslrootcert: sslrootcert
                .or_else(|| env("PGSSLROOTCERT"))
                .map(PathBuf::from),
            options: options.or_else(|| env("PGOPTIONS")),
            application_name: application_name.or_else(|| env("PGAPPNAME")),
            connect_timeout,
        })
    }

    /// The password the URL carries, if any.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The address as people may see it (headers, logs, error messages): never the password.
    pub fn display(&self) -> String {
        let mut s = format!("postgres://{}@", encode(&self.user));
        match &self.host {
            ServerHost::Tcp(h) if h.contains(':') => s.push_str(&format!("[{h}]")),
            ServerHost::Tcp(h) => s.push_str(&encode(h)),
            ServerHost::Socket(dir) => s.push_str(&encode(&dir.to_string_lossy())),
        }
        s.push_str(&format!(":{}/{}", self.port, encode(&self.dbname)));
        if self.sslmode != SslMode::default() {
            s.push_str(&format!("?sslmode={}", self.sslmode.as_str()));
        }
        s
    }
}

impl fmt::Display for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

impl fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServerUrl")
            .field("address", &self.display())
            .field("password", &self.password.as_ref().map(|_| "…"))
            .field("options", &self.options)
            .field("application_name", &self.application_name)
            .field("sslrootcert", &self.sslrootcert)
            .field("connect_timeout", &self.connect_timeout)
            .finish()
    }
}

/// `host`, `host:port`, `[v6]`, `[v6]:port`, or nothing.
fn split_host_port(s: &str) -> Result<(Option<String>, Option<String>)> {
    if s.is_empty() {
        return Ok((None, None));
    }
    if let Some(v6) = s.strip_prefix('[') {
        let (host, after) = v6
            .split_once(']')
            .ok_or_else(|| bad(format!("{s:?}: an IPv6 address needs its closing ']'")))?;
        return match after {
            "" => Ok((Some(host.to_string()), None)),
            _ => match after.strip_prefix(':') {
                Some(port) => Ok((Some(host.to_string()), Some(port.to_string()))),
                None => Err(bad(format!("{s:?} is not a host and port"))),
            },
        };
    }
    Ok(match s.rsplit_once(':') {
        Some((h, p)) => (
            Some(h.to_string()).filter(|h| !h.is_empty()),
            Some(p.to_string()),
        ),
        None => (Some(s.to_string()), None),
    })
}

/// Percent-decoding as libpq does it (`+` stays a plus).
fn decode(s: &str, what: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| {
                    bad(format!(
                        "the {what} in the server address has a broken %-escape"
                    ))
                })?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out)
        .map_err(|_| bad(format!("the {what} in the server address is not UTF-8")))
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The address with any `user:password@` part blanked, for an error message about it.
fn redact(s: &str) -> String {
    match (s.find("://"), s.rfind('@')) {
        (Some(start), Some(at)) if at > start => match s[start + 3..at].split_once(':') {
            Some((user, _)) => format!("{}{user}:…{}", &s[..start + 3], &s[at..]),
            None => s.to_string(),
        },
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<ServerUrl> {
        ServerUrl::parse_with(s, &|_| None)
    }

    #[test]
    fn a_full_url_keeps_every_part() {
        let u = parse(
            "postgresql://anna:s%40cret@db.example.org:6543/newsroom?sslmode=verify-full\
             &application_name=Newsroom&options=-c%20search_path%3Dx&sslrootcert=/etc/ca.pem",
        )
        .unwrap();
        assert_eq!(u.user, "anna");
        assert_eq!(u.password(), Some("s@cret"));
        assert_eq!(u.host, ServerHost::Tcp("db.example.org".into()));
        assert_eq!(u.port, 6543);
        assert_eq!(u.dbname, "newsroom");
        assert_eq!(u.sslmode, SslMode::VerifyFull);
        assert_eq!(u.options.as_deref(), Some("-c search_path=x"));
        assert_eq!(u.application_name.as_deref(), Some("Newsroom"));
        assert_eq!(u.sslrootcert, Some(PathBuf::from("/etc/ca.pem")));
        assert_eq!(u.connect_timeout, Some(DEFAULT_CONNECT_TIMEOUT));
        assert_eq!(
            u.display(),
            "postgres://anna@db.example.org:6543/newsroom?sslmode=verify-full"
        );
        assert!(!format!("{u:?}").contains("cret"));
    }

    #[test]
    fn defaults_are_libpqs() {
        let u = parse("postgres://anna@db/").unwrap();
        assert_eq!((u.port, u.dbname.as_str()), (5432, "anna"));
        assert_eq!(u.sslmode, SslMode::Prefer);
        assert_eq!(u.password(), None);
        let env = |k: &str| match k {
            "PGUSER" => Some("bert".to_string()),
            "PGPORT" => Some("7000".to_string()),
            "PGSSLMODE" => Some("disable".to_string()),
            "PGHOST" => Some("dbhost".to_string()),
            _ => None,
        };
        let u = ServerUrl::parse_with("postgres://", &env).unwrap();
        assert_eq!(
            u.display(),
            "postgres://bert@dbhost:7000/bert?sslmode=disable"
        );
        let u = ServerUrl::parse_with("postgres://x:1/y?sslmode=require", &env).unwrap();
        assert_eq!(u.display(), "postgres://bert@x:1/y?sslmode=require");
    }

    #[test]
    fn socket_directories_and_ipv6_hosts() {
        let u = parse("postgres://u@%2Ftmp%2Fdir/db").unwrap();
        assert_eq!(u.host, ServerHost::Socket("/tmp/dir".into()));
        assert_eq!(u.display(), "postgres://u@%2Ftmp%2Fdir:5432/db");
        let u = parse("postgres://u@/db?host=/run/pg&port=5433").unwrap();
        assert_eq!(u.host, ServerHost::Socket("/run/pg".into()));
        assert_eq!(u.port, 5433);
        let u = parse("postgres://u@[::1]:5544/db").unwrap();
        assert_eq!(u.host, ServerHost::Tcp("::1".into()));
        assert_eq!(u.display(), "postgres://u@[::1]:5544/db");
    }

    #[test]
    fn bad_urls_are_clear_errors() {
        for s in [
            "",
            "/home/anna/Newsroom",
            "mysql://u@h/db",
            "postgres://u@h:notaport/db",
            "postgres://u@h:0/db",
            "postgres://u@h:70000/db",
            "postgres://u@h/db?sslmode=sometimes",
            "postgres://u@h/db?frobnicate=1",
            "postgres://u@h/db?sslmode",
            "postgres://u@h/d%zzb",
            "postgres://u@h/db%FF",
            "postgres://u@[::1/db",
            "postgres://u@h1,h2/db",
            "postgres://u@h/db#x",
            "postgres://u@h/a/b",
        ] {
            let e = parse(s).expect_err(s);
            assert_eq!(e.code(), "server_url", "{s}: {e}");
        }
        let e = parse("mysql://anna:geheim@h/db").unwrap_err();
        assert!(!e.to_string().contains("geheim"), "{e}");
    }

    #[test]
    fn recognises_server_addresses() {
        assert!(is_server_url("postgres://h/db"));
        assert!(is_server_url(" PostgreSQL://h/db"));
        assert!(!is_server_url("/srv/newsroom"));
        assert!(!is_server_url("postgres:/h"));
        assert!(!is_server_url("postgres"));
    }

    #[test]
    fn connect_timeout_follows_libpq() {
        let t = |s: &str| {
            parse(&format!("postgres://u@h/db?connect_timeout={s}")).map(|u| u.connect_timeout)
        };
        assert_eq!(t("0").unwrap(), None);
        assert_eq!(t("1").unwrap(), Some(Duration::from_secs(2)));
        assert_eq!(t("30").unwrap(), Some(Duration::from_secs(30)));
        assert_eq!(t("soon").unwrap_err().code(), "server_url");
    }
}
