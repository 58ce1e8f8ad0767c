/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bg.BulgarianAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.br.BrazilianAnalyzer;
import org.apache.lucene.analysis.ca.CatalanAnalyzer;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.cz.CzechAnalyzer;
import org.apache.lucene.analysis.da.DanishAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.et.EstonianAnalyzer;
import org.apache.lucene.analysis.eu.BasqueAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fi.FinnishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishAnalyzer;
import org.apache.lucene.analysis.gl.GalicianAnalyzer;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.hu.HungarianAnalyzer;
import org.apache.lucene.analysis.hy.ArmenianAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.lt.LithuanianAnalyzer;
import org.apache.lucene.analysis.lv.LatvianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.no.NorwegianAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.ro.RomanianAnalyzer;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.sr.SerbianAnalyzer;
import org.apache.lucene.analysis.sv.SwedishAnalyzer;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.tr.TurkishAnalyzer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.Analysis;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One provider for every language analyzer: Lucene's own analyzer for the language, with the
 * {@code stopwords} / {@code stopwords_path} (a list, {@code _none_} or a named set such as
 * {@code _italian_}) and {@code stem_exclusion} parameters. Analyzers whose Lucene class has no
 * stem-exclusion constructor (cjk, greek, persian, thai) ignore {@code stem_exclusion}.
 */
public class LanguageAnalyzerProvider extends AbstractIndexAnalyzerProvider<Analyzer> {

    /** How to build one language's analyzer: its default stop set and its constructor. */
    record Language(Supplier<CharArraySet> defaultStopWords, BiFunction<CharArraySet, CharArraySet, Analyzer> build) {}

    static final Map<String, Language> LANGUAGES = new TreeMap<>();

    static {
        LANGUAGES.put("arabic", new Language(ArabicAnalyzer::getDefaultStopSet, ArabicAnalyzer::new));
        LANGUAGES.put("armenian", new Language(ArmenianAnalyzer::getDefaultStopSet, ArmenianAnalyzer::new));
        LANGUAGES.put("basque", new Language(BasqueAnalyzer::getDefaultStopSet, BasqueAnalyzer::new));
        LANGUAGES.put("bengali", new Language(BengaliAnalyzer::getDefaultStopSet, BengaliAnalyzer::new));
        LANGUAGES.put("brazilian", new Language(BrazilianAnalyzer::getDefaultStopSet, BrazilianAnalyzer::new));
        LANGUAGES.put("bulgarian", new Language(BulgarianAnalyzer::getDefaultStopSet, BulgarianAnalyzer::new));
        LANGUAGES.put("catalan", new Language(CatalanAnalyzer::getDefaultStopSet, CatalanAnalyzer::new));
        LANGUAGES.put("cjk", new Language(CJKAnalyzer::getDefaultStopSet, (stop, exclusion) -> new CJKAnalyzer(stop)));
        LANGUAGES.put("czech", new Language(CzechAnalyzer::getDefaultStopSet, CzechAnalyzer::new));
        LANGUAGES.put("danish", new Language(DanishAnalyzer::getDefaultStopSet, DanishAnalyzer::new));
        LANGUAGES.put("dutch", new Language(DutchAnalyzer::getDefaultStopSet, DutchAnalyzer::new));
        LANGUAGES.put("english", new Language(EnglishAnalyzer::getDefaultStopSet, EnglishAnalyzer::new));
        LANGUAGES.put("estonian", new Language(EstonianAnalyzer::getDefaultStopSet, EstonianAnalyzer::new));
        LANGUAGES.put("finnish", new Language(FinnishAnalyzer::getDefaultStopSet, FinnishAnalyzer::new));
        LANGUAGES.put("french", new Language(FrenchAnalyzer::getDefaultStopSet, FrenchAnalyzer::new));
        LANGUAGES.put("galician", new Language(GalicianAnalyzer::getDefaultStopSet, GalicianAnalyzer::new));
        LANGUAGES.put("german", new Language(GermanAnalyzer::getDefaultStopSet, GermanAnalyzer::new));
        LANGUAGES.put("greek", new Language(GreekAnalyzer::getDefaultStopSet, (stop, exclusion) -> new GreekAnalyzer(stop)));
        LANGUAGES.put("hindi", new Language(HindiAnalyzer::getDefaultStopSet, HindiAnalyzer::new));
        LANGUAGES.put("hungarian", new Language(HungarianAnalyzer::getDefaultStopSet, HungarianAnalyzer::new));
        LANGUAGES.put("indonesian", new Language(IndonesianAnalyzer::getDefaultStopSet, IndonesianAnalyzer::new));
        LANGUAGES.put("irish", new Language(IrishAnalyzer::getDefaultStopSet, IrishAnalyzer::new));
        LANGUAGES.put("italian", new Language(ItalianAnalyzer::getDefaultStopSet, ItalianAnalyzer::new));
        LANGUAGES.put("latvian", new Language(LatvianAnalyzer::getDefaultStopSet, LatvianAnalyzer::new));
        LANGUAGES.put("lithuanian", new Language(LithuanianAnalyzer::getDefaultStopSet, LithuanianAnalyzer::new));
        LANGUAGES.put("norwegian", new Language(NorwegianAnalyzer::getDefaultStopSet, NorwegianAnalyzer::new));
        LANGUAGES.put("persian", new Language(PersianAnalyzer::getDefaultStopSet, (stop, exclusion) -> new PersianAnalyzer(stop)));
        LANGUAGES.put("portuguese", new Language(PortugueseAnalyzer::getDefaultStopSet, PortugueseAnalyzer::new));
        LANGUAGES.put("romanian", new Language(RomanianAnalyzer::getDefaultStopSet, RomanianAnalyzer::new));
        LANGUAGES.put("russian", new Language(RussianAnalyzer::getDefaultStopSet, RussianAnalyzer::new));
        LANGUAGES.put("serbian", new Language(SerbianAnalyzer::getDefaultStopSet, SerbianAnalyzer::new));
        LANGUAGES.put("sorani", new Language(SoraniAnalyzer::getDefaultStopSet, SoraniAnalyzer::new));
        LANGUAGES.put("spanish", new Language(SpanishAnalyzer::getDefaultStopSet, SpanishAnalyzer::new));
        LANGUAGES.put("swedish", new Language(SwedishAnalyzer::getDefaultStopSet, SwedishAnalyzer::new));
        LANGUAGES.put("thai", new Language(ThaiAnalyzer::getDefaultStopSet, (stop, exclusion) -> new ThaiAnalyzer(stop)));
        LANGUAGES.put("turkish", new Language(TurkishAnalyzer::getDefaultStopSet, TurkishAnalyzer::new));
    }

    private final Analyzer analyzer;

    LanguageAnalyzerProvider(String language, Environment env, String name, Settings settings) {
        super(name, settings);
        Language spec = LANGUAGES.get(language);
        CharArraySet stopWords = Analysis.parseStopWords(env, settings, spec.defaultStopWords().get());
        CharArraySet stemExclusion = Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET);
        this.analyzer = spec.build().apply(stopWords, stemExclusion);
    }

    @Override
    public Analyzer get() {
        return analyzer;
    }
}
