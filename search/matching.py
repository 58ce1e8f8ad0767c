"""Finding analysed thesaurus terms in analysed token lists (texts and queries).

Function words are already out (:mod:`search.analysis`), so "formazione dei
formatori" and "formazione formatori" are one token list. In a text a term of
several words is found where its words stand in the term's order (words that
merely stand side by side in the other order often belong to two phrases:
"... training. Trainers ..."). A query is a handful of keywords in no
particular order, so there its words may come in any order: "formatori
formazione" names training of trainers (and each word its own concepts).
Where the entries give the function words between a term's words (a
practice's title, search/thesaurus.py), the text must have the same.

:class:`TermIndex` maps analysed term tuples to values (concept ids or concept
tokens); :meth:`TermIndex.every_match` lists every mention in a text (index
time, overlapping terms too), :meth:`TermIndex.longest_matches` the
non-overlapping longest mentions in a query, in any word order.
"""


def _key(words):
    return tuple(sorted(words))


class TermIndex:
    def __init__(self, entries):
        """``entries``: (analysed term tuple, value) pairs, or (analysed term
        tuple, value, the function words between each two of its words) for
        :meth:`every_match` to compare; the values of one term are kept in
        order, each once."""
        self.exact, self.loose, self.words = {}, {}, set()
        # (term, value) -> the relations a text's words may stand in.
        self.between = {}
        for term, value, *between in entries:
            if not term:
                continue
            self.exact.setdefault(term, {})[value] = None
            if len(term) > 1:
                self.loose.setdefault(_key(term), {})[value] = None
                self.words.update(term)
                if between:
                    self.between.setdefault((term, value), set()).add(between[0])
        self.longest = max(map(len, self.exact), default=0)

    def every_match(self, tokens, between=None):
        """The values of every term mention in ``tokens`` (in the terms' word
        order), one per mention; overlapping mentions of different terms all
        count. With ``between`` (for each token, the function words before
        it), a term of several words whose entries gave theirs is found only
        where the text has the same between its words."""
        values = []
        exact, longest = self.exact, self.longest
        for position, word in enumerate(tokens):
            single = exact.get((word,))
            if single:
                values.extend(single)
            if word not in self.words:
                continue
            for size in range(2, min(longest, len(tokens) - position) + 1):
                window = tuple(tokens[position : position + size])
                found = exact.get(window)
                if found and between is not None:
                    written = tuple(between[position + 1 : position + size])
                    found = [
                        value
                        for value in found
                        if self._related(window, value, written)
                    ]
                if found:
                    values.extend(found)
        return values

    def _related(self, term, value, written):
        allowed = self.between.get((term, value))
        return allowed is None or written in allowed

    def longest_matches(self, tokens, single=None):
        """The values of the longest mentions in ``tokens``, left to right, none
        overlapping another; a term whose words come in another order is found
        too, but its words still name their own terms (the order was not the
        term's, so the user may mean either). ``single(position, values)``, if
        given, keeps those of a one-word term's values that the word at
        ``position`` may name (search/stemguard.py: a stem shared by unrelated
        words)."""
        return [
            value
            for _span, values in self.longest_spans(tokens, single)
            for value in values
        ]

    def longest_spans(self, tokens, single=None):
        """:meth:`longest_matches` as ((start, end), values) per mention."""
        found_spans, position = [], 0
        while position < len(tokens):
            for size in range(min(self.longest, len(tokens) - position), 0, -1):
                window = tuple(tokens[position : position + size])
                found = self.exact.get(window)
                if found and size == 1 and single is not None:
                    found = single(position, found)
                if found:
                    found_spans.append(((position, position + size), list(found)))
                    position += size
                    break
                if size > 1 and _key(window) in self.loose:
                    span = (position, position + size)
                    found_spans.append((span, list(self.loose[_key(window)])))
            else:
                position += 1
        return found_spans
