"""Part-of-speech tagging with kb's dictionary, its word → tag table read once or on demand.

``jieba.posseg`` reads jieba's 349,000-line dictionary into a word → tag dict twice
when imported and used (once for its module-level tagger at import, once for ours):
about 1 s, most of a one-claim `kb check`. Here the import is made with the
module-level tagger's dictionary pointed at an empty file (kb never uses that tagger),
and the table of the full load (jieba's tags, then the tags of kb/data/userdict.txt)
is written once to SQLite; every tokenizer then reads a word's tag when a sentence
needs it (the first process of a machine loads the table whole and writes it). Both
ways give the same tags.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from kb.text.frozen import FrozenTable, write_table

logger = logging.getLogger(__name__)


def import_posseg(jieba):
    """``jieba.posseg``, imported without loading the dictionary into its module-level tagger."""
    import sys

    if "jieba.posseg" in sys.modules:
        return sys.modules["jieba.posseg"]
    default = jieba.dt
    saved = default.dictionary
    default.dictionary = os.devnull       # posseg's own `dt` gets an empty tag table
    try:
        import jieba.posseg as posseg
    finally:
        default.dictionary = saved
    return posseg


def tag_table(base, jieba, frozen: Path, user_tags: dict[str, str]):
    """The word → tag table of ``jieba.posseg`` over the loaded ``base`` tokenizer (see the module
    docstring). Once the table is written, every process reads tags on demand (no ``posseg``
    import): a sentence asks for a few dozen words, while the whole table costs 55 MB and 0.2 s
    in each ingest worker. Before it is written, the tags of kb's own words (``user_tags``) are
    added to jieba's here: a ``base`` read from the frozen word table never had them added with
    its words, and without them a process would tag differently from one that loaded the
    dictionary whole. The first process that loads the table whole writes it, an ingest or one
    query alike, as the word table is written: else a machine whose ingests are all small (read
    on demand) would load the 349,000 tags in every `kb check`."""
    if frozen.exists():
        return FrozenTable(frozen, "tags", "tag")
    table = import_posseg(jieba).POSTokenizer(base).word_tag_tab
    table.update(user_tags)
    try:
        write_tags({**table, **base.user_word_tag_tab}, frozen)
    except (OSError, sqlite3.Error) as exc:   # a read-only temp dir only costs start-up time
        logger.debug("could not write %s: %s", frozen, exc)
    return table


def pos_tagger(base, jieba, table):
    """A ``jieba.posseg.POSTokenizer`` over the loaded ``base`` tokenizer and its ``table``
    (``tag_table``): what ``POSTokenizer(base)`` makes, without reading the dictionary again."""
    posseg = import_posseg(jieba)
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)
    tagger.tokenizer = base
    tagger.word_tag_tab = table
    return tagger


def merge_user_tags(base, table) -> None:
    """Add the tags of the words added to ``base`` since (``add_word``) to ``table``, as
    ``POSTokenizer.makesure_userdict_loaded`` does before each cut."""
    if base.user_word_tag_tab:
        table.update(base.user_word_tag_tab)
        base.user_word_tag_tab = {}


def write_tags(tags: dict, path: Path) -> None:
    """Write the word → tag table, replacing ``path`` atomically."""
    write_table(path, "tags", "tag", "TEXT", tags)
