fn main() {
    // The debug app embeds ui/dist too (custom-protocol is a default feature), and
    // `generate_context!` only re-embeds when this crate is recompiled: rebuild it whenever the
    // built UI changes, so the app the end-to-end tests drive is never older than its UI.
    println!("cargo:rerun-if-changed=../ui/dist");
    tauri_build::build()
}
