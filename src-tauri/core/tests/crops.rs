//! Focal points and crops on real files: a focal point set in another tool (exiftool) is
//! honoured at import; the crops follow the focal point we set, and their renditions show the
//! marked spot of a test image; ours travels in the renditions as an IPTC Image Region;
//! hand-set crops and the office's crop set.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use newsroom_core::imaging::crop::{Aspect, CropRect, FocalPoint};
use newsroom_core::photos::{self, default_shapes, CropShape, PhotoUpdate};
use newsroom_core::{Library, OpenOptions};

fn open(root: &Path) -> Library {
    common::open_at(
        root,
        OpenOptions {
            seed_samples: false,
        },
    )
}

/// The marked spot of [`marked_image`], as fractions: near the top right.
const MARK: (f64, f64) = (0.85, 0.2);

/// A 1800 × 1200 grey PNG with a red disc (radius 24 px) at [`MARK`].
fn marked_image(dir: &Path) -> PathBuf {
    let (w, h) = (1800u32, 1200u32);
    let (cx, cy) = (MARK.0 * w as f64, MARK.1 * h as f64);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        let d = ((x as f64 - cx).powi(2) + (y as f64 - cy).powi(2)).sqrt();
        if d <= 24.0 {
            image::Rgb([230, 0, 0])
        } else {
            image::Rgb([128, 128, 128])
        }
    });
    let path = dir.join("marked.png");
    img.save(&path).unwrap();
    path
}

fn import_credited(lib: &mut Library, path: &Path) -> i64 {
    let id = lib.import_photo(path).unwrap().photo.id;
    lib.update_photo(
        id,
        &PhotoUpdate {
            credit: Some("Bild: Stadt Dortmund / Test".into()),
            ..Default::default()
        },
    )
    .unwrap();
    id
}

/// The pixel at fractions `(fx, fy)` of a JPEG file.
fn pixel_at(path: &Path, fx: f64, fy: f64) -> [u8; 3] {
    let mut d = jpeg_decoder::Decoder::new(std::fs::File::open(path).unwrap());
    let px = d.decode().unwrap();
    let info = d.info().unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let x = ((fx * w as f64) as usize).min(w - 1);
    let y = ((fy * h as f64) as usize).min(h - 1);
    let i = (y * w + x) * 3;
    [px[i], px[i + 1], px[i + 2]]
}

fn is_red(p: [u8; 3]) -> bool {
    p[0] > 180 && p[1] < 60 && p[2] < 60
}

#[test]
fn crops_follow_the_focal_point_and_their_renditions_show_the_marked_spot() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir.path().join("lib"));
    let id = import_credited(&mut lib, &marked_image(dir.path()));
    assert_eq!(
        lib.get_photo(id).unwrap().focus,
        None,
        "nobody marked one yet"
    );

    // Centre crops: the square (1200 × 1200 in the middle) misses the mark at 85 %.
    let square = lib
        .photo_crops(id)
        .unwrap()
        .into_iter()
        .find(|c| c.name == "square")
        .unwrap();
    assert_eq!(
        square.rect,
        CropRect {
            x: 300,
            y: 0,
            width: 1200,
            height: 1200
        }
    );
    let (mx, my) = (MARK.0 * 1800.0, MARK.1 * 1200.0);
    assert!(mx > (square.rect.x + square.rect.width) as f64);

    let focus = FocalPoint::new(MARK.0, MARK.1).unwrap();
    lib.set_photo_focus(id, Some(focus), false).unwrap();
    assert_eq!(lib.get_photo(id).unwrap().focus, Some(focus));
    let crops = lib.photo_crops(id).unwrap();
    let names: Vec<&str> = crops.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["original", "wide", "social", "square", "classic"]);
    for c in &crops {
        assert!(c.holds_focus && c.sound && !c.hand_set, "{c:?}");
        assert!(c.rect.contains(focus, 1800, 1200));
    }

    // All crops from one decode; each set's sizes have the crop's aspect to a pixel, social
    // is there at 1,200 × 630, and the mark is where the focal point says, inside every crop.
    let names = ["wide", "social", "square", "classic", "original"];
    let jobs = lib.crop_jobs(id, &names).unwrap();
    let sets = photos::run_many(&jobs).unwrap();
    for ((job, files), c) in jobs.iter().zip(&sets).zip(names.iter()) {
        let crop = crops.iter().find(|x| x.name == *c).unwrap();
        assert!(!files.is_empty(), "{c}");
        for f in files {
            if let Some(a) = crop.aspect {
                assert!(
                    a.matches(f.width, f.height),
                    "{c}: {}x{}",
                    f.width,
                    f.height
                );
            }
        }
        let widest = files
            .iter()
            .filter(|f| f.format == newsroom_core::imaging::pixels::RenditionFormat::Jpeg)
            .max_by_key(|f| f.width)
            .unwrap();
        let r = crop.rect;
        let (rx, ry) = (
            (mx - r.x as f64) / r.width as f64,
            (my - r.y as f64) / r.height as f64,
        );
        assert!(
            is_red(pixel_at(&widest.path, rx, ry)),
            "{c}: the mark is not at {rx:.3},{ry:.3} of {}",
            widest.path.display()
        );
        assert_eq!(job.name, *c);
    }
    let social = &sets[1];
    assert!(social.iter().any(|f| (f.width, f.height) == (1200, 630)));

    // The focal point travels in the files as an IPTC Image Region, relative to each crop.
    let wide_file = &sets[0].iter().find(|f| f.width == 1200).unwrap().path;
    let bytes = std::fs::read(wide_file).unwrap();
    let within = newsroom_core::imaging::meta::focal_point(&bytes, 1200, 675).unwrap();
    let wide = crops.iter().find(|c| c.name == "wide").unwrap().rect;
    assert!((within.y - (my - wide.y as f64) / wide.height as f64).abs() < 0.001);
    let out = Command::new("exiftool")
        .args(["-j", "-XMP-iptcExt:all", "-warning"])
        .arg(wide_file)
        .output()
        .expect("exiftool is needed (libimage-exiftool-perl)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("mainSubjectArea"), "{text}");
    assert!(!text.contains("Warning"), "{text}");

    // Cached: asking again makes nothing.
    let again = photos::run_many(&lib.crop_jobs(id, &names).unwrap()).unwrap();
    assert_eq!(again, sets);
}

#[test]
fn a_focal_point_set_in_another_tool_is_honoured_at_import() {
    let dir = tempfile::tempdir().unwrap();
    let src = marked_image(dir.path());
    let jpeg = dir.path().join("region.jpg");
    let ok = Command::new("convert")
        .arg(&src)
        .arg(&jpeg)
        .status()
        .expect("ImageMagick is needed")
        .success();
    assert!(ok);
    let ok = Command::new("exiftool")
        .args([
            "-q",
            "-overwrite_original",
            "-struct",
            "-XMP-iptcExt:ImageRegion=[{RegionBoundary={RbShape=rectangle,RbUnit=pixel,\
             RbX=1500,RbY=200,RbW=60,RbH=80},RRole=[{Identifier=[http://cv.iptc.org/newscodes/imageregionrole/mainSubjectArea]}]}]",
        ])
        .arg(&jpeg)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let mut lib = open(&dir.path().join("lib"));
    let p = lib.import_photo(&jpeg).unwrap().photo;
    assert_eq!(p.focus, FocalPoint::new(1530.0 / 1800.0, 240.0 / 1200.0));
    let details = lib.photo_details(p.id).unwrap();
    assert_eq!(details.file_meta.focus, p.focus);
}

#[test]
fn hand_set_crops_survive_a_new_focal_point_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir.path().join("lib"));
    let id = import_credited(&mut lib, &marked_image(dir.path()));
    // By hand: the left 16:9 band; the height follows the width.
    let p = lib
        .set_photo_crop(
            id,
            "wide",
            Some(CropRect {
                x: 0,
                y: 100,
                width: 800,
                height: 999,
            }),
        )
        .unwrap();
    assert_eq!(p.crops["wide"].height, 450);
    let wide = |lib: &Library| {
        lib.photo_crops(id)
            .unwrap()
            .into_iter()
            .find(|c| c.name == "wide")
            .unwrap()
    };
    assert!(wide(&lib).hand_set);

    // A rectangle outside the photo, or too small, is refused and changes nothing.
    for bad in [
        CropRect {
            x: 1500,
            y: 0,
            width: 800,
            height: 450,
        },
        CropRect {
            x: 0,
            y: 0,
            width: 4,
            height: 2,
        },
    ] {
        let e = lib.set_photo_crop(id, "wide", Some(bad)).unwrap_err();
        assert_eq!(e.code().as_str(), "invalid_input", "{e}");
    }
    assert!(lib.set_photo_crop(id, "banner", None).is_err());
    assert_eq!(wide(&lib).rect.width, 800);

    // Kept on request: it no longer holds the new focal point, and says so.
    let focus = FocalPoint::new(MARK.0, MARK.1).unwrap();
    lib.set_photo_focus(id, Some(focus), true).unwrap();
    let w = wide(&lib);
    assert!(w.hand_set && !w.holds_focus);
    // Otherwise the crop follows the focal point again.
    lib.set_photo_focus(id, Some(focus), false).unwrap();
    let w = wide(&lib);
    assert!(!w.hand_set && w.holds_focus);
    assert_eq!(w.rect.width, 1800);

    // Back to automatic by name.
    lib.set_photo_crop(
        id,
        "square",
        Some(CropRect {
            x: 0,
            y: 0,
            width: 600,
            height: 600,
        }),
    )
    .unwrap();
    lib.set_photo_crop(id, "square", None).unwrap();
    assert!(lib.get_photo(id).unwrap().crops.is_empty());
}

#[test]
fn the_office_crop_set_is_checked_and_a_changed_shape_unsettles_hand_set_crops() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = open(&dir.path().join("lib"));
    let id = import_credited(&mut lib, &marked_image(dir.path()));
    assert_eq!(lib.crop_shapes().unwrap(), default_shapes());

    let mut without_social = default_shapes();
    without_social.retain(|s| s.name != "social");
    assert!(lib.set_crop_shapes(&without_social).is_err());
    let mut bad = default_shapes();
    bad[0].aspect = Aspect::new(9, 1);
    assert!(lib.set_crop_shapes(&bad).is_err());
    bad = default_shapes();
    bad.push(bad[0].clone());
    assert!(lib.set_crop_shapes(&bad).is_err());

    lib.set_photo_crop(
        id,
        "classic",
        Some(CropRect {
            x: 0,
            y: 0,
            width: 1200,
            height: 900,
        }),
    )
    .unwrap();
    let mut shapes = default_shapes();
    for s in &mut shapes {
        if s.name == "classic" {
            s.aspect = Aspect::new(3, 2);
        }
    }
    shapes.push(CropShape {
        name: "portrait".into(),
        aspect: Aspect::new(4, 5),
        target_width: 0,
    });
    assert_eq!(lib.set_crop_shapes(&shapes).unwrap(), shapes);
    let crops = lib.photo_crops(id).unwrap();
    let classic = crops.iter().find(|c| c.name == "classic").unwrap();
    assert!(!classic.sound, "a 4:3 rectangle is no 3:2 crop");
    let portrait = crops.iter().find(|c| c.name == "portrait").unwrap();
    assert_eq!((portrait.rect.width, portrait.rect.height), (960, 1200));
    let e = lib.crop_jobs(id, &["classic"]).unwrap_err();
    assert!(e.to_string().contains("classic"), "{e}");
}
