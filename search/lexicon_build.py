"""Build the multilingual lexicon (search/synonyms/lexicon/omw.tsv.gz) from
Open Multilingual Wordnet and Princeton WordNet 3.0 (build time only: the
search reads the committed file, search/translation.py).

Every wordnet of OMW maps its lemmas to Princeton WordNet 3.0 synsets
("02084071-n"), so one synset is one meaning with its words in every language
that has it: a dictionary between our seven languages. Sources:

* English: PWN 3.0's ``data.noun``, ``data.verb``, ``data.adj`` (Debian's
  ``wordnet-base``) and OMW's Wiktionary-derived ``wn-wikt-eng.tab``;
* Italian: MultiWordNet (``wns/ita``) and ItalWordnet (``wns/iwn``);
* Catalan: the Multilingual Central Repository (``wns/mcr/wn-data-cat.tab``);
* Greek: the Greek WordNet (``wns/ell``);
* Dutch: Open Dutch WordNet (``wns/nld``);
* and for every language, OMW's Wiktionary-derived ``wns/wikt/wn-wikt-*.tab``
  (the only source for German).

These are the *base* lexicon. Two more sources only widen it (``EXTRA``):

* Spanish: the Multilingual Central Repository (``wns/mcr/wn-data-spa.tab``;
  71,067 Spanish lemmas in all against Wiktionary's 24,547);
* every language: the Unicode CLDR's names of languages and countries linked
  to WordNet (``wns/cldr/wn-cldr-*.tab``, ~600 lemmas a language).

Their lemmas are written after the base lemmas of a synset, each marked with
a leading "+"; so are all the lemmas of a synset kept only because of them
(two languages only with them). A richer wordnet lists more senses of common
words: the MCR gives "extranjero" more than translation.MAX_SYNSETS, and a
word past that cap is not translated at all. The search reads a word's
senses from its base lemmas when it has any, from the marked ones only when
the base lacks the word, and translates into a synset's base lemmas (into the
marked ones only in a synset the base lacks: search/translation.py).

A file whose content the snapshot lacks at its head (a mirror that leaves its
largest files out) is read from the newest commit that still holds it, and
the header names that commit (the MCR's Spanish file: OMW 1.2's, 2020, where
the head's is the MCR's 2016 release; 57,764 lemmas, nouns to adverbs).

Kept: nouns, verbs and adjectives (satellites as adjectives) whose synset has
lemmas in at least two of the seven languages; a lemma of one letter or of
digits only is left out, and so are MultiWordNet's "GAP!" placeholders. One
line per synset: the id, then per language (en it es ca el de nl) its lemmas
joined by "|" (multi-word lemmas with spaces), empty when the language has
none.

    python manage.py build_lexicon --omw /work/.mirror/omwn+omw-data/repo \\
        --pwn /tmp/wordnet-base/usr/share/wordnet
"""

import gzip
import re
import subprocess
from collections import defaultdict
from pathlib import Path

LEXICON_PATH = Path(__file__).resolve().parent / "synonyms" / "lexicon" / "omw.tsv.gz"
LANGUAGES = ("en", "it", "es", "ca", "el", "de", "nl")
POS = {"n", "v", "a"}

# (language, path inside the OMW data repository)
OMW_FILES = (
    ("en", "wns/wikt/wn-wikt-eng.tab"),
    ("it", "wns/ita/wn-data-ita.tab"),
    ("it", "wns/iwn/wn-data-ita.tab"),
    ("it", "wns/wikt/wn-wikt-ita.tab"),
    ("es", "wns/wikt/wn-wikt-spa.tab"),
    ("ca", "wns/mcr/wn-data-cat.tab"),
    ("ca", "wns/wikt/wn-wikt-cat.tab"),
    ("el", "wns/ell/wn-data-ell.tab"),
    ("el", "wns/wikt/wn-wikt-ell.tab"),
    ("de", "wns/wikt/wn-wikt-deu.tab"),
    ("nl", "wns/nld/wn-data-nld.tab"),
    ("nl", "wns/wikt/wn-wikt-nld.tab"),
)
# Sources that only widen the base lexicon (their lemmas marked, above).
EXTRA = (
    ("es", "wns/mcr/wn-data-spa.tab"),
    *(
        (code, f"wns/cldr/wn-cldr-{name}.tab")
        for code, name in (
            ("en", "eng"),
            ("it", "ita"),
            ("es", "spa"),
            ("ca", "cat"),
            ("el", "ell"),
            ("de", "deu"),
            ("nl", "nld"),
        )
    ),
)
# The mark of a lemma from EXTRA (or of a synset only EXTRA keeps).
MARK = "+"

HEADER = """\
# Multilingual lexicon: Princeton WordNet 3.0 synsets (nouns, verbs,
# adjectives) with their lemmas in en it es ca el de nl, kept when two or more
# of these languages have lemmas. Built by search/lexicon_build.py
# (python manage.py build_lexicon) from:
# - Princeton WordNet 3.0 (data.noun/verb/adj, Debian wordnet-base), WordNet
#   3.0 licence, Copyright 2006 by Princeton University
#   (https://wordnet.princeton.edu/license-and-commercial-use)
# - Open Multilingual Wordnet data (Bond and Paik 2012; Bond and Foster 2013),
#   https://github.com/omwn/omw-data, each wordnet under its own licence:
#   MultiWordNet (Italian, Pianta et al. 2002) CC BY 3.0;
#   ItalWordnet (Roventini et al. 2000) ODC-BY 1.0;
#   Multilingual Central Repository 3.0 (Catalan and Spanish,
#   Gonzalez-Agirre et al. 2012) CC BY 3.0; Greek WordNet (okfngr/wordnet) Apache 2.0;
#   Open Dutch WordNet (Postma et al. 2016) CC BY-SA 4.0;
#   Wiktionary-derived wordnets (Bond and Foster 2013; all seven languages)
#   CC BY-SA 3.0; the Unicode CLDR's names of languages and countries linked
#   to WordNet (wns/cldr, Bond and Foster 2013), Unicode licence (Unicode,
#   Inc. data files and software licence agreement, MIT-like).
# Lemmas marked "+" come from the widening sources (the MCR's Spanish, the
# CLDR's names) or are in a synset only they keep; search/translation.py
# reads a word's senses from them only when the unmarked lemmas lack the word.
# This file, a derived work of CC BY-SA data, is distributed under CC BY-SA 4.0.
# Columns: synset, then lemmas per language (en it es ca el de nl) joined by |.
"""

_DIGITS = re.compile(r"^[\d\W_]+$")
# MultiWordNet's placeholders for a synset Italian has no word for (a lexical
# gap), not lemmas: read as words, "GAP!" made every such synset translate
# into Italian "gap".
_GAPS = {"GAP!", "PSEUDOGAP!"}


def _keep(lemma):
    lemma = lemma.replace("_", " ").strip()
    if len(lemma) < 2 or _DIGITS.match(lemma) or lemma in _GAPS:
        return ""
    return lemma.removeprefix(MARK)


def _git(repo, *args):
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, check=False
    )
    return None if done.returncode else done.stdout.decode("utf-8", errors="replace")


def _git_show(repo, path):
    """(commit, text) of the file at HEAD, else at the newest commit whose
    copy the snapshot holds (commit None for HEAD), or None when it holds
    none."""
    text = _git(repo, "show", f"HEAD:{path}")
    if text is not None:
        return None, text
    for commit in (_git(repo, "log", "--format=%H", "--", path) or "").split():
        text = _git(repo, "show", f"{commit}:{path}")
        if text is not None:
            return commit, text
    return None


def _synset(key):
    offset, _, pos = key.partition("-")
    pos = "a" if pos == "s" else pos
    if pos not in POS or not offset.isdigit():
        return None
    return f"{offset}-{pos}"


def read_omw(text, language, lemmas):
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        parts = line.split("\t")
        # "spa:lemma", or "lemma" in OMW 1.x's files
        if len(parts) < 3 or parts[1].rpartition(":")[2] != "lemma":
            continue
        synset = _synset(parts[0])
        lemma = _keep(parts[2])
        if synset and lemma:
            lemmas[synset][language].setdefault(lemma, None)


def read_pwn(directory, lemmas):
    """Lemmas of PWN 3.0's data files: offset, lex_filenum, ss_type, w_cnt
    (hex), then word and lex_id pairs."""
    for name, pos in (("data.noun", "n"), ("data.verb", "v"), ("data.adj", "a")):
        with open(Path(directory) / name, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(" "):
                    continue
                fields = line.split(" ")
                count = int(fields[3], 16)
                for i in range(count):
                    word = re.sub(r"\(\w+\)$", "", fields[4 + 2 * i])
                    lemma = _keep(word)
                    if lemma:
                        lemmas[f"{fields[0]}-{pos}"]["en"].setdefault(lemma, None)


def _read(omw_repo, files, lemmas, missing, older):
    for language, name in files:
        found = _git_show(omw_repo, name)
        if found is None:
            missing.append(name)
            continue
        commit, text = found
        if commit:
            older.append(f"# - {name}: omw-data commit {commit}\n")
        read_omw(text, language, lemmas)


def _languages(by_language):
    return sum(1 for code in LANGUAGES if by_language[code])


def build(omw_repo, pwn_dir, path=LEXICON_PATH):
    """Write the lexicon; returns (synsets kept, lemmas kept per language:
    (all, marked), files missing)."""
    base = defaultdict(lambda: {code: {} for code in LANGUAGES})
    read_pwn(pwn_dir, base)
    missing, older = [], []
    _read(omw_repo, OMW_FILES, base, missing, older)
    extra = defaultdict(lambda: {code: {} for code in LANGUAGES})
    _read(omw_repo, EXTRA, extra, missing, older)
    kept, counts = 0, {code: [0, 0] for code in LANGUAGES}
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same sources give the same bytes.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle,
    ):
        handle.write(HEADER.encode("utf-8"))
        if older:
            handle.write(
                b"# Files read from an older commit than the snapshot's head:\n"
            )
            handle.write("".join(older).encode("utf-8"))
        empty = {code: {} for code in LANGUAGES}
        for synset in sorted(base.keys() | extra.keys()):
            ours, theirs = base.get(synset, empty), extra.get(synset, empty)
            in_base = _languages(ours) >= 2
            written = {
                code: [lemma if in_base else MARK + lemma for lemma in ours[code]]
                + [MARK + lemma for lemma in theirs[code] if lemma not in ours[code]]
                for code in LANGUAGES
            }
            if _languages(written) < 2:
                continue
            kept += 1
            columns = [synset]
            for code in LANGUAGES:
                counts[code][0] += len(written[code])
                counts[code][1] += sum(1 for w in written[code] if w[0] == MARK)
                columns.append("|".join(written[code]))
            handle.write(("\t".join(columns) + "\n").encode("utf-8"))
    return kept, counts, missing
