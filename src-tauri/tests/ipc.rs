//! The IPC surface through Tauri's mock runtime: commands are reachable from the app origin,
//! take the documented argument names, and fail as `{code, message}`.

use newsroom_app::{with_commands, AppState};
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;
use tauri::WebviewWindow;

fn app(
    library: std::path::PathBuf,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    WebviewWindow<tauri::test::MockRuntime>,
) {
    app_with(AppState::open(library))
}

fn app_with(
    state: AppState,
) -> (
    tauri::App<tauri::test::MockRuntime>,
    WebviewWindow<tauri::test::MockRuntime>,
) {
    let app = with_commands(mock_builder())
        .manage(state)
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

fn invoke(
    w: &WebviewWindow<tauri::test::MockRuntime>,
    cmd: &str,
    body: Value,
) -> Result<Value, Value> {
    get_ipc_response(
        w,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().unwrap())
}

#[test]
fn article_round_trip_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path().join("lib"));
    let info = invoke(&w, "library_info", json!({})).unwrap();
    assert_eq!(info["article_count"], 3, "a new library is seeded: {info}");

    let input = json!({
        "kicker": "Stadtleben", "headline": "Großes Straßenfest", "teaser": "T", "body": "## Programm\n\n> Zitat",
        "related_links": [{"label": "Mehr", "url": "https://example.org"}],
        "topics": ["Familie"], "places": ["Hörde"],
        "published_at": "2025-11-12T10:30:00+01:00", "embargo_until": null,
        "author": "A", "contact": "C"
    });
    let a = invoke(&w, "create_article", json!({ "input": input })).unwrap();
    let id = a["id"].as_i64().unwrap();
    assert_eq!(a["published_at"], "2025-11-12T09:30:00Z");
    assert_eq!(a["state"], "draft");

    let mut edited = input.clone();
    edited["headline"] = json!("Großes Straßenfest am Hafen");
    let b = invoke(
        &w,
        "save_article",
        json!({ "id": id, "input": edited, "baseVersion": a["version"] }),
    )
    .unwrap();
    assert_eq!(b["headline"], "Großes Straßenfest am Hafen");
    assert_eq!(b["version"], 2);
    assert_eq!(b["conflicts"], json!([]));

    let page = invoke(
        &w,
        "list_articles",
        json!({ "query": { "text": "strassenfest hafen" } }),
    )
    .unwrap();
    assert_eq!(page["items"][0]["id"], id, "{page}");

    let ready = invoke(&w, "set_state", json!({ "id": id, "state": "ready" })).unwrap();
    assert_eq!(ready["state"], "ready");
    let revs = invoke(&w, "list_revisions", json!({ "id": id })).unwrap();
    assert_eq!(revs[0]["reason"], "state");
    let restored = invoke(&w, "restore_revision", json!({ "id": id, "rev": 1 })).unwrap();
    assert_eq!(restored["headline"], "Großes Straßenfest");
    // Approved text that changes goes back to In Prüfung.
    assert_eq!(restored["state"], "review");

    let topics = invoke(&w, "suggest", json!({ "kind": "topic", "prefix": "fam" })).unwrap();
    assert_eq!(topics, json!(["Familie"]));
    let html = invoke(
        &w,
        "render_preview",
        json!({ "body": "<script>x</script>\n\n**ok**" }),
    )
    .unwrap();
    assert_eq!(html.as_str().unwrap().trim(), "<p><strong>ok</strong></p>");
}

#[test]
fn errors_cross_ipc_as_code_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path().join("lib"));
    let e = invoke(&w, "get_article", json!({ "id": 4242 })).unwrap_err();
    assert_eq!(e["code"], "not_found");
    assert!(e["message"].as_str().unwrap().contains("4242"));

    let e = invoke(&w, "set_state", json!({ "id": 1, "state": "published" })).unwrap_err();
    assert!(e.is_string() || e["code"].is_string(), "{e}");
}

/// The editor's autosave never refuses the whole article for one field: "gestern" cannot be a
/// date, so it is held as typed (and shown back), while the headline typed with it saves.
#[test]
fn autosave_holds_a_bad_field_and_saves_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path().join("lib"));
    let mut input = invoke(&w, "get_article", json!({ "id": 1 })).unwrap();
    let before = input["published_at"].clone();
    let base = input["version"].clone();
    input["published_at"] = json!("gestern");
    input["headline"] = json!("Neue Überschrift");
    for k in [
        "id",
        "state",
        "created_at",
        "updated_at",
        "exported_at",
        "exported_to",
        "held",
        "version",
    ] {
        input.as_object_mut().unwrap().remove(k);
    }
    let a = invoke(
        &w,
        "save_article",
        json!({ "id": 1, "input": input, "baseVersion": base }),
    )
    .unwrap();
    assert_eq!(a["headline"], "Neue Überschrift");
    assert_eq!(
        a["published_at"], before,
        "the field keeps its last valid value"
    );
    assert_eq!(
        a["held"],
        json!([{ "field": "published_at", "value": "gestern", "problem": "not_a_date" }])
    );
    let p = invoke(&w, "preflight_article", json!({ "id": 1 })).unwrap();
    let held: Vec<&Value> = p["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["code"] == "field_held")
        .collect();
    assert_eq!(held.len(), 1, "{p}");
    assert_eq!(held[0]["field"], "published_at");
    assert_eq!(held[0]["value"], "gestern");
    assert_eq!(p["ok"], false);
}

#[test]
fn a_library_that_cannot_open_is_reported_not_crashed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let (_app, w) = app(file);
    let e = invoke(&w, "library_info", json!({})).unwrap_err();
    assert_eq!(e["code"], "not_a_library", "{e}");
    let e = invoke(&w, "list_articles", json!({ "query": {} })).unwrap_err();
    assert_eq!(e["code"], "not_a_library");
}

#[test]
fn a_shared_library_is_connected_only_once_it_opens_and_remembered_without_password() {
    use newsroom_core::library::Location;
    use newsroom_core::server::testing::TestServer;
    let dir = tempfile::tempdir().unwrap();
    let own = dir.path().join("Eigene");
    let choice = dir.path().join("config/library.json");
    let (_app, w) = app_with(AppState::open_location(
        Location::Folder(own.clone()),
        own.clone(),
        Some(choice.clone()),
    ));
    let info = invoke(&w, "library_info", json!({})).unwrap();
    assert_eq!(info["kind"], "folder", "{info}");
    assert_eq!(info["name"], "Eigene");
    assert_eq!(info["own"], true);
    assert_eq!(info["article_count"], 3);

    // A folder the page names is not opened (nor made): the app connects shared libraries;
    // a folder library opens with --library.
    let elsewhere = dir.path().join("elsewhere");
    let e = invoke(
        &w,
        "connect_library",
        json!({ "location": elsewhere.display().to_string() }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "server_url", "{e}");
    assert!(!elsewhere.exists());
    assert_eq!(invoke(&w, "library_info", json!({})).unwrap(), info);

    // Nothing listens on port 1, and a bad address is no address: nothing changes.
    for (bad, code) in [
        (
            "postgres://newsroom@127.0.0.1:1/newsroom",
            "server_unreachable",
        ),
        ("postgres://newsroom@127.0.0.1:99999/newsroom", "server_url"),
    ] {
        let e = invoke(&w, "connect_library", json!({ "location": bad })).unwrap_err();
        assert_eq!(e["code"], code, "{e}");
        assert_eq!(invoke(&w, "library_info", json!({})).unwrap(), info);
        assert!(!choice.exists());
    }

    let url = TestServer::shared().fresh_url();
    let c = invoke(
        &w,
        "connect_library",
        json!({ "location": format!(" {url} ") }),
    )
    .unwrap();
    assert_eq!(c["remembered"], true, "{c}");
    assert_eq!(c["library"]["kind"], "server");
    assert_eq!(c["library"]["own"], false);
    assert_eq!(c["library"]["name"], "127.0.0.1/postgres");
    assert_eq!(
        c["library"]["article_count"], 0,
        "a shared library starts empty"
    );
    assert_eq!(
        newsroom_app::choice::read(&choice).as_deref(),
        Some(url.as_str())
    );
    let a = invoke(
        &w,
        "create_article",
        json!({ "input": { "headline": "Gemeinsam" } }),
    )
    .unwrap();
    let lib =
        newsroom_core::Library::open_location(&Location::parse(&url).unwrap(), Default::default())
            .unwrap();
    let stored = lib.get_article(a["id"].as_i64().unwrap()).unwrap();
    assert_eq!(stored.headline, "Gemeinsam");

    // With a password in the address: connected, but not remembered (nor the older choice).
    let secret = url.replacen("newsroom@", "newsroom:geheim@", 1);
    assert_ne!(secret, url);
    let c = invoke(&w, "connect_library", json!({ "location": secret })).unwrap();
    assert_eq!(c["remembered"], false, "{c}");
    assert!(!c["library"]["display"].as_str().unwrap().contains("geheim"));
    assert!(!choice.exists());

    let back = invoke(&w, "use_own_library", json!({})).unwrap();
    assert_eq!(back, info);
    assert!(!choice.exists());
}

#[test]
fn the_app_opens_the_given_then_the_remembered_then_its_own_library() {
    use newsroom_app::startup_location;
    use newsroom_core::library::Location;
    // (No test sets NEWSROOM_LIBRARY: the variable is the CLI's and the app's, not the tests'.)
    let own = std::path::Path::new("/home/presse/.local/share/app.newsroom.desk");
    let url = "postgres://anna@db.example/newsroom";
    let remembered = || Some(url.to_string());
    assert_eq!(
        startup_location(Some("/srv/bib"), remembered(), own).unwrap(),
        Location::Folder("/srv/bib".into())
    );
    assert!(startup_location(None, remembered(), own)
        .unwrap()
        .is_server());
    assert_eq!(
        startup_location(None, None, own).unwrap(),
        Location::Folder(own.into())
    );
    let e = startup_location(Some("postgres://anna@db:99999/x"), None, own).unwrap_err();
    assert_eq!(e.code().as_str(), "server_url");
}

#[test]
fn library_argument_forms() {
    use newsroom_app::library_arg;
    let a = |v: &[&str]| library_arg(v.iter().map(|s| s.to_string()));
    assert_eq!(a(&["--library", "/x"]), Some("/x".into()));
    assert_eq!(a(&["--foo", "--library=/y"]), Some("/y".into()));
    assert_eq!(a(&["--foo"]), None);
}

#[test]
fn photo_commands_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (shell, w) = app(dir.path().join("lib"));
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/images/iptc/IPTC-PhotometadataRef-Std2021.1.jpg");
    assert!(
        fixture.is_file(),
        "fixture image (tests/fixtures/images): {}",
        fixture.display()
    );

    // A new library brings its sample photos.
    let before = invoke(&w, "list_photos", json!({ "query": {} })).unwrap()["total"]
        .as_u64()
        .unwrap();
    assert!(before >= 2, "the sample photos");
    // Only a file the user chose (a dialog's answer, a drop) is imported; the page cannot
    // name another.
    let e = invoke(
        &w,
        "import_photos",
        json!({ "paths": [fixture.display().to_string()] }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "path_not_chosen", "{e}");
    shell
        .state::<AppState>()
        .grants()
        .grant(fixture.display().to_string());
    // Import runs in the background; the batch id comes back at once.
    let batch = invoke(
        &w,
        "import_photos",
        json!({ "paths": [fixture.display().to_string()] }),
    )
    .unwrap();
    assert!(batch.as_i64().unwrap() >= 1);
    let page = (0..200)
        .find_map(|_| {
            let p = invoke(&w, "list_photos", json!({ "query": {} })).unwrap();
            if p["total"] == before + 1 {
                Some(p)
            } else {
                std::thread::sleep(std::time::Duration::from_millis(50));
                None
            }
        })
        .expect("the import finishes");
    let name = fixture.file_name().unwrap().to_string_lossy().to_string();
    let photo = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["original_name"] == name.as_str())
        .expect("the imported photo is listed");
    let id = photo["id"].as_i64().unwrap();
    assert_eq!(photo["credit"], "Credit Line (ref2021.1)");
    assert_eq!(photo["width"], 2000);

    let d = invoke(&w, "get_photo", json!({ "id": id })).unwrap();
    assert_eq!(d["used_in"], json!([]));
    assert_eq!(d["file_meta"]["credit"], "Credit Line (ref2021.1)");

    let p = invoke(
        &w,
        "update_photo",
        json!({ "id": id, "update": { "caption": "Neu" } }),
    )
    .unwrap();
    assert_eq!(p["caption"], "Neu");
    let e = invoke(
        &w,
        "update_photo",
        json!({ "id": id, "update": { "credit": "" } }),
    )
    .unwrap_err();
    assert_eq!(e["code"], "invalid_input", "{e}");

    let s = invoke(&w, "set_credit_settings", json!({ "settings": { "organisation": "Stadt Dortmund", "template": "Bild: {organisation} / {creator}" } })).unwrap();
    assert_eq!(s["organisation"], "Stadt Dortmund");
    // The preview says what would change and writes nothing.
    let before = invoke(&w, "get_photo", json!({ "id": id })).unwrap();
    let p = invoke(
        &w,
        "preview_batch_edit_photos",
        json!({ "edit": { "ids": [id], "creator": "Erika Muster", "apply_template": true } }),
    )
    .unwrap();
    let credit = p["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "credit")
        .unwrap_or_else(|| panic!("{p}"));
    assert_eq!(credit["photo_id"], id);
    assert_eq!(credit["before"], before["credit"]);
    assert_eq!(credit["after"], "Bild: Stadt Dortmund / Erika Muster");
    assert_eq!(
        invoke(&w, "get_photo", json!({ "id": id })).unwrap(),
        before
    );
    let r = invoke(
        &w,
        "batch_edit_photos",
        json!({ "edit": { "ids": [id], "creator": "Erika Muster", "apply_template": true } }),
    )
    .unwrap();
    assert_eq!(
        r["updated"][0]["credit"],
        "Bild: Stadt Dortmund / Erika Muster"
    );

    let e = invoke(&w, "get_photo", json!({ "id": 999 })).unwrap_err();
    assert_eq!(e["code"], "not_found");
    let e = invoke(&w, "import_photos", json!({ "paths": [] })).unwrap_err();
    assert_eq!(e["code"], "invalid_input");

    // The lead photo goes through the article input.
    let a = invoke(&w, "create_article", json!({ "input": { "headline": "Mit Bild", "lead_photo": { "photo_id": id, "caption": null, "alt_text": null } } })).unwrap();
    assert_eq!(a["lead_photo"]["photo_id"], id);
    let e = invoke(&w, "delete_photo", json!({ "id": id })).unwrap_err();
    assert_eq!(e["code"], "invalid_state");
    let html = invoke(
        &w,
        "render_preview",
        json!({ "body": format!("![](photo:{id})") }),
    )
    .unwrap();
    assert!(
        html.as_str()
            .unwrap()
            .contains(&format!("nrphoto://localhost/rendition/{id}/640")),
        "{html}"
    );
}

#[test]
#[cfg_attr(
    not(feature = "test-seams"),
    ignore = "uses the dialog stand-in: --features newsroom-app/test-seams"
)]
fn export_commands_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path().join("lib"));
    let out = dir.path().join("out");

    // The samples: one is Freigegeben and passes the preflight (warnings only).
    let list = invoke(
        &w,
        "list_articles",
        json!({ "query": { "state": "ready" } }),
    )
    .unwrap();
    let id = list["items"][0]["id"].as_i64().unwrap();
    let p = invoke(&w, "preflight_article", json!({ "id": id })).unwrap();
    assert_eq!(p["ok"], true, "{p}");
    assert_eq!(p["article_id"], id);
    let e = invoke(&w, "preflight_article", json!({ "id": 999 })).unwrap_err();
    assert_eq!(e["code"], "not_found");

    // A folder the user did not choose in this session is refused before anything is written.
    let unchosen =
        json!({ "ids": null, "format": "both", "fragment": false, "out": out, "force": false });
    for cmd in ["export_conflicts", "export_articles"] {
        let e = invoke(&w, cmd, json!({ "request": unchosen })).unwrap_err();
        assert_eq!(e["code"], "path_not_chosen", "{cmd}: {e}");
    }
    assert!(!out.exists());

    // The dialog's seam. The UI sends the dialog's words; without them the call is refused.
    std::env::set_var("NEWSROOM_PICK_FOLDER", &out);
    let e = invoke(&w, "pick_export_folder", json!({})).unwrap_err();
    assert!(e.to_string().contains("missing required key text"), "{e}");
    let text = json!({ "title": "Choose export folder", "accept": "_Choose", "cancel": "_Cancel" });
    assert_eq!(
        invoke(&w, "pick_export_folder", json!({ "text": text })).unwrap(),
        json!(out.display().to_string())
    );

    let request =
        json!({ "ids": null, "format": "both", "fragment": false, "out": out, "force": false });
    assert_eq!(
        invoke(&w, "export_conflicts", json!({ "request": request })).unwrap(),
        json!([])
    );
    let batch = invoke(&w, "export_articles", json!({ "request": request })).unwrap();
    assert!(batch.as_i64().unwrap() >= 1);
    let article = (0..400)
        .find_map(|_| {
            let a = invoke(&w, "get_article", json!({ "id": id })).unwrap();
            if a["state"] == "exported" {
                Some(a)
            } else {
                std::thread::sleep(std::time::Duration::from_millis(50));
                None
            }
        })
        .expect("the export finishes");
    let folder = std::path::PathBuf::from(article["exported_to"].as_str().unwrap());
    assert!(folder.join("index.html").is_file() && folder.join("article.json").is_file());
    // A finished batch (it leaves the running list just after its last article) and an
    // unknown one cannot be cancelled.
    assert!((0..100).any(|_| {
        let running =
            invoke(&w, "cancel_export", json!({ "batch": batch })).unwrap() == json!(true);
        if running {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        !running
    }));
    assert_eq!(
        invoke(&w, "cancel_export", json!({ "batch": 999_999 })).unwrap(),
        json!(false)
    );
    assert!(article["exported_at"].is_string());
    // Now the bundle exists: the conflict is named (by id, since it is no longer Freigegeben).
    let again =
        json!({ "ids": [id], "format": "html", "fragment": false, "out": out, "force": false });
    let names = invoke(&w, "export_conflicts", json!({ "request": again })).unwrap();
    assert_eq!(
        names,
        json!([folder.file_name().unwrap().to_str().unwrap()])
    );
    // A malformed request is refused by Tauri's argument parser, before anything starts, as a
    // plain string; the UI's backend module reads this form as `invalid_input` (backend.test.ts
    // pins the same text).
    let e = invoke(
        &w,
        "export_articles",
        json!({ "request": { "ids": null, "format": "pdf", "out": out } }),
    )
    .unwrap_err();
    let text = e
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| e.to_string());
    assert!(
        text.starts_with("invalid args `request` for command `export_articles`"),
        "{text}"
    );
    assert!(text.contains("unknown variant `pdf`"), "{text}");
}

#[test]
fn dictionary_words_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w) = app(dir.path().join("lib"));
    let words = invoke(&w, "list_dictionary_words", json!({})).unwrap();
    assert!(
        words.as_array().unwrap().contains(&json!("Hörde")),
        "{words}"
    );
    assert_eq!(
        invoke(&w, "add_dictionary_word", json!({ "word": "Kowalczyk" })).unwrap(),
        json!(true)
    );
    assert_eq!(
        invoke(&w, "add_dictionary_word", json!({ "word": "Kowalczyk" })).unwrap(),
        json!(false)
    );
    let err = invoke(&w, "add_dictionary_word", json!({ "word": "zwei Wörter" })).unwrap_err();
    assert_eq!(err["code"], "invalid_input", "{err}");
    let dic = std::fs::read_to_string(dir.path().join("lib/spelling/de_DE.dic")).unwrap();
    assert!(dic.lines().any(|l| l == "Kowalczyk"));
}

#[test]
fn photos_are_served_to_the_app_and_readable_by_no_other_origin() {
    let dir = tempfile::tempdir().unwrap();
    let (app, w) = app(dir.path().join("lib"));
    let id = invoke(&w, "list_photos", json!({ "query": {} })).unwrap()["items"][0]["id"]
        .as_i64()
        .expect("a sample photo");
    for uri in [
        format!("nrphoto://localhost/thumb/{id}"),
        format!("nrphoto://localhost/rendition/{id}/640"),
    ] {
        let req = tauri::http::Request::builder()
            .uri(&uri)
            .body(Vec::new())
            .unwrap();
        let res = newsroom_app::photos::serve(app.handle(), &req);
        assert_eq!(res.status(), 200, "{uri}");
        assert_eq!(res.headers()["content-type"], "image/jpeg");
        assert!(
            res.headers()
                .get(tauri::http::header::ACCESS_CONTROL_ALLOW_ORIGIN)
                .is_none(),
            "{uri}: {:?}",
            res.headers()
        );
        assert!(res.body().starts_with(&[0xFF, 0xD8]), "{uri}: a JPEG");
    }
}

#[test]
fn the_app_clears_files_left_behind_at_start_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let state = AppState::open(lib.clone());
    // An original an import left when the machine went down an hour ago.
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
    state.spawn_maintenance();
    let gone = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(100));
        !orphan.exists()
    });
    assert!(gone, "the maintenance thread removed it");
    // The library itself is untouched and answers.
    let lib = state.library().unwrap();
    assert!(lib.lock().unwrap().article_count().unwrap() >= 1);
}
