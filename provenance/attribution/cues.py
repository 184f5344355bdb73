"""Word lists for attribution cues, sources and speaker resolution.

Kept as data apart from the rules (:mod:`.quotes` and the rule modules it is built from) so
the lists can grow (or be swapped for another language) without touching the parsing code.
Everything here is an immutable ``frozenset`` / ``dict`` built once at import; the extractor
only does set look-ups per token.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType


def _split(words: str) -> list[str]:
    """White-space separated word list (keeps the lists below readable as prose)."""
    return words.split()


def word_set(words: str) -> frozenset[str]:
    """Immutable set of the white-space separated words (look-up tables for the rules)."""
    return frozenset(words.split())


# Reporting verbs of English news prose (speech acts).  Base forms; inflections are generated.
SPEECH_VERBS = _split("""
say tell add warn state explain note report announce suggest argue claim write ask tweet
continue insist reply respond declare acknowledge admit deny confirm reveal predict promise
pledge vow urge describe recall conclude assert concede reiterate indicate mention observe
remark comment answer testify contend maintain allege charge complain emphasize emphasise
stress boast joke quip scoff estimate propose recommend demand threaten agree counter
retort exclaim speculate hint imply signal forecast wonder question criticize criticise
accuse blame praise slam blast mock dismiss reject defend affirm caution lament
muse grumble brag concur disclose divulge assure inform remind advise notify specify
clarify elaborate tout opine proclaim decry denounce condemn applaud hail admonish
call endorse support decline refer express offer seek speak vote oppose refuse talk cite
release post name back attack sign focus push discuss echo share issue identify challenge
nominate repeat voice thank favor favour deem publish prefer encourage press request rail plead
retweet chant remember embrace compare approve email recognize recognise highlight bemoan welcome
liken assail portray attribute reference celebrate yell shout unveil persuade promote point
lambast deride recount interject rebuff apologize apologise cheer boo
confide mutter whisper scream sigh laugh reckon imagine anticipate envision foresee dispute
refute rebut downplay underscore invoke allude insinuate advocate champion gripe fault laud
commend congratulate detail outline characterize characterise depict label brand dub equate
""")

# Cognition / stance verbs: PolNeAR annotates beliefs and intentions as attributions too.
COGNITION_VERBS = _split("""
think believe know feel hope fear expect worry doubt suspect assume realize realise
understand consider learn agree disagree find show seem appear want see plan decide view
intend wish""")

IRREGULAR: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "say": ("say", "says", "said", "saying"),
        "tell": ("tell", "tells", "told", "telling"),
        "write": ("write", "writes", "wrote", "writing", "written"),
        "think": ("think", "thinks", "thought", "thinking"),
        "know": ("know", "knows", "knew", "knowing", "known"),
        "feel": ("feel", "feels", "felt", "feeling"),
        "understand": ("understand", "understands", "understood", "understanding"),
        "learn": ("learn", "learns", "learned", "learnt", "learning"),
        "forecast": ("forecast", "forecasts", "forecasted", "forecasting"),
        "post": ("post", "posts", "posted", "posting"),
        "find": ("find", "finds", "found", "finding"),
        "show": ("show", "shows", "showed", "shown", "showing"),
        "see": ("see", "sees", "saw", "seen", "seeing"),
        "seek": ("seek", "seeks", "sought", "seeking"),
        "speak": ("speak", "speaks", "spoke", "spoken", "speaking"),
        "read": ("read", "reads", "reading"),
        "plan": ("plan", "plans", "planned", "planning"),
        "refer": ("refer", "refers", "referred", "referring"),
        "favor": ("favor", "favors", "favored", "favoring"),
        "focus": ("focus", "focuses", "focused", "focusing"),
        "email": ("email", "emails", "emailed", "emailing"),
        "retweet": ("retweet", "retweets", "retweeted", "retweeting"),
    }
)

# Words that by themselves (the whole form list) are too often something else to count as
# a cue: "post" (a noun), "charge", "question", "counter", "signal", "state", "report" as nouns
# are filtered by context in the extractor (a cue must look like a verb there).
NOUN_LIKE = word_set(
    "post posts charge charges question questions counter signal signals state states report reports "
    "comment comments answer answers estimate estimates demand demands promise promises hope hopes "
    "fear fears doubt doubts note notes claim claims remark remarks comment comments defend "
    "threat threats blast blasts joke jokes boast boasts reply replies concern concerns call calls "
    "support back backs release releases name names attack attacks sign signs push vote votes view views "
    "press offer offers issue issues thanks share shares focus plan plans show shows talk talks"
    " challenge challenges request requests echo echoes favor email emails point points"
)


# Verbs that double their last consonant ("slammed", "quipped"); English spelling does not say
# which (stress decides: "admitted" but "offered"), so they are listed.
_DOUBLING = word_set("admit quip plan stop drop commit regret refer prefer scrap slam brag concur rebut dub")


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
NOT_CUES = word_set(
    """state states vote votes voting find continue continues compared consider considered felt
    understand planned plan nominating nominate name named attack offering remarks speak speaking
    sign signing release releasing issue issuing press pressing support supports comments email
    emails attacks reporting embrace note thought issues post posts posting report signed intended
    focus"""
)

CUE_FORMS: Mapping[str, str] = MappingProxyType(
    {k: v for k, v in inflect(SPEECH_VERBS + COGNITION_VERBS).items() if k not in NOT_CUES}
)
# Forms left out of CUE_FORMS that are cues right after a pronoun or a name with a clause after
# them ("he thought that ...", "Trump thought he ..."), not elsewhere ("the thought of").
GATED_CUES: Mapping[str, str] = MappingProxyType(
    {
        "thought": "think",
        "note": "note",
        "named": "name",
        "considered": "consider",
        "felt": "feel",
        "planned": "plan",
        "supports": "support",
        "find": "find",
        "read": "read",
        "reads": "read",
        "ordered": "order",
        "signed": "sign",
    }
)


def cue_base(w: str) -> str:
    """Base form of the cue word ``w`` (from CUE_FORMS or GATED_CUES)."""
    return CUE_FORMS.get(w) or GATED_CUES[w]


# Verbs that invert after a quotation ('"...," said Smith' / '"...?" asked Smith').
INVERTIBLE = word_set(
    """say add ask write note explain continue reply respond warn recall insist declare answer
    observe argue tweet remark conclude report counter retort exclaim admit acknowledge
    concede predict suggest offer quip joke boast complain"""
)

# Verbs whose object is the addressee, not the content ("told reporters that ...").
ADDRESSEE_VERBS = word_set("tell ask warn urge remind assure inform advise notify")

# Between a subject and its verb: auxiliaries, negation and common adverbs.
AUX_ADV = word_set("""has have had was were is are be been being would will could should may might must can
    did does do not n't never also later previously repeatedly recently then once publicly
    privately reportedly just already still even often frequently first again long last now only
    ever further since soon all both each
    earlier quickly simply flatly openly has've 've 'd 'll ’ve ’d ’ll has't
    always usually sometimes often generally long since ago not never
    """)
PASSIVE_AUX = word_set("was were is are been being be")

PRONOUNS = word_set("he she they i we you it who which that one someone")
PERSON_PRONOUNS = word_set("he she him her his")
RELATIVE = word_set("who which that")

# Words that end a subject noun phrase when scanning left from a cue.
CLAUSE_BOUNDARY = word_set("""that and but because when while if as since after before although though where so or
    than whether what how why nor yet unless until whom whose also then said says says told
    is are was were has have had be been to""")

PREPOSITIONS = word_set("in on at during after before over for from with by of about")
TIME_WORDS = word_set("""monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    morning evening afternoon night week month year weekend last this earlier later january
    february march april may june july august september october november december""")

HONORIFICS = word_set(
    "mr mr. mrs mrs. ms ms. dr dr. sen sen. rep rep. gov gov. gen gen. prof prof. sir dame lord lady "
    "president senator governor minister secretary representative congressman congresswoman"
)
# Role nouns that "the minister" / "the senator" style mentions use.
ROLES = word_set("""minister secretary president senator governor chief spokesman spokeswoman spokesperson
    chairman chairwoman chair director ambassador envoy mayor candidate leader official
    general prosecutor judge congressman congresswoman representative nominee premier
    chancellor king queen prince emperor commissioner adviser advisor attorney sheriff
    manager counsel""")
PARTICLES = word_set("al al- el bin ibn de da di del della van von der le la du dos das ben abu")

NOT_NAMES = word_set("""The A An In On At For But And Or If As When While This That These Those It He She They We
    I You His Her Their Our My Its After Before Since During According Although Though Because
    Yet So Still However Meanwhile Also Then There Here What Who Why How Where Mr Mrs Ms Dr By""")

# Rule vocabulary shared by several of the attribution rule modules.
# Words opening an adverbial phrase before a subject: "In an interview, X said ...".
OPENERS = word_set(
    """in on at after during while when although though as since speaking asked if because
    before following despite earlier later last this but and yet still meanwhile however also
    for with without by from throughout amid instead"""
)
# Determiners: a noun phrase goes on after one (no subject ends there, no verb follows).
DETERMINERS = word_set("the a an his her their its this that our my your these those no any")
# Common verbs that are not cues: a token like this ends a main clause's subject.
VERBISH = word_set("""made took gave went came got saw held met left won lost ran sent spent began became brought
    kept put set spoke is are was were has have had will would can could did does do called
    raised expressed echoed welcomed highlighted stepped""")
# Paragraph labels before a colon that name no speaker ("Update: ...", "Contributing: ...").
PAGE_LABELS = word_set(
    """note notes update updated updates correction corrections editor editors contributing byline
    source sources photo photos video videos watch read related breaking twitter facebook
    instagram email follow tags share see also more warning disclaimer exclusive analysis
    opinion live latest bombshell look just leaked advertisement credit credits location date
    dateline name age city job pay transcript subscribe listen"""
)

# One-word "subjects" that name no one: expletive contractions ("It's hard to answer ...",
# "There's still time ...") and function words a capitalised headline puts before a verb.
NO_SPEAKER = word_set(
    """it's it’s that's that’s there's there’s here's here’s what's what’s just of still even also
    now then here there wow yet so after before when while if because although though since until
    ago later earlier"""
)
