//! People and roles in a shared library, held by the server itself: each role's login tries
//! the actions its role forbids with psql, a plain SQL client, and the server refuses every
//! one, while the actions the role is for go through. The same logins through the library
//! show what they may do, and the photographer can attach a photo (not change text) through
//! the ordinary save. Real PostgreSQL throughout.

use std::path::Path;
use std::process::Command;

use newsroom_core::server::roles::{add_user, Role};
use newsroom_core::server::testing::TestServer;
use newsroom_core::server::{connect, ServerUrl};
use newsroom_core::{ArticleInput, ArticleState, ErrorCode, LeadPhoto, Library, OpenOptions};

fn no_samples() -> OpenOptions {
    OpenOptions {
        seed_samples: false,
    }
}

/// The library's address for login `user` instead of the owner's.
fn as_login(url: &str, user: &str) -> String {
    url.replacen("postgres://newsroom@", &format!("postgres://{user}@"), 1)
}

/// Runs `sql` with psql as `user`; Ok(output) if the server took it, Err(its message) if not.
fn psql(url: &str, user: &str, sql: &str) -> Result<String, String> {
    let out = Command::new("psql")
        .arg(as_login(url, user))
        .args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql])
        .env("PGPASSWORD", "geheim-genug")
        .output()
        .expect("psql (Debian's postgresql-client) runs");
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn refused(url: &str, user: &str, sql: &str) {
    match psql(url, user, sql) {
        Ok(_) => panic!("{user} could run: {sql}"),
        Err(e) => assert!(
            e.contains("permission denied") || e.contains("may "),
            "{user}: {sql}: refused for another reason: {e}"
        ),
    }
}

fn allowed(url: &str, user: &str, sql: &str) {
    if let Err(e) = psql(url, user, sql) {
        panic!("{user} was refused: {sql}: {e}");
    }
}

/// A unique login name per run: logins belong to the whole server, not one library.
fn login(base: &str) -> String {
    format!("{base}_{}", std::process::id())
}

#[test]
fn every_role_is_held_to_its_job_by_the_server() {
    let tmp = tempfile::tempdir().unwrap();
    let url = TestServer::shared().fresh_url();
    let mut owner = Library::open_server(
        &ServerUrl::parse(&url).unwrap(),
        Some(&tmp.path().join("it")),
        no_samples(),
    )
    .unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/images/orientation/landscape_3.jpg");
    let photo = owner.import_photo(&fixture).unwrap().photo;
    let a = owner
        .create_article(&ArticleInput {
            headline: "Neue Ampel in Hörde".into(),
            ..Default::default()
        })
        .unwrap();
    let id = a.id;

    let (redaktion, fotografie, freigabe, webdesk) = (
        login("anna"),
        login("paul"),
        login("frieda"),
        login("wiebke"),
    );
    let mut admin = connect(&ServerUrl::parse(&url).unwrap()).unwrap();
    for (name, role) in [
        (&redaktion, Role::Redaktion),
        (&fotografie, Role::Fotografie),
        (&freigabe, Role::Freigabe),
        (&webdesk, Role::Webdesk),
    ] {
        add_user(
            &mut admin,
            name,
            role,
            "geheim-genug",
            Some("Anna Beispiel"),
        )
        .unwrap();
    }
    assert_eq!(
        add_user(
            &mut admin,
            &redaktion,
            Role::Redaktion,
            "geheim-genug",
            None
        )
        .unwrap_err()
        .code(),
        ErrorCode::InvalidState,
        "a login is created once"
    );

    // Fotografie: no text, no states, no new or deleted articles; photos and the lead photo.
    refused(
        &url,
        &fotografie,
        &format!("UPDATE articles SET headline = 'Falsch' WHERE id = {id}"),
    );
    refused(
        &url,
        &fotografie,
        &format!("UPDATE articles SET state = 'ready' WHERE id = {id}"),
    );
    refused(
        &url,
        &fotografie,
        &format!("DELETE FROM articles WHERE id = {id}"),
    );
    refused(
        &url,
        &fotografie,
        &format!("DELETE FROM article_tags WHERE article_id = {id}"),
    );
    refused(
        &url,
        &fotografie,
        "INSERT INTO articles (headline, created_at, updated_at) VALUES ('x', 'now', 'now')",
    );
    allowed(
        &url,
        &fotografie,
        &format!(
            "UPDATE articles SET lead_photo_id = {} WHERE id = {id}",
            photo.id
        ),
    );
    allowed(
        &url,
        &fotografie,
        &format!(
            "UPDATE photos SET credit = 'Bild: Stadt / Paul' WHERE id = {}",
            photo.id
        ),
    );
    // The crop the page shows the lead photo in belongs with the lead photo.
    allowed(
        &url,
        &fotografie,
        &format!("UPDATE articles SET lead_framing = '{{\"crop\":\"wide\"}}' WHERE id = {id}"),
    );

    // Redaktion: text and In Prüfung, not Freigegeben, not photo credits.
    allowed(
        &url,
        &redaktion,
        &format!("UPDATE articles SET headline = 'Ampel an der Brücke' WHERE id = {id}"),
    );
    allowed(
        &url,
        &redaktion,
        &format!("UPDATE articles SET state = 'review' WHERE id = {id}"),
    );
    refused(
        &url,
        &redaktion,
        &format!("UPDATE articles SET state = 'ready' WHERE id = {id}"),
    );
    refused(
        &url,
        &redaktion,
        &format!("UPDATE articles SET state = 'exported' WHERE id = {id}"),
    );
    refused(
        &url,
        &redaktion,
        &format!("UPDATE photos SET credit = '' WHERE id = {}", photo.id),
    );

    // Freigabe: approves; does not mark exports.
    allowed(
        &url,
        &freigabe,
        &format!("UPDATE articles SET state = 'ready' WHERE id = {id}"),
    );
    refused(
        &url,
        &freigabe,
        &format!("UPDATE articles SET state = 'exported' WHERE id = {id}"),
    );
    // Once approved, Redaktion cannot take the approval back.
    refused(
        &url,
        &redaktion,
        &format!("UPDATE articles SET state = 'draft' WHERE id = {id}"),
    );

    // Webdesk: no text, no approval; marks the export.
    refused(
        &url,
        &webdesk,
        &format!("UPDATE articles SET headline = 'Falsch' WHERE id = {id}"),
    );
    refused(
        &url,
        &webdesk,
        &format!("UPDATE articles SET body = 'Falsch' WHERE id = {id}"),
    );
    refused(
        &url,
        &webdesk,
        &format!("UPDATE articles SET state = 'review' WHERE id = {id}"),
    );
    refused(
        &url,
        &webdesk,
        &format!("UPDATE articles SET lead_framing = '{{}}' WHERE id = {id}"),
    );
    allowed(
        &url,
        &webdesk,
        &format!("UPDATE articles SET state = 'exported', exported_at = 'now', exported_to = '/web' WHERE id = {id}"),
    );

    // Nothing refused got in.
    let stored = owner.get_article(id).unwrap();
    assert_eq!(stored.headline, "Ampel an der Brücke");
    assert_eq!(stored.state, ArticleState::Exported);
    assert_eq!(stored.lead_photo.unwrap().crop.as_deref(), Some("wide"));
    assert_eq!(
        owner.get_photo(photo.id).unwrap().credit,
        "Bild: Stadt / Paul"
    );

    // Through the library: what each login may do, and the ordinary save holding to it.
    let desk = |user: &str, dir: &str| {
        Library::open_server(
            &ServerUrl::parse(&as_login(&url, user)).unwrap(),
            Some(&tmp.path().join(dir)),
            no_samples(),
        )
        .unwrap()
    };
    let mut paul = desk(&fotografie, "paul");
    let p = paul.permissions().unwrap();
    assert_eq!(p.roles, vec![Role::Fotografie]);
    assert!(!p.text && p.attach_photos && p.photos && !p.export && p.states.is_empty());
    let b = owner
        .create_article(&ArticleInput {
            headline: "Sommerfest".into(),
            ..Default::default()
        })
        .unwrap();
    let mut input = b.input();
    input.lead_photo = Some(LeadPhoto {
        photo_id: photo.id,
        caption: None,
        alt_text: None,
        crop: None,
        crops: Default::default(),
    });
    let saved = paul.save_article_from(b.id, &input, b.version).unwrap();
    assert_eq!(saved.article.lead_photo.unwrap().photo_id, photo.id);
    input.headline = "Vom Fotografen".into();
    let e = paul
        .save_article_from(b.id, &input, saved.article.version)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Forbidden, "{e}");
    assert_eq!(owner.get_article(b.id).unwrap().headline, "Sommerfest");

    let frieda = desk(&freigabe, "frieda");
    let p = frieda.permissions().unwrap();
    assert_eq!(
        p.states,
        vec![
            ArticleState::Draft,
            ArticleState::Review,
            ArticleState::Ready
        ]
    );
    assert!(p.text && !p.photos && !p.export);
    assert_eq!(
        frieda.user(),
        "Anna Beispiel",
        "the name add-user gave the login"
    );
    let o = owner.permissions().unwrap();
    assert!(o.roles.is_empty() && o.text && o.export && o.photos);
}
