/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stands in, in the test distribution only, for the part of Elasticsearch's analysis-common
 * module that the application's indices use (search/documents.py): the language analyzers of
 * the practices' per-language fields, {@code asciifolding} (the folded fields and the
 * suggestions) and {@code word_delimiter_graph} (apostrophes in the directory index). Each
 * wraps a Lucene class that the distribution already carries in its lib/. A parameter the
 * stand-in does not implement is refused rather than ignored, so an index that would behave
 * differently on a production cluster fails here first.
 */
public class VetnetAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        for (String language : LanguageAnalyzerProvider.LANGUAGES.keySet()) {
            analyzers.put(language, (indexSettings, env, name, settings) -> new LanguageAnalyzerProvider(language, name, settings));
        }
        return analyzers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("asciifolding", (indexSettings, env, name, settings) -> new AsciiFoldingFilterFactory(name, settings));
        filters.put("word_delimiter_graph", (indexSettings, env, name, settings) -> new WordDelimiterGraphFilterFactory(name, settings));
        return filters;
    }

    /** Refuses any setting of {@code component} outside {@code known} (and the type / index keys ES adds). */
    static void onlyKnown(String component, Settings settings, Set<String> known) {
        for (String key : settings.keySet()) {
            if (key.equals("type") || key.startsWith("index.") || known.contains(key)) {
                continue;
            }
            throw new IllegalArgumentException(
                "[" + component + "] parameter [" + key + "] is not implemented by vetnet-analysis, the test stand-in "
                    + "for analysis-common (see es-plugin/README.md)"
            );
        }
    }
}
