//! What the CLI's test files share. Not a test binary of its own: `mod support;`.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The JSON a `newsroom … --json` run printed, after checking it exited 0 (else its stderr).
pub fn ok_json(out: Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Runs `newsroom --library LIB ARGS…` with `stdin` as its input.
pub fn newsroom(lib: &std::path::Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsroom"))
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("NEWSROOM_LIBRARY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child
            .stdin
            .as_mut()
            .unwrap()
            .write_all(s.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

/// The path of a fixture image (`tests/fixtures/images/REL` at the repository root).
pub fn fixture(rel: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images")
        .join(rel);
    assert!(
        p.is_file(),
        "fixture image {} (tests/fixtures/images in the repository)",
        p.display()
    );
    p.display().to_string()
}
