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

from ..models import Span
from . import cues as C

_NAME_RUN = re.compile(
    r"[A-Z][\w’'\-]*(?:[ \t]+(?:[A-Z][\w’'\-]*|al|bin|ibn|de|da|del|van|von|der|el|du|la|le|dos)(?![\w’'\-]))*"
)
_WORD = re.compile(r"[\w’'\-.]+")


@dataclass(frozen=True)
class _Person:
    pos: int
    full: str
    surname: str
    roles: frozenset[str]


def _people(text: str) -> list[_Person]:
    """Full-name introductions in text order (two or more capitalised words after titles)."""
    out: list[_Person] = []
    for m in _NAME_RUN.finditer(text):
        words = m.group(0).split()
        if len(words) < 2:
            continue
        roles: set[str] = set()
        i = 0
        while i < len(words) - 1 and (
            words[i] in C.NOT_NAMES
            or words[i].lower() in C.HONORIFICS
            or words[i].lower() in C.ROLES
            or words[i].isupper()
            or words[i].lower().rstrip(".") in C.HONORIFICS
            or words[i].lower() in ("foreign", "prime", "state", "deputy", "vice", "former", "interior", "defence", "defense")
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
        out.append(_Person(m.start(), " ".join(name), name[-1], frozenset(roles)))
    return out


def resolve_speakers(text: str, spans: list[Span | None], positions: list[int]) -> list[str | None]:
    """Resolved speaker name for each source span (``None`` where there is no source).

    ``positions`` are the content starts, used to order pronoun resolution when a source
    follows its quote.
    """
    people = _people(text)
    ppos = [p.pos for p in people]
    out: list[str | None] = []
    last: tuple[int, str] | None = None  # (offset, full name) of the last resolved person speaker
    order = sorted(range(len(spans)), key=lambda i: (spans[i] or (positions[i], 0))[0])
    res: dict[int, str | None] = {}
    for idx in order:
        sp = spans[idx]
        if sp is None:
            res[idx] = None
            continue
        written = text[sp[0] : sp[1]]
        name = _resolve_one(text, written, sp, people, ppos, last)
        res[idx] = name
        if name is not None and any(p.full == name for p in people):
            last = (sp[1], name)
    for i in range(len(spans)):
        out.append(res[i])
    return out


def _known_before(people: list[_Person], ppos: list[int], pos: int) -> list[_Person]:
    """Introductions before ``pos``; all of them when nothing precedes (headline mentions)."""
    k = bisect.bisect_left(ppos, pos)
    return people[:k] if k else people


def _resolve_one(
    text: str,
    written: str,
    sp: Span,
    people: list[_Person],
    ppos: list[int],
    last: tuple[int, str] | None,
) -> str:
    words = [w.rstrip(".") if w.lower().rstrip(".") in C.HONORIFICS else w for w in _WORD.findall(written)]
    low = [w.lower() for w in words]
    if not words:
        return written
    before = _known_before(people, ppos, sp[1])
    if len(words) == 1 and low[0] in C.RELATIVE:
        # ", who said": the name just before the comma
        k = bisect.bisect_left(ppos, sp[0]) - 1
        while k >= 0 and people[k].pos + len(people[k].full) + 60 < sp[0]:
            k = -1
        if k >= 0 and re.fullmatch(r"[^.;\n]*,\s*", text[people[k].pos : sp[0]][-80:] or "x"):
            return people[k].full
        return written
    if len(words) == 1 and low[0] in C.PERSON_PRONOUNS:
        if last is None:
            return written
        # unambiguous only if no other person was named between that speaker and here
        k0 = bisect.bisect_left(ppos, last[0])
        k1 = bisect.bisect_left(ppos, sp[0])
        others = {p.full for p in people[k0:k1]} - {last[1]}
        surnames = {p.surname for p in people if p.full != last[1]}
        between = text[last[0] : sp[0]]
        if others or any(re.search(r"\b" + re.escape(s) + r"\b", between) for s in surnames if len(between) < 3000):
            return written
        return last[1]
    # strip honorifics and determiners
    core = [w for w, lw in zip(words, low, strict=True) if lw not in C.HONORIFICS and lw not in ("the", "'s", "’s")]
    if not core:
        core = words
    if low[-1] in C.ROLES and (low[0] in ("the", "this") or len(words) == 1):
        cands = {p.full for p in before if low[-1] in p.roles}
        return cands.pop() if len(cands) == 1 else written
    if len(core) == 1:
        cands = {p.full for p in before if p.surname == core[0]}
        if len(cands) == 1:
            return cands.pop()
        return written
    joined = " ".join(core)
    cands = {p.full for p in before if p.full.endswith(joined) or joined.endswith(p.full)}
    if len(cands) == 1:
        return cands.pop()
    return written
