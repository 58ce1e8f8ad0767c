/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import static java.util.Map.entry;

/**
 * The language analyzers of the practices index's per-language fields (ES_ANALYZERS in
 * search/documents.py): Lucene's analyzer of each language with its default stop words and no
 * stem exclusions, which is what Elasticsearch's analyzer of that name is when the index gives
 * it no parameters. {@code stopwords} and {@code stem_exclusion} are not used, so not
 * implemented (refused).
 */
public class LanguageAnalyzerProvider extends AbstractIndexAnalyzerProvider<Analyzer> {

    static final Map<String, Supplier<Analyzer>> LANGUAGES = Map.ofEntries(
        entry("basque", BasqueAnalyzer::new),
        entry("bulgarian", BulgarianAnalyzer::new),
        entry("catalan", CatalanAnalyzer::new),
        entry("czech", CzechAnalyzer::new),
        entry("danish", DanishAnalyzer::new),
        entry("dutch", DutchAnalyzer::new),
        entry("english", EnglishAnalyzer::new),
        entry("estonian", EstonianAnalyzer::new),
        entry("finnish", FinnishAnalyzer::new),
        entry("french", FrenchAnalyzer::new),
        entry("galician", GalicianAnalyzer::new),
        entry("german", GermanAnalyzer::new),
        entry("greek", GreekAnalyzer::new),
        entry("hungarian", HungarianAnalyzer::new),
        entry("irish", IrishAnalyzer::new),
        entry("italian", ItalianAnalyzer::new),
        entry("latvian", LatvianAnalyzer::new),
        entry("lithuanian", LithuanianAnalyzer::new),
        entry("portuguese", PortugueseAnalyzer::new),
        entry("romanian", RomanianAnalyzer::new),
        entry("spanish", SpanishAnalyzer::new),
        entry("swedish", SwedishAnalyzer::new)
    );

    private final Analyzer analyzer;

    LanguageAnalyzerProvider(String language, String name, Settings settings) {
        super(name, settings);
        VetnetAnalysisPlugin.onlyKnown(name, settings, Set.of());
        this.analyzer = LANGUAGES.get(language).get();
    }

    @Override
    public Analyzer get() {
        return analyzer;
    }
}
