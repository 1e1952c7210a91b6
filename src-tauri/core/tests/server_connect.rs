//! Connecting to a shared library's server, against real throwaway PostgreSQL clusters:
//! every way it can fail has its own error code and a message that says what to do.

use std::time::{Duration, Instant};

use newsroom_core::server::testing::{Cluster, TestServer};
use newsroom_core::server::{connect, ServerUrl};
use newsroom_core::Error;

fn url(s: &str) -> ServerUrl {
    ServerUrl::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn connect_err(s: &str) -> Error {
    match connect(&url(s)) {
        Ok(_) => panic!("{s}: connected"),
        Err(e) => e,
    }
}

/// The shared server's address with another database name.
fn with_db(db: &str) -> String {
    let base = TestServer::shared().base_url();
    let at = base.rfind('/').unwrap();
    let query = base[at..].find('?').map(|q| &base[at + q..]).unwrap_or("");
    format!("{}/{db}{query}", &base[..at])
}

#[test]
fn connects_and_works_in_its_own_schema() {
    let server = TestServer::shared();
    let address = server.fresh_url();
    let mut client = connect(&url(&address)).unwrap();
    let row = client
        .query_one(
            "SELECT current_schema(), current_setting('application_name')",
            &[],
        )
        .unwrap();
    let schema: String = row.get(0);
    assert!(schema.starts_with('t'), "{schema}");
    assert_eq!(row.get::<_, String>(1), "Newsroom");
    client
        .batch_execute("CREATE TABLE probe (id int); INSERT INTO probe VALUES (1)")
        .unwrap();
    // Another schema does not see the table.
    let mut other = connect(&url(&server.fresh_url())).unwrap();
    let e = other.query_one("SELECT id FROM probe", &[]).unwrap_err();
    assert_eq!(Error::from(e).code(), "server");
    // sslmode=disable works against a server without TLS, and so does the default (prefer).
    let plain = format!("{}&sslmode=disable", server.url(&schema));
    let n: i32 = connect(&url(&plain))
        .unwrap()
        .query_one("SELECT id FROM probe", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 1);
}

#[test]
fn a_missing_database_is_named() {
    let e = connect_err(&with_db("no_such_library"));
    assert_eq!(e.code(), "server_database", "{e}");
    assert!(e.to_string().contains("no_such_library"), "{e}");
}

#[test]
fn a_closed_port_is_unreachable_at_once() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let start = Instant::now();
    let e = connect_err(&format!("postgres://newsroom@127.0.0.1:{port}/postgres"));
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(e.code(), "server_unreachable", "{e}");
    assert!(e.to_string().contains(&format!("127.0.0.1:{port}")), "{e}");
}

#[test]
fn an_unknown_host_is_unreachable() {
    let e = connect_err("postgres://newsroom@no-such-host.invalid/postgres?connect_timeout=3");
    assert_eq!(e.code(), "server_unreachable", "{e}");
}

#[test]
fn bad_addresses_are_refused_before_connecting() {
    for s in [
        "newsroom.example.org",
        "postgres://u@h:port/db",
        "postgres://u@h/db?sslmode=always",
        "postgres://u@h/db?color=blue",
    ] {
        let e = ServerUrl::parse(s).expect_err(s);
        assert_eq!(e.code(), "server_url", "{s}: {e}");
    }
}

#[test]
fn a_server_without_tls_refuses_sslmode_require() {
    let e = connect_err(&format!(
        "{}&sslmode=require",
        TestServer::shared().fresh_url()
    ));
    assert_eq!(e.code(), "server_tls", "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("does not offer an encrypted connection"),
        "{msg}"
    );
    assert!(msg.contains("sslmode=require"), "{msg}");
}

#[test]
fn a_server_that_goes_away_is_unreachable_not_a_query_error() {
    let address = url(&TestServer::shared().fresh_url());
    let mut doomed = connect(&address).unwrap();
    let pid: i32 = doomed
        .query_one("SELECT pg_backend_pid()", &[])
        .unwrap()
        .get(0);
    let mut admin = connect(&address).unwrap();
    admin
        .execute("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap();
    let e = doomed.query_one("SELECT 1", &[]).unwrap_err();
    assert_eq!(Error::from(e).code(), "server_unreachable");
}

/// Everything about passwords in one test: the password file is found through the
/// environment, which the other tests of this process do not touch.
#[test]
fn passwords_from_the_url_and_the_password_file() {
    use std::os::unix::fs::PermissionsExt;

    const PASSWORD: &str = "Kaffee:und\\Kuchen";
    let cluster = Cluster::start(Some(PASSWORD));
    let dir = tempfile::tempdir().unwrap();
    let pgpass = dir.path().join("pgpass");
    std::env::remove_var("PGPASSWORD");
    std::env::set_var("PGPASSFILE", &pgpass);
    let base = format!("{}?sslmode=disable", cluster.url());

    // No password anywhere: the message says where one goes.
    let e = connect_err(&base);
    assert_eq!(e.code(), "server_auth", "{e}");
    assert!(e.to_string().contains("no password was given"), "{e}");

    // A wrong one in the URL.
    let wrong = base.replace("newsroom@", "newsroom:Tee@");
    let e = connect_err(&wrong);
    assert_eq!(e.code(), "server_auth", "{e}");
    assert!(!e.to_string().contains("Tee"), "{e}");

    // The right one in the URL (percent-encoded); never shown.
    let right = base.replace("newsroom@", "newsroom:Kaffee%3Aund%5CKuchen@");
    let address = url(&right);
    connect(&address).unwrap();
    assert!(
        !address.display().contains("Kaffee"),
        "{}",
        address.display()
    );
    assert!(!format!("{address:?}").contains("Kaffee"));

    // From the password file, escaped as libpq wants it; only while it is private.
    let line = format!(
        "# the test cluster\n127.0.0.1:{}:*:newsroom:Kaffee\\:und\\\\Kuchen\n",
        cluster.port()
    );
    std::fs::write(&pgpass, line).unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    let e = connect_err(&base);
    assert_eq!(e.code(), "server_auth", "{e}");
    assert!(e.to_string().contains("chmod 600"), "{e}");
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let mut client = connect(&url(&base)).unwrap();
    let user: String = client.query_one("SELECT current_user", &[]).unwrap().get(0);
    assert_eq!(user, "newsroom");
    std::env::remove_var("PGPASSFILE");
}

/// `sslmode` against a server that speaks TLS with a certificate for `localhost` from a CA of
/// its own: `require` encrypts without checking, `verify-ca` checks the chain, `verify-full`
/// the chain and the host name.
#[test]
fn sslmode_is_honoured_against_a_tls_server() {
    let cluster = Cluster::start_tls();
    let port = cluster.port();
    let ca = cluster.ca_file();
    let ca = ca.display();
    let encrypted = |address: &str| -> bool {
        connect(&url(address))
            .unwrap_or_else(|e| panic!("{address}: {e}"))
            .query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )
            .unwrap()
            .get(0)
    };
    let at =
        |host: &str, query: &str| format!("postgres://newsroom@{host}:{port}/postgres?{query}");

    assert!(encrypted(&at("127.0.0.1", "sslmode=require")));
    assert!(encrypted(&at("127.0.0.1", "sslmode=prefer")));
    assert!(!encrypted(&at("127.0.0.1", "sslmode=disable")));
    assert!(encrypted(&at(
        "127.0.0.1",
        &format!("sslmode=verify-ca&sslrootcert={ca}")
    )));
    assert!(encrypted(&at(
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={ca}")
    )));

    // Without the CA the certificate cannot be trusted; for 127.0.0.1 it names another host.
    let e = connect_err(&at("127.0.0.1", "sslmode=verify-ca"));
    assert_eq!(e.code(), "server_tls", "{e}");
    let e = connect_err(&at(
        "127.0.0.1",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    ));
    assert_eq!(e.code(), "server_tls", "{e}");
}
