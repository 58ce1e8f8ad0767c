/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.util.Map;
import java.util.TreeMap;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Registers, under the names the Elasticsearch reference uses, the language analyzers and the
 * token filters / tokenizers our multilingual search needs. Everything wraps Lucene's
 * analysis-common classes, which Elasticsearch already carries on its own classpath; this
 * plugin only adds the Elasticsearch-side factories (the distribution we test against ships
 * without the analysis-common module that normally provides them).
 */
public class VetnetAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        for (String language : LanguageAnalyzerProvider.LANGUAGES.keySet()) {
            analyzers.put(language, (indexSettings, env, name, settings) -> new LanguageAnalyzerProvider(language, env, name, settings));
        }
        return analyzers;
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("asciifolding", (indexSettings, env, name, settings) -> new AsciiFoldingFilterFactory(name, settings));
        filters.put("elision", (indexSettings, env, name, settings) -> new ElisionFilterFactory(env, name, settings));
        filters.put("stemmer", (indexSettings, env, name, settings) -> StemmerFilterFactory.stemmer(name, settings));
        filters.put("snowball", (indexSettings, env, name, settings) -> StemmerFilterFactory.snowball(name, settings));
        filters.put("edge_ngram", (indexSettings, env, name, settings) -> new EdgeNGramFilterFactory(name, settings));
        filters.put("word_delimiter_graph", (indexSettings, env, name, settings) -> new WordDelimiterGraphFilterFactory(env, name, settings));
        filters.put("remove_duplicates", (indexSettings, env, name, settings) -> new RemoveDuplicatesFilterFactory(name, settings));
        filters.put(
            "synonym",
            requiresAnalysisSettings((indexSettings, env, name, settings) -> new SynonymFilterFactory(env, name, settings, false))
        );
        filters.put(
            "synonym_graph",
            requiresAnalysisSettings((indexSettings, env, name, settings) -> new SynonymFilterFactory(env, name, settings, true))
        );
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("edge_ngram", EdgeNGramTokenizerFactory::new);
        return tokenizers;
    }
}
