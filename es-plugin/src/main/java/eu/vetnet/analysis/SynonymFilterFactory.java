/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalysisMode;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code synonym} and {@code synonym_graph}: Solr-format rules ("a, b, c" or "a => b") given
 * inline as {@code synonyms} (a list) or in a file under the config directory as
 * {@code synonyms_path}; {@code expand} (default true) and {@code lenient} (default false: a
 * rule whose term the chain removes, e.g. a stop word, is an error; true: that rule is skipped).
 * {@code updateable: true} restricts the filter to search analyzers.
 *
 * <p>The rules are analysed with the same tokenizer, char filters and token filters that come
 * before this filter in the analyzer using it, so a rule "apprendistato" matches the stemmed
 * or folded token the chain produces. Filters that cannot take part in that (edge_ngram, other
 * synonym filters, word_delimiter_graph) are skipped or rejected by their own factories.
 */
public class SynonymFilterFactory extends AbstractTokenFilterFactory {

    private final Environment env;
    private final Settings settings;
    private final boolean graph;
    private final boolean expand;
    private final boolean lenient;
    private final AnalysisMode analysisMode;

    SynonymFilterFactory(Environment env, String name, Settings settings, boolean graph) {
        super(name, settings);
        this.env = env;
        this.settings = settings;
        this.graph = graph;
        this.expand = settings.getAsBoolean("expand", true);
        this.lenient = settings.getAsBoolean("lenient", false);
        this.analysisMode = settings.getAsBoolean("updateable", false) ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
        String format = settings.get("format", "solr");
        if (format.toLowerCase(Locale.ROOT).equals("solr") == false) {
            throw new IllegalArgumentException("[" + name + "] only the solr synonym format is supported, got [" + format + "]");
        }
        if (settings.get("synonyms_set") != null) {
            throw new IllegalArgumentException("[" + name + "] synonyms_set (the synonyms API) is not supported; use synonyms or synonyms_path");
        }
        if (settings.getAsList("synonyms", null) == null && settings.get("synonyms_path") == null) {
            throw new IllegalArgumentException("[" + name + "] synonym requires either [synonyms] or [synonyms_path]");
        }
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        throw new IllegalStateException("[" + name() + "] synonym filter must be specialised for its analysis chain first");
    }

    @Override
    public AnalysisMode getAnalysisMode() {
        return analysisMode;
    }

    @Override
    @SuppressWarnings("deprecation") // Lucene's SynonymFilter backs the legacy `synonym` type, as in Elasticsearch
    public TokenFilterFactory getChainAwareTokenFilterFactory(
        IndexCreationContext context,
        TokenizerFactory tokenizer,
        List<CharFilterFactory> charFilters,
        List<TokenFilterFactory> previousTokenFilters,
        Function<String, TokenFilterFactory> allFilters
    ) {
        TokenFilterFactory[] chain = previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new);
        SynonymMap synonyms;
        try (Analyzer analyzer = new CustomAnalyzer(tokenizer, charFilters.toArray(new CharFilterFactory[0]), chain)) {
            synonyms = buildSynonyms(analyzer);
        }
        String name = name();
        boolean graph = this.graph;
        AnalysisMode mode = this.analysisMode;
        return new TokenFilterFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public TokenStream create(TokenStream tokenStream) {
                if (synonyms.fst == null) {
                    return tokenStream; // no rules
                }
                return graph ? new SynonymGraphFilter(tokenStream, synonyms, false) : new SynonymFilter(tokenStream, synonyms, false);
            }

            @Override
            public TokenFilterFactory getSynonymFilter() {
                return IDENTITY_FILTER; // a later synonym filter parses its rules without this one
            }

            @Override
            public AnalysisMode getAnalysisMode() {
                return mode;
            }
        };
    }

    private SynonymMap buildSynonyms(Analyzer analyzer) {
        LenientSolrParser parser = new LenientSolrParser(expand, lenient, analyzer);
        try (Reader rules = rulesReader()) {
            parser.parse(rules);
            return parser.build();
        } catch (IOException | ParseException | RuntimeException e) {
            throw new IllegalArgumentException("failed to build synonyms for [" + name() + "]: " + e.getMessage(), e);
        }
    }

    private Reader rulesReader() {
        List<String> inline = settings.getAsList("synonyms", null);
        if (inline != null) {
            return new StringReader(String.join("\n", inline));
        }
        return Analysis.getReaderFromFile(env, settings.get("synonyms_path"), "synonyms_path");
    }

    /**
     * Solr rules parser that, when lenient, drops the terms the analysis chain rejects (e.g. a
     * stop word analysed to nothing) instead of failing the whole filter.
     */
    static final class LenientSolrParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef(""); // marker: skipped in add()
                }
                throw e;
            }
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient && (input.length == 0 || output.length == 0)) {
                return;
            }
            super.add(input, output, includeOrig);
        }
    }
}
