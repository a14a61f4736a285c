"""kb.text.pos_viterbi: jieba.posseg's viterbi with each maximum taken over a state's predecessors
gives the states jieba's gives."""

from __future__ import annotations

import random

from kb.text.pos_tags import import_posseg
from kb.text.pos_viterbi import PredecessorViterbi
from tests.text.hmm_tables import fallback_tables


def _posseg():
    import jieba

    return import_posseg(jieba)


RUNS = ["海易办", "自贸港", "年全澳", "多田套合", "琼海数智云科技集团", "龘靐齉", "甲", "国务院发展研究中心",
        "中国移动通信集团", "的的的的的", "省市县乡"]


def test_the_same_states_as_jiebas_viterbi():
    posseg = _posseg()
    fast = PredecessorViterbi.of(posseg)
    tables = (posseg.char_state_tab_P, posseg.start_P, posseg.trans_P, posseg.emit_P)
    rng = random.Random(12)
    known = sorted(posseg.char_state_tab_P)
    chars = rng.sample(known, 400) + ["龘", "靐", "齉", "丂", "乛"]     # some with no entry: every state
    runs = RUNS + ["".join(rng.choice(chars) for _ in range(rng.randint(1, 9))) for _ in range(400)]
    for run in runs:
        assert fast.route(run) == posseg.viterbi(run, *tables)[1], run


def test_a_character_given_a_state_it_does_not_allow():
    # 乙 allows no nt state, yet viterbi's fallback gives it one (tests/text/hmm_tables.py)
    char_states, start, transitions, emit = fallback_tables()
    fast = PredecessorViterbi(char_states, start, transitions, emit)
    posseg = _posseg()
    for run in ("甲乙丁", "乙乙丁", "甲乙", "丁甲乙乙甲", "甲"):
        assert fast.route(run) == posseg.viterbi(run, char_states, start, transitions, emit)[1], run
    assert fast.route("甲乙丁") == [("B", "nt"), ("M", "nt"), ("E", "nt")]
