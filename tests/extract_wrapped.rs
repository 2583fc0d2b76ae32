//! Hard-wrapped articles (issue 18): the 25 shared evaluation articles,
//! their body lines broken at 40, 60 and 80 columns the way a mail client
//! or a text export wraps them, extract without a panic; and generated
//! paragraphs, wrapped at any width, too. How much the wrapping costs in
//! score is measured by `scripts/score_wrapped.sh`, not here.

mod common;

use eventgraph::{extract_document, ExtractOptions};
use proptest::prelude::*;

/// `text` with every line after the header (the `key: value` lines before
/// the first blank line) broken at spaces so that no line is longer than
/// `width` bytes, where a space allows it.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / width);
    let mut in_header = true;
    for line in text.split('\n') {
        if in_header {
            in_header = !line.trim().is_empty();
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = 0;
        for (k, word) in line.split(' ').enumerate() {
            if k > 0 {
                if current + 1 + word.len() > width && current > 0 {
                    out.push('\n');
                    current = 0;
                } else {
                    out.push(' ');
                    current += 1;
                }
            }
            out.push_str(word);
            current += word.len();
        }
        out.push('\n');
    }
    out
}

#[test]
fn hard_wrap_breaks_body_lines_only() {
    let text = "title: T\n\nalpha beta gamma delta\n\nepsilon\n";
    assert_eq!(
        hard_wrap(text, 11),
        "title: T\n\nalpha beta\ngamma delta\n\nepsilon\n\n"
    );
}

#[test]
fn the_shared_articles_hard_wrapped_extract_without_a_panic() {
    let Some(articles) = common::shared_files("eval/articles", "txt") else {
        return;
    };
    assert_eq!(articles.len(), 25, "the shared evaluation has 25 articles");
    for path in &articles {
        let text = std::fs::read_to_string(path).unwrap();
        for width in [40, 60, 80] {
            let wrapped = hard_wrap(&text, width);
            let options = ExtractOptions {
                file_name: Some(path.display().to_string()),
                ..ExtractOptions::default()
            };
            // a panic fails the test here, naming the article and width
            let result =
                std::panic::catch_unwind(|| extract_document(wrapped.as_bytes(), &options));
            match result {
                Ok(Ok(_)) => {}
                Ok(Err(e)) => panic!("{} at {width} columns: {e}", path.display()),
                Err(_) => panic!("{} at {width} columns: extraction panicked", path.display()),
            }
        }
    }
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Secretary".to_string()),
        Just("Minister".to_string()),
        Just("Foreign".to_string()),
        Just("President".to_string()),
        Just("Dr.".to_string()),
        Just("Gen.".to_string()),
        Just("New".to_string()),
        Just("York".to_string()),
        Just("City".to_string()),
        Just("met".to_string()),
        Just("visited".to_string()),
        Just("Angela".to_string()),
        Just("Merkel".to_string()),
        Just("Wang".to_string()),
        Just("Yi".to_string()),
        Just("in".to_string()),
        Just("on".to_string()),
        Just("Tuesday".to_string()),
        Just("the".to_string()),
        Just("said".to_string()),
        Just(",".to_string()),
        Just(".".to_string()),
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn generated_paragraphs_wrapped_at_any_width_never_panic(
        words in proptest::collection::vec(word(), 1..120),
        width in 8usize..100,
    ) {
        let body = words.join(" ");
        let text = format!("title: Talks\npublished: 2019-05-14\n\n{body}\n");
        let wrapped = hard_wrap(&text, width);
        prop_assert!(extract_document(wrapped.as_bytes(), &ExtractOptions::default()).is_ok());
    }
}
