"""The cue vocabulary and the word classes the attribution rules share.

The words themselves are data (``provenance/data/en/cues.json``, ``grammar.json``,
``names.json``, read through :mod:`provenance.wordlists`), so the lists can grow (or be
swapped for another language) without touching the parsing code; this module names them for
the rules and builds what is derived from them: every inflected form of the cue verbs
(:data:`CUE_FORMS`).  Everything here is an immutable ``frozenset`` / mapping built once at
import; the rules only do set look-ups per token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .. import wordlists as W

# Reporting verbs of English news prose (speech acts).  Base forms; inflections are generated.
SPEECH_VERBS = W.word_list("cues", "speech_verbs")

# Cognition / stance verbs: PolNeAR annotates beliefs and intentions as attributions too.
COGNITION_VERBS = W.word_list("cues", "cognition_verbs")

IRREGULAR: Mapping[str, tuple[str, ...]] = W.forms("cues", "irregular")

# Words that by themselves (the whole form list) are too often something else to count as
# a cue: "post" (a noun), "charge", "question", "counter", "signal", "state", "report" as nouns
# are filtered by context in the extractor (a cue must look like a verb there).
NOUN_LIKE = W.words("cues", "noun_like")


# Verbs that double their last consonant ("slammed", "quipped"); English spelling does not say
# which (stress decides: "admitted" but "offered"), so they are listed.
_DOUBLING = W.words("cues", "doubling")


def _regular_forms(base: str) -> tuple[str, ...]:
    """Third person, past and gerund of a regular English verb (close enough for cue lists)."""
    if base.endswith("e"):
        ing, ed = base[:-1] + "ing", base + "d"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        ing, ed = base + "ing", base[:-1] + "ied"
    elif base in _DOUBLING:
        ing, ed = base + base[-1] + "ing", base + base[-1] + "ed"
    else:
        ing, ed = base + "ing", base + "ed"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        s = base + "es"
    elif base.endswith("y") and base[-2:-1] not in "aeiou":
        s = base[:-1] + "ies"
    else:
        s = base + "s"
    return (base, s, ed, ing)


def inflect(bases: Iterable[str]) -> dict[str, str]:
    """Map every inflected form of ``bases`` to its base form."""
    out: dict[str, str] = {}
    for b in bases:
        for form in IRREGULAR.get(b) or _regular_forms(b):
            out.setdefault(form, b)
    return out


# Forms that in news prose are mostly something else ("the states", "voting rights", "plans",
# "compared with", "felt"): measured on PolNeAR train, they are wrong more often than right.
NOT_CUES = W.words("cues", "not_cues")

CUE_FORMS: Mapping[str, str] = MappingProxyType(
    {k: v for k, v in inflect(SPEECH_VERBS + COGNITION_VERBS).items() if k not in NOT_CUES}
)
# Forms left out of CUE_FORMS that are cues right after a pronoun or a name with a clause after
# them ("he thought that ...", "Trump thought he ..."), not elsewhere ("the thought of").
GATED_CUES: Mapping[str, str] = W.table("cues", "gated_cues")


def cue_base(w: str) -> str:
    """Base form of the cue word ``w`` (from CUE_FORMS or GATED_CUES)."""
    return CUE_FORMS.get(w) or GATED_CUES.get(w) or _ALL_FORMS[w]


#: Every inflected form of the cue verbs, the ones kept out of CUE_FORMS included.
_ALL_FORMS: Mapping[str, str] = MappingProxyType(inflect(SPEECH_VERBS + COGNITION_VERBS))


def base_form(w: str) -> str:
    """Base form of any inflection of a cue verb (``w`` itself when it is none)."""
    return CUE_FORMS.get(w) or GATED_CUES.get(w) or _ALL_FORMS.get(w) or w


# Verbs that invert after a quotation ('"...," said Smith' / '"...?" asked Smith').
INVERTIBLE = W.words("cues", "invertible")

# Verbs whose object is the addressee, not the content ("told reporters that ...").
ADDRESSEE_VERBS = W.words("cues", "addressee_verbs")

# Between a subject and its verb: auxiliaries, negation and common adverbs.
AUX_ADV = W.words("grammar", "aux_adv")
PASSIVE_AUX = W.words("grammar", "passive_aux")

PRONOUNS = W.words("grammar", "pronouns")
PERSON_PRONOUNS = W.words("grammar", "person_pronouns")
RELATIVE = W.words("grammar", "relative")

# Words that end a subject noun phrase when scanning left from a cue.
CLAUSE_BOUNDARY = W.words("grammar", "clause_boundary")

PREPOSITIONS = W.words("grammar", "prepositions")
TIME_WORDS = W.words("grammar", "time_words")

HONORIFICS = W.words("names", "honorifics")
# Role nouns that "the minister" / "the senator" style mentions use.
ROLES = W.words("names", "roles")
PARTICLES = W.words("names", "particles")

NOT_NAMES = W.words("names", "not_names")

# Rule vocabulary shared by several of the attribution rule modules.
# Words opening an adverbial phrase before a subject: "In an interview, X said ...".
OPENERS = W.words("grammar", "openers")
# Determiners: a noun phrase goes on after one (no subject ends there, no verb follows).
DETERMINERS = W.words("grammar", "determiners")
# Common verbs that are not cues: a token like this ends a main clause's subject.
VERBISH = W.words("grammar", "verbish")
# Paragraph labels before a colon that name no speaker ("Update: ...", "Contributing: ...").
PAGE_LABELS = W.words("names", "page_labels")

# One-word "subjects" that name no one: expletive contractions ("It's hard to answer ...",
# "There's still time ...") and function words a capitalised headline puts before a verb.
NO_SPEAKER = W.words("grammar", "no_speaker")
