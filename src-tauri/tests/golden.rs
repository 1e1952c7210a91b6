//! What the real backend answers, recorded for the UI: a library built from the repository's
//! fixture photos on a fixed clock, and the IPC payloads its commands return (articles, lists
//! and searches, previews, revisions, preflights, photos, an import batch, an export, errors).
//! The UI's dev backend and component tests serve these answers instead of computing their
//! own, so no domain rule lives twice.
//!
//! The file is `ui/src/dev/golden.json`. This test fails when it is stale; write it anew with
//! `scripts/gen-bindings.sh` (which runs this test and the bindings test with
//! `NEWSROOM_WRITE_GENERATED=1`).

mod generated;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use newsroom_app::ipc::LibraryInfo;
use newsroom_core::export::{self, ExportFormat, ExportRequest};
use newsroom_core::imaging::crop::{CropRect, FocalPoint};
use newsroom_core::photos::{BatchEdit, CreditSettings, PhotoFilter, PhotoQuery, PhotoUpdate};
use newsroom_core::{
    ArticleInput, ArticleState, LeadPhoto, Library, ListQuery, OpenOptions, RelatedLink, TagKind,
};
use serde_json::{json, Value};

/// Where the recorded library seems to live, instead of the test's temp folder.
const LIBRARY_PATH: &str = "/home/presse/Newsroom/Stadt Dortmund";
const EXPORT_PATH: &str = "/home/presse/Export";

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/images")
        .join(rel)
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A clock that starts at `start` and moves a minute on every reading, so that every write
/// gets its own time and revisions are kept the way they are while someone types.
fn ticking_clock(start: DateTime<Utc>) -> impl Fn() -> DateTime<Utc> + Send + Sync + 'static {
    let minutes = Arc::new(AtomicI64::new(0));
    move || start + Duration::minutes(minutes.fetch_add(1, Ordering::SeqCst))
}

fn input(
    kicker: &str,
    headline: &str,
    teaser: &str,
    body: &str,
    topics: &[&str],
    places: &[&str],
) -> ArticleInput {
    ArticleInput {
        kicker: kicker.into(),
        headline: headline.into(),
        teaser: teaser.into(),
        body: body.into(),
        topics: topics.iter().map(|s| s.to_string()).collect(),
        places: places.iter().map(|s| s.to_string()).collect(),
        author: "Presse- und Informationsamt".into(),
        contact: "Stadt Dortmund\nDieter Beispiel\nTelefon: 0231 50-00000\npresse@example.org"
            .into(),
        ..Default::default()
    }
}

fn to_json(v: impl serde::Serialize) -> Value {
    serde_json::to_value(v).unwrap()
}

/// The library, built the way its users would: photos imported, credited and described,
/// articles written, revised, moved through the states and one exported.
fn build(dir: &Path, out: &Path) -> (Library, Value) {
    let mut lib = Library::open(
        dir,
        OpenOptions {
            seed_samples: false,
        },
    )
    .unwrap();
    lib.set_clock(ticking_clock(at("2025-11-10T07:00:00Z")));
    // Revisions record who wrote them: the same name on every machine.
    lib.set_user("pressestelle");
    lib.set_credit_settings(&CreditSettings {
        organisation: "Stadt Dortmund".into(),
        template: "Bild: {organisation} / {creator}".into(),
    })
    .unwrap();
    // The office's website, for social previews and canonical addresses.
    lib.set_public_base_url("https://www.example.org/presse/")
        .unwrap();

    // Photos: the IPTC reference image comes with credit, caption and alt text; the camera
    // photo has none; the lake scene arrives twice (a near duplicate), once without credit.
    let mut imports = Vec::new();
    let mut import = |lib: &mut Library, rel: &str| {
        let r = lib.import_photo(&fixture(rel));
        imports.push(newsroom_core::photos::ImportItem::from_result(
            rel.rsplit('/').next().unwrap().to_string(),
            &r,
        ));
        r.ok().map(|o| o.photo.id)
    };
    let iptc = import(&mut lib, "iptc/IPTC-PhotometadataRef-Std2021.1.jpg").unwrap();
    let camera = import(&mut lib, "gps/DSCN0010.jpg").unwrap();
    let lake = import(&mut lib, "orientation/landscape_3.jpg").unwrap();
    let lake_again = import(&mut lib, "orientation/landscape_6.jpg").unwrap();
    import(&mut lib, "gps/DSCN0010.jpg"); // the same file again: a duplicate
    import(&mut lib, "corrupt/truncated_DSCN0010_first80000B.jpg"); // cut off
    import(&mut lib, "png/PngSuite.LICENSE"); // not an image
    lib.update_photo(
        camera,
        &PhotoUpdate {
            creator: Some("Roland Gorecki".into()),
            caption: Some("Der Platz vor der Bezirksverwaltungsstelle in Hörde".into()),
            alt_text: Some("Ein Platz mit Bäumen und Bänken vor einem Verwaltungsgebäude".into()),
            keywords: Some(vec!["Hörde".into(), "Bezirksverwaltung".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    lib.batch_edit(&BatchEdit {
        ids: vec![camera],
        creator: None,
        caption: None,
        apply_template: true,
    })
    .unwrap();
    lib.update_photo(
        lake,
        &PhotoUpdate {
            caption: Some("Der Phoenix-See am Morgen".into()),
            creator: Some("Erika Beispiel".into()),
            ..Default::default()
        },
    )
    .unwrap();

    // Articles in every state, with what the preflight has to say about each.
    let school = lib
        .create_article(&ArticleInput {
            body:
                "Die Stadt investiert **48 Millionen Euro** in den Neubau.\n\n## Anmeldung\n\n\
                   Eltern melden ihre Kinder ab dem 12. Januar an:\n\n- online im Schulportal\n\
                   - persönlich im Schulverwaltungsamt\n\n> „Wir schaffen Platz für 1.200 \
                   Schülerinnen und Schüler.“\n\nMehr unter [dortmund.de](https://www.dortmund.de)."
                    .into(),
            published_at: Some("2025-11-12T10:30:00+01:00".into()),
            lead_photo: Some(LeadPhoto {
                photo_id: iptc,
                caption: None,
                alt_text: None,
                crop: None,
                crops: Default::default(),
            }),
            related_links: vec![RelatedLink {
                label: "Schulentwicklungsplan".into(),
                url: "https://www.dortmund.de/schulen".into(),
            }],
            ..input(
                "Bildung",
                "Neue Gesamtschule in Hörde startet im Sommer",
                "Nach zwei Jahren Bauzeit öffnet die Gesamtschule am Phoenix-See zum Schuljahr \
                 2026/27.",
                "",
                &["Schule", "Bauen"],
                &["Hörde"],
            )
        })
        .unwrap()
        .id;
    let mut edited = lib.get_article(school).unwrap().input();
    edited
        .teaser
        .push_str(" Die Anmeldungen beginnen im Januar.");
    lib.save_article(school, &edited).unwrap();
    lib.set_state(school, ArticleState::Review).unwrap();

    let closure = lib
        .create_article(&ArticleInput {
            published_at: Some("2025-11-10T07:00:00+01:00".into()),
            embargo_until: Some("2025-11-20T06:00:00Z".into()),
            body: format!(
                "Die Arbeiten beginnen am Montag um 20 Uhr.\n\n![](photo:{camera})\n\n\
                 Die Umleitung ist ausgeschildert."
            ),
            ..input(
                "Verkehr",
                "B1: Nächtliche Sperrung zwischen Märkischer Straße und Ruhrallee",
                "Wegen Fahrbahnarbeiten wird die B1 in drei Nächten voll gesperrt.",
                "",
                &["Verkehr", "Baustellen"],
                &["Innenstadt-Ost"],
            )
        })
        .unwrap()
        .id;
    lib.set_state(closure, ArticleState::Ready).unwrap();

    let market = lib
        .create_article(&ArticleInput {
            published_at: Some("2025-11-03T12:00:00+01:00".into()),
            lead_photo: Some(LeadPhoto {
                photo_id: camera,
                caption: Some("Der Markt vor der Bezirksverwaltung".into()),
                alt_text: None,
                crop: None,
                crops: Default::default(),
            }),
            related_links: vec![RelatedLink {
                label: "Alle Märkte".into(),
                url: "https://www.dortmund.de/maerkte".into(),
            }],
            ..input(
                "Kultur",
                "Weihnachtsmarkt in Hörde: Der Baum steht",
                "Der Baum auf dem Marktplatz ist aufgestellt, ab Donnerstag öffnen die Buden.",
                "Insgesamt *40 Buden* stehen rund um den Baum.",
                &["Kultur", "Veranstaltungen"],
                &["Hörde"],
            )
        })
        .unwrap()
        .id;
    lib.set_state(market, ArticleState::Ready).unwrap();

    let trees = lib
        .create_article(&input(
            "Umwelt",
            "Baumpflanzaktion im Westpark",
            "",
            "",
            &["Umwelt"],
            &["Westpark"],
        ))
        .unwrap()
        .id;

    // Someone types a date the way it is written by hand and pastes a far too long author
    // line: both are held as typed, the rest of the article is saved.
    let mut typed = lib.get_article(trees).unwrap().input();
    typed.kicker = "Umwelt und Klima".into();
    typed.published_at = Some("31.02.2026, 10:30".into());
    typed.author = "Presseamt ".repeat(120);
    lib.autosave(trees, &typed).unwrap();

    let works = lib
        .create_article(&ArticleInput {
            published_at: Some("2025-11-14T06:00:00+01:00".into()),
            lead_photo: Some(LeadPhoto {
                photo_id: lake_again,
                caption: None,
                alt_text: None,
                crop: None,
                crops: Default::default(),
            }),
            body: "Ab Montag, 6 Uhr, sind alle Spuren wieder frei. Mehr unter \
                   [Baustellenkarte](www.dortmund.de/baustellen)."
                .into(),
            ..input(
                "Verkehr",
                "Baustelle B1: Spuren ab Montag wieder frei und die Umleitung über die \
                 Märkische Straße entfällt",
                "Die Fahrbahnarbeiten auf der B1 sind früher fertig als geplant.",
                "",
                &["Verkehr", "Baustellen"],
                &["Innenstadt-Ost"],
            )
        })
        .unwrap()
        .id;
    lib.set_state(works, ArticleState::Ready).unwrap();

    // The web desk exports what is ready: one goes out, two are held back by the preflight.
    let now = lib.now();
    let request = ExportRequest {
        ids: None,
        format: ExportFormat::Both,
        fragment: false,
        out: out.to_path_buf(),
        force: false,
        include_embargoed: false,
        base_url: None,
    };
    // What the dialog asks before it starts: which bundles exist already (none yet; the
    // market's own bundle once it has been exported).
    let mut conflicts = vec![json!({
        "request": request,
        "names": export::conflicts(&lib, &request).unwrap(),
    })];
    let shared = Mutex::new(lib);
    let mut progress = Vec::new();
    let report = export::export_at(&shared, &request, now, |p| progress.push(to_json(p))).unwrap();
    let mut lib = shared.into_inner().unwrap();
    let again = ExportRequest {
        ids: Some(vec![market]),
        ..request.clone()
    };
    conflicts.push(json!({
        "request": again,
        "names": export::conflicts(&lib, &again).unwrap(),
    }));

    let recorded = json!({
        "ids": { "school": school, "closure": closure, "market": market, "trees": trees,
                 "works": works, "iptc": iptc, "camera": camera, "lake": lake,
                 "lake_again": lake_again },
        "imports": imports,
        "export": {
            "request": request,
            "progress": progress,
            "report": report,
        },
        "conflicts": conflicts,
    });
    lib.set_clock(move || now);
    (lib, recorded)
}

/// Every answer the UI's fake serves, keyed as the fake looks them up.
fn record(lib: &mut Library, built: Value) -> Value {
    let preview = |lib: &Library, body: &str| {
        lib.render_body(body, &|p| newsroom_app::photos::rendition_url(p.id, 640))
    };
    let articles: Vec<_> = {
        let page = lib
            .list_articles(&ListQuery {
                limit: Some(500),
                ..Default::default()
            })
            .unwrap();
        let mut ids: Vec<i64> = page.items.iter().map(|s| s.id).collect();
        ids.sort();
        ids.into_iter()
            .map(|id| lib.get_article(id).unwrap())
            .collect()
    };
    let mut revisions = BTreeMap::new();
    let mut revision_content = BTreeMap::new();
    let mut previews = BTreeMap::new();
    let mut preflights = BTreeMap::new();
    let mut bundle_names = BTreeMap::new();
    for a in &articles {
        let revs = lib.list_revisions(a.id).unwrap();
        for r in &revs {
            revision_content.insert(
                format!("{}:{}", a.id, r.rev),
                to_json(lib.get_revision(a.id, r.rev).unwrap()),
            );
        }
        revisions.insert(a.id.to_string(), to_json(revs));
        previews.insert(a.body.clone(), preview(lib, &a.body));
        preflights.insert(
            a.id.to_string(),
            to_json(lib.preflight_at(a.id, lib.now()).unwrap()),
        );
        bundle_names.insert(a.id.to_string(), export::bundle_name(a));
    }
    for body in [
        "",
        "Ein Absatz mit **fett**, *kursiv* und einem [Link](https://example.org).",
        "## Zwischenüberschrift\n\nText.\n\n### Kleiner\n\n> Ein Zitat.\n\n1. eins\n2. zwei\n",
        "<script>alert(1)</script>\n\n[javascript](javascript:alert(1))",
    ] {
        previews.insert(body.to_string(), preview(lib, body));
    }

    let mut lists = Vec::new();
    let mut queries = vec![ListQuery::default()];
    for state in ArticleState::ALL {
        queries.push(ListQuery {
            state: Some(state),
            ..Default::default()
        });
    }
    for topic in ["Verkehr", "Kultur"] {
        queries.push(ListQuery {
            topic: Some(topic.into()),
            ..Default::default()
        });
    }
    for text in [
        "hörde",
        "Hoerde",
        "baustelle",
        "strasse",
        "b1 sperrung",
        "nichts",
    ] {
        queries.push(ListQuery {
            text: Some(text.into()),
            ..Default::default()
        });
    }
    for q in queries {
        lists.push(json!({ "query": q, "page": lib.list_articles(&q).unwrap() }));
    }

    let mut suggestions = Vec::new();
    for (kind, prefix) in [
        (TagKind::Topic, ""),
        (TagKind::Topic, "b"),
        (TagKind::Place, ""),
        (TagKind::Place, "h"),
    ] {
        suggestions.push(json!({ "kind": kind, "prefix": prefix,
                                 "result": lib.suggest(kind, prefix, 20).unwrap() }));
    }

    let photos_page = lib
        .list_photos(&PhotoQuery {
            filter: PhotoFilter::All,
            text: None,
            limit: Some(500),
            offset: None,
        })
        .unwrap();
    let photos: Vec<Value> = photos_page
        .items
        .iter()
        .map(|p| to_json(lib.photo_details(p.id).unwrap()))
        .collect();
    let mut photo_lists = Vec::new();
    for (filter, text) in [
        (PhotoFilter::All, None),
        (PhotoFilter::NoCredit, None),
        (PhotoFilter::NoAltText, None),
        (PhotoFilter::Unused, None),
        (PhotoFilter::All, Some("hörde")),
    ] {
        let q = PhotoQuery {
            filter,
            text: text.map(String::from),
            limit: None,
            offset: None,
        };
        photo_lists.push(json!({ "query": q, "page": lib.list_photos(&q).unwrap() }));
    }

    // Errors as the commands return them.
    let mut errors = BTreeMap::new();
    let mut keep = |e: newsroom_core::Error| {
        let p = e.payload();
        errors.entry(p.code.to_string()).or_insert(to_json(p));
    };
    keep(lib.get_article(4242).unwrap_err());
    keep(
        lib.save_article(
            articles[0].id,
            &ArticleInput {
                published_at: Some("12.11.2025 10:30".into()),
                ..articles[0].input()
            },
        )
        .unwrap_err(),
    );
    keep(
        lib.delete_photo(articles_lead_photo(&articles))
            .unwrap_err(),
    );
    for item in built["imports"].as_array().unwrap() {
        if let Some(e) = item.get("error") {
            errors
                .entry(e["code"].as_str().unwrap().to_string())
                .or_insert(e.clone());
        }
    }

    // Last, since it writes: the crops of every photo, then of a photo framed by hand.
    let photo_ids: Vec<i64> = photos_page.items.iter().map(|p| p.id).collect();
    let iptc = built["ids"]["iptc"].as_i64().unwrap();
    let crops = record_crops(lib, &photo_ids, iptc);

    let mut all = built;
    let obj = all.as_object_mut().unwrap();
    obj.insert("now".into(), json!(newsroom_core::dates::stamp(lib.now())));
    obj.insert(
        "library_info".into(),
        to_json(LibraryInfo::new(
            &newsroom_core::library::Location::Folder(LIBRARY_PATH.into()),
            true,
            lib.article_count().unwrap(),
            "Presse- und Informationsamt".to_string(),
            newsroom_core::server::roles::Permissions::all("Presse- und Informationsamt".into()),
        )),
    );
    obj.insert(
        "credit_settings".into(),
        to_json(lib.credit_settings().unwrap()),
    );
    obj.insert("crop_shapes".into(), to_json(lib.crop_shapes().unwrap()));
    obj.insert(
        "default_crop_shapes".into(),
        to_json(newsroom_core::photos::default_shapes()),
    );
    obj.insert("articles".into(), to_json(&articles));
    obj.insert("revisions".into(), to_json(revisions));
    obj.insert("revision_content".into(), to_json(revision_content));
    obj.insert("previews".into(), to_json(previews));
    obj.insert("preflights".into(), to_json(preflights));
    obj.insert("bundle_names".into(), to_json(bundle_names));
    obj.insert("lists".into(), to_json(lists));
    obj.insert("suggestions".into(), to_json(suggestions));
    obj.insert("photos".into(), to_json(photos));
    obj.insert("photo_lists".into(), to_json(photo_lists));
    obj.insert("errors".into(), to_json(errors));
    obj.insert("crops".into(), crops);
    all
}

/// What `photo_crops` answers for a photo's framing (its focal point and hand-set crops):
/// every photo as recorded, then the IPTC reference photo (2000 × 1000) framed as the crop
/// view's tests frame it: a focal point top right; a square set by hand over the top left,
/// which misses it; the focal point moved to the left with that square kept, and dropped.
fn record_crops(lib: &mut Library, ids: &[i64], framed: i64) -> Value {
    let mut out = Vec::new();
    let mut keep = |lib: &Library, id: i64| {
        let p = lib.get_photo(id).unwrap();
        out.push(json!({
            "photo_id": id,
            "focus": p.focus,
            "hand_set": p.crops,
            "crops": lib.photo_crops(id).unwrap(),
        }));
    };
    for id in ids {
        keep(lib, *id);
    }
    let top_right = FocalPoint::new(0.85, 0.2);
    lib.set_photo_focus(framed, top_right, false).unwrap();
    keep(lib, framed);
    let top_left = CropRect {
        x: 0,
        y: 0,
        width: 800,
        height: 800,
    };
    lib.set_photo_crop(framed, "square", Some(top_left))
        .unwrap();
    keep(lib, framed);
    let left = FocalPoint::new(0.1, 0.5);
    lib.set_photo_focus(framed, left, true).unwrap();
    keep(lib, framed);
    lib.set_photo_focus(framed, left, false).unwrap();
    keep(lib, framed);
    json!(out)
}

fn articles_lead_photo(articles: &[newsroom_core::Article]) -> i64 {
    articles
        .iter()
        .find_map(|a| a.lead_photo.as_ref().map(|l| l.photo_id))
        .unwrap()
}

#[test]
fn golden_answers_for_the_ui_are_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let lib_dir = dir.path().join("lib");
    let out = dir.path().join("export");
    let (mut lib, built) = build(&lib_dir, &out);
    let recorded = record(&mut lib, built);
    // Paths of this run's temp folders read as a press office's folders.
    let text = serde_json::to_string_pretty(&recorded)
        .unwrap()
        .replace(&out.display().to_string(), EXPORT_PATH)
        .replace(&lib_dir.display().to_string(), LIBRARY_PATH);
    assert!(
        !text.contains(&dir.path().display().to_string()),
        "a temp path is left in the recording"
    );
    generated::check_or_write("ui/src/dev/golden.json", &format!("{text}\n"));
}
