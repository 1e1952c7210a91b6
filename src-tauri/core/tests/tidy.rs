//! Checks on the repository itself, run with the other tests (as rust-analyzer's tidy tests
//! are): what a clone needs is in the clone, and the product describes itself without
//! pointing at a tracker.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Every file git tracks or would track (untracked but not ignored), relative to the repo.
fn files() -> Vec<String> {
    let out = Command::new("git")
        .current_dir(repo())
        .args([
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ])
        .output()
        .expect("git runs (the tidy checks list the repository's files with git)");
    assert!(out.status.success(), "git ls-files failed: {out:?}");
    let mut v: Vec<String> = out
        .stdout
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .filter(|f| repo().join(f).is_file())
        .collect();
    v.sort();
    assert!(v.len() > 100, "too few files listed: {}", v.len());
    v
}

/// The text of a file, or None for binary files (a NUL byte) and files that are not UTF-8.
fn text(rel: &str) -> Option<String> {
    let bytes = std::fs::read(repo().join(rel)).ok()?;
    if bytes.contains(&0) {
        return None;
    }
    String::from_utf8(bytes).ok()
}

/// Third-party data kept byte for byte, and lock files: not ours to word.
fn third_party(rel: &str) -> bool {
    rel.starts_with("tests/fixtures/images/")
        || rel.starts_with("tests/fixtures/ninjs/")
        || rel.ends_with("Cargo.lock")
        || rel.ends_with("package-lock.json")
}

/// Nothing reads the material folder that sits beside the working copy on the machines the
/// project was built on: the tests' photos and schemas are in `tests/fixtures/`.
#[test]
fn nothing_reads_outside_the_repository() {
    // Spelled in pieces so that this file does not match itself.
    let sibling = ["..", "/", "shared"].concat();
    let needles = [
        sibling.clone(),
        format!("{sibling}/"),
        ["shared", "/fixtures"].concat(),
        ["shared", "/standards"].concat(),
        ["/work", "/"].concat(),
    ];
    let mut hits = Vec::new();
    for f in files() {
        let Some(t) = text(&f) else { continue };
        for (i, line) in t.lines().enumerate() {
            if needles.iter().any(|n| line.contains(n.as_str())) {
                hits.push(format!("{f}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "files refer to material outside the repository (copy it into tests/fixtures/ with \
         its provenance):\n{}",
        hits.join("\n")
    );
}

/// README, comments, UI texts and tests describe the product, never tracker numbers.
#[test]
fn no_issue_numbers_in_the_product() {
    let mut hits = Vec::new();
    for f in files().into_iter().filter(|f| !third_party(f)) {
        let Some(t) = text(&f) else { continue };
        for (i, line) in t.lines().enumerate() {
            if mentions_issue_number(line) {
                hits.push(format!("{f}:{}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        hits.is_empty(),
        "issue numbers in product files:\n{}",
        hits.join("\n")
    );
}

/// The word "issue" followed by a number (with or without "#"), or "(#" and a digit.
fn mentions_issue_number(line: &str) -> bool {
    let lower = line.to_lowercase();
    let digit_after = |rest: &str| {
        rest.trim_start_matches([' ', '#'])
            .starts_with(|c: char| c.is_ascii_digit())
    };
    let word_start = |i: usize| !lower[..i].ends_with(|c: char| c.is_alphanumeric());
    lower
        .match_indices("issue")
        .any(|(i, m)| word_start(i) && digit_after(&lower[i + m.len()..]))
        || lower
            .match_indices("(#")
            .any(|(i, m)| lower[i + m.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

#[test]
fn issue_number_check_catches_the_usual_forms() {
    // Built from pieces, so that this file holds no reference itself.
    for bad in [
        format!("see {} #4", "issue"),
        format!("{} 12 adds", "Issue"),
        format!("fixed ({}7)", '#'),
        format!("{}#3", "ISSUE"),
    ] {
        assert!(mentions_issue_number(&bad), "{bad}");
    }
    for ok in [
        "issues are listed",
        "an issue with #hashtags",
        "colour #fff",
        "tissue 4",
    ] {
        assert!(!mentions_issue_number(ok), "{ok}");
    }
}

/// The domain is Tauri-free: the core, the CLI and the benchmarks build without it, so what
/// they prove holds for any shell around the core.
#[test]
fn no_tauri_below_the_app() {
    for manifest in [
        "src-tauri/core/Cargo.toml",
        "src-tauri/cli/Cargo.toml",
        "src-tauri/bench/Cargo.toml",
    ] {
        let text = std::fs::read_to_string(repo().join(manifest)).unwrap();
        let deps: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| l.starts_with("tauri") || l.contains("\"tauri"))
            .collect();
        assert!(deps.is_empty(), "{manifest} depends on Tauri: {deps:?}");
    }
}

/// One concept per module: no hand-written source file (tests aside) grows past 600 lines.
/// Generated files say so in their first line and are left out.
#[test]
fn source_files_stay_small() {
    const MAX_LINES: usize = 600;
    let code = ["rs", "ts", "svelte", "mjs", "js", "sh", "css", "html"];
    let is_test = |f: &str| {
        f.split('/').any(|part| part == "tests" || part == "test") || f.contains(".test.")
    };
    let mut long = Vec::new();
    for f in files() {
        let ext = f.rsplit('.').next().unwrap_or("");
        if !code.contains(&ext) || is_test(&f) || third_party(&f) {
            continue;
        }
        let Some(t) = text(&f) else { continue };
        if t.lines().next().is_some_and(|l| l.contains("Generated")) {
            continue;
        }
        let n = t.lines().count();
        if n > MAX_LINES {
            long.push(format!("{f}: {n} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "split these by concept (at most {MAX_LINES} lines):\n{}",
        long.join("\n")
    );
}
