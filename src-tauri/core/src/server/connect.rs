//! Connecting to a shared library's server: the connection settings from a [`ServerUrl`],
//! TLS as libpq's `sslmode` asks for it, and failures turned into errors that say what went
//! wrong ([`ConnectProblem`]) in words a person can act on.

use std::error::Error as _;

use postgres::error::SqlState;
use postgres_native_tls::MakeTlsConnector;

use super::address::{ServerHost, ServerUrl, SslMode};
use super::pgpass::{self, Lookup};
use crate::error::{ConnectProblem, Error, Result};

/// Opens a connection to the server at `url`. The password is the URL's, else
/// `PGPASSWORD`'s, else the password file's. An unreachable server fails within the URL's
/// `connect_timeout` (10 s unless it says otherwise).
pub fn connect(url: &ServerUrl) -> Result<postgres::Client> {
    let lookup = pgpass::password_for(url);
    let config = config(url, lookup.password.as_deref());
    let result = match effective_sslmode(url) {
        SslMode::Disable => config.connect(postgres::NoTls),
        mode => config.connect(tls_connector(url, mode)?),
    };
    result.map_err(|e| connect_error(url, &lookup, &e))
}

/// The settings the connection is made with.
fn config(url: &ServerUrl, password: Option<&str>) -> postgres::Config {
    let mut c = postgres::Config::new();
    c.user(&url.user).dbname(&url.dbname).port(url.port);
    match &url.host {
        ServerHost::Tcp(h) => c.host(h),
        ServerHost::Socket(dir) => c.host_path(dir),
    };
    if let Some(p) = password {
        c.password(p);
    }
    if let Some(o) = &url.options {
        c.options(o);
    }
    c.application_name(url.application_name.as_deref().unwrap_or("Newsroom"));
    if let Some(t) = url.connect_timeout {
        c.connect_timeout(t);
    }
    c.ssl_mode(match effective_sslmode(url) {
        SslMode::Disable => postgres::config::SslMode::Disable,
        SslMode::Prefer => postgres::config::SslMode::Prefer,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
            postgres::config::SslMode::Require
        }
    });
    c
}

/// libpq's rules: a Unix socket is never encrypted, and `require` with a root certificate
/// given checks the certificate as `verify-ca` does.
fn effective_sslmode(url: &ServerUrl) -> SslMode {
    match (&url.host, url.sslmode) {
        (ServerHost::Socket(_), _) => SslMode::Disable,
        (_, SslMode::Require) if url.sslrootcert.is_some() => SslMode::VerifyCa,
        (_, mode) => mode,
    }
}

fn tls_connector(url: &ServerUrl, mode: SslMode) -> Result<MakeTlsConnector> {
    let tls_error = |msg: String| Error::connect(ConnectProblem::Tls, msg);
    let mut builder = native_tls::TlsConnector::builder();
    match mode {
        SslMode::Disable | SslMode::Prefer | SslMode::Require => {
            builder
                .danger_accept_invalid_certs(true)
                .danger_accept_invalid_hostnames(true);
        }
        SslMode::VerifyCa => {
            builder.danger_accept_invalid_hostnames(true);
        }
        SslMode::VerifyFull => {}
    }
    if let Some(path) = &url.sslrootcert {
        let shown = path.display();
        let pem = std::fs::read(path)
            .map_err(|e| tls_error(format!("cannot read the root certificate {shown}: {e}")))?;
        let certs = native_tls::Certificate::stack_from_pem(&pem).map_err(|e| {
            tls_error(format!(
                "{shown} holds no usable root certificate (PEM): {e}"
            ))
        })?;
        for cert in certs {
            builder.add_root_certificate(cert);
        }
    }
    let connector = builder
        .build()
        .map_err(|e| tls_error(format!("cannot set up encrypted connections: {e}")))?;
    Ok(MakeTlsConnector::new(connector))
}

/// What went wrong when connecting, from the driver's error.
pub(crate) fn classify(e: &postgres::Error) -> ConnectProblem {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INVALID_CATALOG_NAME {
            ConnectProblem::NoSuchDatabase
        } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
            && db.message().contains("no encryption")
        {
            // pg_hba.conf has only `hostssl` lines for this client.
            ConnectProblem::Tls
        } else if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            ConnectProblem::AuthFailed
        } else {
            ConnectProblem::Refused
        };
    }
    // The driver's error kinds are private; its text names the kind (the cause is apart).
    let text = e.to_string();
    let cause = e.source().map(|s| s.to_string()).unwrap_or_default();
    if text.starts_with("error performing TLS handshake") {
        ConnectProblem::Tls
    } else if text.starts_with("authentication error")
        || (text.starts_with("invalid configuration") && cause == "password missing")
    {
        ConnectProblem::AuthFailed
    } else if text.starts_with("invalid configuration") || text.starts_with("invalid connection") {
        ConnectProblem::BadUrl
    } else if e.is_closed() || io_cause(e).is_some() || text.starts_with("timeout") {
        ConnectProblem::Unreachable
    } else {
        ConnectProblem::Refused
    }
}

fn io_cause(e: &postgres::Error) -> Option<&std::io::Error> {
    let mut source = e.source();
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return Some(io);
        }
        source = s.source();
    }
    None
}

/// The driver's error as an [`Error::Connect`] whose message says what to do about it.
fn connect_error(url: &ServerUrl, lookup: &Lookup, e: &postgres::Error) -> Error {
    let problem = classify(e);
    let at = url.display();
    let cause = match e.as_db_error() {
        Some(db) => db.message().to_string(),
        None => match e.source() {
            Some(s) => s.to_string(),
            None => e.to_string(),
        },
    };
    let message = match problem {
        ConnectProblem::Unreachable => {
            let timed_out = io_cause(e).is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut);
            match url.connect_timeout {
                Some(t) if timed_out => format!(
                    "the server at {at} did not answer within {} s (is the address right and \
                     the network up?)",
                    t.as_secs()
                ),
                _ => format!(
                    "cannot reach the server at {at}: {cause} (is the address right, the server \
                     running and the network up?)"
                ),
            }
        }
        ConnectProblem::AuthFailed => {
            let mut m = format!(
                "the server at {at} refused the login as {:?}: {cause}",
                url.user
            );
            if lookup.password.is_none() {
                let file = pgpass::password_file()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "~/.pgpass".into());
                m.push_str(&format!(
                    "; no password was given (put it in the password file {file}, or in \
                     PGPASSWORD)"
                ));
            }
            if let Some(note) = &lookup.note {
                m.push_str(&format!("; {note}"));
            }
            m
        }
        ConnectProblem::Tls if cause.contains("server does not support TLS") => format!(
            "the server at {at} does not offer an encrypted connection, but sslmode={} asks for \
             one (turn TLS on at the server, or use sslmode=prefer or sslmode=disable)",
            url.sslmode.as_str()
        ),
        ConnectProblem::Tls if e.as_db_error().is_some() => format!(
            "the server at {at} accepts only encrypted connections: {cause} (use \
             sslmode=require, or leave sslmode out)"
        ),
        ConnectProblem::Tls => format!(
            "the encrypted connection to {at} failed (sslmode={}): {cause}{}",
            url.sslmode.as_str(),
            match url.sslmode {
                SslMode::VerifyCa | SslMode::VerifyFull => {
                    " (is the server's certificate signed by an authority this computer trusts? \
                     name one with sslrootcert=FILE)"
                }
                _ => "",
            }
        ),
        ConnectProblem::NoSuchDatabase => format!(
            "the server at {at} has no database {:?} (check the name after the last '/')",
            url.dbname
        ),
        ConnectProblem::BadUrl => format!("cannot connect to {at}: {cause}"),
        ConnectProblem::Refused => format!("the server at {at} refused the connection: {cause}"),
    };
    Error::connect(problem, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sockets_are_never_encrypted_and_a_root_certificate_means_checking_it() {
        let mode = |s: &str| effective_sslmode(&ServerUrl::parse(s).unwrap());
        assert_eq!(
            mode("postgres://u@%2Ftmp/d?sslmode=require"),
            SslMode::Disable
        );
        assert_eq!(mode("postgres://u@h/d?sslmode=require"), SslMode::Require);
        assert_eq!(
            mode("postgres://u@h/d?sslmode=require&sslrootcert=/ca.pem"),
            SslMode::VerifyCa
        );
        assert_eq!(
            mode("postgres://u@h/d?sslmode=verify-full"),
            SslMode::VerifyFull
        );
    }

    #[test]
    fn the_settings_carry_the_url() {
        let url = ServerUrl::parse(
            "postgres://anna@db:6000/news?options=-c%20search_path%3Ds&connect_timeout=5",
        )
        .unwrap();
        let c = config(&url, Some("pw"));
        assert_eq!(c.get_user(), Some("anna"));
        assert_eq!(c.get_dbname(), Some("news"));
        assert_eq!(c.get_ports(), &[6000]);
        assert_eq!(c.get_password(), Some(&b"pw"[..]));
        assert_eq!(c.get_options(), Some("-c search_path=s"));
        assert_eq!(c.get_application_name(), Some("Newsroom"));
        assert_eq!(
            c.get_connect_timeout(),
            Some(&std::time::Duration::from_secs(5))
        );
    }

    #[test]
    fn a_missing_root_certificate_is_a_tls_error() {
        let url = ServerUrl::parse(
            "postgres://u@h/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem",
        )
        .unwrap();
        let e = tls_connector(&url, SslMode::VerifyFull).err().unwrap();
        assert_eq!(e.code(), "server_tls");
        assert!(e.to_string().contains("/nonexistent/ca.pem"), "{e}");
    }
}
