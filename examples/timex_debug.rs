//! Prints the timexes of a text (debugging aid): `timex_debug REF TEXT`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let d = chrono::NaiveDate::parse_from_str(&args[1], "%Y-%m-%d").expect("reference date");
    let opts = eventgraph::time::TagOptions::with_reference_date(d);
    for t in eventgraph::time::find_timexes(&args[2], &opts) {
        println!(
            "{:?} {} {} {:?}",
            t.text,
            t.value,
            t.kind.as_str(),
            t.precision
        );
    }
}
