"""The vocabulary files of kb/data/: every YAML map has each key once (a second ``mean_words:`` in one
file silently replaces the first, and every rule reading the first then reads the second)."""

from pathlib import Path

import pytest
import yaml

from kb.text.vocab import DATA_DIR


class DuplicateKeyLoader(yaml.SafeLoader):
    """A SafeLoader that refuses a map holding one key twice."""


def _unique_mapping(loader: DuplicateKeyLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    twice = sorted({str(k) for k in keys if keys.count(k) > 1})
    if twice:
        raise yaml.constructor.ConstructorError(None, None, f"keys written twice: {', '.join(twice)}", node.start_mark)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


DuplicateKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _unique_mapping)


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.yaml")), ids=lambda p: p.name)
def test_every_key_of_a_vocabulary_is_written_once(path: Path):
    yaml.load(path.read_text(encoding="utf-8"), Loader=DuplicateKeyLoader)


def test_a_key_written_twice_is_refused():
    with pytest.raises(yaml.constructor.ConstructorError, match="mean_words"):
        yaml.load("words:\n  mean_words: [a]\n  mean_words: [b]\n", Loader=DuplicateKeyLoader)
