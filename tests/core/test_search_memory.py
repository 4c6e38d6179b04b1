"""The gram index of the in-memory names finds exactly what a scan of the joined text finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from crm.search_memory import Blob, Grams, MemoryNames, cjk_characters, latin_trigrams

# Names drawn from a small alphabet so that words often occur: pinyin letters, digits, a
# hyphen (breaks a trigram), spaces and separators, and a few Chinese characters.
_LATIN = st.text(alphabet="zgshxinen0-1 |", max_size=30)
_CJK = st.text(alphabet="新能源光伏电 |a1", max_size=12)


def _scan(texts: list[str], word: str) -> list[int]:
    return [row for row, text in enumerate(texts) if word in text]


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_LATIN, max_size=20), word=st.text(alphabet="zgshxin0-1", min_size=1))
def test_latin_trigrams_find_what_a_scan_finds(texts: list[str], word: str) -> None:
    grams = Grams(Blob(texts), texts, latin_trigrams)
    found = grams.records_containing(word)
    if found is None:  # no trigram of letters or digits: the caller scans
        assert not any(word[i : i + 3].isalnum() for i in range(len(word) - 2))
        return
    assert found == _scan(texts, word)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(_CJK, max_size=20), word=st.text(alphabet="新能源光伏电a", min_size=1))
def test_cjk_characters_find_what_a_scan_finds(texts: list[str], word: str) -> None:
    grams = Grams(Blob(texts), texts, cjk_characters)
    found = grams.records_containing(word)
    if found is None:
        assert word.isascii()
        return
    assert found == _scan(texts, word)


def test_names_changed_after_the_join_are_judged_by_their_new_text() -> None:
    names = MemoryNames()
    names.haystacks = {
        "a": "中国石化 | zhongguoshihua | zgsh",
        "b": "光伏电站 | guangfudianzhan | gfdz",
    }
    names.join()
    assert names.matching(["zgsh"]) == ["a"]
    names.update([("a", "新能源 | xinnengyuan | xny"), ("c", "中石化 | zhongshihua | zsh")])
    assert names.matching(["zgsh"]) == []
    assert names.matching(["shihua"]) == ["c"]
    assert names.matching(["光伏"]) == ["b"]
    assert names.matching(["新"]) == ["a"]


def _names(**haystacks: str) -> MemoryNames:
    names = MemoryNames()
    names.haystacks = dict(haystacks)
    return names


def test_a_join_built_outside_the_lock_keeps_the_changes_made_meanwhile() -> None:
    names = _names(a="中国石化 | zhongguoshihua | zgsh", b="光伏电站 | guangfudianzhan | gfdz")
    copy = names.copy_to_join()
    assert copy is not None
    # While the worker builds, a search scans the names (and sees an edit at once).
    names.update([("b", "中石化光伏 | zhongshihuaguangfu | zshgf")])
    assert names.matching(["shihua"]) == ["a", "b"]
    names.install(copy, copy.build())
    # The join is from before the edit: the edited record is judged by its new text.
    assert names.matching(["gfdz"]) == []
    assert names.matching(["shihua"]) == ["a", "b"]
    assert names.copy_to_join() is None  # joined: nothing to do


def test_a_join_of_names_loaded_anew_since_is_dropped() -> None:
    names = _names(a="中国石化 | zhongguoshihua | zgsh")
    copy = names.copy_to_join()
    assert copy is not None
    names.haystacks = {"c": "光伏电站 | guangfudianzhan | gfdz"}
    names._generation += 1  # as load() does when the index changed
    names.install(copy, copy.build())
    assert names.matching(["zgsh"]) == []  # nothing of the old names' join is used
    assert names.matching(["gfdz"]) == ["c"]
