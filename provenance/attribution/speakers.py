"""Speaker resolution: "Mr Hussein", "Hussein", "the minister", "he" -> "Fuad Hussein".

News prose introduces a person once in full ("Iraqi Foreign Minister Fuad Hussein") and then
refers back by surname, title or pronoun.  We collect the full-name introductions (runs of
capitalised words, honorifics and role words stripped off and remembered) and map a later
mention to the full name only when exactly one introduced person fits; otherwise the speaker
stays as written, because a wrong name is worse for a provenance trace than an unresolved one.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from .. import wordlists as W
from ..models import Span
from . import cues as C

_NAME_RUN = re.compile(
    r"[A-Z][\w’'\-]*(?:[ \t]+(?:[A-Z][\w’'\-]*|al|bin|ibn|de|da|del|van|von|der|el|du|la|le|dos)(?![\w’'\-]))*"
)
_WORD = re.compile(r"[\w’'\-.]+")
_BEFORE_RELATIVE = re.compile(r"((?:[A-Z][\w’'.\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)[ \t]*,[ \t]*$")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_VERBS = W.words("names", "acting_verbs")
# Words of a title before a name that are no role themselves ("Foreign Minister", "Vice President").
_TITLE_WORDS = W.words("names", "title_words")
_CAP_WORD = re.compile(r"\b[A-Z][\w’'\-]+")
# A pronoun further than this (characters) from the last named speaker stays as written.
PRONOUN_REACH = 3000
MAX_CANDS = 200  # people sharing a surname we compare a multi-word mention against


@dataclass(frozen=True)
class _Person:
    pos: int
    full: str
    surname: str
    roles: frozenset[str]
    acts: bool = False  # followed by a lower-case word: the subject of a verb, like a person


def _people(text: str) -> list[_Person]:
    """Full-name introductions in text order (two or more capitalised words after titles)."""
    out: list[_Person] = []
    for m in _NAME_RUN.finditer(text):
        run = m.group(0)
        if " " not in run and "\t" not in run:
            continue  # one word (most runs): no introduction
        words = run.split()
        if len(words) < 2 or words[0] == "The":  # "The Washington Post": an organisation
            continue
        roles: set[str] = set()
        i = 0
        while i < len(words) - 1 and (
            words[i] in C.NOT_NAMES
            or words[i].lower() in C.HONORIFICS
            or words[i].lower() in C.ROLES
            or words[i].isupper()
            or words[i].lower().rstrip(".") in C.HONORIFICS
            or words[i].lower() in _TITLE_WORDS
        ):
            if words[i].lower() in C.ROLES:
                roles.add(words[i].lower())
            i += 1
        name = words[i:]
        # keep at most "First [particle] Last": a role run like "Foreign Minister" is gone
        if len(name) > 3:
            name = name[-3:] if name[-2].lower() in C.PARTICLES else name[-2:]
        if len(name) < 2 or any(w in C.NOT_NAMES for w in name):
            continue
        # "Iraqi Foreign Minister Fuad Hussein": every role word before the name counts
        roles.update(w.lower() for w in words[: len(words) - len(name)] if w.lower() in C.ROLES)
        after = _NEXT_WORD.match(text, m.end())
        nxt = after.group(1) if after is not None else ""
        acts = nxt in C.CUE_FORMS or nxt in _VERBS or (nxt.endswith("ed") and len(nxt) > 4)
        out.append(_Person(m.start(), " ".join(name), name[-1], frozenset(roles), acts))
    return out


def resolve_speakers(text: str, spans: list[Span | None], positions: list[int]) -> list[str | None]:
    """Resolved speaker name for each source span (``None`` where there is no source).

    ``positions`` are the content starts, used to order pronoun resolution when a source
    follows its quote.
    """
    # surnames that speak somewhere in the article: only those make "he" ambiguous (a place
    # like "North Africa" between a speaker and "he" does not)
    speaking = frozenset(
        w for sp in spans if sp is not None for w in _CAP_WORD.findall(text[sp[0] : sp[1]])[-1:]
    )
    r = _Resolver(text, speaking)
    last: tuple[int, str] | None = None  # (offset, full name) of the last resolved person speaker
    order = sorted(range(len(spans)), key=lambda i: (spans[i] or (positions[i], 0))[0])
    res: list[str | None] = [None] * len(spans)
    for idx in order:
        sp = spans[idx]
        if sp is None:
            continue
        name = r.resolve(sp, last)
        res[idx] = name
        if name in r.fulls:
            last = (sp[1], name)
    return res


@dataclass(frozen=True)
class _Index:
    """People sharing a key (surname or role), in text order, and where a second one appears."""

    positions: tuple[int, ...]
    first: str
    conflict: int  # index of the first entry whose full name differs from ``first``

    @classmethod
    def build(cls, people: list[_Person]) -> _Index:
        conflict = len(people)
        for i, p in enumerate(people[:MAX_CANDS]):
            if p.full != people[0].full:
                conflict = i
                break
        return cls(tuple(p.pos for p in people), people[0].full, conflict)

    def unique_before(self, pos: int) -> str | None:
        """The one full name introduced before ``pos`` (all of them when none precede)."""
        k = bisect.bisect_left(self.positions, pos)
        if k == 0:
            k = len(self.positions)
        return self.first if k <= self.conflict else None


class _Resolver:
    """Indexes of one article's people (by surname, by role) for constant-time look-ups."""

    def __init__(self, text: str, speaking: frozenset[str] = frozenset()) -> None:
        self.text = text
        self.speaking = speaking
        self.people = _people(text)
        self.ppos = [p.pos for p in self.people]
        self.fulls = {p.full for p in self.people}
        by_surname: dict[str, list[_Person]] = {}
        by_role: dict[str, list[_Person]] = {}
        for p in self.people:
            by_surname.setdefault(p.surname, []).append(p)
            for role in p.roles:
                by_role.setdefault(role, []).append(p)
        self.by_surname = {k: _Index.build(v) for k, v in by_surname.items()}
        self.by_role = {k: _Index.build(v) for k, v in by_role.items()}
        self.surname_people = by_surname
        self.joined_cache: dict[str, _Index | None] = {}

    @cached_property
    def caps(self) -> list[tuple[int, str]]:
        """Capitalised words with their offsets (made when a pronoun is first resolved)."""
        return [(m.start(), m.group(0)) for m in _CAP_WORD.finditer(self.text)]

    @cached_property
    def cpos(self) -> list[int]:
        return [c[0] for c in self.caps]

    def resolve(self, sp: Span, last: tuple[int, str] | None) -> str:
        text = self.text
        written = text[sp[0] : sp[1]]
        words = [
            w.rstrip(".") if w.lower().rstrip(".") in C.HONORIFICS else w for w in _WORD.findall(written)
        ]
        low = [w.lower() for w in words]
        if not words:
            return written
        people, ppos = self.people, self.ppos
        if len(words) == 1 and low[0] in C.RELATIVE:
            # "Mrs. Clinton, who said": the name just before the comma
            m = _BEFORE_RELATIVE.search(text, max(0, sp[0] - 80), sp[0])
            if m is not None and m.group(1).split()[0] not in C.NOT_NAMES - {"Mr", "Mrs", "Ms", "Dr"}:
                return self.resolve((m.start(1), m.end(1)), None)
            return written
        if len(words) == 1 and low[0] in C.PERSON_PRONOUNS:
            if last is None or sp[0] - last[0] > PRONOUN_REACH:
                return written
            # unambiguous only if no other person was named between that speaker and here
            k0, k1 = bisect.bisect_left(ppos, last[0]), bisect.bisect_left(ppos, sp[0])
            mine = last[1].split()[-1]
            if any(
                p.full != last[1] and (p.surname in self.speaking or p.roles or p.acts) for p in people[k0:k1]
            ):
                return written
            c0, c1 = bisect.bisect_left(self.cpos, last[0]), bisect.bisect_left(self.cpos, sp[0])
            if any(w != mine and w in self.by_surname and w in self.speaking for _, w in self.caps[c0:c1]):
                return written
            return last[1]
        core = [
            w
            for w, lw in zip(words, low, strict=True)
            if lw not in C.HONORIFICS and lw not in ("the", "'s", "’s")
        ]
        if not core:
            core = words
        if low[-1] in C.ROLES and (low[0] in ("the", "this") or len(words) == 1):
            idx = self.by_role.get(low[-1])
            return (idx.unique_before(sp[1]) if idx else None) or written
        surname = core[-1].rstrip("’'")
        idx = self.by_surname.get(surname)
        if idx is None:
            return written
        if len(core) > 1:
            joined = " ".join(core)
            if joined not in self.joined_cache:
                cands = [
                    p
                    for p in self.surname_people[surname][:MAX_CANDS]
                    if p.full.endswith(joined) or joined.endswith(p.full)
                ]
                self.joined_cache[joined] = _Index.build(cands) if cands else None
            jidx = self.joined_cache[joined]
            return (jidx.unique_before(sp[1]) if jidx else None) or written
        return idx.unique_before(sp[1]) or written
