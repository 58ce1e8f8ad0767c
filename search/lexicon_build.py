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
  (the only source for German and Spanish: the MCR's Spanish file is not in
  the snapshot this was built from).

Kept: nouns, verbs and adjectives (satellites as adjectives) whose synset has
lemmas in at least two of the seven languages; a lemma of one letter or of
digits only is left out. One line per synset: the id, then per language
(en it es ca el de nl) its lemmas joined by "|" (multi-word lemmas with
spaces), empty when the language has none.

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
    ("es", "wns/mcr/wn-data-spa.tab"),
    ("es", "wns/wikt/wn-wikt-spa.tab"),
    ("ca", "wns/mcr/wn-data-cat.tab"),
    ("ca", "wns/wikt/wn-wikt-cat.tab"),
    ("el", "wns/ell/wn-data-ell.tab"),
    ("el", "wns/wikt/wn-wikt-ell.tab"),
    ("de", "wns/wikt/wn-wikt-deu.tab"),
    ("nl", "wns/nld/wn-data-nld.tab"),
    ("nl", "wns/wikt/wn-wikt-nld.tab"),
)

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
#   Multilingual Central Repository 3.0 (Catalan, Gonzalez-Agirre et al. 2012)
#   CC BY 3.0; Greek WordNet (okfngr/wordnet) Apache 2.0;
#   Open Dutch WordNet (Postma et al. 2016) CC BY-SA 4.0;
#   Wiktionary-derived wordnets (Bond and Foster 2013; all seven languages)
#   CC BY-SA 3.0.
# This file, a derived work of CC BY-SA data, is distributed under CC BY-SA 4.0.
# Columns: synset, then lemmas per language (en it es ca el de nl) joined by |.
"""

_DIGITS = re.compile(r"^[\d\W_]+$")


def _keep(lemma):
    lemma = lemma.replace("_", " ").strip()
    if len(lemma) < 2 or _DIGITS.match(lemma):
        return ""
    return lemma


def _git_show(repo, path):
    """The file's text at HEAD, or None when the snapshot lacks its content."""
    done = subprocess.run(
        ["git", "-C", str(repo), "show", f"HEAD:{path}"],
        capture_output=True,
        check=False,
    )
    if done.returncode:
        return None
    return done.stdout.decode("utf-8", errors="replace")


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
        if len(parts) < 3 or not parts[1].endswith(":lemma"):
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


def build(omw_repo, pwn_dir, path=LEXICON_PATH):
    """Write the lexicon; returns (synsets kept, lemmas kept per language)."""
    lemmas = defaultdict(lambda: {code: {} for code in LANGUAGES})
    read_pwn(pwn_dir, lemmas)
    missing = []
    for language, name in OMW_FILES:
        text = _git_show(omw_repo, name)
        if text is None:
            missing.append(name)
            continue
        read_omw(text, language, lemmas)
    kept, counts = 0, dict.fromkeys(LANGUAGES, 0)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same sources give the same bytes.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle,
    ):
        handle.write(HEADER.encode("utf-8"))
        for synset in sorted(lemmas):
            by_language = lemmas[synset]
            if sum(1 for code in LANGUAGES if by_language[code]) < 2:
                continue
            kept += 1
            columns = [synset]
            for code in LANGUAGES:
                counts[code] += len(by_language[code])
                columns.append("|".join(by_language[code]))
            handle.write(("\t".join(columns) + "\n").encode("utf-8"))
    return kept, counts, missing
