//! A photo's framing over IPC, as the photo editor's crop view uses it: the crops of a photo,
//! its focal point set and cleared, a crop set by hand and let follow the focal point again,
//! and what is refused (a point outside the photo, a crop that does not fit, an unknown crop).

use newsroom_app::{with_commands, AppState};
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;
use tauri::WebviewWindow;

type Window = WebviewWindow<tauri::test::MockRuntime>;

/// The app on a new library folder, with the IPTC reference photo (2000 × 1000) imported.
fn app_with_photo(dir: &std::path::Path) -> (tauri::App<tauri::test::MockRuntime>, Window, i64) {
    let app = with_commands(mock_builder())
        .manage(AppState::open(dir.join("lib")))
        .build(mock_context(noop_assets()))
        .expect("app builds");
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/images/iptc/IPTC-PhotometadataRef-Std2021.1.jpg");
    let id = {
        let lib = app.state::<AppState>().library().unwrap();
        let mut lib = lib.lock().unwrap();
        lib.import_photo(&fixture)
            .expect("the fixture imports")
            .photo
            .id
    };
    (app, w, id)
}

fn invoke(w: &Window, cmd: &str, body: Value) -> Result<Value, Value> {
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

fn crop<'a>(crops: &'a Value, name: &str) -> &'a Value {
    crops
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no crop {name} in {crops}"))
}

#[test]
fn the_crop_view_reads_and_frames_a_photo_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w, id) = app_with_photo(dir.path());

    // The whole photo first, then the office's set, each following the centre.
    let crops = invoke(&w, "photo_crops", json!({ "id": id })).unwrap();
    let names: Vec<&str> = crops
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["original", "wide", "social", "square", "classic"]);
    assert_eq!(
        crop(&crops, "original")["rect"],
        json!({ "x": 0, "y": 0, "width": 2000, "height": 1000 })
    );
    assert_eq!(crop(&crops, "original")["aspect"], Value::Null);
    let square = crop(&crops, "square");
    assert_eq!(
        square["rect"],
        json!({ "x": 500, "y": 0, "width": 1000, "height": 1000 })
    );
    assert_eq!(square["aspect"], json!({ "w": 1, "h": 1 }));
    assert_eq!(square["target_width"], 1200);
    assert_eq!(square["hand_set"], false);
    assert_eq!(square["holds_focus"], true);
    assert_eq!(
        crop(&crops, "social")["aspect"],
        json!({ "w": 40, "h": 21 })
    );

    // A focal point top right (where the UI's click puts it): the crops follow it, and the
    // answer is what photo_crops says from now on.
    let f = invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": { "x": 0.85, "y": 0.2 }, "keepHandSet": false }),
    )
    .unwrap();
    assert_eq!(f["photo"]["id"], id);
    assert_eq!(f["photo"]["focus"], json!({ "x": 0.85, "y": 0.2 }));
    assert_eq!(
        crop(&f["crops"], "square")["rect"],
        json!({ "x": 1000, "y": 0, "width": 1000, "height": 1000 })
    );
    assert_eq!(
        f["crops"],
        invoke(&w, "photo_crops", json!({ "id": id })).unwrap()
    );
    // Fractions are kept to 1/10,000, as every focal point is.
    let f = invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": { "x": 0.850049, "y": 0.2 }, "keepHandSet": false }),
    )
    .unwrap();
    assert_eq!(f["photo"]["focus"], json!({ "x": 0.85, "y": 0.2 }));

    // A square set by hand: the height follows the width, and it is marked.
    let c = invoke(
        &w,
        "set_photo_crop",
        json!({ "id": id, "name": "square", "rect": { "x": 0, "y": 0, "width": 800, "height": 123 } }),
    )
    .unwrap();
    let square = crop(&c["crops"], "square");
    assert_eq!(
        square["rect"],
        json!({ "x": 0, "y": 0, "width": 800, "height": 800 })
    );
    assert_eq!(square["hand_set"], true);
    assert_eq!(square["holds_focus"], false, "the focal point is at x 1700");
    assert_eq!(
        c["photo"]["crops"],
        json!({ "square": { "x": 0, "y": 0, "width": 800, "height": 800 } })
    );

    // Moving the focal point keeps it when asked to, and drops it otherwise.
    let kept = invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": { "x": 0.1, "y": 0.5 }, "keepHandSet": true }),
    )
    .unwrap();
    assert_eq!(crop(&kept["crops"], "square")["hand_set"], true);
    assert_eq!(crop(&kept["crops"], "square")["holds_focus"], true);
    let dropped = invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": { "x": 0.1, "y": 0.5 }, "keepHandSet": false }),
    )
    .unwrap();
    assert_eq!(crop(&dropped["crops"], "square")["hand_set"], false);
    assert_eq!(dropped["photo"]["crops"], json!({}));

    // "Automatisch" lets a hand-set crop follow the focal point again.
    invoke(
        &w,
        "set_photo_crop",
        json!({ "id": id, "name": "wide", "rect": { "x": 0, "y": 0, "width": 1600, "height": 0 } }),
    )
    .unwrap();
    let auto = invoke(
        &w,
        "set_photo_crop",
        json!({ "id": id, "name": "wide", "rect": null }),
    )
    .unwrap();
    assert_eq!(crop(&auto["crops"], "wide")["hand_set"], false);

    // "Mitte": no focal point, the crops follow the centre again.
    let centre = invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": null, "keepHandSet": false }),
    )
    .unwrap();
    assert_eq!(centre["photo"]["focus"], Value::Null);
    assert_eq!(centre["crops"], crops);
}

#[test]
fn framing_that_cannot_be_taken_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w, id) = app_with_photo(dir.path());
    invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": { "x": 0.85, "y": 0.2 }, "keepHandSet": false }),
    )
    .unwrap();
    let before = invoke(&w, "get_photo", json!({ "id": id })).unwrap();

    let refused = [
        // A point outside the photo.
        (
            "set_photo_focus",
            json!({ "id": id, "focus": { "x": 1.5, "y": 0.2 }, "keepHandSet": false }),
        ),
        (
            "set_photo_focus",
            json!({ "id": id, "focus": { "x": 0.5, "y": -0.1 }, "keepHandSet": true }),
        ),
        // A crop reaching past the photo's edge once its height follows the width.
        (
            "set_photo_crop",
            json!({ "id": id, "name": "square", "rect": { "x": 1500, "y": 0, "width": 800, "height": 800 } }),
        ),
        (
            "set_photo_crop",
            json!({ "id": id, "name": "square", "rect": { "x": 0, "y": 0, "width": 4, "height": 4 } }),
        ),
        // A crop the office's set does not have.
        (
            "set_photo_crop",
            json!({ "id": id, "name": "panorama", "rect": null }),
        ),
    ];
    for (cmd, args) in refused {
        let e = invoke(&w, cmd, args.clone()).unwrap_err();
        assert_eq!(e["code"], "invalid_input", "{cmd} {args}: {e}");
        assert!(e["message"].is_string(), "{e}");
    }
    assert_eq!(
        invoke(&w, "get_photo", json!({ "id": id })).unwrap(),
        before
    );

    for (cmd, args) in [
        ("photo_crops", json!({ "id": 999 })),
        (
            "set_photo_focus",
            json!({ "id": 999, "focus": null, "keepHandSet": false }),
        ),
        (
            "set_photo_crop",
            json!({ "id": 999, "name": "square", "rect": null }),
        ),
    ] {
        let e = invoke(&w, cmd, args).unwrap_err();
        assert_eq!(e["code"], "not_found", "{cmd}: {e}");
    }
    // The argument names are the UI's: without `keepHandSet` the call does not parse.
    let e = invoke(
        &w,
        "set_photo_focus",
        json!({ "id": id, "focus": null, "keep_hand_set": false }),
    )
    .unwrap_err();
    assert!(e.is_string() || e["code"].is_string(), "{e}");
    assert_eq!(
        invoke(&w, "get_photo", json!({ "id": id })).unwrap(),
        before
    );
}

#[test]
fn the_crop_set_dialog_reads_changes_and_restores_the_office_set_over_ipc() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, w, id) = app_with_photo(dir.path());
    let defaults = json!([
        { "name": "wide", "aspect": { "w": 16, "h": 9 }, "target_width": 1200 },
        { "name": "social", "aspect": { "w": 40, "h": 21 }, "target_width": 1200 },
        { "name": "square", "aspect": { "w": 1, "h": 1 }, "target_width": 1200 },
        { "name": "classic", "aspect": { "w": 4, "h": 3 }, "target_width": 1200 },
    ]);
    assert_eq!(invoke(&w, "crop_shapes", json!({})).unwrap(), defaults);
    assert_eq!(
        invoke(&w, "default_crop_shapes", json!({})).unwrap(),
        defaults
    );

    // Another order, a changed square, and a portrait crop of the office's own.
    let set = json!([
        { "name": "social", "aspect": { "w": 40, "h": 21 }, "target_width": 1200 },
        { "name": "wide", "aspect": { "w": 16, "h": 9 }, "target_width": 1600 },
        { "name": "square", "aspect": { "w": 1, "h": 1 }, "target_width": 800 },
        { "name": "classic", "aspect": { "w": 4, "h": 3 }, "target_width": 0 },
        { "name": "hochformat", "aspect": { "w": 2, "h": 3 }, "target_width": 1000 },
    ]);
    let stored = invoke(&w, "set_crop_shapes", json!({ "shapes": set })).unwrap();
    assert_eq!(stored, set);
    assert_eq!(invoke(&w, "crop_shapes", json!({})).unwrap(), set);
    // The photo's crops follow the new set at once, in its order.
    let crops = invoke(&w, "photo_crops", json!({ "id": id })).unwrap();
    let names: Vec<&str> = crops
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "original",
            "social",
            "wide",
            "square",
            "classic",
            "hochformat"
        ]
    );
    let portrait = crop(&crops, "hochformat");
    assert_eq!(portrait["aspect"], json!({ "w": 2, "h": 3 }));
    assert_eq!(
        portrait["rect"],
        json!({ "x": 667, "y": 1, "width": 666, "height": 999 }),
        "the largest 2:3 rectangle in whole pixels, centred"
    );
    assert_eq!(crop(&crops, "wide")["target_width"], 1600);
    // The defaults stay what they were; storing them is how the set is restored.
    assert_eq!(
        invoke(&w, "default_crop_shapes", json!({})).unwrap(),
        defaults
    );

    let without = |name: &str| {
        json!(set
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s["name"] != name)
            .collect::<Vec<_>>())
    };
    let with_shape = |shape: Value| {
        let mut s = set.as_array().unwrap().clone();
        s.push(shape);
        json!(s)
    };
    let long = "a".repeat(25);
    // Each refusal with the rule and the crop it was broken on, for the UI to word.
    let refused = [
        // A crop the export uses by name.
        (
            without("wide"),
            json!({ "rule": "crop_required", "name": "wide" }),
        ),
        (
            without("social"),
            json!({ "rule": "crop_required", "name": "social" }),
        ),
        // Names: taken, the whole photo's, upper case, too long.
        (
            with_shape(
                json!({ "name": "square", "aspect": { "w": 1, "h": 1 }, "target_width": 0 }),
            ),
            json!({ "rule": "crop_name_twice", "name": "square" }),
        ),
        (
            with_shape(
                json!({ "name": "original", "aspect": { "w": 1, "h": 1 }, "target_width": 0 }),
            ),
            json!({ "rule": "crop_name", "name": "original" }),
        ),
        (
            with_shape(
                json!({ "name": "Panorama", "aspect": { "w": 3, "h": 1 }, "target_width": 0 }),
            ),
            json!({ "rule": "crop_name", "name": "Panorama" }),
        ),
        (
            with_shape(json!({ "name": long, "aspect": { "w": 3, "h": 1 }, "target_width": 0 })),
            json!({ "rule": "crop_name", "name": long }),
        ),
        // Aspects beyond 4:1 or with a zero term, a width beyond 8,192 px.
        (
            with_shape(
                json!({ "name": "streifen", "aspect": { "w": 5, "h": 1 }, "target_width": 0 }),
            ),
            json!({ "rule": "crop_aspect", "name": "streifen" }),
        ),
        (
            with_shape(json!({ "name": "leer", "aspect": { "w": 0, "h": 1 }, "target_width": 0 })),
            json!({ "rule": "crop_aspect", "name": "leer" }),
        ),
        (
            with_shape(
                json!({ "name": "riesig", "aspect": { "w": 1, "h": 1 }, "target_width": 8193 }),
            ),
            json!({ "rule": "crop_width", "name": "riesig", "limit": 8192.0 }),
        ),
        (json!([]), json!({ "rule": "crop_count", "limit": 12.0 })),
    ];
    for (shapes, values) in refused {
        let e = invoke(&w, "set_crop_shapes", json!({ "shapes": shapes })).unwrap_err();
        assert_eq!(e["code"], "invalid_input", "{shapes}: {e}");
        assert_eq!(e["values"], values, "{shapes}: {e}");
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
    }
    assert_eq!(invoke(&w, "crop_shapes", json!({})).unwrap(), set);
    let e = invoke(&w, "set_crop_shapes", json!({ "shapes": without("wide") })).unwrap_err();
    assert!(
        e["message"].as_str().unwrap().contains("wide"),
        "the refusal names the missing crop: {e}"
    );

    // A shape with a field the set does not know is not taken either.
    let e = invoke(
        &w,
        "set_crop_shapes",
        json!({ "shapes": [{ "name": "wide", "aspect": { "w": 16, "h": 9 }, "target_width": 0, "x": 1 }] }),
    )
    .unwrap_err();
    assert!(
        e.to_string().contains("`x`"),
        "the refusal names the field: {e}"
    );
    assert_eq!(invoke(&w, "crop_shapes", json!({})).unwrap(), set);

    // Restoring: the defaults stored again.
    assert_eq!(
        invoke(&w, "set_crop_shapes", json!({ "shapes": defaults })).unwrap(),
        defaults
    );
    assert_eq!(invoke(&w, "crop_shapes", json!({})).unwrap(), defaults);
}

#[test]
fn crops_are_served_to_the_app_whole_or_in_an_article_own_rectangle() {
    let dir = tempfile::tempdir().unwrap();
    let (app, w, id) = app_with_photo(dir.path());
    // A crop of the photo, and an article's own rectangle of it (a body figure's preview).
    let crops = invoke(&w, "photo_crops", json!({ "id": id })).unwrap();
    let square = crops
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "square")
        .unwrap()["rect"]
        .clone();
    let side = square["width"].as_u64().unwrap() as u32;
    let get = |uri: &str| {
        let req = tauri::http::Request::builder()
            .uri(uri)
            .body(Vec::new())
            .unwrap();
        newsroom_app::photos::serve(app.handle(), &req)
    };
    let res = get(&format!("nrphoto://localhost/crop/{id}/square/320"));
    assert_eq!(res.status(), 200);
    assert_eq!(
        jpeg_size(res.body()),
        (320, 320),
        "the square crop at 320 px"
    );
    let wide = side / 16 * 16;
    assert!(wide >= 640, "a sample photo at least 640 px tall: {square}");
    let own = format!(
        "nrphoto://localhost/crop/{id}/wide/640?rect=0,0,{wide},{}",
        wide / 16 * 9
    );
    let res = get(&own);
    assert_eq!(res.status(), 200, "{own}");
    assert_eq!(jpeg_size(res.body()), (640, 360), "{own}: 16:9");
    // In an article's preview the set is kept as that article's (the one its export takes):
    // a rectangle moved again replaces the article's last one instead of piling up.
    let sets = dir.path().join("lib/renditions");
    for y in [8, 16] {
        let moved = format!(
            "nrphoto://localhost/crop/{id}/wide/640?rect=0,{y},{wide},{}&a=7",
            wide / 16 * 9
        );
        assert_eq!(get(&moved).status(), 200, "{moved}");
        let frames = set_frames(&sets);
        assert_eq!(
            frames.iter().filter(|f| *f == "wide@a7").count(),
            1,
            "{frames:?}"
        );
    }
    for bad in [
        format!("nrphoto://localhost/crop/{id}/panorama/640"),
        format!("nrphoto://localhost/crop/{id}/wide/640?rect=0,0,99999,99999"),
        format!("nrphoto://localhost/crop/{id}"),
        "nrphoto://localhost/crop/999999/wide/640".to_string(),
    ] {
        assert_eq!(get(&bad).status(), 404, "{bad}");
    }
}

/// A JPEG's width and height, from its frame header.
fn jpeg_size(b: &[u8]) -> (u32, u32) {
    let mut i = 2;
    while i + 9 < b.len() {
        assert_eq!(b[i], 0xFF, "a JPEG marker at {i}");
        let marker = b[i + 1];
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        if matches!(marker, 0xC0..=0xC3) {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u32;
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u32;
            return (w, h);
        }
        i += 2 + len;
    }
    panic!("no frame header");
}

/// The frames of every rendition set under `dir` (their manifests' `frame`).
fn set_frames(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(set_frames(&p));
        } else if p.file_name().is_some_and(|n| n == "manifest.json") {
            let m: Value = serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap();
            out.push(m["frame"].as_str().unwrap_or_default().to_string());
        }
    }
    out
}
