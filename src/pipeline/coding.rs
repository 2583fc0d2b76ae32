//! Articles' events coded with the analyst's PETRARCH dictionaries
//! (`ingest --dictionaries DIR`, docs/coding.md): after the extraction,
//! each event's trigger sentence (its first evidence span) is coded with a
//! [`Coder`] on the event's day, and a coding whose CAMEO code is of the
//! event's kind gives the event its `cameo` and its source's and target's
//! actor codes (`source_code`, `target_code`: `RUSGOV`, `DEU`; GDELT's
//! `Actor1Code` and `Actor2Code`). The kind, participants and dates stay
//! the extraction's, so the event lands where a GDELT or ICEWS row of the
//! same code does.

use crate::model::{content_hash, EventKind, Report};
use crate::petrarch::{Coder, Coding, Dictionaries, DictionaryFiles, LoadError};
use std::collections::BTreeMap;

/// A coder for articles, with a fingerprint of its dictionaries' files (an
/// article coded with other dictionaries is another document).
#[derive(Debug)]
pub struct ArticleCoder {
    coder: Coder,
    fingerprint: String,
}

impl ArticleCoder {
    /// Reads the dictionaries (see [`Dictionaries::load`]; `strict` makes
    /// a line a lenient read skips an error).
    pub fn load(files: &DictionaryFiles, strict: bool) -> Result<ArticleCoder, LoadError> {
        let dicts = Dictionaries::load(files, strict)?;
        // the files were just read: their bytes make the fingerprint
        let mut bytes = Vec::new();
        let paths = files
            .verbs
            .iter()
            .chain(&files.actors)
            .chain(&files.agents)
            .chain(&files.discards);
        for path in paths {
            let content = std::fs::read(path).map_err(|source| LoadError::Io {
                file: path.clone(),
                source,
            })?;
            bytes.extend_from_slice(content_hash(&content).as_bytes());
            bytes.push(b'\n');
        }
        Ok(ArticleCoder {
            coder: Coder::new(dicts),
            fingerprint: content_hash(&bytes),
        })
    }

    /// The coder.
    pub fn coder(&self) -> &Coder {
        &self.coder
    }

    /// A hash of the dictionaries' files, in the order they are read.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Sets the CAMEO code of the report's events from the codings of
    /// their trigger sentences; `text` is the whole article, searched for
    /// a story discard phrase (which leaves every event as it was).
    pub fn code_report(&self, report: &mut Report, text: &str) {
        if self
            .coder
            .dictionaries()
            .discards
            .find_kind(text, true)
            .is_some()
        {
            return;
        }
        // the codings of a sentence on a day, coded once
        let mut coded: BTreeMap<(usize, usize, Option<i32>), Vec<Coding>> = BTreeMap::new();
        for event in &mut report.events {
            let Some(trigger) = event.evidence.first() else {
                continue;
            };
            let day = event.when.as_ref().map(|w| w.day_span().0);
            let codings = coded
                .entry((trigger.start, trigger.end, day))
                .or_insert_with(|| {
                    self.coder
                        .code_text(&trigger.text, day)
                        .into_iter()
                        .filter(|s| s.discarded.is_none())
                        .flat_map(|s| s.codings)
                        .collect()
                });
            if let Some(coding) = chosen_coding(codings, event.kind, event.cameo.as_deref()) {
                event.cameo = Some(coding.code.clone());
                event.source_code = actor_code(&coding.source);
                event.target_code = actor_code(&coding.target);
            }
        }
    }
}

/// The first coding of the event's kind, one whose code equals or refines
/// the event's code first (`"1831"` for an event coded `"183"`).
fn chosen_coding<'c>(
    codings: &'c [Coding],
    kind: EventKind,
    cameo: Option<&str>,
) -> Option<&'c Coding> {
    let of_kind = || {
        codings
            .iter()
            .filter(move |c| EventKind::from_cameo(&c.code) == Some(kind))
    };
    cameo
        .and_then(|current| of_kind().find(|c| c.code.starts_with(current.trim())))
        .or_else(|| of_kind().next())
}

/// A coding's actor code as stored: `---` (no actor) is none.
fn actor_code(code: &str) -> Option<String> {
    (code != "---" && !code.is_empty()).then(|| code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coding(code: &str) -> Coding {
        Coding {
            source: "AAA".into(),
            target: "BBB".into(),
            code: code.into(),
            verb: 0,
            pattern_line: None,
        }
    }

    fn chosen_code<'c>(
        codings: &'c [Coding],
        kind: EventKind,
        cameo: Option<&str>,
    ) -> Option<&'c str> {
        chosen_coding(codings, kind, cameo).map(|c| c.code.as_str())
    }

    #[test]
    fn the_code_must_be_of_the_events_kind_and_a_refinement_wins() {
        let codings = [coding("112"), coding("111"), coding("1101")];
        // 112 is an accusation, not a disapproval
        assert_eq!(
            chosen_code(&codings, EventKind::Disapprove, None),
            Some("111")
        );
        assert_eq!(
            chosen_code(&codings, EventKind::Disapprove, Some("110")),
            Some("1101")
        );
        assert_eq!(chosen_code(&codings, EventKind::Accuse, None), Some("112"));
        assert_eq!(chosen_code(&codings, EventKind::Meet, Some("044")), None);
        assert_eq!(chosen_code(&[], EventKind::Other, None), None);
    }

    #[test]
    fn no_actor_is_no_code() {
        assert_eq!(actor_code("---"), None);
        assert_eq!(actor_code("---GOV"), Some("---GOV".to_string()));
        assert_eq!(actor_code("RUSGOV"), Some("RUSGOV".to_string()));
    }
}
