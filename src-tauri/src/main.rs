// Prevents an extra console window on Windows in release.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    newsroom_app::mark_process_start();
    newsroom_core::imaging::limit_malloc_arenas();
    newsroom_app::run();
}
