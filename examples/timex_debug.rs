//! Prints the timexes of a text (debugging aid):
//! `timex_debug REF TEXT [news|future|casual]`.
use eventgraph::{find_detailed, Bias, TagOptions};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: timex_debug YYYY-MM-DD[THH:MM] TEXT [news|future|casual]");
        std::process::exit(2);
    }
    let reference = chrono::NaiveDateTime::parse_from_str(&args[1], "%Y-%m-%dT%H:%M")
        .ok()
        .or_else(|| {
            chrono::NaiveDate::parse_from_str(&args[1], "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        });
    let Some(reference) = reference else {
        eprintln!("timex_debug: bad reference date {:?}", args[1]);
        std::process::exit(2);
    };
    let bias = match args.get(3).map(String::as_str) {
        Some("future") => Bias::Future,
        Some("casual") => Bias::Casual,
        _ => Bias::News,
    };
    let opts = TagOptions {
        reference: Some(reference),
        ..TagOptions::default()
    };
    for d in find_detailed(&args[2], &opts, bias) {
        let t = &d.timex;
        println!(
            "{:?} {} {} {:?} {:?}..{:?} to={:?} {}",
            t.text,
            t.value,
            t.kind.as_str(),
            t.precision,
            d.start,
            d.end,
            d.to,
            d.grain
        );
    }
}
