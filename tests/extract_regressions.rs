//! Inputs that once made the extractor panic (issue 18), each reproduced
//! with sentences written for the test: a name run across a line that
//! ends a sentence (hard-wrapped text), text ending in a title and a comma,
//! an overlong sentence cut inside a name of several words, HTML sliced
//! inside a character. The extractor is called directly, so a panic fails
//! the test (the pipeline's guard is not in the way).

use eventgraph::{extract_document, ExtractOptions};

fn extract(text: &str) -> eventgraph::ExtractionDoc {
    extract_document(text.as_bytes(), &ExtractOptions::default())
        .unwrap_or_else(|e| panic!("{e}: {text:?}"))
}

#[test]
fn a_name_wrapped_onto_the_next_line_after_a_line_that_ends_a_sentence() {
    // The first body line has no final stop, so the text reader takes it
    // for a line of its own; the lexicon still matches the name across the
    // line break, past the end of that sentence.
    let text = "title: Talks\npublished: 2019-05-14\n\n\
The German Chancellor Angela Merkel received Chinese Foreign Minister\n\
Wang Yi in Berlin on Tuesday.\n";
    let doc = extract(text);
    assert!(
        doc.actors.iter().any(|a| a.name.contains("Merkel")),
        "{:?}",
        doc.actors
    );
    // the same article unwrapped still finds both
    let doc = extract(&text.replace("Minister\nWang", "Minister Wang"));
    for name in ["Merkel", "Wang Yi"] {
        assert!(
            doc.actors.iter().any(|a| a.name.contains(name)),
            "{name}: {:?}",
            doc.actors
        );
    }
}

#[test]
fn text_ending_in_a_title_and_a_comma() {
    for title in ["Dr.", "Mr.", "Mrs.", "Gen.", "Prof.", "Sen.", "President"] {
        let text = format!("published: 2019-05-14\n\nOn Friday the committee heard from {title},");
        extract(&text);
        // and a sentence after it
        extract(&format!("{text} and then it adjourned.\n"));
    }
}

#[test]
fn an_overlong_sentence_cut_inside_a_name_of_several_words() {
    // A sentence over the 2,000-byte bound is cut at white space; every
    // cut position inside "New York City" (and around it) is tried (before
    // the fix, 10 of these 40 panicked).
    for pad in 0..40 {
        let mut text = String::from(
            "published: 2019-05-14\n\nAngela Merkel met Wang Yi in Berlin on Monday.\n\n",
        );
        text.push_str(&"word ".repeat((1990 - pad) / 5));
        text.push_str(&"x".repeat(pad % 5));
        text.push_str(" the mayor of New York City met the visitors");
        text.push_str(&" and more".repeat(30));
        text.push_str(".\n");
        let doc = extract(&text);
        assert!(
            doc.events.iter().any(|e| e.kind == "meet"),
            "pad {pad}: {:?}",
            doc.events
        );
    }
}

#[test]
fn html_sliced_inside_a_character() {
    let pages = [
        // the entity window after '&' ends inside the dash
        "<html><body><p>The R&D budget \u{2014} cut on Monday.</p></body></html>",
        // a download cut inside a tag that ends in a wide character
        "<html><body><p>Talks began.</p><div class=\"caf\u{e9}",
        "<html><body><article><p>Talks began.</p><p title=\"\u{4e2d}\u{6587}",
        "<html><body><p>x &\u{4e2d}\u{6587}\u{4e2d}\u{6587}; y</p></body></html>",
    ];
    for page in pages {
        extract(page);
    }
}
