//! The web view's context menu in the UI's language. WebKitGTK words its own items (Cut,
//! Copy, "Learn Spelling", …) in the process's locale, not in the language chosen in the app;
//! the UI sends its words ([`MenuText`], again whenever the language changes) and each menu is
//! relabelled as it opens. "Learn Spelling" becomes *Zum Wörterbuch hinzufügen* (adding to the
//! press office's word list, see `spelling.rs`), and items that would navigate the window away
//! or offer tools a newsroom does not use (input methods, Unicode control characters) go.

use std::sync::{Arc, Mutex};

use serde::Deserialize;
use ts_rs::TS;

/// What the context menu's items say, in the UI's language.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
pub struct MenuText {
    pub cut: String,
    pub copy: String,
    pub paste: String,
    pub paste_plain: String,
    pub delete: String,
    pub select_all: String,
    pub no_guesses: String,
    pub ignore_spelling: String,
    pub add_to_dictionary: String,
    pub copy_link: String,
    pub copy_image: String,
    pub insert_emoji: String,
}

/// The words the UI sent last (none before it first does: the menu keeps WebKit's words).
#[derive(Debug, Clone, Default)]
pub struct MenuWords(Arc<Mutex<Option<MenuText>>>);

impl MenuWords {
    pub fn set(&self, text: MenuText) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(text);
    }

    pub fn get(&self) -> Option<MenuText> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// What becomes of one of WebKit's items.
#[cfg(target_os = "linux")]
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    Keep,
    Drop,
    Label(String),
}

#[cfg(target_os = "linux")]
fn entry(action: webkit2gtk::ContextMenuAction, text: Option<&MenuText>) -> Entry {
    use webkit2gtk::ContextMenuAction as A;
    match action {
        A::OpenLink
        | A::OpenLinkInNewWindow
        | A::DownloadLinkToDisk
        | A::OpenImageInNewWindow
        | A::DownloadImageToDisk
        | A::CopyImageUrlToClipboard
        | A::OpenFrameInNewWindow
        | A::GoBack
        | A::GoForward
        | A::Stop
        | A::Reload
        | A::InputMethods
        | A::Unicode
        | A::FontMenu => Entry::Drop,
        _ => {
            let Some(t) = text else {
                return Entry::Keep;
            };
            let label = match action {
                A::Cut => &t.cut,
                A::Copy => &t.copy,
                A::Paste => &t.paste,
                A::Delete => &t.delete,
                A::SelectAll => &t.select_all,
                A::NoGuessesFound => &t.no_guesses,
                A::IgnoreSpelling => &t.ignore_spelling,
                A::LearnSpelling => &t.add_to_dictionary,
                A::CopyLinkToClipboard => &t.copy_link,
                A::CopyImageToClipboard => &t.copy_image,
                A::PasteAsPlainText => &t.paste_plain,
                A::InsertEmoji => &t.insert_emoji,
                _ => return Entry::Keep,
            };
            Entry::Label(label.clone())
        }
    }
}

/// Relabels every context menu of the window's web view as it opens.
#[cfg(target_os = "linux")]
pub fn install<R: tauri::Runtime>(window: &tauri::WebviewWindow<R>, words: MenuWords) {
    let result = window.with_webview(move |webview| {
        use webkit2gtk::{ContextMenuExt, ContextMenuItem, ContextMenuItemExt, WebViewExt};
        webview
            .inner()
            .connect_context_menu(move |_view, menu, _event, _hit| {
                let text = words.get();
                for (position, item) in menu.items().iter().enumerate().rev() {
                    let action = item.stock_action();
                    match entry(action, text.as_ref()) {
                        Entry::Keep => {}
                        Entry::Drop => menu.remove(item),
                        Entry::Label(label) => {
                            let ours =
                                ContextMenuItem::from_stock_action_with_label(action, &label);
                            menu.remove(item);
                            menu.insert(&ours, position as i32);
                        }
                    }
                }
                // No separator first, last or twice in a row once items have gone.
                let mut after_separator = true;
                for item in menu.items() {
                    let separator = item.is_separator();
                    if separator && after_separator {
                        menu.remove(&item);
                    } else {
                        after_separator = separator;
                    }
                }
                if let Some(last) = menu.items().last() {
                    if last.is_separator() {
                        menu.remove(last);
                    }
                }
                false
            });
    });
    if let Err(e) = result {
        eprintln!("newsroom: cannot word the context menu: {e}");
    }
}

#[cfg(not(target_os = "linux"))]
pub fn install<R: tauri::Runtime>(_window: &tauri::WebviewWindow<R>, _words: MenuWords) {}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;
    use webkit2gtk::ContextMenuAction as A;

    fn english() -> MenuText {
        let s = |v: &str| v.to_string();
        MenuText {
            cut: s("Cut"),
            copy: s("Copy"),
            paste: s("Paste"),
            paste_plain: s("Paste as plain text"),
            delete: s("Delete"),
            select_all: s("Select all"),
            no_guesses: s("No suggestions"),
            ignore_spelling: s("Ignore"),
            add_to_dictionary: s("Add to dictionary"),
            copy_link: s("Copy link"),
            copy_image: s("Copy image"),
            insert_emoji: s("Insert emoji"),
        }
    }

    #[test]
    fn items_are_worded_as_the_ui_says_and_navigation_goes() {
        let t = english();
        assert_eq!(
            entry(A::LearnSpelling, Some(&t)),
            Entry::Label("Add to dictionary".into())
        );
        assert_eq!(entry(A::Paste, Some(&t)), Entry::Label("Paste".into()));
        assert_eq!(
            entry(A::PasteAsPlainText, Some(&t)),
            Entry::Label("Paste as plain text".into())
        );
        assert_eq!(entry(A::SpellingGuess, Some(&t)), Entry::Keep);
        for gone in [
            A::OpenLink,
            A::Reload,
            A::GoBack,
            A::InputMethods,
            A::Unicode,
        ] {
            assert_eq!(entry(gone, Some(&t)), Entry::Drop, "{gone:?}");
            assert_eq!(entry(gone, None), Entry::Drop, "{gone:?}");
        }
        // Before the UI has said anything, WebKit's words stay.
        assert_eq!(entry(A::LearnSpelling, None), Entry::Keep);
    }

    #[test]
    fn the_last_words_sent_count() {
        let words = MenuWords::default();
        assert_eq!(words.get(), None);
        words.set(english());
        let mut german = english();
        german.add_to_dictionary = "Zum Wörterbuch hinzufügen".into();
        words.clone().set(german.clone());
        assert_eq!(words.get(), Some(german));
    }
}
