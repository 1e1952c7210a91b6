//! A deterministic generator of realistic articles: a Zipf-distributed vocabulary with real
//! newsroom words at realistic ranks, realistic lengths, and a small reproducible PRNG.

use chrono::{TimeZone, Utc};
use newsroom_core::{ArticleInput, ArticleState, Library, RelatedLink, Result};

/// Real words, placed at the Zipf rank a city newsroom's corpus would give them: function
/// words at the top, everyday newsroom words in the hundreds, specific terms in the thousands.
/// Every other rank of the [`VOCABULARY`]-word vocabulary is a synthetic word.
const RANKED_WORDS: &[(usize, &str)] = &[
    (0, "die"),
    (1, "der"),
    (2, "und"),
    (3, "in"),
    (4, "das"),
    (5, "mit"),
    (6, "für"),
    (7, "im"),
    (8, "am"),
    (9, "ein"),
    (10, "über"),
    (14, "Stadt"),
    (25, "Dortmund"),
    (40, "neue"),
    (60, "Bürgerinnen"),
    (61, "Bürger"),
    (80, "Rat"),
    (120, "Verwaltung"),
    (150, "Schule"),
    (200, "Straße"),
    (260, "Verkehr"),
    (300, "Projekt"),
    (350, "Kultur"),
    (420, "Familie"),
    (500, "Veranstaltung"),
    (640, "Umfrage"),
    (700, "Förderung"),
    (800, "Bibliothek"),
    (900, "Ausbildung"),
    (1000, "Öffnungszeiten"),
    (1200, "Radweg"),
    (1400, "Stadtbahn"),
    (1500, "Klima"),
    (1700, "Spielplatz"),
    (2000, "Sanierung"),
    (2200, "Brücke"),
    (2500, "Grünfläche"),
    (2800, "Maßnahme"),
    (3000, "Ehrenamt"),
    (3300, "Preis"),
    (3600, "Digitalisierung"),
    (4000, "Übergang"),
    (4500, "Wettbewerb"),
    (6000, "Straßenfest"),
    (8000, "Wasserstoff"),
    (12000, "Hafenbecken"),
];
const VOCABULARY: usize = 30_000;
const SYLLABLES: [&str; 20] = [
    "ba", "ko", "ren", "tal", "mi", "sto", "lu", "ner", "ga", "dor", "hei", "wes", "fa", "ling",
    "bur", "sen", "ro", "an", "ter", "mund",
];

/// A Zipf-distributed (s = 1) vocabulary: word by rank, and the cumulative distribution.
struct Vocabulary {
    words: Vec<String>,
    cdf: Vec<f64>,
}

impl Vocabulary {
    fn new() -> Vocabulary {
        let mut words: Vec<String> = (0..VOCABULARY)
            .map(|r| {
                let mut w = String::new();
                let mut n = r + 20 * 21; // at least three syllables
                while n > 0 {
                    w.push_str(SYLLABLES[n % 20]);
                    n /= 20;
                }
                w
            })
            .collect();
        for (r, w) in RANKED_WORDS {
            words[*r] = w.to_string();
        }
        let mut acc = 0.0;
        let mut cdf: Vec<f64> = (1..=VOCABULARY)
            .map(|r| {
                acc += 1.0 / r as f64;
                acc
            })
            .collect();
        let total = acc;
        cdf.iter_mut().for_each(|c| *c /= total);
        Vocabulary { words, cdf }
    }

    fn word(&self, rng: &mut Rng) -> &str {
        let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        let i = self.cdf.partition_point(|&c| c < u).min(VOCABULARY - 1);
        &self.words[i]
    }
}

const PLACES: &[&str] = &[
    "Hörde",
    "Innenstadt-West",
    "Innenstadt-Nord",
    "Innenstadt-Ost",
    "Aplerbeck",
    "Brackel",
    "Eving",
    "Hombruch",
    "Huckarde",
    "Lütgendortmund",
    "Mengede",
    "Scharnhorst",
    "Nordstadt",
];
const TOPICS: &[&str] = &[
    "Wirtschaft",
    "Familie",
    "Bildung",
    "Kultur",
    "Verkehr",
    "Umwelt",
    "Soziales",
    "Sport",
    "Politik",
    "Freizeit",
    "Gesundheit",
    "Sicherheit",
];
const KICKERS: &[&str] = &[
    "Bildung",
    "Stadtleben",
    "Wirtschaft",
    "Verkehr",
    "Rathaus",
    "Kultur",
];

/// A small, fast, deterministic PRNG (xorshift64*), so generated libraries are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

/// Generates realistic article text (see [`RANKED_WORDS`]).
pub struct Generator {
    rng: Rng,
    vocabulary: Vocabulary,
}

impl Generator {
    pub fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng::new(seed),
            vocabulary: Vocabulary::new(),
        }
    }

    pub fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.vocabulary.word(&mut self.rng));
        }
        s
    }

    /// One generated article: realistic lengths (headline ~8 words, body ~400 words with
    /// subheadings, a quote and a list).
    pub fn article(&mut self, n: usize) -> ArticleInput {
        generate_article(self, n)
    }
}

fn generate_article(rng: &mut Generator, n: usize) -> ArticleInput {
    let mut body = String::new();
    for section in 0..3 {
        if section > 0 {
            body.push_str(&format!("## {}\n\n", rng.sentence(4)));
        }
        for _ in 0..3 {
            body.push_str(&rng.sentence(40));
            body.push_str(".\n\n");
        }
        if section == 1 {
            body.push_str(&format!(
                "> {}.\n\n- {}\n- {}\n\n",
                rng.sentence(20),
                rng.sentence(5),
                rng.sentence(5)
            ));
        }
    }
    let day = Utc.with_ymd_and_hms(2020, 1, 1, 8, 0, 0).unwrap()
        + chrono::Duration::hours((n as i64) * 5 + rng.rng.below(4) as i64);
    let r = &mut rng.rng;
    let (kicker, topics, place) = (
        r.pick(KICKERS).to_string(),
        [r.pick(TOPICS), r.pick(TOPICS)],
        r.pick(PLACES),
    );
    ArticleInput {
        kicker,
        headline: format!("{} {}", rng.sentence(7), n),
        teaser: rng.sentence(35),
        body,
        related_links: vec![RelatedLink {
            label: rng.sentence(3),
            url: format!("https://www.example.org/artikel/{n}"),
        }],
        topics: topics.iter().map(|t| t.to_string()).collect(),
        places: vec![place.to_string()],
        published_at: Some(newsroom_core::dates::to_rfc3339(day)),
        embargo_until: None,
        author: "Pressestelle".into(),
        contact: "presse@example.org".into(),
        lead_photo: None,
    }
}

/// Fills `lib` with `count` generated articles (in batches of 1,000 transactions).
pub fn generate_library(lib: &mut Library, count: usize, seed: u64) -> Result<()> {
    let mut gen = Generator::new(seed);
    let now = Utc::now();
    let mut n = 0;
    while n < count {
        let batch: Vec<_> = (n..count.min(n + 1000))
            .map(|i| {
                let state = ArticleState::ALL[gen.rng.below(4)];
                (state, gen.article(i))
            })
            .collect();
        n += batch.len();
        lib.create_articles_at(&batch, now)?;
    }
    Ok(())
}
