//! What the window's page is allowed, read from the app's own configuration: a Content
//! Security Policy that keeps the page to itself (no `<base>` elsewhere, no form posting
//! anywhere, no plugins), and capabilities that grant the page only what the UI uses: event
//! listening. Dialogs, links and files go through Newsroom's own commands, which check what
//! they are given.

use serde_json::Value;

fn read(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn the_csp_keeps_the_page_to_itself() {
    let conf = read("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP");
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut words = d.split_whitespace();
            (words.next().unwrap(), words.collect())
        })
        .collect();
    let get = |name: &str| {
        directives
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {name} in {csp}"))
    };
    assert_eq!(get("base-uri"), ["'none'"]);
    assert_eq!(get("form-action"), ["'none'"]);
    assert_eq!(get("object-src"), ["'none'"]);
    assert_eq!(get("script-src"), ["'self'"]);
    // Only the app and its own schemes: no address on the network anywhere.
    for (name, sources) in &directives {
        for s in sources {
            assert!(
                !s.contains("://") || s.ends_with(".localhost"),
                "{name} allows {s}"
            );
        }
    }
}

#[test]
fn the_page_may_only_listen_to_the_apps_events() {
    let cap = read("capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let mut granted: Vec<&str> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names"))
        .collect();
    granted.sort();
    assert_eq!(
        granted,
        ["core:event:allow-listen", "core:event:allow-unlisten"]
    );
    // No other capability file widens it.
    let files: Vec<_> =
        std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    assert_eq!(files, ["default.json"]);
}
