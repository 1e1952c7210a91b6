//! The values behind an error's English message: what a refused file is, which limit it is
//! over and by how much, which article or photo is missing, which path failed and why. They
//! cross IPC with the code so that the UI words the whole error in its own language.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::codes::wire_codes! {
    /// What a file refused as a photo is instead, by its content.
    pub enum FileKind {
        Pdf = "pdf",
        Gif = "gif",
        Bmp = "bmp",
        /// HEIC, AVIF or another ISO media file (also videos).
        Heif = "heif",
        /// A ZIP archive or an office document.
        Zip = "zip",
        /// HTML, XML or SVG text.
        Markup = "markup",
        /// A JPEG in lossless mode (medical or scientific images).
        LosslessJpeg = "lossless_jpeg",
        /// A JPEG with arithmetic coding or in hierarchical mode.
        ArithmeticJpeg = "arithmetic_jpeg",
        /// A JPEG with more than 8 bits per sample.
        DeepJpeg = "deep_jpeg",
        /// Nothing we recognise.
        Unknown = "unknown",
    }
}

impl FileKind {
    /// Recognises a file that is not one of the photo formats by its first bytes.
    pub fn sniff(data: &[u8]) -> FileKind {
        if data.starts_with(b"%PDF") {
            FileKind::Pdf
        } else if data.starts_with(b"GIF8") {
            FileKind::Gif
        } else if data.starts_with(b"BM") {
            FileKind::Bmp
        } else if data.len() >= 12 && &data[4..8] == b"ftyp" {
            FileKind::Heif
        } else if data.starts_with(b"PK\x03\x04") {
            FileKind::Zip
        } else if data.starts_with(b"<") || data.starts_with(b"\xEF\xBB\xBF<") {
            FileKind::Markup
        } else {
            FileKind::Unknown
        }
    }

    /// The English name used in messages.
    pub fn english(self) -> &'static str {
        match self {
            FileKind::Pdf => "a PDF document",
            FileKind::Gif => "a GIF image",
            FileKind::Bmp => "a BMP image",
            FileKind::Heif => "a HEIC/AVIF or video file",
            FileKind::Zip => "a ZIP archive or office document",
            FileKind::Markup => "an HTML/XML/SVG text file",
            FileKind::LosslessJpeg => "a lossless JPEG (medical/scientific)",
            FileKind::ArithmeticJpeg => "a JPEG with arithmetic coding or hierarchical mode",
            FileKind::DeepJpeg => "a JPEG with more than 8 bits per sample",
            FileKind::Unknown => "not an image we know",
        }
    }
}

crate::codes::wire_codes! {
    /// Which rule an input broke (`invalid_input`), where the UI words it.
    pub enum Rule {
        /// The credit template has no `{creator}`.
        TemplateNeedsCreator = "template_needs_creator",
        /// The credit template has a placeholder other than `{organisation}` and `{creator}`.
        TemplateUnknownPlaceholder = "template_unknown_placeholder",
        /// Longer than `limit` characters.
        TooLong = "too_long",
        /// A public base URL that is not an absolute http(s) address without query or fragment.
        BaseUrl = "base_url",
        /// A crop set by hand that does not lie inside the photo (or is under 8 pixels a side).
        CropOutside = "crop_outside",
        /// A crop set with no crops or more than `limit`.
        CropCount = "crop_count",
        /// A crop's name that is not 1 to 24 lower-case letters, digits or hyphens, or is
        /// `original` (the whole photo's).
        CropName = "crop_name",
        /// Two crops of one set with the same name.
        CropNameTwice = "crop_name_twice",
        /// A crop's aspect beyond 1:4 or 4:1, or with a term of 0 or over 1,000.
        CropAspect = "crop_aspect",
        /// A crop's target width over `limit` pixels.
        CropWidth = "crop_width",
        /// A crop set without a crop the export uses by name.
        CropRequired = "crop_required",
    }
}

crate::codes::wire_codes! {
    /// Which limit a photo is over.
    pub enum Measure {
        /// The file's size, in MiB.
        FileSize = "file_size",
        /// The image's pixels, in megapixels.
        Pixels = "pixels",
        /// The memory decoding would need, in MiB.
        Memory = "memory",
        /// The passes (scans) a JPEG's image data comes in.
        Scans = "scans",
        /// The seconds decoding and scaling took before they were abandoned.
        RenderTime = "render_time",
    }
}

crate::codes::wire_codes! {
    /// What was not found.
    pub enum Missing {
        Article = "article",
        Revision = "revision",
        Photo = "photo",
    }
}

crate::codes::wire_codes! {
    /// Why reading or writing a file failed, as far as the system says.
    pub enum IoProblem {
        NotFound = "not_found",
        PermissionDenied = "permission_denied",
        AlreadyExists = "already_exists",
        StorageFull = "storage_full",
        ReadOnly = "read_only",
        NotADirectory = "not_a_directory",
        IsADirectory = "is_a_directory",
        Other = "other",
    }
}

impl IoProblem {
    pub fn of(kind: std::io::ErrorKind) -> IoProblem {
        use std::io::ErrorKind as K;
        match kind {
            K::NotFound => IoProblem::NotFound,
            K::PermissionDenied => IoProblem::PermissionDenied,
            K::AlreadyExists => IoProblem::AlreadyExists,
            K::StorageFull | K::QuotaExceeded => IoProblem::StorageFull,
            K::ReadOnlyFilesystem => IoProblem::ReadOnly,
            K::NotADirectory => IoProblem::NotADirectory,
            K::IsADirectory => IoProblem::IsADirectory,
            _ => IoProblem::Other,
        }
    }
}

/// The values behind an error (all optional; which ones an error has depends on its code).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ErrorValues {
    /// `unsupported_format`: what the file is instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub found: Option<FileKind>,
    /// `image_too_large`: which limit, with `value` and `limit` in its unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub over: Option<Measure>,
    /// The measured value (`image_too_large`; `library_too_new`: the library's schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<f64>,
    /// The limit (`image_too_large`; `library_too_new`: the schema this build knows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub limit: Option<f64>,
    /// `image_too_large`, pixels: the image's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub height: Option<u32>,
    /// `truncated_image`: how many bytes the file has.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bytes: Option<u64>,
    /// `not_found`: what is missing, its id (and the revision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub missing: Option<Missing>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub id: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rev: Option<i64>,
    /// `io`, `not_a_library`: the path (or what was being done), and `io` why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub path: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub io: Option<IoProblem>,
    /// `invalid_input`: the rule the input broke (with `limit` where it has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rule: Option<Rule>,
    /// `invalid_input`: what the rule was broken on, by its name (a crop of the office's set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub name: Option<String>,
}

impl ErrorValues {
    pub fn missing(what: Missing, id: i64) -> ErrorValues {
        ErrorValues {
            missing: Some(what),
            id: Some(id),
            ..Default::default()
        }
    }

    /// An `image_too_large` over `over`: `value` where `limit` is the most.
    pub fn over(&mut self, over: Measure, value: f64, limit: f64) {
        self.over = Some(over);
        self.value = Some(value);
        self.limit = Some(limit);
    }
}
