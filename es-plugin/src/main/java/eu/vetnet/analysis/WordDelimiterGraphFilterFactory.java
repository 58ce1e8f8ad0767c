/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter;
import org.apache.lucene.analysis.miscellaneous.WordDelimiterIterator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_ALL;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_NUMBERS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.CATENATE_WORDS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_NUMBER_PARTS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.GENERATE_WORD_PARTS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.PRESERVE_ORIGINAL;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_CASE_CHANGE;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.SPLIT_ON_NUMERICS;
import static org.apache.lucene.analysis.miscellaneous.WordDelimiterGraphFilter.STEM_ENGLISH_POSSESSIVE;

/**
 * {@code word_delimiter_graph}, which the directory index uses to split words at apostrophes
 * ("dell'artigianato"), with upstream's boolean options and their defaults. Not implemented
 * (refused): {@code protected_words}, {@code type_table}, {@code adjust_offsets},
 * {@code ignore_keywords}.
 */
public class WordDelimiterGraphFilterFactory extends AbstractTokenFilterFactory {

    /** Option name → (flag, upstream default). */
    private static final Map<String, Map.Entry<Integer, Boolean>> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("generate_word_parts", Map.entry(GENERATE_WORD_PARTS, true));
        OPTIONS.put("generate_number_parts", Map.entry(GENERATE_NUMBER_PARTS, true));
        OPTIONS.put("catenate_words", Map.entry(CATENATE_WORDS, false));
        OPTIONS.put("catenate_numbers", Map.entry(CATENATE_NUMBERS, false));
        OPTIONS.put("catenate_all", Map.entry(CATENATE_ALL, false));
        OPTIONS.put("split_on_case_change", Map.entry(SPLIT_ON_CASE_CHANGE, true));
        OPTIONS.put("preserve_original", Map.entry(PRESERVE_ORIGINAL, false));
        OPTIONS.put("split_on_numerics", Map.entry(SPLIT_ON_NUMERICS, true));
        OPTIONS.put("stem_english_possessive", Map.entry(STEM_ENGLISH_POSSESSIVE, true));
    }

    private final int flags;

    WordDelimiterGraphFilterFactory(String name, Settings settings) {
        super(name, settings);
        VetnetAnalysisPlugin.onlyKnown(name, settings, OPTIONS.keySet());
        int f = 0;
        for (Map.Entry<String, Map.Entry<Integer, Boolean>> option : OPTIONS.entrySet()) {
            if (settings.getAsBoolean(option.getKey(), option.getValue().getValue())) {
                f |= option.getValue().getKey();
            }
        }
        this.flags = f;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new WordDelimiterGraphFilter(tokenStream, true, WordDelimiterIterator.DEFAULT_WORD_DELIM_TABLE, flags, (CharArraySet) null);
    }
}
