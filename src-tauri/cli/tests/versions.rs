//! Two `newsroom` processes update one article from the same version at the same time, on a
//! library folder and on a shared library: changes to different fields both land; changes to
//! the same field keep the first one's text and the later one's as a conflict revision with
//! its author. Nothing is lost.

mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};

use newsroom_core::server::testing::TestServer;
use serde_json::{json, Value};
use support::ok_json;

fn command(lib: &str, cache: &Path, user: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsroom"));
    c.arg("--library")
        .arg(lib)
        .arg("--no-samples")
        .arg("--json")
        .args(args)
        .env_remove("NEWSROOM_LIBRARY")
        .env("NEWSROOM_USER", user)
        .env("XDG_CACHE_HOME", cache)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    c
}

fn run(lib: &str, cache: &Path, user: &str, args: &[&str]) -> Value {
    ok_json(command(lib, cache, user, args).output().unwrap())
}

/// Starts `article update` of `shown` with `edit` applied, as `user`.
fn start_update(lib: &str, dir: &Path, user: &str, shown: &Value, edit: Value) -> Child {
    let mut json = shown.clone();
    for (k, v) in edit.as_object().unwrap() {
        json[k] = v.clone();
    }
    let file = dir.join(format!("{user}.json"));
    std::fs::write(&file, json.to_string()).unwrap();
    let id = shown["id"].to_string();
    command(
        lib,
        dir,
        user,
        &["article", "update", &id, file.to_str().unwrap()],
    )
    .spawn()
    .unwrap()
}

fn two_desks_update_one_article(lib: &str) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let new = d.join("new.json");
    std::fs::write(
        &new,
        json!({"headline": "Überschrift", "teaser": "Teaser", "body": "Der Text."}).to_string(),
    )
    .unwrap();
    let created = run(
        lib,
        d,
        "anna",
        &["article", "create", new.to_str().unwrap()],
    );
    let id = created["id"].to_string();
    let shown = run(lib, d, "anna", &["article", "show", &id]);
    assert_eq!(shown["version"], 1);

    // Different fields from the same version, at once: both land.
    let a = start_update(lib, d, "anna", &shown, json!({"body": "Annas Text."}));
    let b = start_update(lib, d, "ben", &shown, json!({"teaser": "Bens Teaser"}));
    let (a, b) = (
        ok_json(a.wait_with_output().unwrap()),
        ok_json(b.wait_with_output().unwrap()),
    );
    assert_eq!(a["conflicts"], json!([]), "{a}");
    assert_eq!(b["conflicts"], json!([]), "{b}");
    let now = run(lib, d, "anna", &["article", "show", &id]);
    assert_eq!(now["body"], "Annas Text.");
    assert_eq!(now["teaser"], "Bens Teaser");
    assert_eq!(now["headline"], "Überschrift");
    assert_eq!(now["version"], 3);

    // The same field from the same version, at once: the first stays, the later is kept.
    let a = start_update(
        lib,
        d,
        "anna",
        &now,
        json!({"headline": "Annas Überschrift"}),
    );
    let b = start_update(lib, d, "ben", &now, json!({"headline": "Bens Überschrift"}));
    let outs = [
        (
            "anna",
            "Annas Überschrift",
            ok_json(a.wait_with_output().unwrap()),
        ),
        (
            "ben",
            "Bens Überschrift",
            ok_json(b.wait_with_output().unwrap()),
        ),
    ];
    let (late, first): (Vec<_>, Vec<_>) = outs
        .iter()
        .partition(|(_, _, out)| out["conflicts"] != json!([]));
    assert_eq!((late.len(), first.len()), (1, 1), "{outs:?}");
    let (late_user, late_text, late_out) = late[0];
    let (_, first_text, _) = first[0];
    assert_eq!(late_out["conflicts"], json!(["headline"]));
    let end = run(lib, d, "anna", &["article", "show", &id]);
    assert_eq!(end["headline"], *first_text);
    assert_eq!(end["body"], "Annas Text.");
    assert_eq!(end["teaser"], "Bens Teaser");
    assert_eq!(end["version"], 4);

    let revs = run(lib, d, "anna", &["article", "revisions", &id]);
    let conflict = revs
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["reason"] == "conflict")
        .unwrap_or_else(|| panic!("no conflict revision: {revs}"));
    assert_eq!(conflict["author"], *late_user);
    assert_eq!(conflict["rev"], late_out["conflict_rev"]);
    assert_eq!(conflict["headline"], *late_text);

    // JSON without a version is refused unless --latest says to change the current one.
    let file = d.join("partial.json");
    std::fs::write(&file, json!({"kicker": "Neu"}).to_string()).unwrap();
    let out = command(
        lib,
        d,
        "anna",
        &["article", "update", &id, file.to_str().unwrap()],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("version"));
    let out = command(
        lib,
        d,
        "anna",
        &["article", "update", &id, file.to_str().unwrap(), "--latest"],
    );
    let saved = ok_json({ out }.output().unwrap());
    assert_eq!(saved["kicker"], "Neu");
    assert_eq!(saved["headline"], *first_text);
}

#[test]
fn two_processes_update_one_article_on_a_library_folder() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    two_desks_update_one_article(lib.to_str().unwrap());
}

#[test]
fn two_processes_update_one_article_on_a_shared_library() {
    let url = TestServer::shared().fresh_url();
    two_desks_update_one_article(&url);
}
