//! The `newsroom` binary end to end on real library folders: JSON in and out, exit codes,
//! errors as {code, message}.

mod support;

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::{json, Value};
use support::{fixture, newsroom, ok_json};

#[test]
fn create_show_update_search_state_revisions_restore() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let created = ok_json(newsroom(
        &lib,
        &["article", "create", "--json"],
        Some(
            r###"{"kicker":"Bildung","headline":"Neue Kita in Hörde","body":"## Plätze\n\n> Zitat","topics":["Familie"],"places":["Hörde"],"related_links":[{"label":"Anmeldung","url":"https://example.org/kita"}],"published_at":"2025-11-12T10:30:00+01:00","embargo_until":null,"author":"Pressestelle","contact":"presse@example.org","state":"review"}"###,
        ),
    ));
    let id = created["id"].as_i64().unwrap().to_string();
    assert_eq!(created["state"], "review");
    assert_eq!(created["published_at"], "2025-11-12T09:30:00Z");
    assert_eq!(
        created["related_links"],
        json!([{"label": "Anmeldung", "url": "https://example.org/kita"}])
    );

    // show --json output is valid update input (read-only fields are ignored).
    let shown = ok_json(newsroom(&lib, &["article", "show", &id, "--json"], None));
    assert_eq!(shown, created);
    let mut edited = shown.clone();
    edited["headline"] = json!("Neue Kita in Hörde eröffnet");
    let file = dir.path().join("edit.json");
    std::fs::write(&file, edited.to_string()).unwrap();
    let updated = ok_json(newsroom(
        &lib,
        &["article", "update", &id, file.to_str().unwrap(), "--json"],
        None,
    ));
    assert_eq!(updated["headline"], "Neue Kita in Hörde eröffnet");
    assert_eq!(updated["body"], created["body"]);

    let hits = ok_json(newsroom(
        &lib,
        &["--json", "article", "search", "horde kita"],
        None,
    ));
    assert_eq!(hits[0]["id"].to_string(), id);
    assert_eq!(
        hits[0]["headline"], "Neue Kita in Hörde eröffnet",
        "search prints whole articles"
    );

    let ready = ok_json(newsroom(
        &lib,
        &["article", "state", &id, "Freigegeben", "--json"],
        None,
    ));
    assert_eq!(ready["state"], "ready");
    let revs = ok_json(newsroom(
        &lib,
        &["article", "revisions", &id, "--json"],
        None,
    ));
    let revs = revs.as_array().unwrap();
    assert_eq!(revs[0]["reason"], "state");
    let first = revs.last().unwrap()["rev"].to_string();
    let restored = ok_json(newsroom(
        &lib,
        &["article", "restore", &id, &first, "--json"],
        None,
    ));
    assert_eq!(restored["headline"], "Neue Kita in Hörde");
    // Approved text that changes goes back to In Prüfung.
    assert_eq!(restored["state"], "review");

    // For a person, the restore says so.
    ok_json(newsroom(
        &lib,
        &["article", "state", &id, "Freigegeben", "--json"],
        None,
    ));
    let out = newsroom(&lib, &["article", "restore", &id, &first], None);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Zustand: Freigegeben → In Prüfung"),
        "{text}"
    );
    // A draft keeps its state and prints no change.
    ok_json(newsroom(
        &lib,
        &["article", "state", &id, "Entwurf", "--json"],
        None,
    ));
    let out = newsroom(&lib, &["article", "restore", &id, &first], None);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("#"), "{text}");
    assert!(text.contains("[Entwurf]"), "{text}");
    ok_json(newsroom(
        &lib,
        &["article", "state", &id, "Freigegeben", "--json"],
        None,
    ));

    let list = ok_json(newsroom(
        &lib,
        &["article", "list", "--state", "ready", "--json"],
        None,
    ));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == id.parse::<i64>().unwrap()));

    let check = ok_json(newsroom(&lib, &["check", "--json"], None));
    assert_eq!(check["integrity"], "ok");
    assert_eq!(check["articles"], 4, "three samples and ours");
}

#[test]
fn errors_exit_non_zero_with_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = newsroom(
        &lib,
        &["--no-samples", "article", "show", "77", "--json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "not_found");

    let out = newsroom(
        &lib,
        &["article", "create", "--json"],
        Some(r#"{"headlin": "Tippfehler"}"#),
    );
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("headlin"));

    let out = newsroom(&lib, &["article", "create"], Some("{not json"));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"));

    let out = newsroom(&lib, &["article", "state", "1", "published"], None);
    assert_eq!(out.status.code(), Some(1));

    let out = newsroom(&lib, &["article", "frobnicate"], None);
    assert_eq!(out.status.code(), Some(2), "usage errors exit 2");

    // Nothing was created by the failed commands.
    let check = ok_json(newsroom(&lib, &["check", "--json"], None));
    assert_eq!(check["articles"], 0);
}

#[test]
fn library_from_environment_and_samples() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .args(["article", "list", "--json"])
        .env("NEWSROOM_LIBRARY", dir.path().join("envlib"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert!(dir.path().join("envlib/newsroom.sqlite3").exists());
}

/// `newsroom article list | head -0`: the reader is gone before the first write. The command
/// ends by SIGPIPE like `ls` or `grep` would, without a panic message.
#[cfg(unix)]
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let mut fds = [0; 2];
    // SAFETY: a two-element array for pipe(2); both ends are owned right after.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    let out = Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .arg("--library")
        .arg(dir.path().join("lib"))
        .args(["article", "list"])
        .env_remove("NEWSROOM_LIBRARY")
        .stdout(Stdio::from(write))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.signal(),
        Some(libc::SIGPIPE),
        "{:?}: {stderr}",
        out.status
    );
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn photo_import_prints_one_json_object_per_file_and_fails_when_one_fails() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let good = fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg");
    let rotated = fixture("orientation/landscape_6.jpg");
    let cut = fixture("corrupt/truncated_DSCN0010_first80000B.jpg");
    let out = newsroom(
        &lib,
        &[
            "--no-samples",
            "photo",
            "import",
            &good,
            &cut,
            &rotated,
            &good,
            "--json",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "one file failed: exit 1");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one object per file, in order");
    assert_eq!(lines[0]["file"], good);
    assert_eq!(lines[0]["ok"], true);
    let p = &lines[0]["photo"];
    for key in [
        "id",
        "sha256",
        "width",
        "height",
        "caption",
        "credit",
        "creator",
        "copyright",
        "alt_text",
        "headline",
        "date_created",
        "city",
        "keywords",
    ] {
        assert!(p.get(key).is_some(), "photo.{key} missing: {p}");
    }
    assert_eq!(p["credit"], "Credit Line (ref2021.1)");
    assert_eq!(p["date_created"], "2021-10-20T21:01:01+00:00");
    assert_eq!(
        lines[1],
        json!({"file": cut, "ok": false, "error": lines[1]["error"].clone()})
    );
    assert_eq!(lines[1]["error"]["code"], "truncated_image");
    // Width/height after orientation (stored 450x600 with Orientation=6).
    assert_eq!(
        (
            lines[2]["photo"]["width"].as_u64(),
            lines[2]["photo"]["height"].as_u64()
        ),
        (Some(600), Some(450))
    );
    // The same file twice is one photo; the one that lost the race (two workers) says so.
    assert_eq!(lines[3]["photo"]["id"], p["id"]);
    let dups = [&lines[0], &lines[3]]
        .iter()
        .filter(|l| l["duplicate"] == true)
        .count();
    assert_eq!(dups, 1, "exactly one of the two is the duplicate");

    let id = p["id"].as_i64().unwrap().to_string();
    let updated = ok_json(newsroom(
        &lib,
        &[
            "photo",
            "update",
            &id,
            "--caption",
            "Neue Bildunterschrift",
            "--alt-text",
            "Ein Logo",
            "--json",
        ],
        None,
    ));
    assert_eq!(updated["caption"], "Neue Bildunterschrift");
    let shown = ok_json(newsroom(&lib, &["photo", "show", &id, "--json"], None));
    assert_eq!(shown["alt_text"], "Ein Logo");
    assert_eq!(
        shown["file_meta"]["caption"],
        "The description aka caption (ref2021.1)"
    );

    let r = ok_json(newsroom(
        &lib,
        &["photo", "renditions", &id, "--json"],
        None,
    ));
    let mut got: Vec<(u64, String)> = r
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["width"].as_u64().unwrap(),
                f["format"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(u64, String)> = [320, 640, 1280, 2000]
        .iter()
        .flat_map(|w| [(*w, "jpeg".to_string()), (*w, "webp".to_string())])
        .collect();
    assert_eq!(
        got, want,
        "2000 px wide: 320/640/1280 and its own 2000, never 2560"
    );
    for f in r.as_array().unwrap() {
        let bytes = std::fs::metadata(f["path"].as_str().unwrap())
            .unwrap()
            .len();
        assert_eq!(f["bytes"].as_u64(), Some(bytes));
    }

    // An empty credit is refused with a code, and nothing changes.
    let out = newsroom(
        &lib,
        &["photo", "update", &id, "--credit", "", "--json"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    let settings = ok_json(newsroom(
        &lib,
        &[
            "photo",
            "settings",
            "--organisation",
            "Stadt Dortmund",
            "--json",
        ],
        None,
    ));
    assert_eq!(settings["template"], "Bild: {organisation} / {creator}");
    let applied = ok_json(newsroom(
        &lib,
        &[
            "photo",
            "apply",
            &id,
            "--creator",
            "Erika Muster",
            "--template",
            // The file's own creator and credit are replaced: that needs saying so.
            "--yes",
            "--json",
        ],
        None,
    ));
    assert_eq!(
        applied["updated"][0]["credit"],
        "Bild: Stadt Dortmund / Erika Muster"
    );
}

#[test]
fn article_check_runs_the_preflight_and_fails_on_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let a = ok_json(newsroom(
        &lib,
        &["--no-samples", "article", "create", "--json"],
        Some(r#"{"headline":"Nur eine Überschrift","body":"[x](javascript:alert(1))"}"#),
    ));
    let id = a["id"].as_i64().unwrap().to_string();
    let out = newsroom(&lib, &["article", "check", &id, "--json"], None);
    assert_eq!(out.status.code(), Some(1));
    let p: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(p["ok"], false);
    let codes: Vec<&str> = p["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        vec![
            "no_teaser",
            "no_published_at",
            "bad_link",
            "no_related_links",
            "no_base_url"
        ],
        "{p}"
    );
}

#[test]
fn photo_apply_never_overwrites_without_yes_when_not_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let import = |rel: &str| {
        let out = newsroom(
            &lib,
            &["--no-samples", "photo", "import", &fixture(rel), "--json"],
            None,
        );
        let line: Value = serde_json::from_slice(&out.stdout).unwrap();
        line["photo"]["id"].as_i64().unwrap().to_string()
    };
    let credited = import("orientation/landscape_3.jpg");
    let bare = import("orientation/portrait_8.jpg");
    ok_json(newsroom(
        &lib,
        &[
            "photo",
            "settings",
            "--organisation",
            "Stadt Dortmund",
            "--json",
        ],
        None,
    ));
    ok_json(newsroom(
        &lib,
        &[
            "photo",
            "update",
            &credited,
            "--creator",
            "Anna Schmidt",
            "--credit",
            "Foto: Anna Schmidt",
            "--caption",
            "Am See. Foto: Anna Schmidt",
            "--json",
        ],
        None,
    ));
    let show = |id: &str| ok_json(newsroom(&lib, &["photo", "show", id, "--json"], None));
    let b = show(&bare);
    assert_eq!(
        (b["creator"].as_str(), b["credit"].as_str()),
        (Some(""), Some(""))
    );

    // Filling an empty credit asks nothing.
    let r = ok_json(newsroom(
        &lib,
        &[
            "photo",
            "apply",
            &bare,
            "--template",
            "--creator",
            "Max Muster",
            "--json",
        ],
        None,
    ));
    assert_eq!(
        r["updated"][0]["credit"],
        "Bild: Stadt Dortmund / Max Muster"
    );

    // Overwriting Anna Schmidt's credit without a terminal and without --yes: refused, the
    // changes and the caption warning printed, nothing written.
    let args = [
        "photo",
        "apply",
        &credited,
        &bare,
        "--template",
        "--creator",
        "Max Muster",
        "--json",
    ];
    let out = newsroom(&lib, &args, None);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("credit: „Foto: Anna Schmidt“ → „Bild: Stadt Dortmund / Max Muster“"),
        "{stderr}"
    );
    assert!(stderr.contains("landscape_3.jpg"), "{stderr}");
    assert!(
        stderr.contains("Bildunterschrift nennt „Anna Schmidt“"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty(), "nothing applied, nothing printed");
    let err: Value = serde_json::from_str(stderr.lines().last().unwrap()).unwrap();
    assert_eq!(err["error"]["code"], "invalid_input");
    assert!(
        err["error"]["message"].as_str().unwrap().contains("--yes"),
        "{err}"
    );
    let a = show(&credited);
    assert_eq!(a["credit"], "Foto: Anna Schmidt");
    assert_eq!(a["creator"], "Anna Schmidt");

    // With --yes it applies.
    let mut yes = args.to_vec();
    yes.push("--yes");
    let r = ok_json(newsroom(&lib, &yes, None));
    assert_eq!(r["updated"].as_array().unwrap().len(), 2);
    assert_eq!(
        show(&credited)["credit"],
        "Bild: Stadt Dortmund / Max Muster"
    );
}

/// On a terminal (a pty from util-linux `script`) `photo apply` asks; "n" writes nothing,
/// "j" applies.
#[test]
fn photo_apply_asks_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let out = newsroom(
        &lib,
        &[
            "--no-samples",
            "photo",
            "import",
            &fixture("iptc/IPTC-PhotometadataRef-Std2021.1.jpg"),
            "--json",
        ],
        None,
    );
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    let id = line["photo"]["id"].to_string();
    let credit = line["photo"]["credit"].as_str().unwrap().to_string();
    assert!(!credit.is_empty(), "the fixture carries a credit");
    let on_terminal = |answer: &str| {
        let cmd = format!(
            "{} --library {} photo apply {id} --template --creator 'Max Muster'",
            env!("CARGO_BIN_EXE_newsroom"),
            lib.display()
        );
        let mut child = Command::new("script")
            .args(["-qec", &cmd, "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("util-linux script must be installed");
        child
            .stdin
            .as_mut()
            .unwrap()
            .write_all(answer.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let credit_now = || {
        ok_json(newsroom(&lib, &["photo", "show", &id, "--json"], None))["credit"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let (code, text) = on_terminal("n\n");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("Überschreiben? [j/N]"), "{text}");
    assert!(
        text.contains(&format!("credit: „{credit}“ → „Bild: Max Muster“")),
        "{text}"
    );
    assert!(text.contains("nothing was changed"), "{text}");
    assert_eq!(credit_now(), credit);

    let (code, text) = on_terminal("j\n");
    assert_eq!(code, Some(0), "{text}");
    assert_eq!(credit_now(), "Bild: Max Muster");
}

#[test]
fn check_lists_left_behind_files_and_repair_removes_them() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    assert!(newsroom(&lib, &["check"], None).status.success());
    // An original whose import died before its row, an hour ago.
    let orphan = lib
        .join("photos/ab")
        .join(format!("{}.jpg", "ab".repeat(32)));
    std::fs::create_dir_all(orphan.parent().unwrap()).unwrap();
    std::fs::write(&orphan, b"left behind").unwrap();
    std::fs::File::options()
        .write(true)
        .open(&orphan)
        .unwrap()
        .set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();

    let out = newsroom(&lib, &["check", "--json"], None);
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        report["left_behind"],
        serde_json::json!([orphan.display().to_string()])
    );
    assert!(orphan.exists(), "check alone removes nothing");

    let out = newsroom(&lib, &["check", "--repair"], None);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("files removed: 1"), "{text}");
    assert!(text.contains(&orphan.display().to_string()), "{text}");
    assert!(!orphan.exists());
}
