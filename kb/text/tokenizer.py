"""Tokenisation for search: Chinese words, figures with units, Latin terms.

``tokenize(text)`` gives the tokens the BM25 index and queries use: jieba's
cut with the domain dictionary ``kb/data/userdict.txt``, plus the dictionary
words found inside each long word (as jieba's ``cut_for_search`` does, so
孵化器 matches inside 科技企业孵化器), figures kept whole *and* split into
number and unit (3.91万亿元 → 3.91万亿元, 3.91, 万亿元), stop words of
``kb/data/stopwords.txt`` and punctuation dropped. ``words(text)`` gives the
plain segmentation of the original text (its pieces join back to ``text``),
for marking matched terms in hit text: compare ``normalize(word)`` with tokens.

jieba is imported and its dictionary loaded lazily, once per process, into a
private ``jieba.Tokenizer`` whose cache file lives at a stable temp path so
later processes reuse it. Importing this module stays cheap.
"""

from __future__ import annotations

import logging
import re
import tempfile
import threading
from functools import lru_cache
from pathlib import Path
from kb.text.frozen import FrozenTable, write_table
from kb.text.jieba_route import route_tokenizer
from kb.text.vocab import DATA_DIR
from kb.text.lazy_pattern import lazy_compile

logger = logging.getLogger(__name__)

# Full-width digits/Latin letters/％/．/＆ → ASCII, ASCII upper → lower, ideographic
# space → space. One character to one character, so offsets are unchanged.
# Chinese punctuation (，。：) is kept, as kb.ingest.load does.
_NORMALIZE = {i: i + 0x20 for i in range(ord("A"), ord("Z") + 1)}
_NORMALIZE.update({0xFF10 + i: ord("0") + i for i in range(10)})
_NORMALIZE.update({0xFF21 + i: ord("a") + i for i in range(26)})
_NORMALIZE.update({0xFF41 + i: ord("a") + i for i in range(26)})
_NORMALIZE.update({0xFF05: ord("%"), 0xFF0E: ord("."), 0xFF06: ord("&"), 0x3000: ord(" ")})

# Units that may follow a number, longest first within each alternation.
_SCALE = r"(?:万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)"
_BASE = (
    r"(?:个百分点|百分点|人民币|美元|欧元|日元|港元|英镑|元|吨标准煤|万吨|吨|千克|公斤|克|"
    r"千瓦时|千瓦|兆瓦|瓦|平方公里|平方千米|平方米|公里|千米|米|公顷|亩|立方米|升|"
    r"人次|人|户|家|个|件|项|篇|所|辆|台|套|部|座|条|次|只|架|艘|头|倍|位|名|"
    r"小时|天|周|年|月|日|岁)"
)
_UNIT = rf"(?:%|‰|{_SCALE}?{_BASE}(?:/{_SCALE}?{_BASE})?|{_SCALE})"
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# A Latin term (r&d, ipv4, 5g, pm2.5) is tried first; then a figure with its unit.
_PIECE = lazy_compile(
    r"(?P<latin>(?<![a-z0-9.])\d*[a-z][a-z0-9]*(?:[&+\-.][a-z0-9]+)*)"
    rf"|(?P<figure>(?P<number>{_NUMBER})(?P<unit>{_UNIT})?)"
)
_HAS_WORD_CHAR = lazy_compile(r"[0-9a-z\u3400-\u9fff\uf900-\ufaff]")
_HAN = lazy_compile(r"^[\u3400-\u9fff]+$")
_MAX_SUBWORD_SOURCE = 12  # longer words are rare; skip their sub-word scan


@lru_cache(maxsize=1)
def _normalize_table() -> dict[int, int]:
    from kb.text.script import table

    return {**table(), **_NORMALIZE}


def normalize(text: str) -> str:
    """Full-width → half-width digits/letters, Latin lower-cased, traditional characters simplified
    (kb.text.script); same length as ``text``."""
    return text.translate(_normalize_table())


class FrozenFreq(FrozenTable):
    """jieba's word → frequency table read on demand (kb.text.frozen).

    Loading jieba's own cache unmarshals ~500 000 entries (about 0.7 s here),
    which dominates a one-query process; a query looks up only the few hundred
    substrings of itself. Same table, so the same tokens as the full load.
    """

    def __init__(self, path: Path):
        super().__init__(path, "freq", "freq")
        self.total = self.meta("total")
        self._size = self.meta("size")

    def __len__(self) -> int:
        return self._size


def _dictionary_key(data: Path) -> str:
    import hashlib

    import jieba

    digest = hashlib.sha1((data / "userdict.txt").read_bytes())
    digest.update(str(getattr(jieba, "__version__", "")).encode())
    return digest.hexdigest()[:12]


def _write_frozen_freq(freq: dict, total: int, path: Path) -> None:
    """Write the final table (jieba's dictionary plus ours) for later on-demand reads."""
    write_table(path, "freq", "freq", "INTEGER", freq, {"total": total, "size": len(freq)})


@lru_cache(maxsize=1)
def user_words(data: Path = DATA_DIR) -> tuple[tuple[str, int | None, str | None], ...]:
    """(word, frequency or None, tag or None) of each line of kb's userdict.txt."""
    out = []
    for line in (data / "userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(" ")
        if parts[0]:
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            out.append((parts[0], freq, parts[2] if len(parts) > 2 else None))
    return tuple(out)


class Tokenizer:
    """jieba with kb's dictionary and stop words, loaded on first use; owns its caches.

    Two ways to load the same dictionary: whole into memory (fast for many
    texts: ingest) or read on demand (``fast_start=True``: one query). Both
    give the same tokens. One instance is made by each ``KnowledgeBase`` and
    passed to the stages that cut words; nothing here is process-global.
    """

    def __init__(self, fast_start: bool = False) -> None:
        self.fast_start = fast_start
        self._lock = threading.Lock()
        self._jieba = None
        self._tags = None
        self._pos = None
        self._organisations = None
        self.freq: dict = {}
        self.stopwords: frozenset[str] = frozenset()
        self.subwords = lru_cache(maxsize=200_000)(self._subwords)
        self.word_tokens = lru_cache(maxsize=200_000)(self._word_tokens)

    @property
    def loaded(self) -> bool:
        """True once the dictionary was read (whole or for on-demand reads)."""
        return self._jieba is not None

    @property
    def jieba(self):
        """The loaded ``jieba.Tokenizer`` (cut, FREQ)."""
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    self._load()
        return self._jieba

    @property
    def tags(self):
        """The word → part-of-speech tag table of the dictionary (jieba's tags, then kb's words'),
        read on demand once it was written (kb.text.pos_tags)."""
        if self._tags is None:
            from kb.text.pos_tags import tag_table

            base = self.jieba          # first, so that jieba is imported without pkg_resources
            user_tags = {word: tag for word, _, tag in user_words() if tag}
            self._tags = tag_table(base, _import_jieba(), self._cache_file("tags"), user_tags)
        return self._tags

    @property
    def pos(self):
        """Part-of-speech tagging on the same dictionary (its tags come from jieba's own)."""
        if self._pos is None:
            from kb.text.pos_tags import pos_tagger

            self._pos = pos_tagger(self.jieba, _import_jieba(), self.tags)
        return self._pos

    def may_name_organisation(self, sentence: str) -> bool:
        """False only when ``pos.cut(sentence)`` provably gives no word tagged nt of 3+ characters
        (kb.text.pos_filter), so that tagging it may be skipped."""
        return self._organisation_filter().may_name(sentence)

    def organisation_blocks(self, sentence: str) -> list[tuple[int, str]]:
        """(start, block) of the blocks of ``sentence`` that ``pos.cut`` splits it into whose words
        may include one tagged nt of 3+ characters; the other blocks provably hold none
        (kb.text.pos_filter), so only these need tagging."""
        return self._organisation_filter().naming_blocks(sentence)

    def _organisation_filter(self):
        if self._organisations is None:
            from kb.text.pos_filter import OrganisationFilter
            from kb.text.pos_tags import import_posseg

            self._organisations = OrganisationFilter(self.jieba, self.tags,
                                                     lambda: import_posseg(_import_jieba()))
        return self._organisations

    def organisation_end(self, text: str, start: int, longest: int = 16) -> int:
        """The end of the longest organisation name (tagged nt, 3+ characters: 中国移动) that the
        dictionary knows starting at ``start`` of ``text``, else ``start``."""
        tags = self.tags
        for end in range(min(len(text), start + longest), start + 2, -1):
            if tags.get(text[start:end]) == "nt":
                return end
        return start

    def _load(self) -> None:
        jieba = _import_jieba()
        data = DATA_DIR
        cache_dir = Path(tempfile.gettempdir()) / "kb-jieba"
        cache_dir.mkdir(parents=True, exist_ok=True)
        frozen = self._cache_file("freq")
        tokenizer = route_tokenizer(jieba)()      # jieba's, its dictionary route computed faster
        if self.fast_start and frozen.exists():
            table = FrozenFreq(frozen)
            tokenizer.FREQ, tokenizer.total, tokenizer.initialized = table, table.total, True
        else:
            tokenizer.tmp_dir = str(cache_dir)
            tokenizer.cache_file = "kb-jieba.cache"
            _initialize(tokenizer)
            for word, freq, tag in user_words(data):
                tokenizer.add_word(word, freq, tag)
            if not frozen.exists():
                try:
                    _write_frozen_freq(tokenizer.FREQ, tokenizer.total, frozen)
                except OSError as exc:  # a read-only temp dir only costs start-up time
                    logger.debug("could not write %s: %s", frozen, exc)
        self.freq = tokenizer.FREQ
        self.stopwords = frozenset(
            w.strip() for w in (data / "stopwords.txt").read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("# ")
        )
        self._jieba = tokenizer
        logger.debug("jieba loaded: %d dictionary entries", len(self.freq))

    @staticmethod
    def _cache_file(kind: str) -> Path:
        """The SQLite copy of one table of the loaded dictionary (freq: word frequencies, tags:
        parts of speech), named by the dictionary's content, in a stable temp folder."""
        return Path(tempfile.gettempdir()) / "kb-jieba" / f"kb-{kind}-{_dictionary_key(DATA_DIR)}.sqlite"

    def cut(self, text: str, HMM: bool = True):  # noqa: N803 (jieba's keyword)
        """jieba's word cut of ``text`` with kb's dictionary."""
        return self.jieba.cut(text, HMM=HMM)

    def _subwords(self, word: str) -> tuple[str, ...]:
        """Dictionary words strictly inside ``word`` (lengths 2..len-1), left to right."""
        n = len(word)
        if n < 3 or n > _MAX_SUBWORD_SOURCE or not _HAN.match(word):
            return ()
        freq, stop = self.freq, self.stopwords
        found = []
        for size in range(2, n):
            for i in range(n - size + 1):
                piece = word[i:i + size]
                if freq.get(piece) and piece not in stop:
                    found.append(piece)
        return tuple(found)

    def _word_tokens(self, word: str) -> tuple[str, ...]:
        """The tokens of one word of jieba's cut: none for a stop word or punctuation, else the word
        and its sub-words (kept per word: a word recurs across passages)."""
        if word in self.stopwords or not _HAS_WORD_CHAR.search(word):
            return ()
        return (word, *self.subwords(word))

    def figure_tokens(self, m: re.Match) -> list[str]:
        number = m.group("number").replace(",", "")  # 1,234 and 1234 are one token
        unit = m.group("unit")
        if not unit:
            return [number]
        return [number + unit, number, unit, *self.subwords(unit)]

    def tokenize(self, text: str) -> list[str]:
        """Index/query tokens of ``text``: words, sub-words, figures whole and split, no stop words."""
        if not text:
            return []
        jb = self.jieba
        word_tokens = self.word_tokens
        tokens: list[str] = []
        for piece, m in pieces(normalize(text)):
            if m is None:
                for word in jb.cut(piece):
                    tokens.extend(word_tokens(word))
            elif m.group("latin"):
                tokens.extend(latin_tokens(piece))
            else:
                tokens.extend(self.figure_tokens(m))
        return tokens

    def words(self, text: str) -> list[str]:
        """Plain word segmentation of ``text``: pieces of the original text, joining back to it.

        Figures with units and Latin terms are one piece; compare ``normalize(piece)``
        with query tokens to mark matches.
        """
        if not text:
            return []
        jb = self.jieba
        out: list[str] = []
        pos = 0
        for piece, m in pieces(normalize(text)):
            cut = [piece] if m is not None else list(jb.cut(piece))
            for w in cut:
                out.append(text[pos:pos + len(w)])  # original characters, same length
                pos += len(w)
        return out


def _initialize(tokenizer) -> None:
    """``tokenizer.initialize()``, its cache file read whole first: jieba's own ``marshal.load`` of
    the open file reads it a few bytes at a time (0.6 s here against 0.2 s from the bytes), the same
    dictionary. As jieba does, the cache of the default dictionary is used whenever it is a file;
    any other case, or a cache that does not load, is left to jieba (which rebuilds it)."""
    import marshal

    path = Path(tokenizer.tmp_dir or tempfile.gettempdir()) / tokenizer.cache_file
    if tokenizer.dictionary is None and not tokenizer.initialized and path.is_file():
        try:
            freq, total = marshal.loads(path.read_bytes())
        except Exception:  # as jieba: a cache that does not load is rebuilt
            logger.debug("could not read %s; jieba rebuilds it", path)
        else:
            tokenizer.FREQ, tokenizer.total, tokenizer.initialized = freq, total, True
            return
    tokenizer.initialize()


def _import_jieba():
    """Import jieba without letting it import pkg_resources (80 ms only to find its files)."""
    import importlib
    import sys

    if "jieba" in sys.modules:
        jieba = sys.modules["jieba"]
        jieba.setLogLevel(logging.WARNING)
        return jieba
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        jieba = importlib.import_module("jieba")
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)  # silence "Building prefix dict ..."
    return jieba


def pieces(text: str) -> list[tuple[str, re.Match | None]]:
    """Split normalised text into plain runs (for jieba) and Latin/figure matches."""
    out: list[tuple[str, re.Match | None]] = []
    pos = 0
    for m in _PIECE.finditer(text):
        if m.start() > pos:
            out.append((text[pos:m.start()], None))
        out.append((m.group(0), m))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], None))
    return out


def latin_tokens(text: str) -> list[str]:
    parts = [p for p in re.split(r"[&+\-.]|(?<=\d)(?=[a-z])|(?<=[a-z])(?=\d)", text) if len(p) > 1]
    return [text] + [p for p in parts if p != text]
