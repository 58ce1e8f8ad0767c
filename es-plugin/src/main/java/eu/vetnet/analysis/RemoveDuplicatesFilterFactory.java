/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.RemoveDuplicatesTokenFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;

/**
 * {@code remove_duplicates}: drops a token identical to another at the same position, e.g. after
 * {@code asciifolding} with {@code preserve_original} on a word that had nothing to fold.
 */
public class RemoveDuplicatesFilterFactory extends AbstractTokenFilterFactory {

    RemoveDuplicatesFilterFactory(String name, Settings settings) {
        super(name, settings);
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return new RemoveDuplicatesTokenFilter(tokenStream);
    }
}
