"""jieba.posseg's HMM ``viterbi``, each state's best predecessor sought among the states that may
precede it (issue 12).

``jieba.posseg.viterbi`` takes, for every state ``y`` a character may have, the maximum of
``(V[y0] + trans[y0].get(y, MIN_INF) + emit, y0)`` over *every* state ``y0`` of the character
before: up to 256 × 256 sums a character, though ``y`` follows 32 states on average (81 at most).
A state that cannot precede ``y`` scores ``(V[y0] + MIN_INF) + emit``, at most
``(max V + MIN_INF) + emit`` (adding a number to floats keeps their order), and ``MIN_INF`` is
minus infinity: when the best predecessor scores more than that bound, the maximum over every
state is the maximum over the predecessors, the same pair (ties broken by the state, as ``max``
of the pairs does). Otherwise the step is taken over every state, as jieba does. The other steps
(the states a character may take, the last state, the way back) are jieba's. ``route`` returns
what ``viterbi(...)[1]`` returns; kb.text.pos_filter reads its decisions from it.
"""

from __future__ import annotations

import importlib


class PredecessorViterbi:
    """``viterbi(obs, states, start, trans, emit)`` for fixed tables (see the module docstring)."""

    def __init__(self, states: dict, start: dict, trans: dict, emit: dict) -> None:
        module = importlib.import_module("jieba.posseg.viterbi")     # its constants, as viterbi reads them
        self.min_float, self.min_inf = module.MIN_FLOAT, module.MIN_INF
        self.states, self.start, self.trans, self.emit = states, start, trans, emit
        self.preds: dict = {}
        for y0, following in trans.items():
            for y, p in following.items():
                self.preds.setdefault(y, []).append((y0, p))

    @classmethod
    def of(cls, posseg) -> "PredecessorViterbi":
        """The HMM of the ``jieba.posseg`` module, the tables its ``__cut`` gives ``viterbi``."""
        return cls(posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)

    def route(self, obs: str) -> list:
        """The state of each character of ``obs``: ``jieba.posseg.viterbi(obs, …)[1]``."""
        trans, emit, min_float = self.trans, self.emit, self.min_float
        all_states = trans.keys()
        V = [{y: self.start[y] + emit[y].get(obs[0], min_float) for y in self.states.get(obs[0], all_states)}]
        mem_path = [dict.fromkeys(V[0], "")]
        for t in range(1, len(obs)):
            prev = V[t - 1]
            prev_states = [x for x in mem_path[t - 1].keys() if len(trans[x]) > 0]
            expect_next = {y for x in prev_states for y in trans[x].keys()}
            obs_states = set(self.states.get(obs[t], all_states)) & expect_next
            if not obs_states:
                obs_states = expect_next if expect_next else all_states
            V.append({})
            mem_path.append({})
            self._step(obs[t], prev, prev_states, obs_states, V[t], mem_path[t])
        prob, state = max((V[-1][y], y) for y in mem_path[-1].keys())
        route = [None] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = state
            state = mem_path[i][state]
        return route

    def _step(self, ch: str, prev: dict, prev_states: list, obs_states, scores: dict, back: dict) -> None:
        """One character's states: score and best predecessor of each (``viterbi``'s inner loop)."""
        trans, emit, min_float, min_inf = self.trans, self.emit, self.min_float, self.min_inf
        present = set(prev_states)
        top = max(prev[x] for x in prev_states) if prev_states else min_inf
        for y in obs_states:
            e = emit[y].get(ch, min_float)
            best = max(((prev[y0] + p + e, y0) for y0, p in self.preds.get(y, ()) if y0 in present), default=None)
            if best is None or not best[0] > (top + min_inf) + e:
                best = max((prev[y0] + trans[y0].get(y, min_inf) + e, y0) for y0 in prev_states)
            scores[y], back[y] = best
