/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemmer;
import org.apache.lucene.analysis.no.NorwegianMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.apache.lucene.analysis.sv.SwedishMinimalStemFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.German2Stemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * {@code stemmer} (parameter {@code language}, alias {@code name}; default {@code english}) and
 * {@code snowball} (parameter {@code language}, a Snowball stemmer name such as {@code Italian};
 * default {@code English}). The language names are those of the Elasticsearch reference:
 * plain names map to the Snowball stemmer of that language (except where Lucene has a dedicated
 * algorithm, e.g. english = Porter, greek, czech), {@code light_*} / {@code minimal_*} to
 * Lucene's light and minimal stemmers.
 */
public class StemmerFilterFactory extends AbstractTokenFilterFactory {

    private static final Map<String, Supplier<SnowballStemmer>> SNOWBALL = new TreeMap<>();
    private static final Map<String, UnaryOperator<TokenStream>> STEMMERS = new TreeMap<>();

    static {
        SNOWBALL.put("armenian", ArmenianStemmer::new);
        SNOWBALL.put("basque", BasqueStemmer::new);
        SNOWBALL.put("catalan", CatalanStemmer::new);
        SNOWBALL.put("danish", DanishStemmer::new);
        SNOWBALL.put("dutch", DutchStemmer::new);
        SNOWBALL.put("english", EnglishStemmer::new);
        SNOWBALL.put("estonian", EstonianStemmer::new);
        SNOWBALL.put("finnish", FinnishStemmer::new);
        SNOWBALL.put("french", FrenchStemmer::new);
        SNOWBALL.put("german", GermanStemmer::new);
        SNOWBALL.put("german2", German2Stemmer::new);
        SNOWBALL.put("hungarian", HungarianStemmer::new);
        SNOWBALL.put("irish", IrishStemmer::new);
        SNOWBALL.put("italian", ItalianStemmer::new);
        SNOWBALL.put("lithuanian", LithuanianStemmer::new);
        SNOWBALL.put("norwegian", NorwegianStemmer::new);
        SNOWBALL.put("porter", org.tartarus.snowball.ext.PorterStemmer::new);
        SNOWBALL.put("portuguese", PortugueseStemmer::new);
        SNOWBALL.put("romanian", RomanianStemmer::new);
        SNOWBALL.put("russian", RussianStemmer::new);
        SNOWBALL.put("serbian", SerbianStemmer::new);
        SNOWBALL.put("spanish", SpanishStemmer::new);
        SNOWBALL.put("swedish", SwedishStemmer::new);
        SNOWBALL.put("turkish", TurkishStemmer::new);

        // Snowball by default: every Snowball language under its own name.
        SNOWBALL.forEach((language, stemmer) -> STEMMERS.put(language, ts -> new SnowballFilter(ts, stemmer.get())));
        STEMMERS.remove("porter");
        // Dedicated Lucene algorithms (the Elasticsearch reference's mapping).
        STEMMERS.put("arabic", ArabicStemFilter::new);
        STEMMERS.put("bengali", BengaliStemFilter::new);
        STEMMERS.put("brazilian", BrazilianStemFilter::new);
        STEMMERS.put("bulgarian", BulgarianStemFilter::new);
        STEMMERS.put("czech", CzechStemFilter::new);
        STEMMERS.put("english", PorterStemFilter::new);
        STEMMERS.put("porter", PorterStemFilter::new);
        STEMMERS.put("porter2", ts -> new SnowballFilter(ts, new EnglishStemmer()));
        STEMMERS.put("light_english", KStemFilter::new);
        STEMMERS.put("minimal_english", EnglishMinimalStemFilter::new);
        STEMMERS.put("possessive_english", EnglishPossessiveFilter::new);
        STEMMERS.put("light_finnish", FinnishLightStemFilter::new);
        STEMMERS.put("light_french", FrenchLightStemFilter::new);
        STEMMERS.put("minimal_french", FrenchMinimalStemFilter::new);
        STEMMERS.put("galician", GalicianStemFilter::new);
        STEMMERS.put("minimal_galician", GalicianMinimalStemFilter::new);
        STEMMERS.put("light_german", GermanLightStemFilter::new);
        STEMMERS.put("minimal_german", GermanMinimalStemFilter::new);
        STEMMERS.put("greek", GreekStemFilter::new);
        STEMMERS.put("hindi", HindiStemFilter::new);
        STEMMERS.put("light_hungarian", HungarianLightStemFilter::new);
        STEMMERS.put("indonesian", IndonesianStemFilter::new);
        STEMMERS.put("light_italian", ItalianLightStemFilter::new);
        STEMMERS.put("latvian", LatvianStemFilter::new);
        STEMMERS.put("light_norwegian", ts -> new NorwegianLightStemFilter(ts, NorwegianLightStemmer.BOKMAAL));
        STEMMERS.put("minimal_norwegian", ts -> new NorwegianMinimalStemFilter(ts, NorwegianLightStemmer.BOKMAAL));
        STEMMERS.put("light_nynorsk", ts -> new NorwegianLightStemFilter(ts, NorwegianLightStemmer.NYNORSK));
        STEMMERS.put("minimal_nynorsk", ts -> new NorwegianMinimalStemFilter(ts, NorwegianLightStemmer.NYNORSK));
        STEMMERS.put("light_portuguese", PortugueseLightStemFilter::new);
        STEMMERS.put("minimal_portuguese", PortugueseMinimalStemFilter::new);
        STEMMERS.put("portuguese_rslp", PortugueseStemFilter::new);
        STEMMERS.put("light_russian", RussianLightStemFilter::new);
        STEMMERS.put("sorani", SoraniStemFilter::new);
        STEMMERS.put("light_spanish", SpanishLightStemFilter::new);
        STEMMERS.put("spanish_plural", SpanishPluralStemFilter::new);
        STEMMERS.put("light_swedish", SwedishLightStemFilter::new);
        STEMMERS.put("minimal_swedish", SwedishMinimalStemFilter::new);
    }

    private final UnaryOperator<TokenStream> stemmer;

    private StemmerFilterFactory(String name, Settings settings, UnaryOperator<TokenStream> stemmer) {
        super(name, settings);
        this.stemmer = stemmer;
    }

    static StemmerFilterFactory stemmer(String name, Settings settings) {
        String language = settings.get("language", settings.get("name", "english"));
        UnaryOperator<TokenStream> stemmer = STEMMERS.get(language.toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException("[" + name + "] unknown stemmer language [" + language + "], known: " + STEMMERS.keySet());
        }
        return new StemmerFilterFactory(name, settings, stemmer);
    }

    static StemmerFilterFactory snowball(String name, Settings settings) {
        String language = settings.get("language", "English");
        Supplier<SnowballStemmer> stemmer = SNOWBALL.get(language.toLowerCase(Locale.ROOT));
        if (stemmer == null) {
            throw new IllegalArgumentException("[" + name + "] unknown snowball language [" + language + "], known: " + SNOWBALL.keySet());
        }
        return new StemmerFilterFactory(name, settings, ts -> new SnowballFilter(ts, stemmer.get()));
    }

    @Override
    public TokenStream create(TokenStream tokenStream) {
        return stemmer.apply(tokenStream);
    }
}
