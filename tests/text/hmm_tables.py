"""A tiny hand-made HMM for the tests of jieba's viterbi and kb's replays of it: 乙 and 丁 allow no
nt state, yet after 甲 (B-nt only) viterbi's fallback gives 乙 every state that may follow."""


def fallback_tables() -> tuple[dict, dict, dict, dict]:
    """(char_states, start, transitions, emit) of that HMM."""
    transitions = {("B", "nt"): {("M", "nt"): -1.0, ("E", "nt"): -2.0},
                   ("M", "nt"): {("M", "nt"): -2.0, ("E", "nt"): -1.0},
                   ("E", "nt"): {("S", "x"): -1.0}, ("S", "x"): {("B", "nt"): -1.0, ("S", "x"): -1.0}}
    char_states = {"甲": (("B", "nt"),), "乙": (("S", "x"),), "丁": (("B", "nt"),)}
    start = dict.fromkeys(transitions, 0.0)
    emit = {state: dict.fromkeys("甲乙丁", 0.0) for state in transitions}
    return char_states, start, transitions, emit
