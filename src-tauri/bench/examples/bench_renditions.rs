//! Rendition benchmark: `cargo run --release -p newsroom-bench --example bench_renditions -- FILE
//! [--vs-vips] [--iterations N] [--json]`. Make the bench photos with scripts/make-bench-photos.sh.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (mut file, mut vs_vips, mut iterations, mut json) = (None, false, 5usize, false);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--vs-vips" => vs_vips = true,
            "--json" => json = true,
            "--iterations" => iterations = args.next().and_then(|n| n.parse().ok()).unwrap_or(5),
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let Some(file) = file else {
        eprintln!("usage: bench_renditions FILE [--vs-vips] [--iterations N] [--json]");
        std::process::exit(2);
    };
    match newsroom_bench::renditions(&file, iterations, vs_vips) {
        Ok(r) if json => println!("{}", serde_json::to_string_pretty(&r).unwrap()),
        Ok(r) => print!("{r}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
