//! The app window shows the app and nothing else. A navigation away from it (a link clicked in
//! the preview, a script setting `location`) is refused; an http(s) or mailto link opens in the
//! system's browser or mail program instead (tauri-plugin-opener). Everything else is dropped.

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime, Url};

/// Test seam (feature `test-seams` only): links the system would open are appended to this
/// file, one a line, instead.
#[cfg(feature = "test-seams")]
pub const OPENED_LOG_ENV: &str = "NEWSROOM_OPENED_LOG";

/// The app's own pages: the embedded UI (`tauri://localhost`, `http://tauri.localhost` on
/// Windows) and, in a development build without the embedded UI, the Vite dev server.
pub fn is_app_url(url: &Url) -> bool {
    match url.scheme() {
        "tauri" => url.host_str() == Some("localhost"),
        "http" | "https" if url.host_str() == Some("tauri.localhost") => true,
        "http" => {
            cfg!(not(feature = "custom-protocol"))
                && url.host_str() == Some("localhost")
                && url.port() == Some(5173)
        }
        _ => false,
    }
}

/// Links the system may open for the user: the ones the export lets through.
pub fn is_external_link(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https" | "mailto")
}

/// The guard, as a plugin: every webview of the app gets it.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation")
        .on_navigation(|webview, url| {
            if is_app_url(url) {
                return true;
            }
            if is_external_link(url) {
                open_outside(webview.app_handle(), url);
            }
            false
        })
        .build()
}

fn open_outside<R: Runtime>(app: &AppHandle<R>, url: &Url) {
    #[cfg(feature = "test-seams")]
    if let Some(log) = std::env::var_os(OPENED_LOG_ENV) {
        use std::io::Write;
        let written = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(log)
            .and_then(|mut f| writeln!(f, "{url}"));
        if let Err(e) = written {
            eprintln!("newsroom: cannot log the opened link: {e}");
        }
        return;
    }
    use tauri_plugin_opener::OpenerExt;
    if let Err(e) = app.opener().open_url(url.as_str(), None::<&str>) {
        eprintln!("newsroom: cannot open {url}: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        s.parse().unwrap()
    }

    #[test]
    fn only_the_app_itself_is_shown_in_the_window() {
        for own in [
            "tauri://localhost/",
            "tauri://localhost/index.html#/edit/3",
            "http://tauri.localhost/",
        ] {
            assert!(is_app_url(&url(own)), "{own}");
        }
        for other in [
            "https://example.org/",
            "http://localhost:8080/",
            "tauri://evil.example/",
            "file:///etc/passwd",
            "data:text/html,<p>hi</p>",
            "javascript:alert(1)",
            "nrphoto://localhost/thumb/1",
            "mailto:presse@example.org",
        ] {
            assert!(!is_app_url(&url(other)), "{other}");
        }
    }

    #[test]
    fn only_web_and_mail_links_go_to_the_system() {
        for ok in [
            "https://example.org/a?b=c",
            "http://example.org/",
            "mailto:presse@example.org",
        ] {
            assert!(is_external_link(&url(ok)), "{ok}");
        }
        for no in [
            "file:///home/presse/geheim.txt",
            "javascript:alert(1)",
            "data:text/html,x",
            "ftp://example.org/",
        ] {
            assert!(!is_external_link(&url(no)), "{no}");
        }
    }
}
