//! The spelling word list on real library files: seeded by its migration, words added once,
//! bad words refused, and the personal word list file Enchant reads written from it.

mod common;

use newsroom_core::db::migrate_to;
use newsroom_core::spelling::{normalize_word, MAX_WORD_CHARS};
use newsroom_core::{ErrorCode, Library, OpenOptions};
use rusqlite::Connection;

fn dic_lines(lib: &Library) -> Vec<String> {
    let text = std::fs::read_to_string(lib.spelling_dir().join("de_DE.dic")).unwrap();
    text.lines().map(str::to_string).collect()
}

#[test]
fn a_new_library_knows_dortmunds_districts_streets_and_places() {
    let (_dir, lib) = common::empty_library();
    let words = lib.dictionary_words().unwrap();
    for name in [
        "Hörde",
        "Aplerbeck",
        "Brackel",
        "Eving",
        "Huckarde",
        "Hombruch",
        "Lütgendortmund",
        "Mengede",
        "Scharnhorst",
        "Innenstadt-Nord",
        "Phoenix-See",
        "Westfalenhallen",
        "Signal-Iduna-Park",
        "Borsigplatz",
    ] {
        assert!(words.iter().any(|w| w == name), "{name} missing: {words:?}");
    }
    assert!(words.len() >= 60, "{}", words.len());
    let mut sorted = words.clone();
    sorted.sort();
    assert_eq!(words, sorted, "listed in order");
}

#[test]
fn an_added_word_is_kept_once_and_written_to_the_word_list_file() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    {
        let lib = common::open_at(
            &root,
            OpenOptions {
                seed_samples: false,
            },
        );
        let path = lib.write_spelling_dictionary().unwrap();
        assert_eq!(path, root.join("spelling/de_DE.dic"));
        let lines = dic_lines(&lib);
        assert!(lines.iter().any(|l| l == "Lütgendortmund"));
        assert!(!lines.iter().any(|l| l == "Westrich-Kowalczyk"));

        assert!(lib.add_dictionary_word("  Westrich-Kowalczyk ").unwrap());
        assert!(dic_lines(&lib).iter().any(|l| l == "Westrich-Kowalczyk"));
        // The same word again is no error and no second entry.
        assert!(!lib.add_dictionary_word("Westrich-Kowalczyk").unwrap());
        assert!(!lib.add_dictionary_word("Hörde").unwrap());
        let n = |lib: &Library| {
            lib.dictionary_words()
                .unwrap()
                .iter()
                .filter(|w| *w == "Westrich-Kowalczyk")
                .count()
        };
        assert_eq!(n(&lib), 1);
        assert_eq!(
            dic_lines(&lib)
                .iter()
                .filter(|l| *l == "Westrich-Kowalczyk")
                .count(),
            1
        );
    }
    // Kept in the library: after reopening it is still there.
    let lib = common::open_at(
        &root,
        OpenOptions {
            seed_samples: false,
        },
    );
    assert!(lib
        .dictionary_words()
        .unwrap()
        .contains(&"Westrich-Kowalczyk".to_string()));
    // No temp file left beside the word list.
    let names: Vec<_> = std::fs::read_dir(lib.spelling_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names, vec!["de_DE.dic"]);
}

#[test]
fn words_that_are_not_one_word_are_refused_and_nothing_changes() {
    let (_dir, lib) = common::empty_library();
    let before = lib.dictionary_words().unwrap();
    let long = "a".repeat(MAX_WORD_CHARS + 1);
    for bad in [
        "",
        "   ",
        "Dortmunder U",
        "Hörde\nEving",
        "-Hörde",
        "Hörde-",
        "Phoenix--See",
        "Hörde.",
        "12Uhr",
        "<b>",
        long.as_str(),
    ] {
        let err = lib.add_dictionary_word(bad).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput, "{bad:?}");
    }
    assert_eq!(lib.dictionary_words().unwrap(), before);
    for good in [
        "Gorecki",
        "Çelik",
        "O'Brien",
        "Innenstadt-West",
        "B1",
        "Straße",
    ] {
        assert_eq!(normalize_word(good).unwrap(), good);
    }
    assert_eq!(
        normalize_word(&"ä".repeat(MAX_WORD_CHARS))
            .unwrap()
            .chars()
            .count(),
        MAX_WORD_CHARS
    );
}

#[test]
fn a_library_from_before_the_word_list_gets_it_seeded_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(newsroom_core::library::DB_FILE);
    {
        let mut conn = Connection::open(&db).unwrap();
        migrate_to(&mut conn, 5).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (id, headline, state, created_at, updated_at)
             VALUES (3, 'Vor dem Wörterbuch', 'draft', '2025-11-01T10:00:00.000Z', '2025-11-01T10:00:00.000Z');",
        )
        .unwrap();
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'dictionary_words'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 0, "version 5 has no word list");
    }
    let lib = Library::open(dir.path(), OpenOptions::default()).unwrap();
    assert_eq!(lib.get_article(3).unwrap().headline, "Vor dem Wörterbuch");
    assert!(lib
        .dictionary_words()
        .unwrap()
        .contains(&"Aplerbeck".to_string()));
}

#[test]
fn words_the_spell_checker_appended_to_the_file_are_kept_on_the_next_write() {
    let (_dir, lib) = common::empty_library();
    let path = lib.write_spelling_dictionary().unwrap();
    // What Enchant does when the web view learns a word: append a line to the file.
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("Brzezinski\nnot a word\n");
    std::fs::write(&path, text).unwrap();
    lib.add_dictionary_word("Gorecki").unwrap();
    let words = lib.dictionary_words().unwrap();
    assert!(words.contains(&"Brzezinski".to_string()), "{words:?}");
    assert!(words.contains(&"Gorecki".to_string()));
    assert!(!words.iter().any(|w| w.contains(' ')));
    let lines = dic_lines(&lib);
    assert!(lines.contains(&"Brzezinski".to_string()));
    assert!(!lines.contains(&"not a word".to_string()));
}
