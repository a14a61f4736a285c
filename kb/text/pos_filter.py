"""Which sentences part-of-speech tagging could find an organisation name in (issue 12).

``named_organisations`` keeps the words jieba's ``posseg`` tags ``nt`` that are 3 or more
characters long; tagging every sentence was a fifth of an ingest's CPU, most of it the HMM's
``viterbi``. ``OrganisationFilter.may_name(sentence)`` is False only when tagging provably
gives no such word, so the caller may skip the tagging and get the same (empty) list.

Why it is exact. ``POSTokenizer.cut`` splits the sentence into blocks (``re_han_internal``);
other text gives only pieces tagged m, eng or x. In a block it takes jieba's dictionary route
(``get_DAG`` and ``calc`` of the same ``jieba.Tokenizer``: the filter replays them, the same
route) and yields

1. each word of 2+ characters of the route with its tag in the tag table (the filter looks
   the word up in the same table, after merging the user words as the cut does first);
2. for a run of single characters of the route: one character, or each character of a run
   the dictionary holds, or — a run of 2+ characters the dictionary lacks — the HMM's words
   (``__cut``) for each Han run inside it (``re_han_detail``), other characters tagged m, eng
   or x.

An HMM word takes the tag of the state of its last character (``('E', 'nt')``) or, for the
unfinished tail of the run, of its first (``('B'|'M', 'nt')``). Only ``('B'|'M', 'nt')`` lead
to ``('M'|'E', 'nt')`` and the route follows transitions, so a word of 3+ characters tagged
nt puts ``('M', 'nt')`` on some character and ``('E', 'nt')`` on the next, or (the tail)
``('M', 'nt')`` on the last two characters of the run. ``viterbi`` lets a character take a
state only from a set that depends on the character (its entry of ``char_state_tab``, every
state when it has none) and on the previous character's set, not on probabilities: the
allowed states that may follow the previous set or, when none may, all that may (so a
character can take a state its entry lacks). ``HmmModel`` replays these sets: when neither
pattern can appear, the run gives no such word. When one can, the filter runs ``viterbi`` on the
run with the same tables (kb.text.pos_viterbi: the same states, each maximum taken over a state's
predecessors) and reads the words as ``__cut`` does.

So ``may_name`` is True exactly when the cut holds a word tagged nt of 3+ characters. It costs
the dictionary route of the sentence (about a third of tagging it) and the HMM of the few
runs of 3+ characters the replay cannot clear; of a sentence let through, only the blocks that
may hold such a word are tagged (``naming_blocks``).
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import Callable

from kb.text.pos_tags import merge_user_tags
from kb.text.pos_viterbi import PredecessorViterbi

ORGANISATION_TAG = "nt"
SHORTEST_NAME = 3            # named_organisations keeps nt words of 3+ characters
# jieba.posseg's re_han_internal and re_han_detail (a test keeps them equal), here so that the
# dictionary step needs no posseg import.
HAN_BLOCK = re.compile("([\u4E00-\u9FD5a-zA-Z0-9+#&\\._]+)")
HAN_RUN = re.compile("([\u4E00-\u9FD5]+)")


class HmmModel:
    """jieba.posseg's HMM reduced to the sets of states ``viterbi`` may give each character.

    States are bits of an int; a set of states is a mask. ``step`` (kept per pair of masks)
    is ``viterbi``'s choice of the next character's states from the previous ones.
    """

    def __init__(self, char_states: dict, transitions: dict) -> None:
        order = sorted(transitions)
        bit = {state: 1 << i for i, state in enumerate(order)}
        self.allowed = {ch: _mask(states, bit) for ch, states in char_states.items()}
        self.every_state = _mask(order, bit)
        self.successors = [_mask(transitions[state], bit) for state in order]
        self.middle = bit[("M", ORGANISATION_TAG)]
        self.end = bit[("E", ORGANISATION_TAG)]
        self._followers: dict[int, int] = {}
        self._steps: dict[tuple[int, int], int] = {}

    def followers(self, states: int) -> int:
        """Every state some state of ``states`` may pass to (viterbi's prev_states_expect_next)."""
        found = self._followers.get(states)
        if found is None:
            found, rest, i = 0, states, 0
            while rest:
                if rest & 1:
                    found |= self.successors[i]
                rest >>= 1
                i += 1
            self._followers[states] = found
        return found

    def step(self, previous: int, allowed: int) -> int:
        """The states viterbi gives a character allowed ``allowed`` after one given ``previous``:
        the allowed ones that may follow, else all that may follow (0: none may follow at all)."""
        key = (previous, allowed)
        found = self._steps.get(key)
        if found is None:
            following = self.followers(previous)
            found = self._steps[key] = (allowed & following) or following
        return found

    def may_name(self, run: str) -> bool:
        """True unless the HMM's cut of the Han ``run`` (``__cut``) provably has no word tagged nt
        of 3+ characters: no character may be ``('M', 'nt')`` with the next ``('E', 'nt')`` (a word
        ending there), and the last two may not both be ``('M', 'nt')`` (the unfinished tail)."""
        states = self.allowed.get(run[0], self.every_state)
        before = 0
        for ch in run[1:]:
            following = self.step(states, self.allowed.get(ch, self.every_state))
            if not following or (states & self.middle and following & self.end):
                return True       # an nt word can end here (or viterbi's last resort)
            before, states = states, following
        return bool(before & states & self.middle)


def _mask(states, bit: dict) -> int:
    """The mask of ``states`` (an iterable of (position, tag))."""
    mask = 0
    for state in states:
        mask |= bit[state]
    return mask


@lru_cache(maxsize=1)
def hmm_model(posseg) -> HmmModel:
    """The reduced HMM of the ``jieba.posseg`` module (the tables its ``viterbi`` is called with),
    built once per process."""
    return HmmModel(posseg.char_state_tab_P, posseg.trans_P)


class OrganisationFilter:
    """Whether a ``POSTokenizer``'s cut of a sentence can hold a word tagged nt of 3+ characters
    (see the module docstring). ``base`` is the tagger's ``jieba.Tokenizer``, ``tags`` its word →
    tag table and ``posseg`` gives the ``jieba.posseg`` module: imported only when a run needs
    the HMM (most sentences of a claim do not), since importing it reads its tables (≈ 30 ms)."""

    def __init__(self, base, tags, posseg: Callable[[], object]) -> None:
        self.base = base
        self.tags = tags
        self._posseg = posseg
        self.blocks = HAN_BLOCK                   # what cut splits a sentence into
        self.han = HAN_RUN                        # what the HMM is given of a run
        self._hmm_answers: dict[str, bool] = {}   # hmm_names per run (runs repeat: 年全澳, 多田套合)

    @cached_property
    def hmm(self) -> HmmModel:
        return hmm_model(self._posseg())

    @cached_property
    def viterbi(self) -> PredecessorViterbi:
        return PredecessorViterbi.of(self._posseg())   # jieba's viterbi, the same states, faster

    def may_name(self, sentence: str) -> bool:
        """False only when tagging ``sentence`` provably gives no word tagged nt of 3+ characters."""
        merge_user_tags(self.base, self.tags)     # as cut does first: user words' tags join the table
        return any(self.block_may_name(m.group()) for m in self.blocks.finditer(sentence))

    def naming_blocks(self, sentence: str) -> list[tuple[int, str]]:
        """(start, block) of each block of ``sentence`` whose cut may hold a word tagged nt of 3+
        characters, the others proven to hold none. ``cut`` gives a block's words whether it is
        given the sentence or the block alone (``__cut_DAG`` of the block), so tagging these
        blocks finds every such word of the sentence (issue 12: not the whole sentence again)."""
        merge_user_tags(self.base, self.tags)
        return [(m.start(), m.group()) for m in self.blocks.finditer(sentence) if self.block_may_name(m.group())]

    def block_may_name(self, block: str) -> bool:
        """True unless the cut of one block (``__cut_DAG``) provably has no nt word of 3+ characters
        (its words are pieces of the block: a block of fewer than 3 characters has none)."""
        if len(block) < SHORTEST_NAME:
            return False
        base = self.base
        route: dict = {}
        base.calc(block, base.get_DAG(block), route)
        tags = self.tags
        x, single = 0, 0          # single: where the current run of one-character words began
        while x < len(block):
            y = route[x][1] + 1
            if y - x > 1:
                if self.run_may_name(block[single:x]):
                    return True
                if y - x >= SHORTEST_NAME and tags.get(block[x:y]) == ORGANISATION_TAG:
                    return True
                single = y
            x = y
        return self.run_may_name(block[single:])

    def run_may_name(self, run: str) -> bool:
        """True when the cut of a run of one-character words of the route has an nt word of 3+
        characters: only a run of 2+ characters the dictionary lacks goes to the HMM. The HMM's
        words are pieces of a Han run inside it, so a run (or Han run) of fewer than 3 characters
        holds none: it is not given to the HMM (238 of 291 runs of ../shared/realdocs and corpus/,
        each a full ``viterbi`` over every state when its first character has no entry)."""
        if len(run) < SHORTEST_NAME or self.base.FREQ.get(run):
            return False
        return any(len(m.group()) >= SHORTEST_NAME and self.hmm.may_name(m.group()) and self.hmm_names(m.group())
                   for m in self.han.finditer(run))

    def hmm_names(self, run: str) -> bool:
        """True when the HMM's cut of the Han ``run`` (``__cut``: a word ends at a state E, the rest
        of the run after the last word is one more) has a word tagged nt of 3+ characters. Kept per
        run: the answer depends on the run and jieba's fixed tables only."""
        found = self._hmm_answers.get(run)
        if found is None:
            found = self._hmm_answers[run] = self._hmm_names(run)
        return found

    def _hmm_names(self, run: str) -> bool:
        states = self.viterbi.route(run)
        begin, rest = 0, 0
        for i, (position, tag) in enumerate(states):
            if position == "B":
                begin = i
            elif position in "ES":
                if position == "E" and tag == ORGANISATION_TAG and i + 1 - begin >= SHORTEST_NAME:
                    return True
                rest = i + 1
        return len(run) - rest >= SHORTEST_NAME and states[rest][1] == ORGANISATION_TAG
