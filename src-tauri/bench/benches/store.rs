//! Criterion benchmarks of the store on a generated library of 10,000 articles.
//! `cargo bench -p newsroom-bench` (set NEWSROOM_BENCH_ARTICLES to change the size).

use criterion::{criterion_group, criterion_main, Criterion};
use newsroom_bench::{generate_library, Rng, QUERIES};
use newsroom_core::{Library, ListQuery, OpenOptions};

fn store(c: &mut Criterion) {
    let n: usize = std::env::var("NEWSROOM_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(
        dir.path(),
        OpenOptions {
            seed_samples: false,
        },
    )
    .unwrap();
    generate_library(&mut lib, n, 1).unwrap();
    let mut rng = Rng::new(7);

    c.bench_function("list first page", |b| {
        b.iter(|| lib.list_articles(&ListQuery::default()).unwrap())
    });
    let mut qi = 0;
    c.bench_function("search", |b| {
        b.iter(|| {
            qi += 1;
            let q = ListQuery {
                text: Some(QUERIES[qi % QUERIES.len()].into()),
                ..Default::default()
            };
            lib.list_articles(&q).unwrap()
        })
    });
    c.bench_function("open article", |b| {
        b.iter(|| lib.get_article(1 + rng.below(n) as i64).unwrap())
    });
    let mut input = lib.get_article(1).unwrap().input();
    let mut k = 0u64;
    c.bench_function("autosave", |b| {
        b.iter(|| {
            k += 1;
            input.headline = format!("Geänderte Überschrift {k}");
            lib.save_article(1, &input).unwrap()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(50);
    targets = store
}
criterion_main!(benches);
