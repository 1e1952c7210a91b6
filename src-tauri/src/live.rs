//! Live updates: a thread that watches whichever library is open (`newsroom_core::watch`) and
//! tells the UI what others changed (`newsroom://library-changed`), so the list, the media
//! grid, a read-only editor and the preflight follow a colleague's work without a reload.

use std::time::Duration;

use newsroom_core::library::Location;
use newsroom_core::watch::{Changed, Watcher};

/// How long one look waits for a change (also how soon a switch of library is noticed).
const LOOK: Duration = Duration::from_millis(500);
/// How long to wait before watching again after the library could not be watched.
const RETRY: Duration = Duration::from_secs(2);

/// Watches `current()` (the open library, `None` while none is open) for as long as the app
/// runs, and hands every change to `tell`.
pub(crate) fn spawn(
    current: impl Fn() -> Option<Location> + Send + 'static,
    tell: impl Fn(Changed) + Send + 'static,
) {
    std::thread::Builder::new()
        .name("library-watch".into())
        .spawn(move || {
            let mut watching: Option<(Location, Watcher)> = None;
            loop {
                let want = current();
                if watching.as_ref().map(|(l, _)| l) != want.as_ref() {
                    watching = None;
                    let Some(location) = want else {
                        std::thread::sleep(LOOK);
                        continue;
                    };
                    match Watcher::open(&location) {
                        Ok(w) => watching = Some((location, w)),
                        Err(e) => {
                            eprintln!("newsroom: cannot watch the library for changes: {e}");
                            std::thread::sleep(RETRY);
                            continue;
                        }
                    }
                }
                let Some((_, w)) = watching.as_mut() else {
                    continue;
                };
                match w.next(LOOK) {
                    Ok(Some(changed)) => tell(changed),
                    Ok(None) => {}
                    Err(e) => {
                        // A server that went away: watch again once it is back.
                        eprintln!("newsroom: watching the library stopped: {e}");
                        watching = None;
                        std::thread::sleep(RETRY);
                    }
                }
            }
        })
        .expect("spawn the library watch thread");
}
