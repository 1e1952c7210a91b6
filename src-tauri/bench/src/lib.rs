//! Newsroom's benchmarks, kept out of the library's public surface: the realistic article
//! generator ([`generate_library`]), the store benchmark ([`store_bench`], `newsroom bench
//! store`; `benches/store.rs` runs the same operations under criterion), the export benchmark
//! ([`export_bench`], `newsroom bench export`), renditions against `vipsthumbnail`
//! ([`renditions`], `newsroom bench renditions`) and crops against `vipsthumbnail
//! --smartcrop` ([`crops`], `newsroom bench crops`), and many desks on one shared library
//! ([`team_bench`], `newsroom bench team`). They drive `newsroom-core` through its public
//! API only, as the app does.

mod crops;
mod export;
mod generate;
mod renditions;
mod stats;
mod store;
mod team;

pub use crops::{crops, CropBench};
pub use export::{export_bench, synthetic_jpeg, ExportBenchReport};
pub use generate::{generate_library, Generator, Rng};
pub use renditions::{renditions, RenditionBench, Timing};
pub use stats::Stats;
pub use store::{
    store_bench, store_bench_on, StoreReport, FOLDER_TARGETS, QUERIES, SERVER_TARGETS,
};
pub use team::{team_bench, TeamReport};
