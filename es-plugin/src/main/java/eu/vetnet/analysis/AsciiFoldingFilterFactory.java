/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;

import java.util.Set;

/**
 * {@code asciifolding}: folds letters outside Basic Latin to their ASCII equivalent
 * ("formació" → "formacio"). Used by the {@code folded} analyzer of the practices index and
 * {@code directory_folded} of the directory index. Normalizing, as upstream: prefix, wildcard
 * and fuzzy terms are folded too. No parameters ({@code preserve_original} is not used).
 */
public class AsciiFoldingFilterFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {

    AsciiFoldingFilterFactory(String name, Settings settings) {
        super(name, settings);
        VetnetAnalysisPlugin.onlyKnown(name, settings, Set.of());
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new ASCIIFoldingFilter(tokenStream);
    }
}
