//! Article reading: header, HTML offsets, boilerplate, publication dates,
//! sentences.

mod common;

use chrono::NaiveDate;
use eventgraph::{read_article, sentences, ArticleOptions, LineKind, PublishedFrom};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn seed_article_date_and_teasers() {
    let src = std::fs::read(common::SEED_ARTICLE).unwrap();
    let a = read_article(&src, &ArticleOptions::default()).unwrap();
    assert_eq!(a.published, Some(d(2014, 3, 31)));
    assert_eq!(a.published_from, Some(PublishedFrom::Stamp));
    for name in [
        "Trump",
        "Macron",
        "Johnny Marr",
        "NFL",
        "Vietnam",
        "dolphins",
        "Obama discuss",
    ] {
        assert!(
            !a.clean.contains(name),
            "{name} survived boilerplate removal"
        );
    }
    assert!(a.clean.contains("Russia is slowly pulling back troops"));
    assert_eq!(a.clean.len(), src.len());
    assert_eq!(
        a.title.as_deref(),
        Some("Russia \u{2018}gradually withdrawing troops\u{2019} from Ukraine border")
    );
}

#[test]
fn dates_from_bylines_and_datelines() {
    let a = read_article(b"Kerry, Lavrov meet\n\nAuthor : Sorin Grama | Monday, March 31, 2014\n\nKerry met Lavrov.\n", &ArticleOptions::default()).unwrap();
    assert_eq!(a.published, Some(d(2014, 3, 31)));
    let a = read_article(
        "LONDON, Sept 28, 2015 (AFP) \u{2013} Xi will travel to Britain.\n".as_bytes(),
        &ArticleOptions::default(),
    )
    .unwrap();
    assert_eq!(a.published, Some(d(2015, 9, 28)));
    assert_eq!(a.published_from, Some(PublishedFrom::Dateline));
    let a = read_article(
        b"Published 23.06.2016 22:08\n\nUpdated 23.06.2016 22:09\n\nThey signed.\n",
        &ArticleOptions::default(),
    )
    .unwrap();
    assert_eq!(a.published, Some(d(2016, 6, 23)));
    assert_eq!(
        a.published_at().unwrap().format("%H:%M").to_string(),
        "22:08"
    );
    let over = ArticleOptions {
        published: Some(d(2000, 1, 2)),
    };
    let a = read_article(b"published: 2014-03-31\n\nText.\n", &over).unwrap();
    assert_eq!(a.published, Some(d(2000, 1, 2)));
}

#[test]
fn html_offsets_point_into_the_file() {
    let page = "<!DOCTYPE html><html><head><title>Talks</title><meta property=\"article:published_time\" content=\"2014-03-30T21:02:00Z\"></head><body><nav>World | Sport</nav><article><h1>Kerry meets Lavrov</h1><p>U.S. Secretary of State John Kerry met Russian Foreign Minister Sergey Lavrov on Sunday in Paris.</p></article></body></html>";
    let a = read_article(page.as_bytes(), &ArticleOptions::default()).unwrap();
    assert_eq!(a.published, Some(d(2014, 3, 30)));
    assert!(!a.clean.contains("Sport"));
    let k = a.text.find("Sergey").unwrap();
    let f = a.to_file(k);
    assert_eq!(&page[f..f + 6], "Sergey");
    assert!(a.lines.iter().any(|l| l.kind == LineKind::Heading));
}

#[test]
fn abbreviations_stay_in_their_sentence() {
    let t = "U.S. Secretary of State John Kerry met Gen. Jones and Mr. Smith in the U.S. capital on Sunday. Then they left.";
    let s = sentences(t);
    assert_eq!(s.len(), 2, "{s:?}");
}
