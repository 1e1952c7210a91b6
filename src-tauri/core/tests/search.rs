//! Full-text search on a real library: folding of case, diacritics and ß/ss, filters, ranking.

mod common;

use common::*;
use newsroom_core::{ArticleInput, ArticleState, Library, ListQuery};

fn titles(lib: &Library, q: ListQuery) -> Vec<String> {
    lib.list_articles(&q)
        .unwrap()
        .items
        .into_iter()
        .map(|s| s.headline)
        .collect()
}

fn search(lib: &Library, text: &str) -> Vec<String> {
    titles(
        lib,
        ListQuery {
            text: Some(text.into()),
            ..Default::default()
        },
    )
}

fn art(headline: &str, body: &str, topics: &[&str], places: &[&str]) -> ArticleInput {
    ArticleInput {
        headline: headline.into(),
        body: body.into(),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        places: places.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn library() -> (tempfile::TempDir, Library) {
    let (d, mut lib) = empty_library();
    lib.create_article(&art(
        "Großes Straßenfest im Süden",
        "Musik und Flohmarkt.",
        &["Freizeit"],
        &["Hörde"],
    ))
    .unwrap();
    lib.create_article(&art(
        "Neue Radwege",
        "Die Straße wird umgebaut. Ein Café öffnet.",
        &["Verkehr"],
        &["Nordstadt"],
    ))
    .unwrap();
    lib.create_article(&art(
        "Bibliothek länger offen",
        "Samstags bis 18 Uhr. **Übergang** zur Schule.",
        &["Bildung", "Familie"],
        &["Innenstadt-West"],
    ))
    .unwrap();
    (d, lib)
}

#[test]
fn folds_ss_and_sharp_s_both_ways() {
    let (_d, lib) = library();
    assert_eq!(
        search(&lib, "Strassenfest"),
        vec!["Großes Straßenfest im Süden"]
    );
    assert_eq!(
        search(&lib, "straßenfest"),
        vec!["Großes Straßenfest im Süden"]
    );
    let mut both = search(&lib, "STRASSE");
    both.sort();
    assert_eq!(both, vec!["Großes Straßenfest im Süden", "Neue Radwege"]);
}

#[test]
fn folds_diacritics_and_transliterations() {
    let (_d, lib) = library();
    assert_eq!(search(&lib, "Horde"), vec!["Großes Straßenfest im Süden"]);
    assert_eq!(search(&lib, "hoerde"), vec!["Großes Straßenfest im Süden"]);
    assert_eq!(search(&lib, "HÖRDE"), vec!["Großes Straßenfest im Süden"]);
    assert_eq!(search(&lib, "cafe"), vec!["Neue Radwege"]);
    assert_eq!(search(&lib, "ubergang"), vec!["Bibliothek länger offen"]);
    assert_eq!(search(&lib, "uebergang"), vec!["Bibliothek länger offen"]);
    assert_eq!(search(&lib, "laenger"), vec!["Bibliothek länger offen"]);
}

#[test]
fn searches_body_topics_and_places_with_prefixes_and_all_words() {
    let (_d, lib) = library();
    assert_eq!(search(&lib, "flohm"), vec!["Großes Straßenfest im Süden"]);
    assert_eq!(search(&lib, "Familie"), vec!["Bibliothek länger offen"]);
    assert_eq!(search(&lib, "nordstadt"), vec!["Neue Radwege"]);
    assert_eq!(search(&lib, "Radwege Nordstadt"), vec!["Neue Radwege"]);
    assert!(search(&lib, "Radwege Hörde").is_empty());
    // Markup and operators in the query are plain text, never an FTS syntax error.
    assert!(search(&lib, "\"unbalanced OR (").is_empty());
    assert!(search(&lib, "NEAR(a b) * ^").is_empty());
    // An empty query lists everything.
    assert_eq!(
        lib.list_articles(&ListQuery {
            text: Some("  ".into()),
            ..Default::default()
        })
        .unwrap()
        .total,
        3
    );
}

#[test]
fn headline_matches_rank_before_body_matches() {
    let (_d, mut lib) = empty_library();
    lib.create_article(&art(
        "Haushalt beschlossen",
        "Der Rat hat getagt. Spielplatz.",
        &[],
        &[],
    ))
    .unwrap();
    lib.create_article(&art(
        "Neuer Spielplatz eröffnet",
        "Kinder freuen sich.",
        &[],
        &[],
    ))
    .unwrap();
    assert_eq!(
        search(&lib, "spielplatz"),
        vec!["Neuer Spielplatz eröffnet", "Haushalt beschlossen"]
    );
}

#[test]
fn filters_by_state_and_topic_with_and_without_text() {
    let (_d, mut lib) = library();
    let ids: Vec<i64> = lib
        .list_articles(&Default::default())
        .unwrap()
        .items
        .iter()
        .map(|s| s.id)
        .collect();
    lib.set_state(ids[0], ArticleState::Ready).unwrap();
    let ready = ListQuery {
        state: Some(ArticleState::Ready),
        ..Default::default()
    };
    assert_eq!(lib.list_articles(&ready).unwrap().total, 1);
    let fam = ListQuery {
        topic: Some("Familie".into()),
        ..Default::default()
    };
    assert_eq!(titles(&lib, fam.clone()), vec!["Bibliothek länger offen"]);
    let fam_text = ListQuery {
        text: Some("Samstags".into()),
        ..fam
    };
    assert_eq!(titles(&lib, fam_text), vec!["Bibliothek länger offen"]);
    let none = ListQuery {
        text: Some("Samstags".into()),
        topic: Some("Verkehr".into()),
        ..Default::default()
    };
    assert!(titles(&lib, none).is_empty());
}

#[test]
fn search_index_follows_edits() {
    let (_d, mut lib) = library();
    let id = lib
        .list_articles(&ListQuery {
            text: Some("Radwege".into()),
            ..Default::default()
        })
        .unwrap()
        .items[0]
        .id;
    let mut i = lib.get_article(id).unwrap().input();
    i.headline = "Fahrradstraße in der Nordstadt".into();
    lib.save_article(id, &i).unwrap();
    assert!(search(&lib, "Radwege").is_empty());
    assert_eq!(
        search(&lib, "fahrradstrasse"),
        vec!["Fahrradstraße in der Nordstadt"]
    );
}

#[test]
fn list_pages_newest_first() {
    let (_d, mut lib) = empty_library();
    for d in 1..=9 {
        let mut i = art(&format!("Tag {d}"), "", &[], &[]);
        i.published_at = Some(format!("2025-11-0{d}T10:00:00Z"));
        lib.create_article(&i).unwrap();
    }
    let p1 = lib
        .list_articles(&ListQuery {
            limit: Some(4),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(p1.total, 9);
    assert_eq!(
        p1.items
            .iter()
            .map(|s| s.headline.as_str())
            .collect::<Vec<_>>(),
        ["Tag 9", "Tag 8", "Tag 7", "Tag 6"]
    );
    let p3 = lib
        .list_articles(&ListQuery {
            limit: Some(4),
            offset: Some(8),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        p3.items
            .iter()
            .map(|s| s.headline.as_str())
            .collect::<Vec<_>>(),
        ["Tag 1"]
    );
}

#[test]
fn very_broad_searches_list_newest_first_and_narrow_ones_rank() {
    let (_d, mut lib) = empty_library();
    let n = newsroom_core::store::RANK_LIMIT as usize + 50;
    let items: Vec<_> = (0..n)
        .map(|i| {
            let mut a = art(&format!("Meldung {i}"), "Die Stadt informiert.", &[], &[]);
            a.published_at = Some("2025-01-01T00:00:00Z".to_string());
            if i == 17 {
                a.headline = "Stadt Stadt Stadt".into();
                a.published_at = Some("2020-01-01T00:00:00Z".into());
            }
            if i == n - 1 {
                a.published_at = Some("2026-01-01T00:00:00Z".into());
            }
            (ArticleState::Draft, a)
        })
        .collect();
    lib.create_articles_at(&items, chrono::Utc::now()).unwrap();
    let page = lib
        .list_articles(&ListQuery {
            text: Some("stadt".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, n as u64);
    assert!(!page.ranked);
    assert_eq!(page.items[0].headline, format!("Meldung {}", n - 1));
    let narrow = lib
        .list_articles(&ListQuery {
            text: Some("meldung 17".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(narrow.ranked);
    let ranked = lib
        .list_articles(&ListQuery {
            text: Some("stadt".into()),
            state: Some(ArticleState::Draft),
            limit: Some(5),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(ranked.total, n as u64);
    assert_eq!(ranked.items.len(), 5);
}

#[test]
fn saved_text_is_searchable_after_reopen_even_before_the_idle_flush() {
    let dir = tempfile::tempdir().unwrap();
    let id;
    {
        let mut lib = common::open_at(
            dir.path(),
            newsroom_core::OpenOptions {
                seed_samples: false,
            },
        );
        id = lib.create_article(&art("Alt", "", &[], &[])).unwrap().id;
        let mut i = lib.get_article(id).unwrap().input();
        i.headline = "Wochenmarkt zieht um".into();
        lib.save_article(id, &i).unwrap();
        // Dropped without a search or flush: the index entry is still pending.
    }
    let lib = common::open_at(
        dir.path(),
        newsroom_core::OpenOptions {
            seed_samples: false,
        },
    );
    assert_eq!(
        lib.flush_index().unwrap(),
        0,
        "open flushes pending index entries"
    );
    assert_eq!(search(&lib, "wochenmarkt"), vec!["Wochenmarkt zieht um"]);
    assert!(search(&lib, "alt").is_empty());
}
