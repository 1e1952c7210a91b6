//! German spell checking in the web view: WebKitGTK's own checker (Enchant with Hunspell's
//! `de_DE`) switched on, with the press office's word list (`newsroom_core::spelling`) as
//! Enchant's personal word list; the context menu's "Learn Spelling" item is offered as
//! *Zum Wörterbuch hinzufügen* (in the UI's language, see `context_menu.rs`).
//!
//! Enchant reads a personal word list named `<language>.dic` from its configuration folder,
//! `$ENCHANT_CONFIG_DIR` when set; the core writes the list to `LIBRARY/spelling/de_DE.dic`,
//! so the folder is pointed there before any web view exists. Learning a word from the menu
//! makes Enchant append it to that file; the core takes such words into the library whenever
//! it writes the file (at start and on `add_dictionary_word`).

use std::path::Path;

/// Points Enchant at the library's word list folder. Called first thing in `run()`, while the
/// process has a single thread (changing the environment is not thread-safe).
pub fn point_enchant_at(library_dir: &Path) {
    std::env::set_var("ENCHANT_CONFIG_DIR", library_dir.join("spelling"));
}

/// Switches on German spell checking for the window's web view.
#[cfg(target_os = "linux")]
pub fn enable<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>) {
    let result = window.with_webview(|webview| {
        use webkit2gtk::{WebContextExt, WebViewExt};
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_spell_checking_enabled(true);
            context.set_spell_checking_languages(&[newsroom_core::spelling::LANGUAGE]);
        }
    });
    if let Err(e) = result {
        eprintln!("newsroom: cannot switch on spell checking: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn enable<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>) {}
