//! One plain-English sentence per event: "John Kerry met Sergei Lavrov in
//! Paris", "Vladimir Putin spoke by phone with Angela Merkel", "John Kerry is
//! to meet NATO in Brussels".
//!
//! The sentence is built from the event's kind, its participants and their
//! roles, its place and its modality only; nothing is taken from the text.

use crate::model::{Event, EventKind, Modality, Role};

/// How a kind reads as a verb phrase.
struct Verb {
    /// Base form for "is to ...", "might ...", "did not ...".
    base: &'static str,
    /// Simple past.
    past: &'static str,
    /// What joins the verb to its object ("" for a direct object).
    prep: &'static str,
    /// The phrase when there is no object, base and past.
    alone_base: &'static str,
    alone_past: &'static str,
}

const fn verb(
    base: &'static str,
    past: &'static str,
    prep: &'static str,
    alone_base: &'static str,
    alone_past: &'static str,
) -> Verb {
    Verb {
        base,
        past,
        prep,
        alone_base,
        alone_past,
    }
}

fn verb_of(kind: EventKind) -> Verb {
    use EventKind::*;
    match kind {
        Statement => verb(
            "comment",
            "commented",
            "on",
            "make a statement",
            "made a statement",
        ),
        Appeal => verb(
            "appeal",
            "appealed",
            "to",
            "make an appeal",
            "made an appeal",
        ),
        Intent => verb(
            "make a pledge",
            "made a pledge",
            "to",
            "make a pledge",
            "made a pledge",
        ),
        Consult => verb(
            "consult",
            "consulted",
            "",
            "hold consultations",
            "held consultations",
        ),
        Call => verb(
            "speak by phone",
            "spoke by phone",
            "with",
            "make a phone call",
            "made a phone call",
        ),
        Visit => verb("visit", "visited", "", "make a visit", "made a visit"),
        Meet => verb("meet", "met", "", "hold a meeting", "held a meeting"),
        Negotiate => verb(
            "negotiate",
            "negotiated",
            "with",
            "hold negotiations",
            "held negotiations",
        ),
        Cooperate => verb(
            "cooperate",
            "cooperated",
            "with",
            "offer cooperation",
            "offered cooperation",
        ),
        Agree => verb(
            "reach an agreement",
            "reached an agreement",
            "with",
            "reach an agreement",
            "reached an agreement",
        ),
        Aid => verb("give aid", "gave aid", "to", "provide aid", "provided aid"),
        Yield => verb(
            "make concessions",
            "made concessions",
            "to",
            "make concessions",
            "made concessions",
        ),
        Deescalate => verb(
            "take steps to de-escalate",
            "took steps to de-escalate",
            "toward",
            "take steps to de-escalate",
            "took steps to de-escalate",
        ),
        Investigate => verb(
            "investigate",
            "investigated",
            "",
            "open an investigation",
            "opened an investigation",
        ),
        Demand => verb(
            "make demands",
            "made demands",
            "of",
            "make demands",
            "made demands",
        ),
        Disapprove => verb(
            "criticise",
            "criticised",
            "",
            "voice disapproval",
            "voiced disapproval",
        ),
        Accuse => verb(
            "accuse",
            "accused",
            "",
            "make an accusation",
            "made an accusation",
        ),
        Reject => verb(
            "rebuff",
            "rebuffed",
            "",
            "reject a proposal",
            "rejected a proposal",
        ),
        Threaten => verb(
            "threaten",
            "threatened",
            "",
            "issue a threat",
            "issued a threat",
        ),
        Protest => verb(
            "protest",
            "protested",
            "against",
            "hold a protest",
            "held a protest",
        ),
        Mobilize => verb(
            "mobilise forces",
            "mobilised forces",
            "against",
            "mobilise forces",
            "mobilised forces",
        ),
        ReduceRelations => verb(
            "reduce relations",
            "reduced relations",
            "with",
            "reduce relations",
            "reduced relations",
        ),
        Sanction => verb(
            "impose sanctions",
            "imposed sanctions",
            "on",
            "impose sanctions",
            "imposed sanctions",
        ),
        Coerce => verb(
            "take coercive action",
            "took coercive action",
            "against",
            "take coercive action",
            "took coercive action",
        ),
        Assault => verb(
            "attack",
            "attacked",
            "",
            "carry out an attack",
            "carried out an attack",
        ),
        Fight => verb("fight", "fought", "", "fight", "fought"),
        Occupy => verb(
            "occupy",
            "occupied",
            "",
            "occupy territory",
            "occupied territory",
        ),
        Vote => verb("vote", "voted", "on", "hold a vote", "held a vote"),
        _ => verb(
            "take part in an event",
            "took part in an event",
            "with",
            "take part in an event",
            "took part in an event",
        ),
    }
}

/// Joins names as English prose: "A", "A and B", "A, B and C".
pub(crate) fn join_names(names: &[&str]) -> String {
    match names.len() {
        0 => String::new(),
        1 => names[0].to_string(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

/// Who does and who is done to: sources (or, without sources, the first
/// participant) as subjects, targets and the other participants as objects.
pub(crate) fn subjects_and_objects(event: &Event) -> (Vec<&str>, Vec<&str>) {
    let mut subjects: Vec<&str> = Vec::new();
    let mut objects: Vec<&str> = Vec::new();
    let has_source = event.participants.iter().any(|p| p.role == Role::Source);
    for p in &event.participants {
        let name = p.actor.as_str();
        let is_subject = match p.role {
            Role::Source => true,
            Role::Target => false,
            Role::Participant => !has_source && subjects.is_empty(),
        };
        let list = if is_subject {
            &mut subjects
        } else {
            &mut objects
        };
        if !list.contains(&name) {
            list.push(name);
        }
    }
    objects.retain(|o| !subjects.contains(o));
    (subjects, objects)
}

/// The sentence for one event, without a final period.
pub fn event_sentence(event: &Event) -> String {
    event_sentence_about(event, None)
}

/// The sentence told from an actor's side where the event has no direction
/// (every actor a plain participant): "Sergei Lavrov met John Kerry" in
/// Lavrov's story. With a source and a target, the roles decide.
pub(crate) fn event_sentence_about(event: &Event, focus: Option<&str>) -> String {
    let verb = verb_of(event.kind);
    let (mut subjects, mut objects) = subjects_and_objects(event);
    let undirected = event
        .participants
        .iter()
        .all(|p| p.role == Role::Participant);
    if let Some(focus) = focus {
        if undirected {
            if let Some(i) = objects.iter().position(|o| *o == focus) {
                let name = objects.remove(i);
                objects.splice(0..0, subjects.drain(..));
                subjects.push(name);
            }
        }
    }
    let mut place_in_object = false;
    // a visit with no host reads "visited Crimea"
    if event.kind == EventKind::Visit && objects.is_empty() {
        if let Some(place) = event.place.as_deref() {
            objects.push(place);
            place_in_object = true;
        }
    }
    let subject = if subjects.is_empty() {
        "An unnamed party".to_string()
    } else {
        join_names(&subjects)
    };
    let plural = subjects.len() > 1;
    let mut phrase = String::new();
    let (base, past) = if objects.is_empty() {
        (verb.alone_base, verb.alone_past)
    } else {
        (verb.base, verb.past)
    };
    match event.modality {
        Modality::Asserted => phrase.push_str(past),
        Modality::Reported => {
            phrase.push_str("reportedly ");
            phrase.push_str(past);
        }
        Modality::Planned => {
            phrase.push_str(if plural { "are to " } else { "is to " });
            phrase.push_str(base);
        }
        Modality::Hypothetical => {
            phrase.push_str("might ");
            phrase.push_str(base);
        }
        Modality::Negated => {
            phrase.push_str("did not ");
            phrase.push_str(base);
        }
    }
    if !objects.is_empty() {
        if !verb.prep.is_empty() {
            phrase.push(' ');
            phrase.push_str(verb.prep);
        }
        phrase.push(' ');
        phrase.push_str(&join_names(&objects));
    }
    let mut sentence = format!("{subject} {phrase}");
    if let Some(place) = event.place.as_deref() {
        // "Obama visited China", not "Obama visited China in China"
        let named = subjects
            .iter()
            .chain(objects.iter())
            .any(|n| n.trim().eq_ignore_ascii_case(place.trim()));
        if !place_in_object && !named && !place.trim().is_empty() {
            sentence.push_str(" in ");
            sentence.push_str(place);
        }
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Participant, When};
    use chrono::NaiveDate;

    fn event(kind: EventKind, parts: &[(&str, Role)], place: Option<&str>, m: Modality) -> Event {
        Event {
            id: "e".into(),
            kind,
            cameo: None,
            source_code: None,
            target_code: None,
            when: When::day(NaiveDate::from_ymd_opt(2014, 3, 30).unwrap()),
            participants: parts
                .iter()
                .map(|(a, r)| Participant {
                    actor: a.to_string(),
                    role: *r,
                })
                .collect(),
            place: place.map(str::to_string),
            modality: m,
            mentions: vec![],
            confidence: 1.0,
        }
    }

    fn check(e: Event, expected: &str) {
        assert_eq!(event_sentence(&e), expected);
    }

    #[test]
    fn an_actor_story_puts_the_actor_first_when_roles_allow() {
        use Role::*;
        let meet = event(
            EventKind::Meet,
            &[
                ("John Kerry", Participant),
                ("Sergei Lavrov", Participant),
                ("C", Participant),
            ],
            Some("Paris"),
            Modality::Asserted,
        );
        assert_eq!(
            event_sentence_about(&meet, Some("Sergei Lavrov")),
            "Sergei Lavrov met John Kerry and C in Paris"
        );
        assert_eq!(
            event_sentence_about(&meet, Some("Nobody")),
            "John Kerry met Sergei Lavrov and C in Paris"
        );
        let call = event(
            EventKind::Call,
            &[("Vladimir Putin", Source), ("Angela Merkel", Target)],
            None,
            Modality::Asserted,
        );
        assert_eq!(
            event_sentence_about(&call, Some("Angela Merkel")),
            "Vladimir Putin spoke by phone with Angela Merkel"
        );
    }

    #[test]
    fn sentences_read_as_english() {
        use Role::*;
        check(
            event(
                EventKind::Meet,
                &[("John Kerry", Participant), ("Sergei Lavrov", Participant)],
                Some("Paris"),
                Modality::Asserted,
            ),
            "John Kerry met Sergei Lavrov in Paris",
        );
        check(
            event(
                EventKind::Call,
                &[("Vladimir Putin", Source), ("Angela Merkel", Target)],
                None,
                Modality::Asserted,
            ),
            "Vladimir Putin spoke by phone with Angela Merkel",
        );
        check(
            event(
                EventKind::Visit,
                &[("Dmitry Medvedev", Source)],
                Some("Crimea"),
                Modality::Asserted,
            ),
            "Dmitry Medvedev visited Crimea",
        );
        check(
            event(
                EventKind::Meet,
                &[("John Kerry", Participant), ("NATO", Participant)],
                Some("Brussels"),
                Modality::Planned,
            ),
            "John Kerry is to meet NATO in Brussels",
        );
        check(
            event(
                EventKind::Statement,
                &[("Douglas Lute", Source)],
                None,
                Modality::Asserted,
            ),
            "Douglas Lute made a statement",
        );
        check(
            event(
                EventKind::Sanction,
                &[
                    ("United States", Source),
                    ("EU", Source),
                    ("Russia", Target),
                ],
                None,
                Modality::Hypothetical,
            ),
            "United States and EU might impose sanctions on Russia",
        );
        check(
            event(
                EventKind::Meet,
                &[("A", Participant), ("B", Participant), ("C", Participant)],
                None,
                Modality::Negated,
            ),
            "A did not meet B and C",
        );
        check(
            event(
                EventKind::Visit,
                &[("Barack Obama", Source), ("China", Target)],
                Some("china"),
                Modality::Reported,
            ),
            "Barack Obama reportedly visited China",
        );
        check(
            event(EventKind::Vote, &[], None, Modality::Planned),
            "An unnamed party is to hold a vote",
        );
    }
}
