/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

/**
 * {@code elision}: strips elided articles ("l'aprenentatge" → "aprenentatge"). The articles come
 * from {@code articles} (a list) or {@code articles_path}; {@code articles_case: true} matches
 * them case-insensitively. Without either, the French articles Lucene ships are used.
 */
public class ElisionFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {

    private final CharArraySet articles;

    ElisionFilterFactory(Environment env, String name, Settings settings) {
        super(name, settings);
        CharArraySet configured = Analysis.parseArticles(env, settings);
        this.articles = configured != null ? configured : FrenchAnalyzer.DEFAULT_ARTICLES;
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ElisionFilter(tokenStream, articles);
    }
}
