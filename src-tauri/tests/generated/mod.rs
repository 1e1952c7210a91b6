//! Files generated from the Rust side for the UI (the TypeScript bindings, the golden answers):
//! a test compares what the code produces now with the committed file and fails when they
//! differ; `NEWSROOM_WRITE_GENERATED=1` (what `scripts/gen-bindings.sh` sets) writes it instead.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Fails when the committed `rel` (relative to the repository) differs from `content`, or
/// writes `content` there when asked to.
pub fn check_or_write(rel: &str, content: &str) {
    let path = repo().join(rel);
    if std::env::var_os("NEWSROOM_WRITE_GENERATED").is_some_and(|v| v == "1") {
        std::fs::write(&path, content).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != content {
        let line = committed
            .lines()
            .zip(content.lines())
            .position(|(a, b)| a != b)
            .map_or_else(
                || committed.lines().count().min(content.lines().count()) + 1,
                |i| i + 1,
            );
        panic!(
            "{rel} is stale (first difference at line {line}): the Rust side changed. \
             Run scripts/gen-bindings.sh and commit the result."
        );
    }
}
