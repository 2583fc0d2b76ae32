//! Participants, modality and date of a trigger read from the dependency
//! parse (`extract::parse`): subjects, objects and obliques by relation,
//! conjuncts distributed, appositions and titles to their head name, the
//! arguments of nominal triggers from `nmod`/`nmod:poss` and the verb that
//! supports them, subjects inherited through control (`xcomp`), shared
//! subjects of conjoined and adverbial clauses and relative clauses.
//! Nothing here reads token positions: what the tree does not give, the
//! caller takes from its positional frames.

use super::lexdata::Frame;
use super::mentions::Doc;
use super::parse::{Parse, Rel};
use crate::model::{ActorKind, Modality, Role};
use crate::syntax::Upos;

/// Nouns for a group of people acting for a country or body: "the leaders
/// of X", "the government of X", "delegations from X and Y" act as X.
const GROUP_HEADS: &[&str] = &[
    "leader",
    "president",
    "head",
    "government",
    "minister",
    "official",
    "representative",
    "delegation",
    "member",
    "side",
];

/// Verbs whose subject is the agent of their nominal object ("held talks",
/// "paid a visit", "signed an agreement", "imposed sanctions").
/// "survived a no-confidence vote", "won the vote"; "repeated (renewed)
/// its vow", "reiterated the demand": the subject makes the act again.
pub(super) const SUPPORT_VERBS: &[&str] = &[
    "hold",
    "have",
    "attend",
    "join",
    "host",
    "begin",
    "start",
    "open",
    "conduct",
    "resume",
    "pay",
    "make",
    "sign",
    "reach",
    "conclude",
    "strike",
    "seal",
    "clinch",
    "ink",
    "impose",
    "launch",
    "continue",
    "wrap",
    "finish",
    "complete",
    "end",
    "level",
    "place",
    "announce",
    "agree",
    "kick",
    "survive",
    "win",
    "lose",
    "repeat",
    "renew",
    "reiterate",
    "reaffirm",
];

/// Verbs whose object an event noun as their subject is aimed at ("the
/// sanctions target X", "the strikes hit X", "the ban covers X").
const TARGET_VERBS: &[&str] = &["target", "hit", "affect", "cover", "name", "list"];

/// Verbs whose subject convenes, opens or attends the gathering their
/// object names ("X opened the summit", "X will host a conference").
const CONVENE_VERBS: &[&str] = &[
    "host", "open", "launch", "convene", "chair", "attend", "organize", "organise",
];

/// Nouns of a gathering of many parties: one who convenes or attends it
/// takes part in a meeting whoever the others are ("X launched the
/// summit"; not "X held talks", whose partner is missing).
const GATHERING_NOUNS: &[&str] = &[
    "summit",
    "conference",
    "congress",
    "convention",
    "forum",
    "assembly",
];

/// Verbs whose `xcomp` is a plan ("plans to meet", "agreed to visit").
const PLAN_VERBS: &[&str] = &[
    "plan", "expect", "intend", "aim", "agree", "schedule", "set", "due", "propose", "prepare",
    "decide", "promise", "pledge", "vow", "offer", "invite", "go",
];

/// Verbs and nouns of wish, hope and fear: what their complement names is
/// wanted or feared, not scheduled ("hopes to meet", "wants to seize",
/// "fears that X will attack"): hypothetical.
const WISH_WORDS: &[&str] = &[
    "hope", "want", "wish", "seek", "fear", "worry", "dream", "like", "love", "desire", "threaten",
    "willing", "ready", "eager", "keen",
];

/// Verbs and nouns whose "that" clause is asked for, not reported
/// ("demanded that X withdraw", "the proposal that they meet").
const ASK_THAT_WORDS: &[&str] = &[
    "demand",
    "request",
    "ask",
    "urge",
    "propose",
    "proposal",
    "suggest",
    "recommend",
    "recommendation",
    "call",
];

/// Verbs that, with an object of their own, ask it to act ("urged X to
/// withdraw", "expects X to release", "pressed X to agree"): the asked
/// event is wanted, not planned by its actor.
const ASK_OBJECT_VERBS: &[&str] = &[
    "urge",
    "press",
    "push",
    "ask",
    "appeal",
    "demand",
    "expect",
    "want",
    "wish",
    "encourage",
    "pressure",
    "order",
    "warn",
    "implore",
    "challenge",
    "dare",
    // permitted, not reported done: "allowed X to elect", "authorized
    // the army to strike"
    "allow",
    "permit",
    "authorize",
    "authorise",
    "enable",
];

/// Verbs and nouns whose `xcomp` (or infinitive) did not happen
/// ("refused to sign", "failed to reach", "declined to meet", "the
/// refusal to extradite"): the event is negated.
const REFUSE_WORDS: &[&str] = &[
    "refuse",
    "decline",
    "fail",
    "refusal",
    "failure",
    "reluctance",
    "unable",
];

/// Verbs that ask for what their object or "for" phrase names ("called
/// for talks"): a wanted event, planned rather than held.
const ASK_VERBS: &[&str] = &[
    "call", "press", "push", "appeal", "ask", "urge", "demand", "propose", "seek",
];

/// Nouns of an aim whose copular infinitive is a plan, not a fact ("her
/// priority is to lift the ban", "the aim was to reach a deal").
const GOAL_NOUNS: &[&str] = &[
    "priority",
    "aim",
    "goal",
    "plan",
    "intention",
    "task",
    "objective",
    "mission",
    "purpose",
];

/// Verbs whose "would" clause reports a plan, a future in the past ("said
/// he would visit X", "announced they would meet"): planned, not
/// conditional.
const REPORT_VERBS: &[&str] = &[
    "say", "tell", "announce", "state", "confirm", "declare", "add", "report", "promise", "pledge",
    "vow", "agree", "insist", "indicate", "signal", "reveal", "write", "explain", "note", "decide",
];

/// Verbs whose nominal object or oblique names what they bring about ("the
/// talks resulted in a truce", "could lead to a ceasefire", "would bring
/// about a deal"): the noun's event has the verb's modality.
const OUTCOME_VERBS: &[&str] = &["result", "lead", "bring", "produce", "yield", "culminate"];

/// Adjectives of a noun trigger that make it a plan ("the planned talks").
const PLAN_ADJECTIVES: &[&str] = &[
    "planned",
    "upcoming",
    "proposed",
    "future",
    "scheduled",
    "expected",
    "forthcoming",
    "next",
    "new",
    "awaited",
    "long-awaited",
    "anticipated",
    "much-anticipated",
    "prospective",
    "mooted",
];

/// Whether nominal `t` is the object of a verb that is not its support
/// verb ("X condemned the attack"): that verb's subject is not the noun's
/// agent.
pub(super) fn object_of_other_verb(parse: &Parse, t: u32) -> bool {
    let word = parse.word(t);
    matches!(word.upos, Upos::Noun | Upos::Propn)
        && word.rel == Rel::Obj
        && parse.head(t).is_some_and(|h| {
            let verb = parse.word(h);
            verb.upos == Upos::Verb && !SUPPORT_VERBS.contains(&&*verb.lemma)
        })
}

/// The arguments of a trigger by relation, each a list of actors.
#[derive(Debug, Default, Clone)]
pub(super) struct Deps {
    /// Active subject.
    pub subj: Vec<usize>,
    /// Passive subject.
    pub pass_subj: Vec<usize>,
    /// Direct and indirect objects.
    pub obj: Vec<usize>,
    /// The passive agent or "by X".
    pub agent: Vec<usize>,
    /// "with X", "alongside X".
    pub with: Vec<usize>,
    /// "between X and Y", "among X".
    pub between: Vec<usize>,
    /// "to X", "into X".
    pub to: Vec<usize>,
    /// "against X", "on X", "over X".
    pub against: Vec<usize>,
    /// "X's" and proper-noun compounds ("the X-Y talks").
    pub poss: Vec<usize>,
    /// "for X", "in honour of X".
    pub for_: Vec<usize>,
    /// Attending: the subject of a verb with the trigger "at"/"during" it.
    pub attend: Vec<usize>,
}

/// The tree of one sentence with its argument mentions.
pub(super) struct Tree<'c, 'a> {
    /// The document.
    pub doc: &'c Doc<'a>,
    /// The parse of the document.
    pub parse: &'c Parse,
    /// The sentence's argument mentions: (first token, end token, actor).
    pub args: &'c [(usize, usize, usize)],
}

fn push(out: &mut Vec<usize>, a: usize) {
    if !out.contains(&a) {
        out.push(a);
    }
}

impl Tree<'_, '_> {
    /// The actor of the mention covering the token of word `w`.
    fn actor_at(&self, w: u32) -> Option<usize> {
        let t = self.parse.word(w).tok as usize;
        self.args
            .iter()
            .filter(|m| m.0 <= t && t < m.1)
            .max_by_key(|m| m.1 - m.0)
            .map(|m| m.2)
    }

    /// The actors a nominal `w` names: its mention, else a name in
    /// apposition, flat or compound with it, else the country of a group
    /// noun ("the leaders of X"), else the head noun of a relative
    /// pronoun; and those of its conjuncts.
    pub fn actors_of(&self, w: u32, out: &mut Vec<usize>) {
        self.actors_of_depth(w, out, 0);
    }

    fn actors_of_depth(&self, w: u32, out: &mut Vec<usize>, depth: usize) {
        if depth > 12 {
            return;
        }
        let p = self.parse;
        let word = p.word(w);
        let mut found = self.actor_at(w);
        if found.is_none() {
            found = p
                .children(w)
                .iter()
                .filter(|&&c| matches!(p.word(c).rel, Rel::Appos | Rel::Flat | Rel::Compound))
                .find_map(|&c| self.actor_at(c));
        }
        if found.is_none() && word.upos == Upos::Noun && GROUP_HEADS.contains(&&*word.lemma) {
            // "the leaders of X and Y": each country's leader as the
            // article names them, else the country
            let leaders = matches!(&*word.lemma, "leader" | "president" | "head");
            if let Some(&c) = p
                .children(w)
                .iter()
                .find(|&&c| p.word(c).rel == Rel::Nmod && matches!(p.case_of(c), "of" | "from"))
            {
                let mut countries = Vec::new();
                self.actors_of_depth(c, &mut countries, depth + 1);
                for x in countries {
                    let person = leaders.then(|| self.leader_of(x)).flatten().unwrap_or(x);
                    push(out, person);
                }
            }
        }
        if found.is_none()
            && word.upos == Upos::Pron
            && matches!(&*word.lemma, "who" | "which" | "that")
        {
            // the relative pronoun stands for the noun the clause modifies
            if let Some(clause) = p.head(w).filter(|&h| p.word(h).rel == Rel::AclRelcl) {
                if let Some(noun) = p.head(clause) {
                    let mut inner = Vec::new();
                    self.actors_of_depth(noun, &mut inner, depth + 1);
                    for a in inner {
                        push(out, a);
                    }
                }
            }
        }
        if let Some(a) = found {
            push(out, a);
        }
        for &c in p.children(w) {
            let x = p.word(c);
            // a conjunct; an apposition with its own "and" is one too
            // (the parser's reading of "X and President Y")
            let conjunct = x.rel == Rel::Conj
                || (x.rel == Rel::Appos
                    && p.children(c).iter().any(|&g| {
                        p.word(g).rel == Rel::Cc && matches!(&*p.word(g).lemma, "and" | "&")
                    }));
            if conjunct && matches!(x.upos, Upos::Noun | Upos::Propn | Upos::Pron) {
                self.actors_of_depth(c, out, depth + 1);
            }
            // "X, the Y minister, and Z": the parser hangs the next name
            // of the list on the apposition
            if x.rel == Rel::Appos && !conjunct {
                for &g in p.children(c) {
                    if p.word(g).rel == Rel::Conj && p.word(g).upos == Upos::Propn {
                        self.actors_of_depth(g, out, depth + 1);
                    }
                }
            }
        }
    }

    /// The person the article names as the leader of country `c`: the one
    /// person affiliated with it, or among several the one with a
    /// head-of-state or head-of-government title.
    fn leader_of(&self, c: usize) -> Option<usize> {
        let doc = self.doc;
        if doc.actors[c].kind != ActorKind::Country {
            return None;
        }
        let people: Vec<usize> = (0..doc.actors.len())
            .filter(|&a| {
                doc.actors[a].kind == ActorKind::Person && doc.actors[a].affiliation == Some(c)
            })
            .collect();
        if people.len() == 1 {
            return Some(people[0]);
        }
        let heads: Vec<usize> = people
            .into_iter()
            .filter(|&a| {
                doc.actors[a].title.as_deref().is_some_and(|t| {
                    matches!(
                        t.to_lowercase().as_str(),
                        "president" | "prime minister" | "chancellor" | "king" | "premier"
                    )
                })
            })
            .collect();
        (heads.len() == 1).then(|| heads[0])
    }

    /// The arguments of word `t` by relation, with the subject inherited
    /// when it has none of its own, and those of the verb that supports a
    /// nominal trigger.
    pub fn deps(&self, t: u32) -> Deps {
        let p = self.parse;
        let mut d = Deps::default();
        self.own_deps(t, &mut d);
        let word = p.word(t);
        let nominal = matches!(word.upos, Upos::Noun | Upos::Propn);
        if nominal {
            // "the attack that X launched": the subject of a support verb in
            // a relative clause on the noun is its agent
            for &c in p.children(t) {
                let x = p.word(c);
                if x.rel == Rel::AclRelcl && SUPPORT_VERBS.contains(&&*x.lemma) {
                    let mut verb = Deps::default();
                    self.own_deps(c, &mut verb);
                    for a in verb.subj {
                        push(&mut d.subj, a);
                    }
                }
            }
            // "a visit by X to Y": a phrase the parser hangs on the noun's
            // argument belongs to the noun
            let arguments: Vec<u32> = p
                .children(t)
                .iter()
                .copied()
                .filter(|&c| {
                    matches!(p.word(c).rel, Rel::Nmod | Rel::NmodPoss)
                        && matches!(p.case_of(c), "by" | "'s" | "\u{2019}s" | "")
                })
                .collect();
            for a in arguments {
                for &g in p.children(a) {
                    if p.word(g).rel != Rel::Nmod {
                        continue;
                    }
                    let list = match p.case_of(g) {
                        "to" => &mut d.to,
                        "with" => &mut d.with,
                        "between" => &mut d.between,
                        _ => continue,
                    };
                    let mut found = Vec::new();
                    self.actors_of(g, &mut found);
                    for x in found {
                        push(list, x);
                    }
                }
            }
            // "the ceremony hosted by X", "the truce brokered by X": the
            // agent of a participle on the noun is its agent
            for &c in p.children(t) {
                let x = p.word(c);
                if x.rel == Rel::Acl && x.upos == Upos::Verb {
                    let mut verb = Deps::default();
                    self.own_deps(c, &mut verb);
                    for a in verb.agent {
                        push(&mut d.agent, a);
                    }
                }
            }
            if let Some(h) = p.head(t) {
                let hw = p.word(h);
                // "kicked off the summit", "wrapped up the talks": the
                // parser reads the particle as the noun's preposition
                let particle = word.rel == Rel::Obl && matches!(p.case_of(t), "off" | "up");
                let supported = (word.rel == Rel::Obj || particle)
                    && hw.upos == Upos::Verb
                    && SUPPORT_VERBS.contains(&&*hw.lemma);
                if supported {
                    let mut verb = Deps::default();
                    self.own_deps(h, &mut verb);
                    if verb.subj.is_empty() && verb.pass_subj.is_empty() {
                        verb.subj = self.subject(h, 0);
                    }
                    for a in verb.subj {
                        push(&mut d.subj, a);
                    }
                    for (from, to) in [
                        (verb.with, &mut d.with),
                        (verb.between, &mut d.between),
                        (verb.to, &mut d.to),
                        (verb.against, &mut d.against),
                        (verb.agent, &mut d.agent),
                        (verb.for_, &mut d.for_),
                    ] {
                        for a in from {
                            push(to, a);
                        }
                    }
                }
                // "X spoke at the summit": X attends it (below)
                if matches!(word.rel, Rel::Obl | Rel::Nmod)
                    && matches!(p.case_of(t), "at" | "during" | "on" | "to" | "in")
                    && hw.upos == Upos::Verb
                {
                    d.attend = self.subject(h, 0);
                }
            }
            // "X agreed after long talks", "X said following the meeting":
            // the subject of the verb a phrase of time after or during
            // the meeting modifies took part in it; the parser often hangs
            // such a phrase on a noun of the clause, so the verb is found
            // up through nominal heads
            if d.attend.is_empty()
                && matches!(word.rel, Rel::Obl | Rel::Nmod)
                && matches!(
                    p.case_of(t),
                    "after" | "following" | "during" | "throughout"
                )
            {
                let mut w = t;
                for _ in 0..4 {
                    let Some(up) = p.head(w) else { break };
                    let x = p.word(up);
                    if x.upos == Upos::Verb {
                        d.attend = self.subject(up, 0);
                        break;
                    }
                    if !(matches!(x.upos, Upos::Noun | Upos::Propn)
                        && matches!(x.rel, Rel::Obl | Rel::Obj | Rel::Nmod))
                    {
                        break;
                    }
                    w = up;
                }
            }
        } else if d.subj.is_empty() && d.pass_subj.is_empty() {
            let inherited = self.inherited_subject(t, &mut d);
            d.subj = inherited;
        }
        d
    }

    /// The arguments `t` has as its own children.
    fn own_deps(&self, t: u32, d: &mut Deps) {
        let p = self.parse;
        // "in the presence of X": X is with those who act
        let presence = &*p.word(t).lemma == "presence";
        for &c in p.children(t) {
            let x = p.word(c);
            let list: &mut Vec<usize> = match x.rel {
                Rel::Nsubj => &mut d.subj,
                Rel::NsubjPass => &mut d.pass_subj,
                Rel::Obj | Rel::Iobj => &mut d.obj,
                Rel::OblAgent => &mut d.agent,
                Rel::NmodPoss => &mut d.poss,
                Rel::Compound if x.upos == Upos::Propn => &mut d.poss,
                Rel::Obl | Rel::Nmod => match p.case_of(c) {
                    "with" | "alongside" => &mut d.with,
                    "between" | "among" => &mut d.between,
                    "to" | "into" => &mut d.to,
                    "against" | "on" | "over" => &mut d.against,
                    "by" => &mut d.agent,
                    "for" => &mut d.for_,
                    "of" if presence => &mut d.with,
                    _ => continue,
                },
                _ => continue,
            };
            let mut found = Vec::new();
            self.actors_of(c, &mut found);
            for a in found {
                push(list, a);
            }
        }
    }

    /// The subject of a clause `t` without one of its own: the object (else
    /// the subject) of the verb it completes ("invited X to visit", "X
    /// agreed to meet"), the subject of the clause it is conjoined to or
    /// modifies ("X arrived and met Y", "after meeting Y, X said"), the noun
    /// a relative or participle clause modifies ("X, meeting Y, ...").
    fn inherited_subject(&self, t: u32, d: &mut Deps) -> Vec<usize> {
        let p = self.parse;
        let word = p.word(t);
        let Some(h) = p.head(t) else {
            return Vec::new();
        };
        let infinitive = self.infinitive(t);
        match word.rel {
            Rel::Xcomp | Rel::Advcl if word.rel == Rel::Xcomp || infinitive => {
                let mut head = Deps::default();
                self.own_deps(h, &mut head);
                if !head.obj.is_empty() && p.word(h).upos == Upos::Verb {
                    head.obj
                } else {
                    self.subject(h, 1)
                }
            }
            Rel::Conj | Rel::Advcl if p.word(h).upos == Upos::Verb => self.subject(h, 1),
            Rel::AclRelcl | Rel::Acl => {
                let mut noun = Vec::new();
                self.actors_of(h, &mut noun);
                let ing = self.doc.low(word.tok as usize).ends_with("ing");
                if word.rel == Rel::Acl && !ing {
                    // "the talks held by X": the noun is what was done
                    for a in noun {
                        push(&mut d.obj, a);
                    }
                    Vec::new()
                } else {
                    noun
                }
            }
            _ => Vec::new(),
        }
    }

    /// Whether clause `w` is introduced by "that".
    fn marked_that(&self, w: u32) -> bool {
        let p = self.parse;
        p.children(w)
            .iter()
            .any(|&c| p.word(c).rel == Rel::Mark && &*p.word(c).lemma == "that")
    }

    /// Whether clause `w` holds a relative word ("which", "who", "that",
    /// "where", ...): a relative clause the parser did not make of a main
    /// clause it misread.
    fn relative_word(&self, w: u32) -> bool {
        let p = self.parse;
        p.children(w).iter().any(|&c| {
            matches!(
                &*p.word(c).lemma,
                "which" | "who" | "whom" | "whose" | "that" | "where" | "when"
            )
        })
    }

    /// The relative clause that holds word `t` and whose relative
    /// pronoun is its subject or object ("the package, which imposes
    /// sanctions, ...", "the accord that X signed"), if any: the root of
    /// that clause. A clause whose relative word is an adverbial ("during
    /// which", "where", "when") happens at its noun's time and is none.
    pub fn relative_clause_of(&self, t: u32) -> Option<u32> {
        let p = self.parse;
        let mut w = t;
        for _ in 0..16 {
            if p.word(w).rel == Rel::AclRelcl {
                let argument = p.children(w).iter().any(|&c| {
                    let x = p.word(c);
                    matches!(&*x.lemma, "which" | "who" | "whom" | "that")
                        && matches!(x.rel, Rel::Nsubj | Rel::NsubjPass | Rel::Obj | Rel::Iobj)
                });
                return argument.then_some(w);
            }
            w = p.head(w)?;
        }
        None
    }

    /// Whether relative clause `w` is a "that" complement the parser read
    /// as a relative clause: "that" is its object, but it has an object
    /// of its own ("the demand that X withdraw its troops").
    fn that_clause_misread(&self, w: u32) -> bool {
        let p = self.parse;
        let mut that = false;
        let mut object = false;
        for &c in p.children(w) {
            let x = p.word(c);
            if x.rel == Rel::Obj {
                if &*x.lemma == "that" {
                    that = true;
                } else {
                    object = true;
                }
            }
        }
        p.word(w).rel == Rel::AclRelcl && that && object
    }

    /// The noun of wish, fear or refusal (`WISH_WORDS`, `REFUSE_WORDS`)
    /// right before clause `w` when the parser hangs the clause on that
    /// noun's head `h` instead of the noun: "rose over fears the minister
    /// will concede" (`ccomp` of "rose"), "angered by the refusal to
    /// extradite him" (`advcl` of "angered").
    fn clause_noun(&self, w: u32, h: u32) -> Option<u32> {
        let p = self.parse;
        if !matches!(
            p.word(w).rel,
            Rel::Ccomp | Rel::Advcl | Rel::Xcomp | Rel::Acl
        ) {
            return None;
        }
        // the clause's first word
        let mut first = w;
        for _ in 0..16 {
            match p.children(first).first() {
                Some(&c) if p.word(c).tok < p.word(first).tok => first = c,
                _ => break,
            }
        }
        let start = p.word(first).tok;
        p.children(h).iter().copied().find(|&n| {
            let x = p.word(n);
            x.tok + 1 == start
                && matches!(x.rel, Rel::Obl | Rel::Obj | Rel::Nsubj | Rel::NsubjPass)
                && (WISH_WORDS.contains(&&*x.lemma) || REFUSE_WORDS.contains(&&*x.lemma))
        })
    }

    /// Whether clause `w` is a "to" infinitive.
    fn infinitive(&self, w: u32) -> bool {
        let p = self.parse;
        p.children(w)
            .iter()
            .any(|&c| p.word(c).rel == Rel::Mark && &*p.word(c).lemma == "to")
    }

    /// The subject of `w`: its own (active, else passive), else inherited.
    fn subject(&self, w: u32, depth: usize) -> Vec<usize> {
        let mut d = Deps::default();
        self.own_deps(w, &mut d);
        if !d.subj.is_empty() {
            return d.subj;
        }
        if !d.pass_subj.is_empty() {
            return d.pass_subj;
        }
        if depth > 4 {
            return Vec::new();
        }
        let p = self.parse;
        let word = p.word(w);
        match (word.rel, p.head(w)) {
            (Rel::Xcomp | Rel::Conj | Rel::Advcl, Some(h)) if p.word(h).upos == Upos::Verb => {
                if word.rel == Rel::Xcomp {
                    let mut head = Deps::default();
                    self.own_deps(h, &mut head);
                    if !head.obj.is_empty() {
                        return head.obj;
                    }
                }
                self.subject(h, depth + 1)
            }
            _ => Vec::new(),
        }
    }

    /// The participants of trigger word `t` read by `frame`, or `None`
    /// when the tree names none of the parties the frame needs.
    pub fn participants(&self, t: u32, frame: Frame) -> Option<Vec<(usize, Role)>> {
        let d = self.deps(t);
        let nominal = matches!(self.parse.word(t).upos, Upos::Noun | Upos::Propn);
        let mut out: Vec<(usize, Role)> = Vec::new();
        let add = |out: &mut Vec<(usize, Role)>, list: &[usize], role: Role| {
            for &a in list {
                if !out.iter().any(|p| p.0 == a) {
                    out.push((a, role));
                }
            }
        };
        match frame {
            Frame::Say => {
                add(&mut out, &d.subj, Role::Source);
                // "according to X", "according to X's statement (a readout
                // by X)": the source is the noun the phrase marks, its own
                // name or the name that modifies it
                let word = self.parse.word(t);
                if out.is_empty() && &*word.lemma == "accord" && word.rel == Rel::Case {
                    if let Some(h) = self.parse.head(t) {
                        let mut sources = Vec::new();
                        self.actors_of(h, &mut sources);
                        if sources.is_empty() {
                            let by = self.parse.children(h).iter().copied().find(|&c| {
                                let x = self.parse.word(c);
                                x.rel == Rel::NmodPoss
                                    || (x.rel == Rel::Nmod && self.parse.case_of(c) == "by")
                            });
                            if let Some(c) = by {
                                self.actors_of(c, &mut sources);
                            }
                        }
                        add(&mut out, &sources, Role::Source);
                    }
                }
                if out.is_empty() {
                    return None;
                }
                add(&mut out, &d.obj, Role::Target);
            }
            Frame::Svo | Frame::Noun => {
                add(&mut out, &d.subj, Role::Source);
                add(&mut out, &d.agent, Role::Source);
                if nominal {
                    add(&mut out, &d.poss, Role::Source);
                    add(&mut out, &d.between, Role::Source);
                }
                if !out.iter().any(|p| p.1 == Role::Source) {
                    return None;
                }
                add(&mut out, &d.obj, Role::Target);
                add(&mut out, &d.pass_subj, Role::Target);
                add(&mut out, &d.against, Role::Target);
                add(&mut out, &d.with, Role::Target);
            }
            Frame::Meet | Frame::Call => {
                for list in [
                    &d.subj,
                    &d.pass_subj,
                    &d.agent,
                    &d.obj,
                    &d.with,
                    &d.between,
                    &d.poss,
                    &d.attend,
                ] {
                    add(&mut out, list, Role::Participant);
                }
                if frame == Frame::Call {
                    add(&mut out, &d.to, Role::Participant);
                }
                if out.len() < 2 && !self.one_body(&out, nominal) {
                    return None;
                }
            }
            Frame::Visit => {
                add(&mut out, &d.subj, Role::Source);
                add(&mut out, &d.agent, Role::Source);
                add(&mut out, &d.poss, Role::Source);
                if out.is_empty() {
                    return None;
                }
                let host = |a: &usize| {
                    matches!(
                        self.doc.actors[*a].kind,
                        ActorKind::Country | ActorKind::Organization | ActorKind::Person
                    )
                };
                let hosts: Vec<usize> = d
                    .obj
                    .iter()
                    .chain(&d.to)
                    .chain(&d.pass_subj)
                    .copied()
                    .filter(host)
                    .collect();
                add(&mut out, &hosts, Role::Target);
            }
            Frame::Host => {
                // the host is the subject (or the agent of a passive), the
                // guest the object (or the passive subject)
                add(&mut out, &d.obj, Role::Source);
                add(&mut out, &d.pass_subj, Role::Source);
                add(&mut out, &d.for_, Role::Source);
                add(&mut out, &d.subj, Role::Target);
                add(&mut out, &d.agent, Role::Target);
                let guests = out.iter().filter(|p| p.1 == Role::Source).count();
                if guests == 0 || guests == out.len() {
                    return None;
                }
            }
        }
        Some(out)
    }

    /// The actors a definite event noun names as its targets by the verb
    /// it is the subject of ("the sanctions target X and Y", "the strikes
    /// hit X"): the verb's objects, else nobody.
    pub fn named_targets(&self, t: u32) -> Vec<usize> {
        let p = self.parse;
        let word = p.word(t);
        let mut out = Vec::new();
        if word.upos != Upos::Noun || word.rel != Rel::Nsubj {
            return out;
        }
        let Some(h) = p.head(t) else {
            return out;
        };
        let verb = p.word(h);
        if verb.upos != Upos::Verb || !TARGET_VERBS.contains(&&*verb.lemma) {
            return out;
        }
        for &c in p.children(h) {
            let x = p.word(c);
            // (a proper noun conjoined to the verb is the parser's reading
            // of a list of objects with appositions: "target X, the
            // minister, and Y")
            if x.rel == Rel::Obj || (x.rel == Rel::Conj && x.upos == Upos::Propn) {
                self.actors_of(c, &mut out);
            }
        }
        out
    }

    /// Those who convene, open or attend gathering noun `t` as the
    /// subject of its verb ("X opened the summit", "X and Y will attend
    /// a conference"), else nobody.
    pub fn conveners(&self, t: u32) -> Vec<usize> {
        let p = self.parse;
        let word = p.word(t);
        if word.upos != Upos::Noun || !GATHERING_NOUNS.contains(&&*word.lemma) {
            return Vec::new();
        }
        let Some(h) = p.head(t) else {
            return Vec::new();
        };
        let verb = p.word(h);
        if word.rel != Rel::Obj || verb.upos != Upos::Verb || !CONVENE_VERBS.contains(&&*verb.lemma)
        {
            return Vec::new();
        }
        self.subject(h, 0)
    }

    /// Whether `t` is a definite meeting noun without parties of its own
    /// ("the talks", "the opening ceremony", "this meeting", not "the
    /// meeting between X and Y" nor "X's meeting"): it refers to a
    /// meeting already named.
    pub fn definite_meeting(&self, t: u32) -> bool {
        let p = self.parse;
        let word = p.word(t);
        if !matches!(word.upos, Upos::Noun)
            || !p.children(t).iter().any(|&c| {
                let x = p.word(c);
                x.rel == Rel::Det && matches!(&*x.lemma, "the" | "this" | "that")
            })
        {
            return false;
        }
        let d = self.deps(t);
        d.with.is_empty() && d.between.is_empty() && d.poss.is_empty()
    }

    /// The parties who attend or hold meeting noun `t` (the subject of
    /// the verb that supports it or that it is a phrase of time or place
    /// of, the agent of a participle on it), whatever their number.
    pub fn parties(&self, t: u32) -> Vec<usize> {
        let d = self.deps(t);
        let mut out = Vec::new();
        for list in [&d.subj, &d.agent, &d.attend] {
            for &a in list {
                push(&mut out, a);
            }
        }
        out
    }

    /// One organisation or group alone makes a meeting of a noun ("the
    /// X summit").
    fn one_body(&self, out: &[(usize, Role)], nominal: bool) -> bool {
        nominal
            && out.len() == 1
            && matches!(
                self.doc.actors[out[0].0].kind,
                ActorKind::Organization | ActorKind::Group
            )
    }

    /// The modality the dependents of word `w` (the trigger at `step` 0,
    /// then the verbs above it) give: `Some(Negated)` at once for a
    /// negation, else the `modality` so far updated, with `would_only` set
    /// while "would" is its only sign of a condition.
    fn own_modality(
        &self,
        w: u32,
        step: usize,
        modality: &mut Modality,
        would_only: &mut bool,
    ) -> Option<Modality> {
        let p = self.parse;
        for &c in p.children(w) {
            let x = p.word(c);
            let lemma = &*x.lemma;
            let low = self.doc.low(x.tok as usize);
            match x.rel {
                Rel::Advmod | Rel::Det | Rel::Aux
                    if matches!(lemma, "not" | "never" | "no" | "n't")
                        || low == "n't"
                        || low == "not" =>
                {
                    return Some(Modality::Negated);
                }
                // "no leader has met X", "neither side signed"
                Rel::Nsubj | Rel::NsubjPass
                    if matches!(low, "none" | "nobody" | "neither" | "no-one")
                        || p.children(c).iter().any(|&d| {
                            p.word(d).rel == Rel::Det
                                && matches!(self.doc.low(p.word(d).tok as usize), "no" | "neither")
                        }) =>
                {
                    return Some(Modality::Negated);
                }
                // "would" alone may be a future in the past, read
                // at the verb of saying above (`REPORT_VERBS`)
                Rel::Aux if lemma == "would" || low == "'d" || low == "\u{2019}d" => {
                    if *modality != Modality::Hypothetical {
                        *would_only = true;
                    }
                    *modality = Modality::Hypothetical;
                }
                // a possibility, an ability or an obligation: "could
                // meet", "can lift", "must withdraw", "should sign"
                Rel::Aux
                    if matches!(
                        lemma,
                        "could" | "might" | "may" | "can" | "must" | "should" | "ought"
                    ) =>
                {
                    *would_only = false;
                    *modality = Modality::Hypothetical;
                }
                Rel::Advmod if matches!(lemma, "nearly" | "almost") => {
                    *would_only = false;
                    *modality = Modality::Hypothetical;
                }
                Rel::Mark if matches!(lemma, "if" | "unless" | "whether") => {
                    *would_only = false;
                    *modality = Modality::Hypothetical;
                }
                Rel::Aux
                    if (matches!(lemma, "will" | "shall")
                        || matches!(low, "'ll" | "\u{2019}ll"))
                        && *modality == Modality::Asserted =>
                {
                    *modality = Modality::Planned;
                }
                Rel::Amod
                    if step == 0
                        && PLAN_ADJECTIVES.contains(&low)
                        && *modality == Modality::Asserted =>
                {
                    *modality = Modality::Planned;
                }
                // "her priority was to lift the ban": the aim's
                // infinitive (whatever the subject's label)
                Rel::Nsubj | Rel::NsubjOuter
                    if step == 0
                        && GOAL_NOUNS.contains(&lemma)
                        && p.child(w, Rel::Cop).is_some()
                        && self.infinitive(w)
                        && *modality == Modality::Asserted =>
                {
                    *modality = Modality::Planned;
                }
                // "in (the) coming weeks", "in the coming days": a
                // time still ahead
                Rel::Obl | Rel::OblTmod | Rel::Nmod | Rel::NmodTmod
                    if *modality == Modality::Asserted
                        && p.children(c).iter().any(|&d| {
                            matches!(p.word(d).rel, Rel::Amod | Rel::Acl)
                                && p.word(d).tok < x.tok
                                && matches!(
                                    self.doc.low(p.word(d).tok as usize),
                                    "coming" | "upcoming"
                                )
                        }) =>
                {
                    *modality = Modality::Planned;
                }
                _ => {}
            }
        }
        None
    }

    /// The modality of trigger word `t` from the tree: negated ("not",
    /// "never", "n't", "no talks"; the complement of refuse, fail, unable),
    /// hypothetical (could, might, may, can, must, should; "would" except
    /// under a verb of saying, "said he would visit", which is planned;
    /// "if"; nearly, almost; the complement of a wish or of what is asked
    /// or allowed of another), planned (will, shall; the complement of
    /// plan, expect, agree...; "is due to"; "planned talks"; "called for
    /// talks"), else asserted. The verb a clause completes, the verb that
    /// supports a nominal trigger (as object or passive subject) and the
    /// verb that brings it about ("result in a truce") count as the
    /// trigger's own.
    pub fn modality(&self, t: u32) -> Modality {
        let p = self.parse;
        let mut modality = Modality::Asserted;
        let mut would_only = false;
        let mut w = t;
        for step in 0..4 {
            let word = p.word(w);
            if let Some(m) = self.own_modality(w, step, &mut modality, &mut would_only) {
                return m;
            }
            let Some(h) = p.head(w) else {
                break;
            };
            // "said he would visit X": the plan reported, not a condition
            if would_only
                && modality == Modality::Hypothetical
                && word.rel == Rel::Ccomp
                && REPORT_VERBS.contains(&&*p.word(h).lemma)
            {
                modality = Modality::Planned;
                would_only = false;
            }
            // a clause the parser hangs on the verb of the noun right
            // before it ("over fears the minister will concede", "over
            // its refusal to extradite X") is that noun's
            let h = self.clause_noun(w, h).unwrap_or(h);
            let head = p.word(h);
            let nominal = matches!(word.upos, Upos::Noun | Upos::Propn);
            let infinitive = self.infinitive(w);
            match word.rel {
                Rel::Xcomp | Rel::Advcl | Rel::Acl if word.rel == Rel::Xcomp || infinitive => {
                    if REFUSE_WORDS.contains(&&*head.lemma) {
                        return Modality::Negated;
                    }
                    // wished for, or asked of someone else: not a plan of
                    // the one who would act
                    let asks_object =
                        ASK_OBJECT_VERBS.contains(&&*head.lemma) && p.child(h, Rel::Obj).is_some();
                    if WISH_WORDS.contains(&&*head.lemma) || asks_object {
                        return Modality::Hypothetical;
                    }
                    if PLAN_VERBS.contains(&&*head.lemma) && modality == Modality::Asserted {
                        modality = Modality::Planned;
                    }
                    if ASK_VERBS.contains(&&*head.lemma) && modality == Modality::Asserted {
                        modality = Modality::Planned;
                    }
                }
                // "fears that X will attack", "the hope that they meet",
                // "demanded that X withdraw"
                Rel::Ccomp | Rel::Acl | Rel::Advcl | Rel::AclRelcl
                    if (WISH_WORDS.contains(&&*head.lemma)
                        || ASK_THAT_WORDS.contains(&&*head.lemma))
                        && (word.rel == Rel::Ccomp
                            || self.marked_that(w)
                            || self.that_clause_misread(w)) =>
                {
                    return Modality::Hypothetical;
                }
                Rel::Obj if nominal && SUPPORT_VERBS.contains(&&*head.lemma) => {}
                // "no deal was reached", "if talks are held"
                Rel::NsubjPass if nominal && SUPPORT_VERBS.contains(&&*head.lemma) => {}
                // "hoped the talks would result in a truce"
                Rel::Obj | Rel::Obl if nominal && OUTCOME_VERBS.contains(&&*head.lemma) => {}
                // a verb conjoined to another without a subject or an
                // auxiliary of its own shares its modality ("will meet X
                // and sign a deal", "is expected to pass and be signed");
                // not after "but" ("did not meet X but called Y")
                Rel::Conj
                    if word.upos == Upos::Verb
                        && head.upos == Upos::Verb
                        && !p.children(w).iter().any(|&c| {
                            let x = p.word(c);
                            matches!(x.rel, Rel::Nsubj | Rel::NsubjPass | Rel::Aux)
                                || (x.rel == Rel::Cc && !matches!(&*x.lemma, "and" | "or"))
                        }) => {}
                Rel::Obj | Rel::Obl
                    if nominal
                        && ASK_VERBS.contains(&&*head.lemma)
                        && (word.rel == Rel::Obj || p.case_of(w) == "for") =>
                {
                    if modality == Modality::Asserted {
                        modality = Modality::Planned;
                    }
                }
                _ => break,
            }
            w = h;
        }
        modality
    }

    /// The timex (index into `timexes`) the tree attaches to trigger word
    /// `t`: a timex whose head depends on `t` (or on the verb supporting a
    /// nominal trigger) through nominal words only. `timex_tokens` are the
    /// token spans of the sentence's resolved timexes, with their index.
    pub fn timex(&self, t: u32, timex_tokens: &[(usize, (usize, usize))]) -> Option<usize> {
        let p = self.parse;
        let mut governors = vec![t];
        let word = p.word(t);
        if matches!(word.upos, Upos::Noun | Upos::Propn) && word.rel == Rel::Obj {
            if let Some(h) = p.head(t) {
                if SUPPORT_VERBS.contains(&&*p.word(h).lemma) {
                    governors.push(h);
                }
            }
        }
        if matches!(word.upos, Upos::Noun | Upos::Propn) {
            for &c in p.children(t) {
                let x = p.word(c);
                // "the attack that X launched on May 2"; "talks held on
                // May 2", "a truce starting on May 2"
                if (x.rel == Rel::AclRelcl && SUPPORT_VERBS.contains(&&*x.lemma))
                    || (x.rel == Rel::Acl && x.upos == Upos::Verb && !self.infinitive(c))
                {
                    governors.push(c);
                }
            }
        }
        let mut best: Option<(usize, usize)> = None;
        for &(k, (start, stop)) in timex_tokens {
            let Some(h) = p.phrase_head(start, stop) else {
                continue;
            };
            if self.governor_of(h).is_some_and(|g| governors.contains(&g)) {
                let distance = (p.word(t).tok as usize).abs_diff(start);
                if best.is_none_or(|b| distance < b.1) {
                    best = Some((k, distance));
                }
            }
        }
        best.map(|b| b.0)
    }

    /// Whether word `w` is a modifier before its head noun `up` inside a
    /// noun phrase ("1994" in "the 1994 treaty", "Sunday" in "Sunday's
    /// vote", "2001" in "the 2001 meeting").
    fn premodifies_noun(&self, w: u32, up: u32) -> bool {
        let p = self.parse;
        matches!(p.word(up).upos, Upos::Noun | Upos::Propn)
            && p.word(up).tok > p.word(w).tok
            && matches!(
                p.word(w).rel,
                Rel::Compound | Rel::Amod | Rel::NmodPoss | Rel::Other
            )
    }

    /// The noun whose phrase word `w` premodifies, through a chain of
    /// premodifiers ("1994" in "the 1994 peace treaty" is the treaty's),
    /// else `None`.
    fn np_head(&self, w: u32) -> Option<u32> {
        let p = self.parse;
        let mut x = w;
        let mut noun = None;
        for _ in 0..8 {
            let Some(up) = p.head(x) else { break };
            if !self.premodifies_noun(x, up) {
                break;
            }
            noun = Some(up);
            x = up;
        }
        noun
    }

    /// Whether word `d` is `a` or lies in the subtree of `a`.
    pub fn within(&self, d: u32, a: u32) -> bool {
        let mut x = d;
        for _ in 0..32 {
            if x == a {
                return true;
            }
            match self.parse.head(x) {
                Some(up) => x = up,
                None => return false,
            }
        }
        false
    }

    /// Whether the timex whose phrase head is `h` dates something other
    /// than trigger word `t`, so that `t` must not take it from its
    /// clause: a date inside a noun phrase before another noun ("praised
    /// the 1994 treaty"), or a date of a relative or participle clause
    /// that modifies a noun other than `t` and does not hold `t` ("the
    /// raids, which X carried out on Monday"; a "that" clause the parser
    /// hangs on a noun).
    pub fn dates_other(&self, h: u32, t: u32) -> bool {
        let p = self.parse;
        if let Some(noun) = self.np_head(h) {
            return noun != t;
        }
        let mut w = h;
        for _ in 0..16 {
            if w == t {
                return false;
            }
            let Some(up) = p.head(w) else {
                return false;
            };
            if p.word(w).rel == Rel::Acl || p.word(w).rel == Rel::AclRelcl && self.relative_word(w)
            {
                // on `t` itself, or a clause that holds `t`
                return up != t && !self.within(t, w);
            }
            w = up;
        }
        false
    }

    /// Whether the timex whose phrase head is `h` is background for the
    /// story's day: a date inside a noun phrase ("the 1994 treaty"), in
    /// a relative clause ("the strikes, which X ordered on Monday") or of
    /// a noun that is a reference point ("after the talks on Sunday").
    pub fn background_date(&self, h: u32) -> bool {
        let p = self.parse;
        if self.np_head(h).is_some() {
            return true;
        }
        let mut w = h;
        let mut in_noun_phrase = true;
        for _ in 0..16 {
            if p.word(w).rel == Rel::AclRelcl && self.relative_word(w) {
                return true;
            }
            // "came after a meeting on Sunday": the date of a reference
            // point ("after", "before", "since" a noun), not of the story
            if in_noun_phrase
                && w != h
                && matches!(p.word(w).rel, Rel::Obl | Rel::Nmod)
                && matches!(
                    p.case_of(w),
                    "after" | "before" | "since" | "following" | "until" | "ahead"
                )
            {
                return true;
            }
            if !matches!(
                p.word(w).upos,
                Upos::Noun | Upos::Propn | Upos::Num | Upos::Adp
            ) {
                in_noun_phrase = false;
            }
            match p.head(w) {
                Some(up) => w = up,
                None => return false,
            }
        }
        false
    }

    /// The predicate a timex head `h` modifies: the first word up the tree
    /// that is not a nominal, an adposition or a number; a nominal trigger
    /// governs its own "nmod:tmod" too, which the caller checks by
    /// comparing with the trigger.
    pub fn governor_of(&self, h: u32) -> Option<u32> {
        let p = self.parse;
        let mut w = h;
        for _ in 0..8 {
            let up = p.head(w)?;
            let x = p.word(up);
            if let Some(noun) = self.np_head(w) {
                // "the 1994 treaty", "Sunday's vote": the noun's date
                return Some(noun);
            }
            // An oblique (a clause's dependent) the parser hung on the noun
            // of another oblique: "spoke in a radio address on Friday" with
            // "Friday" under "address" is the verb's date.
            if matches!(p.word(w).rel, Rel::Obl | Rel::OblTmod)
                && matches!(x.upos, Upos::Noun | Upos::Propn)
                && x.rel == Rel::Obl
            {
                if let Some(v) = p.head(up).filter(|&v| p.word(v).upos == Upos::Verb) {
                    return Some(v);
                }
            }
            let nominal_link = matches!(
                p.word(w).rel,
                Rel::Obl | Rel::OblTmod | Rel::Nmod | Rel::NmodTmod | Rel::Advmod | Rel::Other
            );
            if !matches!(x.upos, Upos::Noun | Upos::Propn | Upos::Num | Upos::Adp)
                || (nominal_link && matches!(x.upos, Upos::Noun | Upos::Propn))
            {
                return Some(up);
            }
            w = up;
        }
        None
    }
}
