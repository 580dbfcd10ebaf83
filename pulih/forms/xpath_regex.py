"""A regular-expression matcher that cannot backtrack: the safe engine behind XPath ``regex()``.

Python's ``re`` backtracks, so a hostile pattern such as ``(a+)+$`` can take exponential time. Here
the pattern is parsed by Python's own regex parser (so the syntax is exactly Python's) and then run
as a Thompson NFA, one set of states per character: time grows linearly with the text, whatever the
pattern (and with the number of states, capped). ``regex()`` only asks whether the pattern occurs somewhere in the text (search, not
anchored), so no capture groups are needed.

Refused (``RegexRejected``): patterns over ``MAX_PATTERN`` characters or nested deeper than
``MAX_NESTING``, more than ``MAX_STATES`` NFA states once counted repeats are unrolled, and features
an NFA cannot do or that change what matches: back-references, look-ahead/behind, conditionals,
atomic groups and possessive repeats. Texts over ``MAX_SUBJECT`` characters are refused too.
"""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 - the parser's opcode names
import re._parser as sre_parse
import warnings
from functools import lru_cache
from typing import Callable

MAX_PATTERN = 500
MAX_NESTING = 40
MAX_STATES = 500
MAX_SUBJECT = 10_000
_MEMO_LIMIT = 20_000


class RegexRejected(ValueError):
    """The pattern (or the text) is not accepted; ``args[0]`` says why, in English."""


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_CATEGORIES: dict[object, Callable[[str], bool]] = {
    C.CATEGORY_DIGIT: str.isdecimal,
    C.CATEGORY_NOT_DIGIT: lambda ch: not ch.isdecimal(),
    C.CATEGORY_SPACE: str.isspace,
    C.CATEGORY_NOT_SPACE: lambda ch: not ch.isspace(),
    C.CATEGORY_WORD: _is_word,
    C.CATEGORY_NOT_WORD: lambda ch: not _is_word(ch),
    C.CATEGORY_LINEBREAK: lambda ch: ch == "\n",
    C.CATEGORY_NOT_LINEBREAK: lambda ch: ch != "\n",
}


def _fold(test: Callable[[str], bool], ignore_case: bool) -> Callable[[str], bool]:
    if not ignore_case:
        return test
    return lambda ch: test(ch) or test(ch.lower()) or test(ch.upper())


def _class_test(items: list, ignore_case: bool) -> Callable[[str], bool]:
    negate = False
    tests: list[Callable[[str], bool]] = []
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            tests.append(lambda ch, c=chr(av): ch == c)
        elif op is C.RANGE:
            tests.append(lambda ch, lo=av[0], hi=av[1]: lo <= ord(ch) <= hi)
        elif op is C.CATEGORY and av in _CATEGORIES:
            tests.append(_CATEGORIES[av])
        else:
            raise RegexRejected(f"unsupported character class item {op}")
    test = _fold(lambda ch: any(t(ch) for t in tests), ignore_case)
    return (lambda ch: not test(ch)) if negate else test


class _Builder:
    """Builds the NFA: each state has epsilon moves, or one character move, or one assertion."""

    def __init__(self) -> None:
        self.eps: list[list[int]] = []
        self.move: list[tuple[Callable[[str], bool], int] | None] = []
        self.check: list[tuple[str, int] | None] = []

    def new(self) -> int:
        if len(self.eps) >= MAX_STATES:
            raise RegexRejected(f"the pattern is too big (over {MAX_STATES} states)")
        self.eps.append([])
        self.move.append(None)
        self.check.append(None)
        return len(self.eps) - 1

    def sequence(self, items: list, start: int, flags: int, depth: int) -> int:
        if depth > MAX_NESTING:
            raise RegexRejected("the pattern is nested too deeply")
        for op, av in items:
            start = self.item(op, av, start, flags, depth)
        return start

    def char(self, start: int, test: Callable[[str], bool]) -> int:
        end = self.new()
        self.move[start] = (test, end)
        return end

    def item(self, op, av, start: int, flags: int, depth: int) -> int:  # noqa: ANN001, C901
        icase = bool(flags & re.IGNORECASE)
        if op is C.LITERAL:
            return self.char(start, _fold(lambda ch, c=chr(av): ch == c, icase))
        if op is C.NOT_LITERAL:
            same = _fold(lambda ch, c=chr(av): ch == c, icase)
            return self.char(start, lambda ch: not same(ch))
        if op is C.ANY:
            dotall = bool(flags & re.DOTALL)
            return self.char(start, (lambda ch: True) if dotall else (lambda ch: ch != "\n"))
        if op is C.IN:
            return self.char(start, _class_test(av, icase))
        if op is C.AT:
            return self.assertion(start, av, flags)
        if op is C.SUBPATTERN:
            _group, add, remove, sub = av
            return self.sequence(sub, start, (flags | add) & ~remove, depth + 1)
        if op is C.BRANCH:
            end = self.new()
            for alternative in av[1]:
                entry = self.new()
                self.eps[start].append(entry)
                self.eps[self.sequence(alternative, entry, flags, depth + 1)].append(end)
            return end
        if op in (C.MAX_REPEAT, C.MIN_REPEAT):
            return self.repeat(av, start, flags, depth)
        raise RegexRejected(f"unsupported regex feature {op}")

    def repeat(self, av, start: int, flags: int, depth: int) -> int:  # noqa: ANN001
        low, high, sub = av
        for _ in range(low):
            start = self.sequence(sub, start, flags, depth + 1)
        end = self.new()
        if high is C.MAXREPEAT:
            body = self.new()
            self.eps[start] += [body, end]
            self.eps[self.sequence(sub, body, flags, depth + 1)].append(start)
            return end
        for _ in range(high - low):
            body = self.new()
            self.eps[start] += [body, end]
            start = self.sequence(sub, body, flags, depth + 1)
        self.eps[start].append(end)
        return end

    def assertion(self, start: int, code, flags: int) -> int:  # noqa: ANN001
        multiline = bool(flags & re.MULTILINE)
        kinds = {
            C.AT_BEGINNING: "bol" if multiline else "bos",
            C.AT_BEGINNING_STRING: "bos",
            C.AT_END: "eol" if multiline else "eos_nl",
            C.AT_END_STRING: "eos",
            C.AT_BOUNDARY: "word",
            C.AT_NON_BOUNDARY: "notword",
        }
        if code not in kinds:
            raise RegexRejected(f"unsupported anchor {code}")
        end = self.new()
        self.check[start] = (kinds[code], end)
        return end


class SafePattern:
    """A compiled pattern; ``search(text)`` says whether it occurs in ``text``.

    The NFA runs bit-parallel: a set of states is an int, states are numbered so that every
    character move goes from state s to s + 1 (a step is ``(states & accepts[ch]) << 1``), and the
    epsilon closure of a set is looked up eight states at a time in lazily filled tables, one
    table per combination of the anchors (``^ $ \\b \\B``) that hold at a position.
    """

    def __init__(self, pattern: str) -> None:
        if len(pattern) > MAX_PATTERN:
            raise RegexRejected(f"the pattern is longer than {MAX_PATTERN} characters")
        try:
            with warnings.catch_warnings():  # e.g. "possible nested set": not the user's concern here
                warnings.simplefilter("ignore")
                parsed = sre_parse.parse(pattern, 0)
        except (re.error, RecursionError, OverflowError, ValueError) as exc:
            raise RegexRejected(f"not a valid pattern ({exc})") from None
        b = _Builder()
        start = b.new()
        accept = b.sequence(list(parsed), start, parsed.state.flags, 0)
        number = _chain_numbering(b.move)
        self.size = len(b.eps)  # number of states: the most work one character can cost
        self.start_bit, self.accept_bit = 1 << number[start], 1 << number[accept]
        self.eps = [[] for _ in range(self.size)]
        self.check: list[tuple[str, int] | None] = [None] * self.size
        self.moves: list[tuple[int, Callable[[str], bool]]] = []
        for old in range(self.size):
            self.eps[number[old]] = [number[target] for target in b.eps[old]]
            if b.check[old] is not None:
                self.check[number[old]] = (b.check[old][0], number[b.check[old][1]])
            if b.move[old] is not None:
                self.moves.append((number[old], b.move[old][0]))
        self.kinds = tuple(sorted({c[0] for c in self.check if c is not None}))  # anchors used
        self._accepts: dict[str, int] = {}
        self._chunks: dict[tuple | None, dict[tuple[int, int], int]] = {}
        self._singles: dict[tuple | None, list[int]] = {}  # closure of each single state

    def _accepting(self, ch: str) -> int:
        """States with a move that accepts ``ch``."""
        mask = self._accepts.get(ch)
        if mask is None:
            mask = 0
            for state, test in self.moves:
                if test(ch):
                    mask |= 1 << state
            if len(self._accepts) > _MEMO_LIMIT:
                self._accepts.clear()
            self._accepts[ch] = mask
        return mask

    def _state_closure(self, state: int, where: tuple | None) -> int:
        seen = 1 << state
        stack = [state]
        while stack:
            s = stack.pop()
            targets = list(self.eps[s])
            check = self.check[s]
            if check is not None and where is not None and where[self.kinds.index(check[0])]:
                targets.append(check[1])
            for target in targets:
                if not seen >> target & 1:
                    seen |= 1 << target
                    stack.append(target)
        return seen

    def _closure(self, states: int, where: tuple | None) -> int:
        table = self._chunks.get(where)
        if table is None:
            table = self._chunks[where] = {}
            self._singles[where] = [-1] * self.size
        singles = self._singles[where]
        result, chunk = 0, 0
        while states:
            byte = states & 0xFF
            if byte:
                found = table.get((chunk, byte))
                if found is None:
                    found = 0
                    for i in range(8):
                        if byte >> i & 1:
                            state = chunk * 8 + i
                            if singles[state] < 0:
                                singles[state] = self._state_closure(state, where)
                            found |= singles[state]
                    if len(table) > _MEMO_LIMIT:
                        table.clear()
                    table[(chunk, byte)] = found
                result |= found
            states >>= 8
            chunk += 1
        return result

    def search(self, text: str) -> bool:
        if len(text) > MAX_SUBJECT:
            raise RegexRejected(f"the text is longer than {MAX_SUBJECT} characters")
        current = 0
        for i in range(len(text) + 1):
            where = tuple(_holds(kind, _where(text, i)) for kind in self.kinds) if self.kinds else None
            current = self._closure(current | self.start_bit, where)
            if current & self.accept_bit:
                return True
            if i < len(text):
                current = (current & self._accepting(text[i])) << 1
        return False


def _chain_numbering(moves: list) -> list[int]:
    """New state numbers such that each character move goes from s to s + 1. Every state has at
    most one move out and at most one in (its target is always a fresh state), so the moves form
    chains; numbering each chain consecutively does it."""
    targets = {m[1] for m in moves if m is not None}
    number = [0] * len(moves)
    next_number = 0
    for head in range(len(moves)):
        if head in targets:
            continue
        state: int | None = head
        while state is not None:
            number[state] = next_number
            next_number += 1
            state = moves[state][1] if moves[state] is not None else None
    return number


def _where(text: str, i: int) -> tuple:
    """What anchors need to know about position ``i``: (start, end, previous, next character)."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i] if i < len(text) else ""
    final_newline = nxt == "\n" and i == len(text) - 1
    return (i == 0, i == len(text), prev == "\n", nxt == "\n", final_newline,
            bool(prev) and _is_word(prev), bool(nxt) and _is_word(nxt))


def _holds(kind: str, where: tuple) -> bool:
    at_start, at_end, prev_nl, next_nl, final_nl, prev_word, next_word = where
    if kind == "bos":
        return at_start
    if kind == "bol":
        return at_start or prev_nl
    if kind == "eos":
        return at_end
    if kind == "eos_nl":
        return at_end or final_nl
    if kind == "eol":
        return at_end or next_nl
    if kind == "word":
        return prev_word != next_word
    return prev_word == next_word and not (at_start and at_end)  # notword; like re, never in ""


@lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> SafePattern:
    """The compiled pattern (cached); raises ``RegexRejected``."""
    return SafePattern(pattern)


def search(pattern: str, text: str) -> bool:
    return compile_pattern(pattern).search(text)
