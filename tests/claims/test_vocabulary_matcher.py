"""The token trie and the vocabulary's lookups, on sentences written for these tests."""

import json

from claims.extraction.matcher import TokenTrie, leftmost_longest
from claims.extraction.vocabulary import (
    GENERATED_PATH,
    canonical_benchmark,
    canonical_metric,
    load_vocabulary,
    lookup_benchmark,
)


def spans(trie: TokenTrie, text: str) -> list[str]:
    return [text[start:end] for start, end, _, _ in trie.find(text)]


def test_overlapping_names_are_all_reported_longest_first_at_a_start():
    trie = TokenTrie()
    for name in ("Alpha", "Alpha Beta", "Beta Gamma"):
        trie.add(name, name)
    text = "We test on Alpha Beta Gamma today."
    assert spans(trie, text) == ["Alpha Beta", "Alpha", "Beta Gamma"]
    kept = leftmost_longest([(s, e) for s, e, _, _ in trie.find(text)])
    assert [text[s:e] for s, e in kept] == ["Alpha Beta"]


def test_case_rules_written_versus_case_blind():
    trie = TokenTrie()
    trie.add("MATH", 1)
    trie.add("Quux-12", 2, ignore_case=True)
    assert spans(trie, "MATH and math") == ["MATH"]
    assert spans(trie, "QUUX-12, quux-12 and Quux 12") == ["QUUX-12", "quux-12", "Quux 12"]
    assert [hit[3] for hit in trie.find("MATH, Quux 12")] == [False, True]


def test_word_boundaries_and_hyphens():
    trie = TokenTrie()
    trie.add("Zeta", 1)
    trie.add("Zeta-9", 2)
    text = "Zetas, preZeta, Zeta-pretrained and Zeta-9-C hold none; Zeta-9 and (Zeta) do."
    assert spans(trie, text) == ["Zeta-9", "Zeta"]


def test_hyphen_and_space_are_one_separator_but_other_punctuation_must_agree():
    trie = TokenTrie()
    trie.add("Foo Bar", 1)
    trie.add("R@10", 2)
    assert spans(trie, "Foo-Bar, Foo Bar and FooBar") == ["Foo-Bar", "Foo Bar"]
    assert spans(trie, "R@10 but not R 10 or R-10") == ["R@10"]


def test_offsets_hold_in_non_ascii_text():
    trie = TokenTrie()
    trie.add("Kölner Set-3", 1, ignore_case=True)
    text = "Über 90 % — on the KÖLNER SET-3 split… and kölner set 3 ✓"
    found = trie.find(text)
    assert [text[s:e] for s, e, _, _ in found] == ["KÖLNER SET-3", "kölner set 3"]
    assert text.index("KÖLNER") == found[0][0]


def test_same_written_name_twice_merges_payloads():
    trie = TokenTrie()
    trie.add("Omega", 1)
    trie.add("Omega", 2, merge=lambda old, new: old | new)
    assert trie.find("on Omega") == [(3, 8, 3, False)]


def test_canonical_lookups_map_written_forms_onto_one_name():
    assert canonical_benchmark("MS-COCO") == canonical_benchmark("MSCOCO") == canonical_benchmark("COCO")
    assert canonical_benchmark("Long Range Arena") == canonical_benchmark("LRA")
    assert canonical_metric("top-1 acc") == canonical_metric("top-1 accuracy")
    assert canonical_benchmark("no such collection of things") is None
    assert canonical_metric("banana") is None


def test_generated_vocabulary_keeps_curated_entries_and_adds_papers_with_code_names():
    vocab = load_vocabulary(GENERATED_PATH)
    assert len(vocab.benchmarks) > 3 * len(load_vocabulary_curated().benchmarks)
    assert lookup_benchmark("CIFAR10").name == "CIFAR-10"
    test_dev = vocab.benchmarks["cocotestdev"]
    assert (test_dev.parent, test_dev.split) == ("COCO", "test-dev")


def load_vocabulary_curated():
    from claims.extraction.vocabulary import CURATED_PATH

    return load_vocabulary(CURATED_PATH)


def test_names_that_are_ordinary_words_need_a_benchmark_context(tmp_path):
    path = tmp_path / "vocabulary.json"
    rows = [{"name": "Pebble", "aliases": [], "match": {"context": ["Pebble"]}, "task": ""}]
    path.write_text(json.dumps({"version": 1, "benchmarks": rows, "metrics": []}), encoding="utf-8")
    vocab = load_vocabulary(path)
    sentence = "Pebble rises by 3%, we report 71.2% on Pebble and 70.1 on the Pebble dataset."
    assert [sentence[s:e] for s, e in vocab.find_names(sentence)[1]] == ["Pebble", "Pebble"]
    assert vocab.find_names("Pebble rises by 3% overall.")[1] == []


def test_letters_and_the_digits_after_them_match_joined_or_apart():
    trie = TokenTrie()
    trie.add("Walrus3.6K", 1)
    trie.add("Pike-10", 2)
    text = "Walrus 3.6K, Walrus3.6K, Pike10, Pike 10 and Pike-10, but not Pike1 0 or Walrus 36K."
    assert spans(trie, text) == ["Walrus 3.6K", "Walrus3.6K", "Pike10", "Pike 10", "Pike-10"]
    assert trie.size == 2
