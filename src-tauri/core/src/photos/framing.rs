//! Framing: a photo's focal point and its crops. The office keeps a set of named crop shapes
//! (settings); each crop of a photo is the largest rectangle of its aspect that holds the
//! focal point ([`crate::imaging::crop::auto_crop`]) unless a person set it by hand. Hand-set
//! crops and the focal point are stored with the photo (`photos.framing`, JSON); the crops
//! that follow the focal point are worked out when asked, never stored.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::renditions::{frame_key, WHOLE};
use super::{Photo, RenditionJob};
use crate::error::{Error, Result, Rule};
use crate::imaging::crop::{auto_crop, snap_to_aspect, Aspect, CropRect, FocalPoint};
use crate::imaging::pixels::{Frame, Limits};
use crate::library::Library;
use crate::sql::params;

const KEY_SHAPES: &str = "crop_shapes";

/// The crops the export uses by name: the listing's teaser (`wide`), social previews
/// (`social`), search engines (`wide`, `classic`, `square`). They stay in every crop set.
pub const REQUIRED_CROPS: [&str; 4] = ["wide", "social", "square", "classic"];

/// The widths every crop is made at besides its target width: what listings and previews
/// show (teasers are 15em wide, 30em on a 2x screen).
pub const CROP_WIDTHS: [u32; 2] = [320, 640];

/// The widths of a crop's renditions: [`CROP_WIDTHS`] and its target width.
pub fn crop_widths(target_width: u32) -> Vec<u32> {
    let mut w = CROP_WIDTHS.to_vec();
    if target_width > 0 {
        w.push(target_width);
    }
    w.sort_unstable();
    w.dedup();
    w
}

/// Most shapes a crop set has.
const MAX_SHAPES: usize = 12;

/// Widest target width a crop may ask for, in pixels.
const MAX_TARGET_WIDTH: u32 = 8192;

/// One named crop shape of the office's set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct CropShape {
    /// `wide`, `social` …: lower-case letters, digits and hyphens.
    pub name: String,
    pub aspect: Aspect,
    /// The width a crop should have at least (its widest rendition is made at it); 0: none.
    pub target_width: u32,
}

/// The office's default set: 16:9, 1.91:1 (1,200 × 630), 1:1 and 4:3, each wanted 1,200 px
/// wide (what social networks and search engines ask for).
pub fn default_shapes() -> Vec<CropShape> {
    let s = |name: &str, w, h| CropShape {
        name: name.to_string(),
        aspect: Aspect::new(w, h),
        target_width: 1200,
    };
    vec![
        s("wide", 16, 9),
        s("social", 40, 21),
        s("square", 1, 1),
        s("classic", 4, 3),
    ]
}

/// What `photos.framing` holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Framing {
    pub focus: Option<FocalPoint>,
    pub crops: BTreeMap<String, CropRect>,
}

impl Framing {
    pub fn of(p: &Photo) -> Framing {
        Framing {
            focus: p.focus,
            crops: p.crops.clone(),
        }
    }

    pub fn parse(json: &str) -> Framing {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn json(&self) -> String {
        serde_json::to_string(self).expect("json")
    }
}

/// One crop of a photo as the crop view and the export see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PhotoCrop {
    /// `original` (the whole photo) or a shape's name.
    pub name: String,
    /// `None` for `original`.
    pub aspect: Option<Aspect>,
    pub rect: CropRect,
    /// Set by a person (else it follows the focal point).
    pub hand_set: bool,
    /// The focal point lies inside it.
    pub holds_focus: bool,
    /// The width it should have at least (0: none).
    pub target_width: u32,
    /// Has the shape's aspect to a pixel and lies inside the photo (a hand-set crop may not,
    /// after the office changed the shape).
    pub sound: bool,
}

/// Every crop of a `photo`: `original` first, then the shapes in the set's order.
pub fn resolve(shapes: &[CropShape], photo: &Photo) -> Vec<PhotoCrop> {
    let (w, h) = (photo.width, photo.height);
    let focus = photo.focus.unwrap_or_default();
    let mut out = vec![PhotoCrop {
        name: WHOLE.to_string(),
        aspect: None,
        rect: CropRect::full(w, h),
        hand_set: false,
        holds_focus: true,
        target_width: 0,
        sound: w > 0 && h > 0,
    }];
    for s in shapes {
        let (rect, hand_set) = match photo.crops.get(&s.name) {
            Some(r) => (*r, true),
            None => (auto_crop(w, h, s.aspect, focus), false),
        };
        out.push(PhotoCrop {
            name: s.name.clone(),
            aspect: Some(s.aspect),
            rect,
            hand_set,
            holds_focus: rect.contains(focus, w, h),
            target_width: s.target_width,
            sound: rect.inside(w, h) && s.aspect.matches(rect.width, rect.height),
        });
    }
    out
}

/// [`resolve`] with one article's own crops in place of the photo's.
fn resolve_for(
    shapes: &[CropShape],
    photo: &Photo,
    overrides: &BTreeMap<String, CropRect>,
) -> Vec<PhotoCrop> {
    if overrides.is_empty() {
        return resolve(shapes, photo);
    }
    let mut p = photo.clone();
    p.crops
        .extend(overrides.iter().map(|(k, v)| (k.clone(), *v)));
    resolve(shapes, &p)
}

fn valid_name(n: &str) -> bool {
    (1..=24).contains(&n.len())
        && n.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && n != WHOLE
}

/// Checks a crop set: names well-formed and unique, the required ones present, aspects
/// between 1:4 and 4:1 with terms up to 1,000, target widths up to 8,192.
pub fn check_shapes(shapes: &[CropShape]) -> Result<()> {
    if shapes.is_empty() || shapes.len() > MAX_SHAPES {
        return Err(Error::broke(
            Rule::CropCount,
            Some(MAX_SHAPES),
            format!("a crop set has 1 to {MAX_SHAPES} crops"),
        ));
    }
    for (i, s) in shapes.iter().enumerate() {
        let name = &s.name;
        if !valid_name(name) {
            return Err(Error::broke_on(
                Rule::CropName,
                name,
                None,
                format!(
                    "crop name {name:?}: 1 to 24 lower-case letters, digits or hyphens, not \"original\""
                ),
            ));
        }
        if shapes[..i].iter().any(|o| o.name == *name) {
            return Err(Error::broke_on(
                Rule::CropNameTwice,
                name,
                None,
                format!("crop {name:?} is named twice"),
            ));
        }
        let Aspect { w, h } = s.aspect;
        if !(1..=1000).contains(&w) || !(1..=1000).contains(&h) || w > 4 * h || h > 4 * w {
            return Err(Error::broke_on(
                Rule::CropAspect,
                name,
                None,
                format!("crop {name:?}: the aspect {w}:{h} must lie between 1:4 and 4:1"),
            ));
        }
        if s.target_width > MAX_TARGET_WIDTH {
            return Err(Error::broke_on(
                Rule::CropWidth,
                name,
                Some(MAX_TARGET_WIDTH as usize),
                format!("crop {name:?}: a target width of at most {MAX_TARGET_WIDTH} pixels"),
            ));
        }
    }
    if let Some(missing) = REQUIRED_CROPS
        .iter()
        .find(|r| !shapes.iter().any(|s| s.name == **r))
    {
        return Err(Error::broke_on(
            Rule::CropRequired,
            missing,
            None,
            format!("the crop set needs {missing:?}: the export uses it"),
        ));
    }
    Ok(())
}

impl Library {
    /// The office's crop set ([`default_shapes`] until changed).
    pub fn crop_shapes(&self) -> Result<Vec<CropShape>> {
        Ok(self
            .setting(KEY_SHAPES)?
            .and_then(|s| serde_json::from_str::<Vec<CropShape>>(&s).ok())
            .filter(|s| check_shapes(s).is_ok())
            .unwrap_or_else(default_shapes))
    }

    pub fn set_crop_shapes(&self, shapes: &[CropShape]) -> Result<Vec<CropShape>> {
        check_shapes(shapes)?;
        self.set_setting(KEY_SHAPES, &serde_json::to_string(shapes).expect("json"))?;
        self.crop_shapes()
    }

    /// Every crop of a photo, `original` first.
    pub fn photo_crops(&self, id: i64) -> Result<Vec<PhotoCrop>> {
        self.photo_crops_for(id, &BTreeMap::new())
    }

    /// Every crop of a photo as one article uses it: its own crops (`overrides`, set for the
    /// article only) in place of the photo's.
    pub fn photo_crops_for(
        &self,
        id: i64,
        overrides: &BTreeMap<String, CropRect>,
    ) -> Result<Vec<PhotoCrop>> {
        let p = self.get_photo(id)?;
        Ok(resolve_for(&self.crop_shapes()?, &p, overrides))
    }

    /// Sets (or with `None` clears, back to the centre) a photo's focal point. The crops that
    /// follow it move with it; hand-set crops are dropped unless `keep_hand_set`.
    pub fn set_photo_focus(
        &mut self,
        id: i64,
        focus: Option<FocalPoint>,
        keep_hand_set: bool,
    ) -> Result<Photo> {
        let mut f = Framing::of(&self.get_photo(id)?);
        f.focus = focus;
        if !keep_hand_set {
            f.crops.clear();
        }
        self.write_framing(id, &f)
    }

    /// Sets a crop by hand (`Some`: the rectangle, its height made to follow the width to the
    /// shape's aspect) or lets it follow the focal point again (`None`).
    pub fn set_photo_crop(&mut self, id: i64, name: &str, rect: Option<CropRect>) -> Result<Photo> {
        let p = self.get_photo(id)?;
        let shape = self
            .crop_shapes()?
            .into_iter()
            .find(|s| s.name == name)
            .ok_or_else(|| unknown_crop(name, &REQUIRED_CROPS))?;
        let mut f = Framing::of(&p);
        match rect {
            None => {
                f.crops.remove(name);
            }
            Some(r) => {
                let snapped =
                    snap_to_aspect(r, shape.aspect, p.width, p.height).ok_or_else(|| {
                        let msg = format!(
                            "the crop {}×{} at {},{} does not fit the {}×{} photo at {}:{} \
                             (at least 8 pixels a side)",
                            r.width,
                            r.height,
                            r.x,
                            r.y,
                            p.width,
                            p.height,
                            shape.aspect.w,
                            shape.aspect.h
                        );
                        Error::broke(crate::error_values::Rule::CropOutside, None, msg)
                    })?;
                f.crops.insert(name.to_string(), snapped);
            }
        }
        self.write_framing(id, &f)
    }

    fn write_framing(&mut self, id: i64, f: &Framing) -> Result<Photo> {
        let now = crate::dates::stamp(self.now());
        let n = self.db.execute(
            "UPDATE photos SET framing = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, f.json(), now],
        )?;
        if n == 0 {
            return Err(Error::PhotoNotFound(id));
        }
        self.get_photo(id)
    }

    /// The rendition jobs of a photo's crops `names` (`original` for the whole photo), to be
    /// made together from one decode ([`super::renditions::run_many`]).
    pub fn crop_jobs(&self, id: i64, names: &[&str]) -> Result<Vec<RenditionJob>> {
        self.crop_jobs_for(id, names, &BTreeMap::new(), 0)
    }

    /// [`Library::crop_jobs`] for article `article`, whose own crops (`overrides`) replace the
    /// photo's: their jobs are named `name@aID`, so their cached sets live beside the photo's.
    pub fn crop_jobs_for(
        &self,
        id: i64,
        names: &[&str],
        overrides: &BTreeMap<String, CropRect>,
        article: i64,
    ) -> Result<Vec<RenditionJob>> {
        let whole = self.rendition_job(id)?;
        let p = self.get_photo(id)?;
        let crops = resolve_for(&self.crop_shapes()?, &p, overrides);
        let focus = p.focus;
        let jobs: Vec<RenditionJob> = names
            .iter()
            .map(|name| {
                if *name == WHOLE {
                    return Ok(whole.clone());
                }
                let c = crops.iter().find(|c| c.name == *name).ok_or_else(|| {
                    let all: Vec<&str> = crops.iter().map(|c| c.name.as_str()).collect();
                    unknown_crop(name, &all)
                })?;
                if !c.sound {
                    return Err(Error::invalid(format!(
                        "the {name} crop of photo {id} no longer fits the crop set; set it again"
                    )));
                }
                let mut rights = whole.frame.rights.clone();
                rights.focus = focus.map(|f| c.rect.focus_within(f, p.width, p.height));
                let frame = Frame {
                    rect: Some(c.rect),
                    aspect: c.aspect,
                    widths: Some(crop_widths(c.target_width)),
                    rights,
                };
                let dir = whole
                    .dir
                    .parent()
                    .expect("key folder has a parent")
                    .join(frame_key(&whole.spec, &frame));
                let name = if overrides.contains_key(*name) {
                    format!("{name}@a{article}")
                } else {
                    name.to_string()
                };
                Ok(RenditionJob {
                    name,
                    frame,
                    dir,
                    limits: Limits::default(),
                    ..whole.clone()
                })
            })
            .collect::<Result<_>>()?;
        // A shared library's original comes into this desk's cache first when a set is to be
        // made (the whole photo's job did so only if its own set was missing).
        if self.location().is_server() {
            for j in &jobs {
                if j.cached()?.is_none() {
                    self.original_file(&p.sha256, p.format)?;
                    break;
                }
            }
        }
        Ok(jobs)
    }
}

/// The crop a rendition job makes: its name without the article part (`wide@a12` → `wide`).
pub fn crop_of_job(job_name: &str) -> &str {
    job_name.split('@').next().unwrap_or(job_name)
}

fn unknown_crop(name: &str, all: &[&str]) -> Error {
    Error::invalid(format!(
        "there is no crop named {name:?}; the crop set has {}",
        all.join(", ")
    ))
}
