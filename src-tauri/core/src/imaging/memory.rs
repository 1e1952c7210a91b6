//! The process's memory: capping glibc's malloc arenas for a long-running process that renders
//! photos on worker threads, and reading its resident and peak memory (Linux `/proc/self`),
//! for the render trace (`NEWSROOM_PIXELS_TRACE`) and the rendition benchmark.

/// Caps glibc's malloc arenas for a long-running process that renders photos on worker
/// threads. Each thread otherwise gets an arena that keeps its freed decode buffers (tens of
/// MiB per photo), so resident memory creeps up with every batch; two arenas keep a 45 MP
/// import well under 150 MiB however many photos go through. Call once at start-up.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only adjusts allocator tunables; M_ARENA_MAX is documented and takes
    // effect for arenas created afterwards.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// A `kB` field of `/proc/self/status` (`VmHWM:`, `VmRSS:`).
fn status_kib(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// Peak resident set size of this process so far, MiB (VmHWM).
pub fn peak_rss_mib() -> f64 {
    status_kib("VmHWM:").unwrap_or(0) as f64 / 1024.0
}

/// Current resident set size, MiB (VmRSS).
pub fn rss_mib() -> f64 {
    status_kib("VmRSS:").unwrap_or(0) as f64 / 1024.0
}

/// Reset VmHWM to the current RSS (Linux ≥ 4.0). False if not possible.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}
