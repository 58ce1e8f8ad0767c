"""How often each sense was tagged (search/lexicon_build.py,
read_frequencies: PWN 3.0's cntlist.rev matched to its data files), and the
dominant senses of a word past translation.MAX_SYNSETS: before, such a word
("school", Italian "lavoratori") was not translated at all."""

from search import translation
from search.lexicon_build import read_frequencies

# Two senses of "school" and a satellite adjective ("primary", similar to
# "basic"), as PWN 3.0's data files write them: offset, lex_filenum, ss_type,
# word count (hex), words with their lex_id, pointers, gloss.
NOUNS = (
    "08276720 14 n 01 school 0 000 | an educational institution\n"
    "08277393 14 n 01 school 2 000 | a large group of fish\n"
)
ADJECTIVES = (
    "00095280 00 a 01 basic 0 000 | pertaining to the base\n"
    "00096000 00 s 01 primary 0 001 & 00095280 a 0000 | of first rank\n"
)
COUNTS = (
    "school%1:14:00:: 1 125\n"
    "school%1:14:02:: 4 4\n"
    "primary%5:00:00:basic:00 1 7\n"
    "basic%3:00:00:: 1 30\n"
)


def test_tag_counts_are_matched_to_their_synsets(tmp_path):
    (tmp_path / "data.noun").write_text(" 1 licence\n" + NOUNS)
    (tmp_path / "data.adj").write_text(ADJECTIVES)
    (tmp_path / "data.verb").write_text("")
    (tmp_path / "cntlist.rev").write_text(COUNTS)
    assert read_frequencies(tmp_path) == {
        "08276720-n": 125,
        "08277393-n": 4,
        "00095280-a": 30,
        "00096000-a": 7,  # a satellite's key names its head, "basic"
    }


def test_a_word_of_many_senses_is_translated_in_its_dominant_one():
    """English "school" has eight senses in the lexicon, past MAX_SYNSETS;
    the institution holds 125 of their 151 tags: it is translated in that
    sense alone, not as a school of fish (Italian "banco")."""
    school = translation.translate("school")
    assert school.senses == 1
    assert "scuola" in school.lemmas["it"]
    assert "Schule" in school.lemmas["de"]
    assert "banco" not in school.lemmas["it"]
    # "work" (22 senses): no sense holds most of its tags, so no translation
    assert translation.translate("work") is None


def test_the_commonest_sense_is_read_from_the_committed_file():
    counts = translation.frequencies()
    assert len(counts) > 15_000  # tagged synsets the lexicon keeps
    assert min(counts.values()) > 0
