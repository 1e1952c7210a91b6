//! Render one file's renditions into a folder: `cargo run -p newsroom-core --example render_one
//! -- FILE OUTDIR [ORIENTATION]`; prints the probe and the renditions.

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    if a.len() < 2 {
        eprintln!("usage: render_one FILE OUTDIR [ORIENTATION]");
        std::process::exit(2);
    }
    let bytes = std::fs::read(&a[0]).expect("read file");
    let o = a.get(2).and_then(|o| o.parse().ok()).unwrap_or(1);
    use newsroom_core::imaging::{pixels, RightsMeta};
    let l = pixels::Limits::default();
    println!("{:?}", pixels::probe(&bytes, &l));
    match pixels::render(
        &bytes,
        o,
        &pixels::RenditionSpec::default(),
        &RightsMeta::default(),
        &l,
    ) {
        Ok(r) => {
            std::fs::create_dir_all(&a[1]).expect("out dir");
            for x in &r.renditions {
                let p = format!("{}/{}.{}", a[1], x.width, x.format.ext());
                std::fs::write(&p, &x.bytes).expect("write");
                println!("{p} {}x{} {} bytes", x.width, x.height, x.bytes.len());
            }
            println!("phash {:016x}", r.phash);
        }
        Err(e) => println!("error {}: {e}", e.code()),
    }
}
