//! HTML pages to plain text, keeping a map from text offsets to file
//! offsets. Scripts, styles, navigation, headers, footers, asides, forms and
//! figures are dropped; block elements become paragraph breaks; when the
//! page has an `<article>` element only its content (and the page's `<h1>`)
//! is kept. Also reads the title and the published time from `<meta>` and
//! `<time>` elements.

/// The text of a page with its offset map.
#[derive(Debug, Clone, Default)]
pub(super) struct HtmlText {
    /// The extracted text.
    pub text: String,
    /// `(text offset, file offset)` at the start of every run of copied
    /// bytes, sorted by text offset.
    pub map: Vec<(usize, usize)>,
    /// The `<title>`, else the `og:title` meta content; entities decoded.
    pub title: Option<String>,
    /// The `content` of a published-time meta element, or a `<time datetime>`.
    pub published: Option<String>,
}

/// Whether the bytes look like an HTML page.
pub(super) fn looks_like_html(text: &str) -> bool {
    let head = text.get(..text.len().min(1024)).unwrap_or("");
    let lower = head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body")
        || (lower.starts_with('<') && (lower.contains("<p>") || lower.contains("<div")))
}

const SKIP: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "figure",
    "figcaption",
    "button",
    "select",
    "svg",
    "iframe",
    "template",
    "head",
];
const BLOCK: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "article",
    "section",
    "tr",
    "td",
    "blockquote",
    "title",
    "main",
    "table",
    "dd",
    "dt",
    "hr",
    "pre",
];

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "eacute" => 'é',
        "aacute" => 'á',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "ccedil" => 'ç',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = if let Some(h) = n.strip_prefix(['x', 'X']) {
                u32::from_str_radix(h, 16).ok()?
            } else {
                n.parse().ok()?
            };
            char::from_u32(code)?
        }
    })
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at == 0 || lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[at + name.len()..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let vstart = tag.len() - rest.len() + 1;
        let v = tag[vstart..].trim_start();
        let vs = tag.len() - v.len();
        let q = v.chars().next()?;
        return if q == '"' || q == '\'' {
            let end = v[1..].find(q)?;
            Some(&tag[vs + 1..vs + 1 + end])
        } else {
            let end = v
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(v.len());
            Some(&tag[vs..vs + end])
        };
    }
    None
}

/// Converts a page to text.
pub(super) fn html_to_text(src: &str) -> HtmlText {
    let lower = src.to_ascii_lowercase();
    // restrict to the first <article> when there is one
    let (from, to) = match lower.find("<article") {
        Some(a) => (a, lower[a..].find("</article").map_or(src.len(), |e| a + e)),
        None => (0, src.len()),
    };
    let mut out = HtmlText::default();
    // title and published time from the whole page
    if let Some(t) = lower.find("<title") {
        if let Some(gt) = lower[t..].find('>') {
            let s = t + gt + 1;
            if let Some(e) = lower[s..].find("</title") {
                out.title = Some(decode(&src[s..s + e]).trim().to_string());
            }
        }
    }
    let mut at = 0;
    while let Some(p) = lower[at..].find("<meta") {
        let s = at + p;
        let e = lower[s..].find('>').map_or(lower.len(), |e| s + e);
        let tag = &src[s..e];
        let key = attr(tag, "property")
            .or_else(|| attr(tag, "name"))
            .unwrap_or("");
        let kl = key.to_ascii_lowercase();
        if out.published.is_none()
            && (kl.contains("published_time")
                || kl == "pubdate"
                || kl == "date"
                || kl.ends_with("publish-date"))
        {
            out.published = attr(tag, "content").map(str::to_string);
        }
        if (kl == "og:title") && out.title.is_none() {
            out.title = attr(tag, "content").map(decode);
        }
        at = e;
    }
    if out.published.is_none() {
        // "<time" followed by a space or ">", not "<timeline"
        let time_tag = lower.match_indices("<time").find(|(p, _)| {
            lower[p + 5..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_whitespace())
        });
        if let Some((p, _)) = time_tag {
            let e = lower[p..].find('>').map_or(lower.len(), |e| p + e);
            out.published = attr(&src[p..e], "datetime").map(str::to_string);
        }
    }
    // an <h1> before the article is kept as the headline
    if from > 0 {
        if let Some(h) = lower[..from].find("<h1") {
            if let Some(e) = lower[h..from].find("</h1") {
                walk(src, &lower, h, h + e, &mut out);
                push_break(&mut out);
            }
        }
    }
    walk(src, &lower, from, to, &mut out);
    out
}

fn push_break(out: &mut HtmlText) {
    if !out.text.is_empty() && !out.text.ends_with("\n\n") {
        out.text.push_str("\n\n");
    }
}

fn walk(src: &str, lower: &str, from: usize, to: usize, out: &mut HtmlText) {
    let b = src.as_bytes();
    let mut i = from;
    let mut skip_until: Option<String> = None;
    let mut last_space = true;
    while i < to {
        if b[i] == b'<' {
            // the tag runs to its '>', or to the end of the text when the
            // page is cut inside it (then its last character may be wide)
            let close = lower[i..to].find('>').map_or(to, |e| i + e);
            let end = (close + 1).min(to);
            if lower[i..].starts_with("<!--") {
                i = lower[i..to].find("-->").map_or(to, |e| i + e + 3);
                continue;
            }
            let tag = &lower[i + 1..close.max(i + 1)];
            let closing = tag.starts_with('/');
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if let Some(s) = &skip_until {
                if closing && &name == s {
                    skip_until = None;
                }
                i = end;
                continue;
            }
            if !closing && SKIP.contains(&name.as_str()) && !tag.ends_with('/') {
                skip_until = Some(name);
                i = end;
                continue;
            }
            if BLOCK.contains(&name.as_str()) {
                push_break(out);
                last_space = true;
            }
            i = end;
            continue;
        }
        if skip_until.is_some() {
            i += 1;
            continue;
        }
        if b[i] == b'&' {
            if let Some(semi) = entity_end(src, i, to) {
                if let Some(c) = entity(&src[i + 1..i + semi]) {
                    out.map.push((out.text.len(), i));
                    if c.is_whitespace() {
                        if !last_space {
                            out.text.push(' ');
                        }
                        last_space = true;
                    } else {
                        out.text.push(c);
                        last_space = false;
                    }
                    i += semi + 1;
                    continue;
                }
            }
        }
        let ch = src[i..].chars().next().unwrap_or(' ');
        let n = ch.len_utf8();
        if ch.is_whitespace() {
            if !last_space {
                out.map.push((out.text.len(), i));
                out.text.push(' ');
                last_space = true;
            }
        } else {
            if out
                .map
                .last()
                .is_none_or(|&(t, f)| out.text.len() - t != i - f)
            {
                out.map.push((out.text.len(), i));
            }
            out.text.push(ch);
            last_space = false;
        }
        i += n;
    }
}

/// The offset from `at` (an '&') of the ';' that ends a character
/// reference within 12 bytes and before `to`. Searched in bytes: the
/// window may end inside a character, and ';' never occurs inside one.
fn entity_end(s: &str, at: usize, to: usize) -> Option<usize> {
    let window = &s.as_bytes()[at..to.min(at + 12)];
    window.iter().position(|&b| b == b';')
}

fn decode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        if s.as_bytes()[i] == b'&' {
            if let Some(semi) = entity_end(s, i, s.len()) {
                if let Some(c) = entity(&s[i + 1..i + semi]) {
                    out.push(c);
                    i += semi + 1;
                    continue;
                }
            }
        }
        let ch = s[i..].chars().next().unwrap_or(' ');
        out.push(ch);
        i += ch.len_utf8();
    }
    out
}

/// Maps a text offset to a file offset with the map of [`HtmlText`].
pub(super) fn map_offset(map: &[(usize, usize)], pos: usize) -> usize {
    match map.binary_search_by(|&(t, _)| t.cmp(&pos)) {
        Ok(k) => map[k].1,
        Err(0) => pos,
        Err(k) => {
            let (t, f) = map[k - 1];
            f + (pos - t)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_tag_is_not_a_tag_starting_with_time() {
        let page = "<html><body><timeline data-x=\"1\"></timeline><article><p>Talks.</p>\
<time datetime=\"2014-03-30T10:00\">Sunday</time></article></body></html>";
        let h = html_to_text(page);
        assert_eq!(h.published.as_deref(), Some("2014-03-30T10:00"));
    }

    #[test]
    fn an_entity_window_ending_inside_a_character_is_read() {
        // "&D budget " then a dash of three bytes: the 12-byte window after
        // '&' ends inside the dash
        let page = "<p>the R&D budget \u{2014} cut on Monday; &amp; more</p>";
        let h = html_to_text(page);
        assert!(
            h.text.contains("R&D budget \u{2014} cut on Monday"),
            "{}",
            h.text
        );
        assert!(h.text.contains("; & more"), "{}", h.text);
        assert_eq!(
            decode("R&D \u{2014}\u{2014}; &lt;"),
            "R&D \u{2014}\u{2014}; <"
        );
    }

    #[test]
    fn a_page_cut_inside_a_tag_ending_in_a_wide_character_is_read() {
        for page in [
            "<p>Talks began.</p><div class=\"caf\u{e9}",
            "<p>Talks began.</p><\u{e9}",
            "<article><p>Talks began.</p><p title=\"\u{4e2d}",
        ] {
            let h = html_to_text(page);
            assert!(h.text.contains("Talks began."), "{page}: {}", h.text);
            assert!(!h.text.contains("class"), "{page}: {}", h.text);
        }
    }

    #[test]
    fn page_text_and_offsets() {
        let page = "<html><head><title>T &amp; U</title><script>var x=1;</script></head>\
<body><nav>Home | News</nav><article><p>Kerry met Lavrov in Paris.</p>\
<p>Putin&rsquo;s call.</p></article><footer>Read more</footer></body></html>";
        let h = html_to_text(page);
        assert_eq!(h.title.as_deref(), Some("T & U"));
        assert!(h.text.contains("Kerry met Lavrov in Paris."));
        assert!(!h.text.contains("Home"));
        assert!(!h.text.contains("Read more"));
        let k = h.text.find("Lavrov").unwrap();
        let f = map_offset(&h.map, k);
        assert_eq!(&page[f..f + 6], "Lavrov");
        let p = h.text.find("s call").unwrap();
        assert_eq!(
            &page[map_offset(&h.map, p)..map_offset(&h.map, p) + 6],
            "s call"
        );
    }
}
