//! Bad lexicon files give an error naming the file, the line and the field,
//! never a panic.

use eventgraph::{Lexicon, LexiconFiles};

const COUNTRY_HEADER: &str =
    "code\talpha3\tname\taliases\tdemonyms\tcapital\tcapital_geonameid\tpopulation\tflags\n";
const CITY_HEADER: &str =
    "geonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\taliases\tflags\n";

fn error_of(files: LexiconFiles<'_>) -> String {
    Lexicon::parse(&files)
        .expect_err("the files are bad")
        .to_string()
}

#[test]
fn wrong_header() {
    let e = error_of(LexiconFiles {
        countries: "code\tname\nRU\tRussia\n",
        ..Default::default()
    });
    assert!(
        e.starts_with("countries.tsv:1: field `header`: expected the columns"),
        "{e}"
    );
    assert!(e.contains("\"code\tname\""), "{e}");
}

#[test]
fn missing_cells() {
    let text = format!("{COUNTRY_HEADER}RU\tRUS\tRussia\n");
    let e = error_of(LexiconFiles {
        countries: &text,
        ..Default::default()
    });
    assert_eq!(
        e,
        "countries.tsv:2: field `aliases`: expected 9 tab-separated cells, but found 3"
    );
}

#[test]
fn bad_number_and_code() {
    let text = format!("{CITY_HEADER}1\tNowhere\tRU\t\t95.0\t0\t10\t\t\n");
    let e = error_of(LexiconFiles {
        cities: &text,
        ..Default::default()
    });
    assert_eq!(
        e,
        "cities.tsv:2: field `lat`: expected a number within ±90, but found \"95.0\""
    );
    let text = format!("{COUNTRY_HEADER}Russia\tRUS\tRussia\t\t\t\t\t\t\n");
    let e = error_of(LexiconFiles {
        countries: &text,
        ..Default::default()
    });
    assert_eq!(
        e,
        "countries.tsv:2: field `code`: expected an ISO 3166 alpha-2 code, but found \"Russia\""
    );
}

#[test]
fn capital_must_be_a_known_city_of_the_country() {
    let countries = format!("{COUNTRY_HEADER}RU\tRUS\tRussia\t\t\tMoscow\t524901\t\t\n");
    let e = error_of(LexiconFiles {
        countries: &countries,
        ..Default::default()
    });
    assert_eq!(
        e,
        "countries.tsv:2: field `capital_geonameid`: expected the geonameid of a city in cities.tsv, but found \"524901\""
    );
    let cities = format!("{CITY_HEADER}524901\tMoscow\tUS\t\t55.7\t37.6\t10\t\t\n");
    let e = error_of(LexiconFiles {
        countries: &countries,
        cities: &cities,
        ..Default::default()
    });
    assert!(
        e.contains("the capital \"Moscow\" is not a city of this country"),
        "{e}"
    );
}

#[test]
fn bad_lists_flags_dates_and_duplicates() {
    let cities = format!("{CITY_HEADER}1\tA\tRU\t\t1\t1\t10\tB||C\t\n");
    let e = error_of(LexiconFiles {
        cities: &cities,
        ..Default::default()
    });
    assert!(
        e.starts_with("cities.tsv:2: field `aliases`: expected names separated by '|'"),
        "{e}"
    );
    let cities = format!("{CITY_HEADER}1\tA\tRU\t\t1\t1\t10\t\tbig\n");
    let e = error_of(LexiconFiles {
        cities: &cities,
        ..Default::default()
    });
    assert_eq!(
        e,
        "cities.tsv:2: field `flags`: expected capital, word or person, but found \"big\""
    );
    let people =
        "name\tcountry\ttitle\taliases\tstart\tend\tsource\nA B\tRU\t\t\t2014-13-01\t\ttest\n";
    let e = error_of(LexiconFiles {
        people,
        ..Default::default()
    });
    assert_eq!(
        e,
        "people.tsv:2: field `start`: expected a date YYYY-MM-DD or a year YYYY, but found \"2014-13-01\""
    );
    let countries = format!("{COUNTRY_HEADER}TD\tTCD\tChad\t\t\t\t\t\tcapital\n");
    let e = error_of(LexiconFiles {
        countries: &countries,
        ..Default::default()
    });
    assert_eq!(
        e,
        "countries.tsv:2: field `flags`: expected word or person, but found \"capital\""
    );
    let orgs = "name\tcountry\ttype\taliases\tsource\nNATO\t\tigo\t\tx\nNATO\t\tigo\t\tx\n";
    let e = error_of(LexiconFiles {
        organizations: orgs,
        ..Default::default()
    });
    assert_eq!(
        e,
        "organizations.tsv:3: field `name`: duplicate entry \"organization:NATO\""
    );
}

#[test]
fn empty_files_give_an_empty_lexicon() {
    let lex = Lexicon::parse(&LexiconFiles::default()).unwrap();
    assert!(lex.entries().is_empty());
    assert!(lex.find_all("Moscow and NATO").is_empty());
    assert!(lex.lookup("Moscow").is_none());
}
