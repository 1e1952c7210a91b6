//! `newsroom export` end to end: exit codes, held-back reporting, --force, and what a write
//! that fails or dies half-way leaves behind (nothing: no half bundle, no changed state).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// The repository's test fixtures (`tests/fixtures/`).
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures");

fn newsroom(lib: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("NEWSROOM_LIBRARY")
        .output()
        .unwrap()
}

/// Runs the CLI under a file-size limit (`ulimit -f`, 512-byte blocks): a write past it fails
/// with EFBIG like a full disk when SIGXFSZ is ignored, or kills the process mid-write when not.
fn newsroom_limited(lib: &Path, blocks: u32, ignore_signal: bool, args: &[&str]) -> Output {
    let mut script = String::new();
    if ignore_signal {
        script.push_str("trap '' XFSZ; ");
    }
    script.push_str(&format!("ulimit -f {blocks}; exec \"$0\" \"$@\""));
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_newsroom"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("NEWSROOM_LIBRARY")
        .output()
        .unwrap()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {} / {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn ok(out: Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// `newsroom article update ID FILE` with `fields` written to a file beside the library.
fn update_article(lib: &Path, id: i64, fields: Value) -> Value {
    let file = lib.with_extension(format!("update-{id}.json"));
    std::fs::write(&file, fields.to_string()).unwrap();
    ok(newsroom(
        lib,
        &[
            "article",
            "update",
            &id.to_string(),
            file.to_str().unwrap(),
            "--latest",
            "--json",
        ],
    ))
}

/// A library with the sample articles (one is Freigegeben) and the sample's lead photo set to
/// a credited photo, renditions made.
fn setup(dir: &Path) -> (PathBuf, i64) {
    let lib = dir.join("lib");
    ok(newsroom(
        &lib,
        &[
            "photo",
            "settings",
            "--organisation",
            "Stadt Dortmund",
            "--json",
        ],
    ));
    let photo = format!("{FIXTURES}/images/iptc/IPTC-PhotometadataRef-Std2021.1.jpg");
    let imported: Value =
        serde_json::from_slice(&newsroom(&lib, &["photo", "import", &photo, "--json"]).stdout)
            .unwrap();
    let pid = imported["photo"]["id"].as_i64().unwrap();
    let list = ok(newsroom(
        &lib,
        &["article", "list", "--state", "ready", "--json"],
    ));
    let id = list[0]["id"].as_i64().unwrap();
    update_article(
        &lib,
        id,
        serde_json::json!({ "lead_photo": { "photo_id": pid, "caption": null, "alt_text": "Testbild" } }),
    );
    ok(newsroom(
        &lib,
        &["photo", "renditions", &pid.to_string(), "--json"],
    ));
    (lib, id)
}

#[test]
fn export_reports_and_exits_like_a_tool() {
    let dir = tempfile::tempdir().unwrap();
    let (lib, id) = setup(dir.path());
    let out = dir.path().join("out");
    let o = out.to_str().unwrap();

    // Usage errors: neither ids nor --ready, a bad format.
    assert_eq!(
        newsroom(&lib, &["export", "--format", "both", "--out", o])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        newsroom(&lib, &["export", "--ready", "--format", "pdf", "--out", o])
            .status
            .code(),
        Some(2)
    );

    // A draft sample given by id is held back: exit 1, the reason printed.
    let drafts = ok(newsroom(
        &lib,
        &["article", "list", "--state", "draft", "--json"],
    ));
    let draft = drafts[0]["id"].as_i64().unwrap().to_string();
    let r = newsroom(
        &lib,
        &[
            "export",
            &draft,
            &id.to_string(),
            "--format",
            "both",
            "--out",
            o,
            "--json",
        ],
    );
    assert_eq!(r.status.code(), Some(1));
    let report = json(&r);
    assert_eq!(report["held_back"][0]["checks"][0]["code"], "not_ready");
    assert_eq!(report["exported"][0]["article_id"], id);
    let err: Value = serde_json::from_slice(&r.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_state");
    let name = report["exported"][0]["name"].as_str().unwrap().to_string();
    assert_eq!(
        entries(&out),
        vec![
            ".newsroom-listing.json".into(),
            name.clone(),
            "feed.json".into(),
            "index.html".into()
        ]
    );
    let shown = ok(newsroom(
        &lib,
        &["article", "show", &id.to_string(), "--json"],
    ));
    assert_eq!(shown["state"], "exported");
    assert_eq!(
        shown["exported_to"],
        out.canonicalize().unwrap().join(&name).to_str().unwrap()
    );

    // The human form names what held it back.
    let r = newsroom(&lib, &["export", &draft, "--format", "html", "--out", o]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stdout).contains("not_ready"));

    // Again without --force: exists, exit 1, untouched; with --force: replaced.
    let r = newsroom(
        &lib,
        &[
            "export",
            &id.to_string(),
            "--format",
            "both",
            "--out",
            o,
            "--json",
        ],
    );
    assert_eq!(r.status.code(), Some(1));
    assert_eq!(json(&r)["skipped_existing"][0]["name"], name.as_str());
    let r = ok(newsroom(
        &lib,
        &[
            "export",
            &id.to_string(),
            "--format",
            "both",
            "--out",
            o,
            "--force",
            "--json",
        ],
    ));
    assert_eq!(r["exported"][0]["replaced"], true);

    // --ready with nothing Freigegeben left: nothing to do, success.
    let r = ok(newsroom(
        &lib,
        &[
            "export", "--ready", "--format", "ninjs", "--out", o, "--json",
        ],
    ));
    assert_eq!(r["exported"].as_array().unwrap().len(), 0);
}

#[test]
fn a_full_disk_or_a_crash_mid_write_leaves_no_half_bundle_and_no_changed_state() {
    // Beside the library the renditions are hard links to the cache and write nothing, so a
    // long body makes the page what runs into the limit; on /dev/shm (another filesystem) the
    // renditions are copied, and the 1280 px ones run into it.
    let shm = Path::new("/dev/shm");
    assert!(
        shm.is_dir(),
        "this test needs /dev/shm (a tmpfs on Debian and Ubuntu)"
    );
    for (place, long_body) in [
        ("beside the library", true),
        ("on another filesystem", false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (lib, id) = setup(dir.path());
        if long_body {
            let body =
                "Ein Absatz über den Umbau des Marktplatzes, mit allen Terminen. ".repeat(1500);
            update_article(&lib, id, serde_json::json!({ "body": body }));
            // Opening indexes the change, which must happen before the limit is on: the
            // library is now larger than 64 KiB and the test is about the bundle.
            ok(newsroom(
                &lib,
                &["article", "show", &id.to_string(), "--json"],
            ));
        }
        let other = tempfile::tempdir_in(shm).unwrap();
        let out = if long_body {
            dir.path().join("out")
        } else {
            other.path().join("out")
        };
        let o = out.to_str().unwrap();
        let args = [
            "export", "--ready", "--format", "both", "--out", o, "--json",
        ];

        // 64 KiB per file.
        let r = newsroom_limited(&lib, 128, true, &args);
        assert_eq!(
            r.status.code(),
            Some(1),
            "{place}: {}",
            String::from_utf8_lossy(&r.stderr)
        );
        let report = json(&r);
        assert_eq!(report["failed"][0]["article_id"], id, "{place}");
        assert_eq!(report["failed"][0]["error"]["code"], "io", "{place}");
        assert!(
            report["failed"][0]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("large"),
            "{place}: {report}"
        );
        assert_eq!(
            entries(&out),
            Vec::<String>::new(),
            "{place}: no bundle, no temp folder, no listing"
        );
        let shown = ok(newsroom(
            &lib,
            &["article", "show", &id.to_string(), "--json"],
        ));
        assert_eq!(shown["state"], "ready", "{place}");
        assert_eq!(shown["exported_at"], Value::Null, "{place}");

        // Killed by SIGXFSZ in the middle of a file: only the hidden temp folder remains.
        let r = newsroom_limited(&lib, 128, false, &args);
        assert!(!r.status.success(), "{place}");
        assert!(
            entries(&out)
                .iter()
                .all(|e| e.starts_with(".newsroom-tmp-")),
            "{place}: {:?}",
            entries(&out)
        );
        assert_eq!(
            ok(newsroom(
                &lib,
                &["article", "show", &id.to_string(), "--json"]
            ))["state"],
            "ready",
            "{place}"
        );

        // The next export works and clears the leftover.
        let report = ok(newsroom(&lib, &args));
        let name = report["exported"][0]["name"].as_str().unwrap();
        assert_eq!(
            entries(&out),
            vec![
                ".newsroom-listing.json".into(),
                name.to_string(),
                "feed.json".into(),
                "index.html".into()
            ],
            "{place}"
        );
        assert!(out.join(name).join("article.json").exists(), "{place}");
    }
}
