//! Percentiles of timed samples, and the target an operation is held to.

use std::time::Duration;

use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub name: String,
    pub samples: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
    /// The target this operation is held to, if any.
    pub target_p95_ms: Option<f64>,
}

impl Stats {
    pub fn from_samples(name: &str, mut d: Vec<Duration>, target: Option<f64>) -> Stats {
        d.sort();
        let ms = |x: Duration| x.as_secs_f64() * 1000.0;
        let at = |q: f64| ms(d[((d.len() as f64 - 1.0) * q).round() as usize]);
        Stats {
            name: name.into(),
            samples: d.len(),
            p50_ms: at(0.5),
            p95_ms: at(0.95),
            max_ms: ms(*d.last().unwrap()),
            target_p95_ms: target,
        }
    }
    pub fn meets_target(&self) -> bool {
        self.target_p95_ms.is_none_or(|t| self.p95_ms <= t)
    }
}
