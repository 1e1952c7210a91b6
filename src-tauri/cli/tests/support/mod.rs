//! What the CLI's test files share. Not a test binary of its own: `mod support;`.
#![allow(dead_code)]

use std::process::Output;

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
