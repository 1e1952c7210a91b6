//! The UI's copy of the IPC contract, generated from the Rust types: every payload type (with
//! its doc comment), the codes that cross the boundary (errors, preflight checks, states) as
//! unions and arrays, and the command and event names. Written to `ui/src/lib/bindings.ts`;
//! this test fails when that file is stale (regenerate with `scripts/gen-bindings.sh`).

mod generated;

use newsroom_app::{context_menu, dialogs, export as app_export, ipc, photos as app_photos};
use newsroom_core::error::{
    ErrorCode, ErrorPayload, ErrorValues, FileKind, IoProblem, Measure, Missing, Rule,
};
use newsroom_core::export::{
    EmbargoedBundle, ExportFailure, ExportFormat, ExportNotStarted, ExportReport, ExportRequest,
    ExportSkip, ExportedBundle, HeldBack, ItemStatus,
};
use newsroom_core::imaging::crop::{Aspect, CropRect, FocalPoint};
use newsroom_core::imaging::{FileMeta, Format};
use newsroom_core::photos::{
    BatchChange, BatchEdit, BatchField, BatchPreview, BatchResult, BatchSkip, CaptionWarning,
    CreditSettings, CreditSource, CropShape, ImportItem, ImportWarning, Photo, PhotoCrop,
    PhotoDetails, PhotoFilter, PhotoPage, PhotoQuery, PhotoRole, PhotoUpdate, PhotoUse,
};
use newsroom_core::preflight::{
    Check, CheckCode, Level, LinkProblem, Preflight, ALT_MAX_CHARS, HEADLINE_MAX_CHARS,
    TEASER_MAX_CHARS,
};
use newsroom_core::store::{EditLock, Lease, LEASE_SECS, RENEW_SECS};
use newsroom_core::{
    Article, ArticleInput, ArticlePage, ArticleState, ArticleSummary, FieldProblem, HeldField,
    LeadPhoto, ListQuery, RelatedLink, RevisionReason, RevisionSummary, SaveOutcome, TagKind,
};
use ts_rs::{Config, TS};

/// `export type Name = …;` with the type's doc comment, laid out one field (or one member of
/// a long union) per line.
fn decl<T: TS>(cfg: &Config) -> String {
    let docs = T::docs().unwrap_or_default();
    format!("{docs}export {}\n", layout(&T::decl(cfg)))
}

/// `export type Outer = Inner & { … };` for a type that flattens `Inner` into itself
/// (`#[serde(flatten)]` with `#[ts(flatten)]`), where ts-rs would repeat Inner's fields. Outer's
/// own fields are what is left of its declaration once Inner's fields are taken out, so a field
/// added to either type appears here by itself; a field of Inner that Outer does not carry
/// fails the generator.
fn decl_flattening<Outer: TS, Inner: TS>(cfg: &Config) -> String {
    let (outer, inner) = (Outer::decl(cfg), Inner::decl(cfg));
    let mut own = object_fields(&outer);
    for field in object_fields(&inner) {
        let at = own.iter().position(|f| *f == field).unwrap_or_else(|| {
            panic!(
                "{} does not carry {}'s field {field}",
                Outer::name(cfg),
                Inner::name(cfg)
            )
        });
        own.remove(at);
    }
    let head = outer.split_once(" = ").expect("type X = …;").0;
    let own = layout(&format!("{head} = {{{}}};", own.join(",")));
    let intersection = own.replacen(" = {", &format!(" = {} & {{", Inner::name(cfg)), 1);
    let docs = Outer::docs().unwrap_or_default();
    format!("{docs}export {intersection}\n")
}

/// The body of an object type's declaration (`type X = { … };`), if it is one.
fn object_body(decl: &str) -> Option<&str> {
    let body = decl.split_once(" = ").expect("type X = …;").1;
    let body = body.trim_end_matches(';').trim();
    body.strip_prefix('{').and_then(|b| b.strip_suffix('}'))
}

/// The fields of an object type's declaration, each with its doc comment.
fn object_fields(decl: &str) -> Vec<&str> {
    let body = object_body(decl).expect("an object type");
    top_level(body, ',')
        .into_iter()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect()
}

/// ts-rs writes a declaration on one line, with field doc comments in between; this puts each
/// field (with its comment) on a line of its own.
fn layout(decl: &str) -> String {
    let (head, body) = decl.split_once(" = ").expect("type X = …;");
    let body = body.trim_end_matches(';').trim();
    if object_body(decl).is_some() {
        let mut out = format!("{head} = {{\n");
        for field in object_fields(decl) {
            let (doc, field) = match field.rfind("*/") {
                Some(end) => (&field[..end + 2], field[end + 2..].trim()),
                None => ("", field),
            };
            for line in doc.lines().map(str::trim).filter(|l| !l.is_empty()) {
                let line = if line.starts_with('*') {
                    format!(" {line}")
                } else {
                    line.into()
                };
                out.push_str(&format!("  {line}\n"));
            }
            out.push_str(&format!("  {field};\n"));
        }
        return out + "};";
    }
    let members = top_level(body, '|');
    if body.len() > 90 && members.len() > 1 {
        let mut out = format!("{head} =\n");
        for m in members {
            out.push_str(&format!("  | {}\n", m.trim()));
        }
        return out.trim_end().to_string() + ";";
    }
    format!("{head} = {body};")
}

/// Splits `s` at `sep` where it is not inside brackets, strings or comments.
fn top_level(s: &str, sep: char) -> Vec<&str> {
    let (mut parts, mut depth, mut start) = (Vec::new(), 0i32, 0);
    let (mut in_string, mut in_comment) = (false, false);
    let bytes = s.as_bytes();
    for (i, c) in s.char_indices() {
        if in_comment {
            in_comment = !(c == '/' && i > 0 && bytes[i - 1] == b'*');
            continue;
        }
        if in_string {
            in_string = c != '"';
            continue;
        }
        match c {
            '"' => in_string = true,
            '/' if bytes.get(i + 1) == Some(&b'*') => in_comment = true,
            '{' | '[' | '(' | '<' => depth += 1,
            '}' | ']' | ')' | '>' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&s[start..]);
    parts
}

/// `export const NAME = [...] as const;` from serialised values (the strings the wire carries).
fn values<T: serde::Serialize>(name: &str, doc: &str, all: &[T]) -> String {
    let items: Vec<String> = all
        .iter()
        .map(|v| serde_json::to_string(v).unwrap())
        .collect();
    format!(
        "/** {doc} */\nexport const {name} = [{}] as const;\n",
        items.join(", ")
    )
}

fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/tests/bindings.rs: do not edit. Change the\n\
         // Rust type and run scripts/gen-bindings.sh; a test fails while this file is stale.\n\
         /* eslint-disable */\n\n",
    );
    let sections: Vec<(&str, Vec<String>)> = vec![
        (
            "Articles",
            vec![
                decl::<ArticleState>(&cfg),
                decl::<RelatedLink>(&cfg),
                decl::<LeadPhoto>(&cfg),
                decl::<ArticleInput>(&cfg),
                decl::<FieldProblem>(&cfg),
                decl::<HeldField>(&cfg),
                decl::<Article>(&cfg),
                decl_flattening::<SaveOutcome, Article>(&cfg),
                decl::<ArticleSummary>(&cfg),
                decl::<ListQuery>(&cfg),
                decl::<ArticlePage>(&cfg),
                decl::<RevisionReason>(&cfg),
                decl::<RevisionSummary>(&cfg),
                decl::<EditLock>(&cfg),
                decl::<Lease>(&cfg),
                decl::<newsroom_core::watch::Changed>(&cfg),
                decl::<TagKind>(&cfg),
                decl::<newsroom_core::server::roles::Role>(&cfg),
                decl::<newsroom_core::server::roles::Permissions>(&cfg),
                decl::<ipc::LibraryKind>(&cfg),
                decl::<ipc::LibraryInfo>(&cfg),
                decl::<ipc::Connected>(&cfg),
                decl::<dialogs::DialogText>(&cfg),
                decl::<context_menu::MenuText>(&cfg),
            ],
        ),
        (
            "Errors",
            vec![
                decl::<ErrorCode>(&cfg),
                decl::<ErrorPayload>(&cfg),
                decl::<ErrorValues>(&cfg),
                decl::<FileKind>(&cfg),
                decl::<Measure>(&cfg),
                decl::<Missing>(&cfg),
                decl::<IoProblem>(&cfg),
                decl::<Rule>(&cfg),
            ],
        ),
        (
            "Photos",
            vec![
                decl::<Format>(&cfg),
                decl::<CreditSource>(&cfg),
                decl::<FocalPoint>(&cfg),
                decl::<CropRect>(&cfg),
                decl::<Aspect>(&cfg),
                decl::<CropShape>(&cfg),
                decl::<PhotoCrop>(&cfg),
                decl::<Photo>(&cfg),
                decl::<ipc::PhotoFraming>(&cfg),
                decl::<PhotoRole>(&cfg),
                decl::<PhotoUse>(&cfg),
                decl::<FileMeta>(&cfg),
                decl_flattening::<PhotoDetails, Photo>(&cfg),
                decl::<PhotoFilter>(&cfg),
                decl::<PhotoQuery>(&cfg),
                decl::<PhotoPage>(&cfg),
                decl::<PhotoUpdate>(&cfg),
                decl::<BatchEdit>(&cfg),
                decl::<BatchSkip>(&cfg),
                decl::<BatchResult>(&cfg),
                decl::<BatchField>(&cfg),
                decl::<BatchChange>(&cfg),
                decl::<CaptionWarning>(&cfg),
                decl::<BatchPreview>(&cfg),
                decl::<CreditSettings>(&cfg),
                decl::<ImportItem>(&cfg),
                decl::<ImportWarning>(&cfg),
                decl::<app_photos::ImportProgress>(&cfg),
                decl::<app_photos::ImportFinished>(&cfg),
            ],
        ),
        (
            "Preflight",
            vec![
                decl::<Level>(&cfg),
                decl::<CheckCode>(&cfg),
                decl::<LinkProblem>(&cfg),
                decl::<Check>(&cfg),
                decl::<Preflight>(&cfg),
            ],
        ),
        (
            "Export",
            vec![
                decl::<ExportFormat>(&cfg),
                decl::<ExportRequest>(&cfg),
                decl::<ExportedBundle>(&cfg),
                decl::<HeldBack>(&cfg),
                decl::<ExportFailure>(&cfg),
                decl::<ExportSkip>(&cfg),
                decl::<ExportNotStarted>(&cfg),
                decl::<EmbargoedBundle>(&cfg),
                decl::<ExportReport>(&cfg),
                decl::<ItemStatus>(&cfg),
                decl::<app_export::ExportProgress>(&cfg),
                decl::<app_export::ExportFinished>(&cfg),
            ],
        ),
    ];
    for (title, decls) in sections {
        out.push_str(&format!("// --- {title} ---\n\n"));
        for d in decls {
            out.push_str(&d);
            out.push('\n');
        }
    }

    out.push_str("// --- Codes and names ---\n\n");
    out.push_str(&values(
        "ARTICLE_STATES",
        "Every article state, in workflow order.",
        &ArticleState::ALL,
    ));
    out.push_str(&values(
        "ERROR_CODES",
        "Every error code a command can reject with.",
        ErrorCode::ALL,
    ));
    out.push_str(&values(
        "FILE_KINDS",
        "What a file refused as a photo can be instead.",
        FileKind::ALL,
    ));
    out.push_str(&values(
        "IO_PROBLEMS",
        "Why reading or writing a file can fail.",
        IoProblem::ALL,
    ));
    out.push_str(&values(
        "RULES",
        "The rules an input can break, worded by the UI.",
        Rule::ALL,
    ));
    out.push_str(&values(
        "CHECK_CODES",
        "Every preflight check code.",
        CheckCode::ALL,
    ));
    out.push_str(&values(
        "PHOTO_FILTERS",
        "The media library's filters.",
        &PhotoFilter::ALL,
    ));
    out.push_str(&values(
        "EXPORT_FORMATS",
        "The export formats.",
        &ExportFormat::ALL,
    ));
    out.push_str(&values(
        "COMMANDS",
        "Every command the backend registers.",
        ipc::COMMANDS,
    ));
    out.push_str(&format!(
        "/** The preflight's length limits, in characters (Unicode scalar values, not UTF-16 units). */\n\
         export const PREFLIGHT_LIMITS = {{ headline: {HEADLINE_MAX_CHARS}, teaser: {TEASER_MAX_CHARS}, alt: {ALT_MAX_CHARS} }} as const;\n"
    ));
    out.push_str(&format!(
        "/** Edit locks: a lock runs out this long after its last renewal; an open editor renews it this often. */\n\
         export const EDIT_LOCK = {{ leaseSecs: {LEASE_SECS}, renewSecs: {RENEW_SECS} }} as const;\n"
    ));
    out.push_str("/** The name of a command the backend registers. */\n");
    out.push_str("export type Command = (typeof COMMANDS)[number];\n");
    out.push_str("/** The events the backend emits. */\nexport const EVENTS = {\n");
    for (key, name) in ipc::events::ALL {
        out.push_str(&format!(
            "  {key}: {},\n",
            serde_json::to_string(name).unwrap()
        ));
    }
    out.push_str("} as const;\n");
    out
}

#[test]
fn typescript_bindings_are_fresh() {
    generated::check_or_write("ui/src/lib/bindings.ts", &typescript());
}
