//! `newsroom photo focus|crop|crops` and `photo renditions --crop` on a real library folder:
//! JSON out, the crop set in `photo settings`, wrong input refused with a clear message.

mod support;

use serde_json::Value;
use support::{fixture, newsroom, ok_json};

#[test]
fn focus_crops_and_crop_renditions() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    // 640 × 480, upright.
    let photo = fixture("gps/DSCN0010.jpg");
    let imported = ok_json(newsroom(
        &lib,
        &["--no-samples", "photo", "import", &photo, "--json"],
        None,
    ));
    let id = imported["photo"]["id"].to_string();
    let crop = |crops: &Value, name: &str| {
        crops
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };

    let crops = ok_json(newsroom(
        &lib,
        &["--json", "photo", "focus", &id, "0.9", "0.1"],
        None,
    ));
    let square = crop(&crops, "square");
    assert_eq!(square["rect"]["x"], 160, "{square}");
    assert_eq!(square["holds_focus"], true);
    let shown = ok_json(newsroom(&lib, &["--json", "photo", "show", &id], None));
    assert_eq!(shown["focus"]["x"], 0.9);

    // By hand, then back to automatic.
    let crops = ok_json(newsroom(
        &lib,
        &[
            "--json",
            "photo",
            "crop",
            &id,
            "wide",
            "--rect",
            "0,0,320,999",
        ],
        None,
    ));
    let wide = crop(&crops, "wide");
    assert_eq!(wide["rect"]["height"], 180);
    assert_eq!(wide["hand_set"], true);
    assert_eq!(wide["holds_focus"], false);
    let crops = ok_json(newsroom(
        &lib,
        &["--json", "photo", "crop", &id, "wide", "--auto"],
        None,
    ));
    assert_eq!(crop(&crops, "wide")["hand_set"], false);

    // The social crop's renditions: 640 px is all the photo has, so no 1,200 × 630; every
    // file has the 40:21 aspect to a pixel.
    let files = ok_json(newsroom(
        &lib,
        &[
            "--json",
            "photo",
            "renditions",
            &id,
            "--crop",
            "social",
            "--crop",
            "original",
        ],
        None,
    ));
    let files = files.as_array().unwrap();
    assert!(files.iter().any(|f| f["crop"] == "original"));
    let social: Vec<&Value> = files.iter().filter(|f| f["crop"] == "social").collect();
    assert!(!social.is_empty());
    for f in social {
        let (w, h) = (f["width"].as_u64().unwrap(), f["height"].as_u64().unwrap());
        assert_eq!(h, (w * 21 * 2 + 40) / 80, "{f}");
        assert!(std::path::Path::new(f["path"].as_str().unwrap()).is_file());
    }

    // The office's crop set.
    let settings = ok_json(newsroom(
        &lib,
        &[
            "--json",
            "photo",
            "settings",
            "--crops",
            "wide=16:9@1200,social=40:21@1200,square=1:1@1080,classic=3:2@1200",
        ],
        None,
    ));
    assert_eq!(settings["crops"][3]["aspect"]["w"], 3);
    assert_eq!(settings["crops"][2]["target_width"], 1080);

    // Wrong input: a clear message, exit 1, nothing changed.
    for (args, says) in [
        (
            vec!["photo", "focus", &id, "1.5", "0.5"],
            "fractions from 0 to 1",
        ),
        (
            vec!["photo", "crop", &id, "wide", "--rect", "a,b,c,d"],
            "is not 4 numbers",
        ),
        (
            vec!["photo", "crop", &id, "wide", "--rect", "600,0,320,180"],
            "does not fit",
        ),
        (
            vec!["photo", "crop", &id, "banner", "--auto"],
            "no crop named",
        ),
        (
            vec!["photo", "renditions", &id, "--crop", "banner"],
            "no crop named",
        ),
        (vec!["photo", "settings", "--crops", "wide=16:9"], "needs"),
        (
            vec!["photo", "settings", "--crops", "wide"],
            "is not a list like",
        ),
    ] {
        let out = newsroom(&lib, &args, None);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    let shown = ok_json(newsroom(&lib, &["--json", "photo", "show", &id], None));
    assert_eq!(shown["focus"]["x"], 0.9);
    assert_eq!(shown["crops"], serde_json::json!({}));
}
