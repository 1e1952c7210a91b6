// Generated from the Rust types by src-tauri/tests/bindings.rs: do not edit. Change the
// Rust type and run scripts/gen-bindings.sh; a test fails while this file is stale.
/* eslint-disable */

// --- Articles ---

/**
 * Where an article stands in the workflow.
 */
export type ArticleState = "draft" | "review" | "ready" | "exported";

/**
 * A "Zum Thema" link.
 */
export type RelatedLink = {
  label: string;
  url: string;
};

/**
 * Which photo leads the article, with per-article overrides. `None` (JSON null) caption or
 * alt text means the photo's own; the credit always belongs to the photo. The page shows it
 * in `crop` (the whole photo when none), and `crops` are this article's own versions of the
 * photo's crops (the listing, social cards and search engines use them for this article).
 */
export type LeadPhoto = {
  photo_id: number;
  caption: string | null;
  alt_text: string | null;
  /**
   * The crop the page shows (`wide`, `square` …); `None`: the whole photo.
   */
  crop?: string;
  /**
   * Crops set for this article only, by name (pixels of the upright photo).
   */
  crops?: { [key in string]: CropRect };
};

/**
 * Every field the editor can change. Missing fields in JSON input default to empty.
 */
export type ArticleInput = {
  kicker: string;
  headline: string;
  teaser: string;
  /**
   * CommonMark.
   */
  body: string;
  related_links: Array<RelatedLink>;
  topics: Array<string>;
  places: Array<string>;
  /**
   * RFC 3339; stored and returned in UTC.
   */
  published_at: string | null;
  embargo_until: string | null;
  author: string;
  contact: string;
  /**
   * The photo above the headline. Body figures are referenced in the body itself as
   * `![alt text](photo:ID "caption")` (see README "Photos in articles").
   */
  lead_photo: LeadPhoto | null;
};

/**
 * Why the library could not take a field's value as typed.
 */
export type FieldProblem = "not_a_date" | "too_long" | "too_many";

/**
 * A field value kept as typed because the library could not take it: nothing typed is lost,
 * and the rest of the article saves. The field itself keeps its last valid value until the
 * typed one is fixed; the preflight holds the article back meanwhile.
 */
export type HeldField = {
  /**
   * "headline", "published_at", "topics", "lead_photo.caption", …
   */
  field: string;
  /**
   * The value as typed (lists as JSON text).
   */
  value: string;
  problem: FieldProblem;
  /**
   * The most the field takes (`too_long`: characters, `too_many`: entries).
   */
  limit?: number;
};

/**
 * An article as stored: the editable fields plus what the library sets.
 */
export type Article = {
  id: number;
  kicker: string;
  headline: string;
  teaser: string;
  body: string;
  related_links: Array<RelatedLink>;
  topics: Array<string>;
  places: Array<string>;
  published_at: string | null;
  embargo_until: string | null;
  author: string;
  contact: string;
  state: ArticleState;
  created_at: string;
  updated_at: string;
  lead_photo: LeadPhoto | null;
  /**
   * When the article was last exported (RFC 3339 UTC), and the bundle folder written.
   * Set by the export; not content (no revision, `updated_at` unchanged).
   */
  exported_at: string | null;
  exported_to: string | null;
  /**
   * Field values kept as typed because they could not be taken (see [`HeldField`]).
   */
  held: Array<HeldField>;
  /**
   * Counts every stored change (content, state, restore, export) from 1. A save names the
   * version it was based on, so that what another writer stored since is merged, not
   * overwritten.
   */
  version: number;
};

/**
 * What a save did: the article as stored now, and the fields that another writer had
 * changed as well since the save's base version. Their value stayed; this save's text of
 * those fields is kept as a `conflict` revision (`conflict_rev`), so nothing is lost.
 */
export type SaveOutcome = Article & {
  /**
   * Field names ("headline", "topics", "lead_photo", …) in the form's order; empty when
   * the save merged cleanly.
   */
  conflicts: Array<string>;
  conflict_rev?: number;
  /**
   * Another writer stored changes since the save's base, merged into `article`: an editor
   * takes the article's values into the fields its user has not touched since.
   */
  merged: boolean;
  /**
   * Who stored the version this save met, when another writer did (empty names left out).
   */
  changed_by?: string;
};

/**
 * One row of the article list.
 */
export type ArticleSummary = {
  id: number;
  kicker: string;
  headline: string;
  teaser: string;
  state: ArticleState;
  topics: Array<string>;
  places: Array<string>;
  published_at: string | null;
  updated_at: string;
  /**
   * The lead photo, for the list's thumbnail.
   */
  lead_photo_id: number | null;
};

/**
 * What the article list shows. Every field may be left out.
 */
export type ListQuery = {
  /**
   * Full-text query. Empty lists everything, newest first; otherwise best match first.
   */
  text?: string | null;
  state?: ArticleState | null;
  topic?: string | null;
  limit?: number | null;
  offset?: number | null;
};

/**
 * One page of the article list.
 */
export type ArticlePage = {
  items: Array<ArticleSummary>;
  total: number;
  /**
   * True when the items are ordered by relevance; false when newest first (no search
   * text, or a search matching more than `store::RANK_LIMIT` articles).
   */
  ranked: boolean;
};

/**
 * Why a revision was kept.
 */
export type RevisionReason = "create" | "edit" | "state" | "restore" | "conflict";

/**
 * One kept revision of an article (newest first in lists).
 */
export type RevisionSummary = {
  rev: number;
  created_at: string;
  state: ArticleState;
  headline: string;
  reason: RevisionReason;
  /**
   * Who wrote it ([`crate::Library::user`]); empty when not known.
   */
  author: string;
};

/**
 * Someone's lock on an article's text.
 */
export type EditLock = {
  article_id: number;
  /**
   * The person, as the library knows them (their login or name).
   */
  holder: string;
  /**
   * When they took it (RFC 3339, UTC).
   */
  since: string;
  /**
   * When it runs out unless renewed (RFC 3339, UTC).
   */
  expires_at: string;
};

/**
 * What asking for (or renewing) a lock gave.
 */
export type Lease = {
  "status": "held";
  lock: EditLock;
  } | { "status": "busy";
  lock: EditLock;
  } | { "status": "lost";
  lock: EditLock;
};

/**
 * What changed: which kinds of rows someone wrote.
 */
export type Changed = {
  /**
   * An article was created, saved, changed state, exported or deleted.
   */
  articles: boolean;
  /**
   * A photo was imported, edited or deleted.
   */
  photos: boolean;
  /**
   * Someone took, gave up or took over an edit lock.
   */
  locks: boolean;
};

/**
 * Which tags a suggestion is for: topics (Themen) or places (Orte).
 */
export type TagKind = "topic" | "place";

/**
 * A person's role in a shared library.
 */
export type Role = "redaktion" | "fotografie" | "freigabe" | "webdesk";

/**
 * What the person at this desk may do (everything in a library folder).
 */
export type Permissions = {
  /**
   * Who the library knows this desk as (the login on a server).
   */
  login: string;
  /**
   * Their roles; empty for a library folder or the shared library's owner.
   */
  roles: Array<Role>;
  /**
   * Write and delete articles, change their text.
   */
  text: boolean;
  /**
   * Attach a lead photo to an article.
   */
  attach_photos: boolean;
  /**
   * Import photos, edit their metadata and credits.
   */
  photos: boolean;
  /**
   * The states they may set.
   */
  states: Array<ArticleState>;
  /**
   * Export and mark as Exportiert.
   */
  export: boolean;
};

/**
 * Where a library is: a folder on this computer or a shared library on a server.
 */
export type LibraryKind = "folder" | "server";

/**
 * Which library the app has open.
 */
export type LibraryInfo = {
  kind: LibraryKind;
  /**
   * In full: the folder's path, or the server's address (never with a password).
   */
  display: string;
  /**
   * In short: the folder's name, or `host/database`.
   */
  name: string;
  /**
   * Whether this is the desk's own library folder.
   */
  own: boolean;
  article_count: number;
  /**
   * Who this desk writes as (on locks and revisions).
   */
  user: string;
  /**
   * What they may do here (everything in a library folder).
   */
  permissions: Permissions;
};

/**
 * What `connect_library` answers: the library now open, and whether the app will open it
 * again next time (never an address with a password: that belongs in the password file).
 */
export type Connected = {
  library: LibraryInfo;
  remembered: boolean;
};

/**
 * What a dialog says. Labels may carry a GTK mnemonic (`_Öffnen`).
 */
export type DialogText = {
  title: string;
  accept: string;
  cancel: string;
  /**
   * The name of the photo filter ("Bilder (JPEG, PNG, WebP, TIFF)"); files only.
   */
  images?: string;
  /**
   * The name of the filter that shows every file; files only.
   */
  all_files?: string;
};

/**
 * What the context menu's items say, in the UI's language.
 */
export type MenuText = {
  cut: string;
  copy: string;
  paste: string;
  paste_plain: string;
  delete: string;
  select_all: string;
  no_guesses: string;
  ignore_spelling: string;
  add_to_dictionary: string;
  copy_link: string;
  copy_image: string;
  insert_emoji: string;
};

// --- Errors ---

/**
 * Why a command failed: stable, translated by the UI, matched on by scripts.
 */
export type ErrorCode =
  | "not_found"
  | "invalid_input"
  | "invalid_state"
  | "library_too_new"
  | "not_a_library"
  | "library_locked"
  | "database"
  | "io"
  | "unsupported_format"
  | "corrupt_image"
  | "truncated_image"
  | "image_too_large"
  | "server"
  | "server_url"
  | "server_unreachable"
  | "server_auth"
  | "server_tls"
  | "server_database"
  | "forbidden"
  | "path_not_chosen"
  | "internal";

/**
 * Every failure crosses IPC and the CLI's `--json` in this shape. The UI words `code` and
 * `values` in its language; `message` is the English text the CLI prints (and the English UI
 * shows where there are no values).
 */
export type ErrorPayload = {
  code: ErrorCode;
  message: string;
  values?: ErrorValues;
};

/**
 * The values behind an error (all optional; which ones an error has depends on its code).
 */
export type ErrorValues = {
  /**
   * `unsupported_format`: what the file is instead.
   */
  found?: FileKind;
  /**
   * `image_too_large`: which limit, with `value` and `limit` in its unit.
   */
  over?: Measure;
  /**
   * The measured value (`image_too_large`; `library_too_new`: the library's schema).
   */
  value?: number;
  /**
   * The limit (`image_too_large`; `library_too_new`: the schema this build knows).
   */
  limit?: number;
  /**
   * `image_too_large`, pixels: the image's size.
   */
  width?: number;
  height?: number;
  /**
   * `truncated_image`: how many bytes the file has.
   */
  bytes?: number;
  /**
   * `not_found`: what is missing, its id (and the revision).
   */
  missing?: Missing;
  id?: number;
  rev?: number;
  /**
   * `io`, `not_a_library`: the path (or what was being done), and `io` why it failed.
   */
  path?: string;
  io?: IoProblem;
  /**
   * `invalid_input`: the rule the input broke (with `limit` where it has one).
   */
  rule?: Rule;
  /**
   * `invalid_input`: what the rule was broken on, by its name (a crop of the office's set).
   */
  name?: string;
};

/**
 * What a file refused as a photo is instead, by its content.
 */
export type FileKind =
  | "pdf"
  | "gif"
  | "bmp"
  | "heif"
  | "zip"
  | "markup"
  | "lossless_jpeg"
  | "arithmetic_jpeg"
  | "deep_jpeg"
  | "unknown";

/**
 * Which limit a photo is over.
 */
export type Measure = "file_size" | "pixels" | "memory" | "scans" | "render_time";

/**
 * What was not found.
 */
export type Missing = "article" | "revision" | "photo";

/**
 * Why reading or writing a file failed, as far as the system says.
 */
export type IoProblem =
  | "not_found"
  | "permission_denied"
  | "already_exists"
  | "storage_full"
  | "read_only"
  | "not_a_directory"
  | "is_a_directory"
  | "other";

/**
 * Which rule an input broke (`invalid_input`), where the UI words it.
 */
export type Rule =
  | "template_needs_creator"
  | "template_unknown_placeholder"
  | "too_long"
  | "base_url"
  | "crop_outside"
  | "crop_count"
  | "crop_name"
  | "crop_name_twice"
  | "crop_aspect"
  | "crop_width"
  | "crop_required";

// --- Photos ---

/**
 * A container format we accept, recognised by content (magic bytes), never by file name.
 */
export type PhotoFormat = "jpeg" | "png" | "webp" | "tiff";

/**
 * Where a photo's credit came from.
 */
export type CreditSource = "none" | "file" | "template" | "edited";

/**
 * A point of the upright image as fractions of its width and height: `(0, 0)` is the top
 * left corner, `(1, 1)` the bottom right. Never NaN: made through [`FocalPoint::new`] or read
 * back from what it made.
 */
export type FocalPoint = {
  x: number;
  y: number;
};

/**
 * A rectangle of the upright image, in its pixels.
 */
export type CropRect = {
  x: number;
  y: number;
  width: number;
  height: number;
};

/**
 * An aspect ratio `w:h`, kept as given (16:9, 40:21, 1:1, 4:3).
 */
export type Aspect = {
  w: number;
  h: number;
};

/**
 * One named crop shape of the office's set.
 */
export type CropShape = {
  /**
   * `wide`, `social` …: lower-case letters, digits and hyphens.
   */
  name: string;
  aspect: Aspect;
  /**
   * The width a crop should have at least (its widest rendition is made at it); 0: none.
   */
  target_width: number;
};

/**
 * One crop of a photo as the crop view and the export see it.
 */
export type PhotoCrop = {
  /**
   * `original` (the whole photo) or a shape's name.
   */
  name: string;
  /**
   * `None` for `original`.
   */
  aspect: Aspect | null;
  rect: CropRect;
  /**
   * Set by a person (else it follows the focal point).
   */
  hand_set: boolean;
  /**
   * The focal point lies inside it.
   */
  holds_focus: boolean;
  /**
   * The width it should have at least (0: none).
   */
  target_width: number;
  /**
   * Has the shape's aspect to a pixel and lies inside the photo (a hand-set crop may not,
   * after the office changed the shape).
   */
  sound: boolean;
};

/**
 * A photo as the office sees it. The JSON form is the CLI's and the IPC's.
 */
export type Photo = {
  id: number;
  sha256: string;
  format: PhotoFormat;
  /**
   * Size of the original file in bytes.
   */
  bytes: number;
  /**
   * Pixel size after EXIF orientation.
   */
  width: number;
  height: number;
  orientation: number;
  original_name: string;
  caption: string;
  credit: string;
  /**
   * Where the credit came from.
   */
  credit_source: CreditSource;
  creator: string;
  copyright: string;
  alt_text: string;
  headline: string;
  date_created: string | null;
  city: string;
  location: string;
  country: string;
  keywords: Array<string>;
  camera: string;
  /**
   * The original carries GPS coordinates (they never leave in a rendition).
   */
  has_gps: boolean;
  imported_at: string;
  updated_at: string;
  /**
   * How many articles use it (lead photo or body figure).
   */
  usage_count: number;
  /**
   * What must stay in every crop; `None`: the centre (nobody marked one).
   */
  focus: FocalPoint | null;
  /**
   * Crops set by hand, by name (the others follow the focal point).
   */
  crops: { [key in string]: CropRect };
};

/**
 * A photo's framing after a change: the photo as stored (its focal point and hand-set crops)
 * and every crop as it is now, `original` first.
 */
export type PhotoFraming = {
  photo: Photo;
  crops: Array<PhotoCrop>;
};

/**
 * How an article uses a photo.
 */
export type PhotoRole = "lead" | "figure";

/**
 * An article that uses a photo.
 */
export type PhotoUse = {
  article_id: number;
  headline: string;
  role: PhotoRole;
};

/**
 * The IPTC Photo Metadata a file carries, merged with the precedence XMP > IPTC-IIM > EXIF
 * per field. Text is trimmed; empty values are `None`.
 */
export type FileMeta = {
  /**
   * dc:description / IIM 2:120 Caption-Abstract / EXIF ImageDescription
   */
  caption: string | null;
  /**
   * photoshop:Credit / IIM 2:110 Credit
   */
  credit: string | null;
  /**
   * dc:creator (all entries joined with ", ") / IIM 2:80 By-line (repeatable, joined) / EXIF Artist
   */
  creator: string | null;
  /**
   * dc:rights / IIM 2:116 CopyrightNotice / EXIF Copyright
   */
  copyright: string | null;
  /**
   * Iptc4xmpCore:AltTextAccessibility (x-default, else first alternative)
   */
  alt_text: string | null;
  /**
   * photoshop:Headline / IIM 2:105
   */
  headline: string | null;
  /**
   * photoshop:DateCreated / IIM 2:55+2:60 / EXIF DateTimeOriginal(+OffsetTimeOriginal),
   * normalised to ISO 8601 as far as the source goes: "2021-10-20T21:01:01+00:00",
   * "2021-10-20T21:01:01", or "2021-10-20".
   */
  date_created: string | null;
  /**
   * photoshop:City / IIM 2:90
   */
  city: string | null;
  /**
   * Iptc4xmpCore:Location / IIM 2:92 Sub-location
   */
  sublocation: string | null;
  /**
   * photoshop:State / IIM 2:95
   */
  state: string | null;
  /**
   * photoshop:Country / IIM 2:101
   */
  country: string | null;
  /**
   * dc:subject / IIM 2:25 (repeatable), in file order, de-duplicated
   */
  keywords: Array<string>;
  /**
   * EXIF Orientation 1..=8 (1 when absent or invalid)
   */
  orientation: number;
  /**
   * The focal point an IPTC Image Region marks (main subject area, area of interest,
   * subject area), set at import from [`meta::focal_point`].
   */
  focus: FocalPoint | null;
  /**
   * EXIF Make + Model, e.g. "NIKON CORPORATION NIKON D70" (Model alone if it already starts with Make)
   */
  camera: string | null;
  /**
   * The file carries GPS coordinates (EXIF GPS IFD or exif:GPS* in XMP). Never copied out.
   */
  has_gps: boolean;
};

/**
 * Everything the detail view and `photo show` need.
 */
export type PhotoDetails = Photo & {
  used_in: Array<PhotoUse>;
  /**
   * Other photos that look the same (perceptual hash), nearest first.
   */
  near_duplicates: Array<number>;
  /**
   * What the file itself said at import, for comparison.
   */
  file_meta: FileMeta;
};

/**
 * The media library's filters.
 */
export type PhotoFilter = "all" | "no_credit" | "no_alt_text" | "unused";

export type PhotoQuery = {
  filter: PhotoFilter;
  /**
   * Matches caption, credit, creator, headline, keywords, file name (case-insensitive).
   */
  text?: string | null;
  limit?: number | null;
  offset?: number | null;
};

export type PhotoPage = {
  items: Array<Photo>;
  total: number;
};

/**
 * Fields a person can edit. Present fields replace the stored ones; `credit` may not be
 * emptied (a photo without a credit never leaves the building).
 */
export type PhotoUpdate = {
  caption?: string;
  credit?: string;
  creator?: string;
  copyright?: string;
  alt_text?: string;
  headline?: string;
  city?: string;
  location?: string;
  country?: string;
  keywords?: Array<string>;
};

/**
 * One edit applied to a selection, in this order: creator, caption, then the credit template.
 */
export type BatchEdit = {
  ids: Array<number>;
  creator?: string | null;
  caption?: string | null;
  apply_template: boolean;
};

/**
 * A photo a batch edit left alone, and why.
 */
export type BatchSkip = {
  id: number;
  reason: string;
};

export type BatchResult = {
  updated: Array<Photo>;
  /**
   * Photos the template could not be applied to (no creator), with the reason.
   */
  skipped: Array<BatchSkip>;
};

/**
 * A photo field a batch edit writes.
 */
export type BatchField = "creator" | "caption" | "credit";

/**
 * One field of one photo that a batch edit would change.
 */
export type BatchChange = {
  photo_id: number;
  /**
   * The photo's file name.
   */
  name: string;
  field: BatchField;
  /**
   * Empty when the field is empty now.
   */
  before: string;
  after: string;
};

/**
 * A caption that names the photo's old photographer while the new credit names someone else.
 */
export type CaptionWarning = {
  photo_id: number;
  name: string;
  /**
   * The caption as the edit leaves it.
   */
  caption: string;
  /**
   * The old creator or credit name the caption mentions.
   */
  named: string;
  /**
   * The new credit.
   */
  credit: string;
};

/**
 * What a batch edit would do, without doing it.
 */
export type BatchPreview = {
  /**
   * Every field that would change, photo by photo in the selection's order.
   */
  changes: Array<BatchChange>;
  caption_warnings: Array<CaptionWarning>;
  /**
   * Photos the template could not be applied to.
   */
  skipped: Array<BatchSkip>;
  /**
   * Some change replaces a value that is there now (not only fills empty fields): ask first.
   */
  overwrites: boolean;
};

/**
 * The office's credit template, e.g. "Bild: {organisation} / {creator}".
 */
export type CreditSettings = {
  organisation: string;
  template: string;
};

/**
 * One file's import result, as the CLI prints it (`photo import --json`, one per line) and the
 * app sends it in its progress events. `ok`: `photo` (and `duplicate`, `near_duplicates`);
 * otherwise `error`.
 */
export type ImportItem = {
  file: string;
  ok: boolean;
  photo?: Photo;
  /**
   * The same file was already in the library.
   */
  duplicate?: boolean;
  near_duplicates?: Array<number>;
  error?: ErrorPayload;
  /**
   * What the file said that was cut to fit; imported all the same.
   */
  warnings?: Array<ImportWarning>;
};

/**
 * A field the import cut to fit: `keywords` counts keywords, the others bytes.
 */
export type ImportWarning = {
  /**
   * `caption`, `credit`, `creator`, `copyright`, `alt_text`, `headline`, `city`,
   * `location`, `state`, `country`, `camera` or `keywords`.
   */
  field: string;
  had: number;
  kept: number;
};

/**
 * One file of an import batch done (event `newsroom://import-progress`).
 */
export type ImportProgress = {
  batch: number;
  done: number;
  total: number;
  item: ImportItem;
};

/**
 * An import batch ended (event `newsroom://import-finished`).
 */
export type ImportFinished = {
  batch: number;
  imported: number;
  duplicates: number;
  failed: number;
};

// --- Preflight ---

/**
 * How much a check weighs.
 */
export type Level = "error" | "warning";

/**
 * What a preflight check found: errors hold the article back, warnings deserve a look.
 */
export type CheckCode =
  | "no_headline"
  | "headline_long"
  | "no_teaser"
  | "teaser_long"
  | "no_published_at"
  | "photo_missing"
  | "photo_no_credit"
  | "photo_no_alt"
  | "alt_long"
  | "alt_equals_caption"
  | "bad_link"
  | "no_related_links"
  | "embargo_pending"
  | "not_ready"
  | "field_held"
  | "crop_degenerate"
  | "crop_off_focus"
  | "crop_narrow"
  | "no_base_url";

/**
 * Why a link may not leave the building.
 */
export type LinkProblem = "empty" | "relative" | "invalid" | "scheme" | "no_address" | "no_host";

/**
 * One preflight finding.
 */
export type Check = {
  level: Level;
  /**
   * Stable machine code, e.g. `photo_no_credit`.
   */
  code: CheckCode;
  /**
   * The field concerned: "headline", "teaser", "published_at", "lead_photo", "body",
   * "related_links[N]" (0-based), "embargo_until".
   */
  field: string;
  photo_id: number | null;
  /**
   * English detail: the offending URL, the length, the date.
   */
  detail: string;
  /**
   * The values behind the detail, for the UI to word in its language: a length warning's
   * length and limit in characters, an embargo's end (RFC 3339, UTC).
   */
  chars?: number;
  limit?: number;
  until?: string;
  /**
   * `bad_link`: the link as written, and why it may not leave.
   */
  url?: string;
  link_problem?: LinkProblem;
  /**
   * `field_held`: why the typed value was not taken, and the value as typed.
   */
  problem?: FieldProblem;
  value?: string;
  /**
   * The crop concerned (`wide`, `social` …) and its width in pixels.
   */
  crop?: string;
  width?: number;
};

/**
 * What the preflight says about one article. `ok`: no errors (warnings allowed). Errors
 * come first, then warnings, each in field order.
 */
export type Preflight = {
  article_id: number;
  /**
   * No errors (warnings allowed).
   */
  ok: boolean;
  checks: Array<Check>;
};

// --- Export ---

/**
 * Which documents a bundle holds.
 */
export type ExportFormat = "html" | "ninjs" | "both";

/**
 * What to export, where. The IPC payload and what the CLI's flags become.
 */
export type ExportRequest = {
  /**
   * The articles; `None`: every article in Freigegeben.
   */
  ids: Array<number> | null;
  format: ExportFormat;
  /**
   * HTML as the `<article>` element alone (`fragment.html`), for pasting into a CMS.
   */
  fragment: boolean;
  /**
   * The folder the bundles go into; made if missing.
   */
  out: string;
  /**
   * Replace the articles' own bundles that exist, and an `index.html` or `feed.json`
   * Newsroom did not write. Without it they are left alone and reported. A folder that is
   * not the article's own bundle is never replaced (see [`plan_batch`]).
   */
  force: boolean;
  /**
   * List articles whose embargo has not passed in `index.html` and `feed.json` too.
   * Without it their bundles are written but the listing leaves them out.
   */
  include_embargoed: boolean;
  /**
   * The public base URL for this export (`https://www.example.org/presse/`), instead of
   * the office's setting: social cards, the canonical link, JSON-LD and ninjs use it for
   * absolute addresses.
   */
  base_url?: string;
};

/**
 * A bundle written.
 */
export type ExportedBundle = {
  article_id: number;
  headline: string;
  /**
   * The bundle's folder name, `YYYY-MM-DD-slug`.
   */
  name: string;
  /**
   * The bundle's absolute path.
   */
  folder: string;
  /**
   * Every file in the bundle, relative to it, sorted.
   */
  files: Array<string>;
  /**
   * An older bundle of the same name was replaced.
   */
  replaced: boolean;
};

/**
 * An article the preflight (or its state) held back.
 */
export type HeldBack = {
  article_id: number;
  headline: string;
  /**
   * What holds it back: the preflight's errors, or `not_ready`.
   */
  checks: Array<Check>;
};

/**
 * An article whose bundle could not be written.
 */
export type ExportFailure = {
  article_id: number;
  headline: string;
  error: ErrorPayload;
};

/**
 * An article whose bundle folder existed and was left alone (no `force`).
 */
export type ExportSkip = {
  article_id: number;
  headline: string;
  name: string;
};

/**
 * An article the batch did not get to because it was cancelled.
 */
export type ExportNotStarted = {
  article_id: number;
  headline: string;
};

/**
 * A bundle the listing leaves out until its embargo has passed.
 */
export type EmbargoedBundle = {
  article_id: number;
  headline: string;
  /**
   * The embargo's end (RFC 3339, UTC).
   */
  embargo_until: string;
};

/**
 * What a batch did, article by article.
 */
export type ExportReport = {
  /**
   * The output folder, absolute.
   */
  out: string;
  format: ExportFormat;
  exported: Array<ExportedBundle>;
  held_back: Array<HeldBack>;
  failed: Array<ExportFailure>;
  /**
   * Bundles that existed; left as they were (no `force`).
   */
  skipped_existing: Array<ExportSkip>;
  /**
   * Articles not started because the batch was cancelled; their state is unchanged.
   */
  cancelled: Array<ExportNotStarted>;
  /**
   * The listing files written into `out` (`feed.json`, `index.html`), or none.
   */
  listing: Array<string>;
  /**
   * Listing files in `out` that Newsroom did not write, left as they were (no `force`);
   * the listing was not written.
   */
  listing_kept: Array<string>;
  /**
   * Exported, but left out of the listing: the embargo has not passed.
   */
  unlisted_embargoed: Array<EmbargoedBundle>;
};

/**
 * What happened to one article of a batch.
 */
export type ItemStatus = "exported" | "held_back" | "failed" | "exists";

/**
 * One article of an export batch done (event `newsroom://export-progress`).
 */
export type ExportProgress = {
  batch: number;
  done: number;
  total: number;
  article_id: number;
  headline: string;
  status: ItemStatus;
};

/**
 * The end of an export batch (event `newsroom://export-finished`): its report, or why
 * nothing could be written at all (an unusable output folder).
 */
export type ExportFinished = {
  batch: number;
  report: ExportReport | null;
  error: ErrorPayload | null;
};

// --- Codes and names ---

/** Every article state, in workflow order. */
export const ARTICLE_STATES = ["draft", "review", "ready", "exported"] as const;
/** Every error code a command can reject with. */
export const ERROR_CODES = ["not_found", "invalid_input", "invalid_state", "library_too_new", "not_a_library", "library_locked", "database", "io", "unsupported_format", "corrupt_image", "truncated_image", "image_too_large", "server", "server_url", "server_unreachable", "server_auth", "server_tls", "server_database", "forbidden", "path_not_chosen", "internal"] as const;
/** What a file refused as a photo can be instead. */
export const FILE_KINDS = ["pdf", "gif", "bmp", "heif", "zip", "markup", "lossless_jpeg", "arithmetic_jpeg", "deep_jpeg", "unknown"] as const;
/** Why reading or writing a file can fail. */
export const IO_PROBLEMS = ["not_found", "permission_denied", "already_exists", "storage_full", "read_only", "not_a_directory", "is_a_directory", "other"] as const;
/** The rules an input can break, worded by the UI. */
export const RULES = ["template_needs_creator", "template_unknown_placeholder", "too_long", "base_url", "crop_outside", "crop_count", "crop_name", "crop_name_twice", "crop_aspect", "crop_width", "crop_required"] as const;
/** Every preflight check code. */
export const CHECK_CODES = ["no_headline", "headline_long", "no_teaser", "teaser_long", "no_published_at", "photo_missing", "photo_no_credit", "photo_no_alt", "alt_long", "alt_equals_caption", "bad_link", "no_related_links", "embargo_pending", "not_ready", "field_held", "crop_degenerate", "crop_off_focus", "crop_narrow", "no_base_url"] as const;
/** The media library's filters. */
export const PHOTO_FILTERS = ["all", "no_credit", "no_alt_text", "unused"] as const;
/** The export formats. */
export const EXPORT_FORMATS = ["html", "ninjs", "both"] as const;
/** Every command the backend registers. */
export const COMMANDS = ["library_info", "connect_library", "use_own_library", "list_articles", "get_article", "create_article", "save_article", "lock_article", "renew_lock", "take_over_article", "release_lock", "edit_locks", "delete_article", "discard_empty_draft", "set_state", "list_revisions", "get_revision", "restore_revision", "render_preview", "suggest", "ui_ready", "close_ready", "list_photos", "get_photo", "update_photo", "batch_edit_photos", "preview_batch_edit_photos", "delete_photo", "photo_crops", "set_photo_focus", "set_photo_crop", "crop_shapes", "set_crop_shapes", "default_crop_shapes", "get_credit_settings", "set_credit_settings", "pick_photo_files", "import_photos", "preflight_article", "get_public_base_url", "set_public_base_url", "pick_export_folder", "export_conflicts", "export_articles", "cancel_export", "list_dictionary_words", "add_dictionary_word", "set_menu_text"] as const;
/** The preflight's length limits, in characters (Unicode scalar values, not UTF-16 units). */
export const PREFLIGHT_LIMITS = { headline: 90, teaser: 300, alt: 250 } as const;
/** Edit locks: a lock runs out this long after its last renewal; an open editor renews it this often. */
export const EDIT_LOCK = { leaseSecs: 45, renewSecs: 15 } as const;
/** The name of a command the backend registers. */
export type Command = (typeof COMMANDS)[number];
/** The events the backend emits. */
export const EVENTS = {
  importProgress: "newsroom://import-progress",
  importFinished: "newsroom://import-finished",
  exportProgress: "newsroom://export-progress",
  exportFinished: "newsroom://export-finished",
  closeRequested: "newsroom://close-requested",
  libraryChanged: "newsroom://library-changed",
} as const;
