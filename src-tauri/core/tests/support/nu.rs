//! The W3C Nu HTML checker (vnu-jar from the UI's npm dependencies, run with Java), offline.
//! Shared by `tests/export.rs` and `tests/export_folder.rs` (included with `#[path]`).

use std::path::{Path, PathBuf};

use serde_json::Value;

const VNU: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../ui/node_modules/vnu-jar/build/dist/vnu.jar"
);

/// The Nu checker, once over every page: 0 errors, 0 warnings.
pub fn check(files: &[PathBuf]) {
    assert!(
        Path::new(VNU).exists(),
        "{VNU} missing: run `npm --prefix ui ci` (scripts/test-all.sh does)"
    );
    let out = std::process::Command::new("java")
        .args(["-jar", VNU, "--format", "json"])
        .args(files)
        .output()
        .expect("java (the test script installs default-jre-headless)");
    let report: Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|_| panic!("vnu said: {}", String::from_utf8_lossy(&out.stderr)));
    let messages = report["messages"].as_array().unwrap();
    assert!(
        messages.is_empty(),
        "vnu: {}",
        serde_json::to_string_pretty(messages).unwrap()
    );
    assert!(out.status.success());
}
