//! Building one bundle, detached from the library: the renditions from the cache (made if
//! missing) and the documents (page or fragment, ninjs), plus the entry the batch listing shows.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::{html, listing, ninjs, ArticleJob, BuiltBundle, BundleFile, Content, ExportFormat};
use crate::error::Result;
use crate::imaging::crop::{Aspect, CropRect};
use crate::imaging::pixels::RenditionFormat;
use crate::photos::{
    article_photos, crop_of_job, FigureRef, Photo, PhotoRole, RenditionFile, WHOLE,
};

/// A rendition in a bundle: its path there and what it is.
#[derive(Debug, Clone)]
pub(crate) struct Image {
    pub href: String,
    pub width: u32,
    pub height: u32,
    pub format: RenditionFormat,
    pub bytes: u64,
    pub source: PathBuf,
}

/// A photo's renditions in a bundle, with the text the article gives it.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The association name in ninjs: `lead`, `figure-1`, …
    pub role: String,
    pub photo: Photo,
    pub caption: String,
    pub alt: String,
    /// The frame the page shows: the whole photo, or the crop `frame`.
    pub images: Vec<Image>,
    pub frame: Option<String>,
    /// The crops that leave with it (the teaser picture's `wide`, `social`, `classic`,
    /// `square`), in that order.
    pub crops: Vec<Cropped>,
}

/// One crop of a picture in a bundle.
#[derive(Debug, Clone)]
pub(crate) struct Cropped {
    pub name: String,
    pub aspect: Aspect,
    /// Where it lies in the upright photo.
    pub rect: CropRect,
    pub images: Vec<Image>,
}

impl Picture {
    /// The picture as its crop `name` shows it, if that crop left with it.
    pub fn cropped(&self, name: &str) -> Option<Picture> {
        let c = self.crops.iter().find(|c| c.name == name)?;
        Some(Picture {
            images: c.images.clone(),
            frame: Some(name.to_string()),
            crops: Vec::new(),
            ..self.clone()
        })
    }

    pub fn jpegs(&self) -> impl Iterator<Item = &Image> {
        self.images
            .iter()
            .filter(|i| i.format == RenditionFormat::Jpeg)
    }
    /// The `<img src>`: the largest JPEG no wider than `max`, else the smallest.
    pub fn fallback(&self, max: u32) -> Option<&Image> {
        self.jpegs()
            .filter(|i| i.width <= max)
            .max_by_key(|i| i.width)
            .or_else(|| self.jpegs().min_by_key(|i| i.width))
    }
    /// `href width` pairs of one format, narrowest first, each href prefixed with `base`.
    pub fn srcset(&self, format: RenditionFormat, base: &str) -> String {
        let mut v: Vec<&Image> = self.images.iter().filter(|i| i.format == format).collect();
        v.sort_by_key(|i| i.width);
        v.iter()
            .map(|i| format!("{base}{} {}w", i.href, i.width))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl ArticleJob {
    /// Makes (or finds) the renditions and renders the documents. Heavy only when renditions
    /// have to be made; needs no lock.
    pub fn build(&self, format: ExportFormat, fragment: bool) -> Result<BuiltBundle> {
        // Per photo, the files of each frame by name (`original`, `wide` …).
        let mut files_by_photo: BTreeMap<i64, Vec<(String, Vec<RenditionFile>)>> = BTreeMap::new();
        let mut locks = Vec::new();
        for p in &self.photos {
            let (sets, lock) =
                crate::photos::guarded(|| crate::photos::run_many_for_export(&p.jobs))?;
            let named = p.jobs.iter().map(|j| j.name.clone()).zip(sets).collect();
            files_by_photo.insert(p.photo.id, named);
            locks.extend(lock);
        }
        let images = |photo: &Photo, frame: &str| -> Vec<Image> {
            let files = files_by_photo
                .get(&photo.id)
                .and_then(|sets| sets.iter().find(|(n, _)| n == frame))
                .map(|(_, f)| f.as_slice())
                .unwrap_or_default();
            // The whole photo keeps the names bundles always had; a crop adds its name (an
            // article's own crop the crop's: the bundle is the article's).
            let infix = if frame == WHOLE {
                String::new()
            } else {
                format!("{}-", crop_of_job(frame))
            };
            let mut v: Vec<Image> = files
                .iter()
                .map(|f| Image {
                    href: format!(
                        "images/photo-{}-{infix}{}.{}",
                        photo.id,
                        f.width,
                        f.format.ext()
                    ),
                    width: f.width,
                    height: f.height,
                    format: f.format,
                    bytes: f.bytes,
                    source: f.path.clone(),
                })
                .collect();
            v.sort_by(|a, b| a.href.cmp(&b.href));
            v
        };
        let crops_of = |photo: &Photo| -> Vec<Cropped> {
            let Some(used) = self.photos.iter().find(|p| p.photo.id == photo.id) else {
                return Vec::new();
            };
            used.jobs
                .iter()
                .filter(|j| j.name != WHOLE)
                .filter_map(|j| {
                    let name = crop_of_job(&j.name);
                    let c = used.crops.iter().find(|c| c.name == name)?;
                    Some(Cropped {
                        name: name.to_string(),
                        aspect: c.aspect?,
                        rect: c.rect,
                        images: images(photo, &j.name),
                    })
                })
                .collect()
        };
        let images_of = |photo: &Photo| images(photo, WHOLE);
        let photo = |id: i64| {
            self.photos
                .iter()
                .find(|p| p.photo.id == id)
                .map(|p| &p.photo)
        };

        // A use's picture: the whole photo, or the crop its page shows it in.
        let picture = |p: &Photo, role: String, r: &FigureRef, crops: Vec<Cropped>| {
            let shown = r.crop.as_deref().and_then(|c| {
                let used = self.photos.iter().find(|u| u.photo.id == p.id)?;
                let job = used.jobs.iter().find(|j| crop_of_job(&j.name) == c)?;
                Some((c.to_string(), job.name.clone()))
            });
            Picture {
                role,
                caption: r.caption.clone().unwrap_or_else(|| p.caption.clone()),
                alt: r.alt_text.clone().unwrap_or_else(|| p.alt_text.clone()),
                images: match &shown {
                    Some((_, job)) => images(p, job),
                    None => images_of(p),
                },
                frame: shown.map(|(c, _)| c),
                crops,
                photo: p.clone(),
            }
        };

        let mut pictures: Vec<Picture> = Vec::new();
        let mut figures: Vec<Picture> = Vec::new();
        for (role, r) in article_photos(&self.article) {
            let Some(p) = photo(r.photo_id) else { continue };
            match role {
                PhotoRole::Lead => pictures.push(picture(p, "lead".into(), &r, crops_of(p))),
                PhotoRole::Figure => {
                    let role = format!("figure-{}", figures.len() + 1);
                    figures.push(picture(p, role, &r, crops_of(p)));
                }
            }
        }
        let plain = crate::render::plain_text(&self.article.body);
        let body_html = html::body(&self.article.body, &|r| {
            let p = photo(r.photo_id)?;
            Some(picture(p, String::new(), r, Vec::new()))
        });
        let lead = pictures.first();

        let mut files: Vec<BundleFile> = Vec::new();
        let mut main_doc = None;
        if format.html() {
            let (file, text) = if fragment {
                ("fragment.html", html::fragment(self, lead, &body_html)?)
            } else {
                ("index.html", html::page(self, lead, &figures, &body_html)?)
            };
            files.push(BundleFile {
                path: file.into(),
                content: Content::Bytes(text.into_bytes()),
            });
            main_doc = Some(file);
        }
        if format.ninjs() {
            let doc = ninjs::document(self, lead, &figures, &body_html, &plain);
            let mut text = serde_json::to_vec_pretty(&doc).expect("ninjs serializes");
            text.push(b'\n');
            files.push(BundleFile {
                path: "article.json".into(),
                content: Content::Bytes(text),
            });
            main_doc.get_or_insert("article.json");
        }
        // The listing and the feed show the teaser picture in its wide crop (16:9).
        let teaser_picture = lead
            .or(figures.first())
            .map(|p| p.cropped(listing::TEASER_CROP).unwrap_or_else(|| p.clone()));
        let entry = listing::entry(
            self,
            main_doc.unwrap_or("article.json"),
            teaser_picture.as_ref(),
            plain,
        );
        // A crop's files leave when a document names them: ninjs lists them all; the page
        // and the listing only those they show.
        // The documents' text, read once for every crop file asked about.
        let docs: Vec<std::borrow::Cow<str>> = files
            .iter()
            .filter_map(|f| match &f.content {
                Content::Bytes(b) => Some(String::from_utf8_lossy(b)),
                Content::Cached(_) => None,
            })
            .chain(entry.figure.as_deref().map(std::borrow::Cow::Borrowed))
            .collect();
        let named = |href: &str| format.ninjs() || docs.iter().any(|d| d.contains(href));
        let mut seen = std::collections::BTreeSet::new();
        let mut images: Vec<BundleFile> = Vec::new();
        for pic in pictures.iter().chain(figures.iter()) {
            let cropped = pic
                .crops
                .iter()
                .flat_map(|c| &c.images)
                .filter(|i| named(&i.href));
            for img in pic.images.iter().chain(cropped) {
                if seen.insert(img.href.clone()) {
                    images.push(BundleFile {
                        path: img.href.clone(),
                        content: Content::Cached(img.source.clone()),
                    });
                }
            }
        }
        files.extend(images);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(BuiltBundle {
            files,
            entry,
            _locks: locks,
        })
    }
}
