//! The `newsroom` binary with a shared library on the test PostgreSQL server: `server init`,
//! `--library URL`, `library push` and `library pull`.

mod support;

use std::path::Path;
use std::process::{Command, Output};

use newsroom_core::server::testing::TestServer;
use newsroom_core::server::{connect, ServerUrl};
use support::ok_json;

fn newsroom(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .args(args)
        .env_remove("NEWSROOM_LIBRARY")
        .env("XDG_CACHE_HOME", cache)
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh schema's address, with a password the (trusting) test server ignores.
fn fresh_url() -> String {
    let url = TestServer::shared().fresh_url();
    assert!(url.contains("newsroom@"), "{url}");
    url.replacen("newsroom@", "newsroom:geheim@", 1)
}

#[test]
fn server_init_creates_the_schema_once_and_refuses_foreign_tables() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_url();
    let out = newsroom(dir.path(), &["server", "init", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout(&out).starts_with("created the shared library"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("geheim"));
    let again = ok_json(newsroom(dir.path(), &["--json", "server", "init", &url]));
    assert_eq!(again["schema_version_before"], again["schema_version"]);

    let foreign = fresh_url();
    let mut client = connect(&ServerUrl::parse(&foreign).unwrap()).unwrap();
    client
        .batch_execute("CREATE TABLE invoices (id bigint)")
        .unwrap();
    let out = newsroom(dir.path(), &["server", "init", &foreign]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("invoices") && err.contains("not Newsroom's"),
        "{err}"
    );
    let tables: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 1);
}

#[test]
fn push_then_pull_through_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let desk = dir.path().join("desk");
    let desk_arg = desk.to_str().unwrap();
    for i in 0..150 {
        let json = format!(
            r#"{{"headline": "Meldung {i} aus Hörde", "topics": ["Verkehr"], "state": "review"}}"#
        );
        let file = dir.path().join("a.json");
        std::fs::write(&file, json).unwrap();
        ok_json(newsroom(
            &cache,
            &[
                "--library",
                desk_arg,
                "--no-samples",
                "--json",
                "article",
                "create",
                file.to_str().unwrap(),
            ],
        ));
    }
    ok_json(newsroom(
        &cache,
        &[
            "--library",
            desk_arg,
            "--json",
            "words",
            "add",
            "Quatschkopfweg",
        ],
    ));
    let list = |lib: &str| {
        ok_json(newsroom(
            &cache,
            &[
                "--library",
                lib,
                "--json",
                "article",
                "list",
                "--limit",
                "500",
            ],
        ))
    };
    let desk_list = list(desk_arg);
    assert_eq!(desk_list.as_array().unwrap().len(), 150);

    let url = fresh_url();
    let out = newsroom(&cache, &["library", "push", desk_arg, "--to", &url]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let progress = String::from_utf8_lossy(&out.stderr);
    assert!(progress.contains("100 of 150 articles"), "{progress}");
    assert!(progress.contains("150 of 150 articles"), "{progress}");
    assert!(
        stdout(&out).contains("copied 150 articles"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("geheim"));

    assert_eq!(list(&url), desk_list);
    let check = ok_json(newsroom(&cache, &["--library", &url, "--json", "check"]));
    assert_eq!(check["shared"], true);
    assert_eq!(check["articles"], 150);
    assert!(!check.to_string().contains("geheim"), "{check}");
    let found = ok_json(newsroom(
        &cache,
        &[
            "--library",
            &url,
            "--json",
            "article",
            "search",
            "hoerde",
            "--limit",
            "5",
        ],
    ));
    assert_eq!(found.as_array().unwrap().len(), 5);

    // The shared library is not empty any more: a second push changes nothing.
    let again = newsroom(&cache, &["library", "push", desk_arg, "--to", &url]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));
    assert_eq!(list(&url), desk_list);

    let copy = dir.path().join("copy");
    let copy_arg = copy.to_str().unwrap();
    let pulled = ok_json(newsroom(
        &cache,
        &["--json", "library", "pull", &url, "--to", copy_arg],
    ));
    assert_eq!(pulled["articles"], 150);
    assert_eq!(pulled["user_words"], 1);
    assert_eq!(list(copy_arg), desk_list);
    let words = ok_json(newsroom(
        &cache,
        &["--library", copy_arg, "--json", "words", "list"],
    ));
    assert!(words.to_string().contains("Quatschkopfweg"));
}

#[test]
fn add_user_gives_a_person_a_login_with_one_role() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_url();
    ok_json(newsroom(dir.path(), &["--json", "server", "init", &url]));
    let pw = dir.path().join("pw");
    std::fs::write(&pw, "lang-genug-geheim\n").unwrap();
    let login = format!("paul_{}", std::process::id());
    let pw_arg = pw.to_str().unwrap();
    let added = ok_json(newsroom(
        dir.path(),
        &[
            "--json",
            "--library",
            &url,
            "server",
            "add-user",
            &login,
            "--role",
            "fotografie",
            "--full-name",
            "Paul Fotograf",
            "--password-file",
            pw_arg,
        ],
    ));
    assert_eq!(added["role"], "fotografie");
    assert!(!added.to_string().contains("geheim-genug"));

    // Once only; a role that does not exist; no terminal and no file: clear refusals.
    let again = newsroom(
        dir.path(),
        &[
            "--json",
            "--library",
            &url,
            "server",
            "add-user",
            &login,
            "--role",
            "fotografie",
            "--password-file",
            pw_arg,
        ],
    );
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("invalid_state"));
    let bad = newsroom(
        dir.path(),
        &[
            "--json",
            "--library",
            &url,
            "server",
            "add-user",
            "x",
            "--role",
            "chef",
            "--password-file",
            pw_arg,
        ],
    );
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("no role \\\"chef\\\""),
        "{}",
        String::from_utf8_lossy(&bad.stderr)
    );

    // The login is in its group role, and the server knows the name the others see.
    let mut c = connect(&ServerUrl::parse(&url).unwrap()).unwrap();
    let row = c
        .query_one(
            "SELECT pg_has_role($1, 'newsroom_fotografie', 'MEMBER'),
                    shobj_description((SELECT oid FROM pg_roles WHERE rolname = $1), 'pg_authid')",
            &[&login],
        )
        .unwrap();
    assert!(row.get::<_, bool>(0));
    assert_eq!(
        row.get::<_, Option<String>>(1).as_deref(),
        Some("Paul Fotograf")
    );
}
