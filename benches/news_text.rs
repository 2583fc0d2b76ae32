//! A deterministic news-like text for the temporal benchmarks (shared by
//! `benches/time.rs` and `examples/temporal_throughput.rs`).

/// A news-like text of about `size` bytes.
pub fn news_text(size: usize) -> String {
    const SUBJECTS: &[&str] = &[
        "Secretary of State John Kerry",
        "Russia's Foreign Minister Sergei Lavrov",
        "The Ukrainian defence ministry",
        "A Kiev official",
        "NATO foreign ministers",
        "German Chancellor Angela Merkel's office",
        "The United Nations Security Council",
        "Prime Minister Narendra Modi",
        "Rebel commanders in the east",
        "The European Union",
    ];
    const VERBS: &[&str] = &[
        "said",
        "announced",
        "will meet",
        "met",
        "warned",
        "is expected to vote",
        "agreed",
        "rejected the proposal",
        "spoke by telephone",
        "may decide",
    ];
    const TIMES: &[&str] = &[
        "on Monday",
        "on Tuesday",
        "last month",
        "on March 30, 2014",
        "on 5 April 2013",
        "two weeks ago",
        "next week",
        "earlier this year",
        "in the 1990s",
        "on Sept. 28",
        "at 9 a.m. Tuesday",
        "yesterday",
        "late on Thursday night",
        "between 2010 and 2012",
        "from 5 to 7 March",
        "in May 2015",
        "a day later",
        "recently",
        "on 3/30",
        "this morning",
    ];
    const TAILS: &[&str] = &[
        "after a four-hour meeting in Paris, officials said.",
        "as 40,000 troops remained near the border.",
        "in a statement released to reporters in Brussels.",
        "despite a $1-billion aid package approved by Congress.",
        "while the march through the capital drew 10,000 people.",
        "according to a spokesman who declined to be named.",
        "and talks are due to resume in Geneva, diplomats said.",
        "but the agreement may not hold, analysts warned.",
    ];
    let mut out = String::with_capacity(size + 256);
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut sentences = 0;
    while out.len() < size {
        out.push_str(SUBJECTS[next(SUBJECTS.len())]);
        out.push(' ');
        out.push_str(VERBS[next(VERBS.len())]);
        // about one sentence in two carries a date, as in wire copy
        if next(2) == 0 {
            out.push(' ');
            out.push_str(TIMES[next(TIMES.len())]);
        }
        out.push(' ');
        out.push_str(TAILS[next(TAILS.len())]);
        sentences += 1;
        out.push_str(if sentences % 5 == 0 { "\n\n" } else { " " });
    }
    out
}
