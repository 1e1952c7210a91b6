//! `newsroom words list|add` on a real library folder.

use std::process::{Command, Output};

use serde_json::Value;

fn newsroom(lib: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .arg("--library")
        .arg(lib)
        .arg("--no-samples")
        .args(args)
        .env_remove("NEWSROOM_LIBRARY")
        .output()
        .unwrap()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn words_are_listed_added_once_and_written_for_the_spell_checker() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let listed = ok(newsroom(&lib, &["words", "list"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert!(lines.contains(&"Lütgendortmund"), "{listed}");
    assert!(!lines.contains(&"Kowalczyk"));

    let added: Value = serde_json::from_str(&ok(newsroom(
        &lib,
        &["words", "add", "Kowalczyk", "--json"],
    )))
    .unwrap();
    assert_eq!(
        added,
        serde_json::json!({"word": "Kowalczyk", "added": true})
    );
    let again = ok(newsroom(&lib, &["words", "add", "Kowalczyk"]));
    assert_eq!(again.trim(), "Kowalczyk is already in the word list");

    let listed: Vec<String> =
        serde_json::from_str(&ok(newsroom(&lib, &["words", "list", "--json"]))).unwrap();
    assert_eq!(listed.iter().filter(|w| *w == "Kowalczyk").count(), 1);
    let dic = std::fs::read_to_string(lib.join("spelling/de_DE.dic")).unwrap();
    assert!(dic.lines().any(|l| l == "Kowalczyk"), "{dic}");
    assert!(dic.lines().any(|l| l == "Hörde"));
}

#[test]
fn a_word_with_a_space_is_refused_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = newsroom(&lib, &["words", "add", "Dortmunder U", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    let listed = ok(newsroom(&lib, &["words", "list"]));
    assert!(!listed.lines().any(|l| l.contains(' ')));
}
