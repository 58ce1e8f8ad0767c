/*
 * Copyright 2026 the VET NET Community project. Licensed under the Apache License, Version 2.0.
 */
package eu.vetnet.analysis;

import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.IntPredicate;

/**
 * {@code edge_ngram} tokenizer: prefixes from {@code min_gram} (default 1) to {@code max_gram}
 * (default 2) characters. {@code token_chars} limits which characters belong to a token
 * ({@code letter}, {@code digit}, {@code whitespace}, {@code punctuation}, {@code symbol},
 * {@code custom} with {@code custom_token_chars}); the others split the input. Without
 * {@code token_chars} every character is kept, as in Lucene.
 */
public class EdgeNGramTokenizerFactory extends AbstractTokenizerFactory {

    private final int minGram;
    private final int maxGram;
    private final IntPredicate tokenChars;

    EdgeNGramTokenizerFactory(IndexSettings indexSettings, Environment env, String name, Settings settings) {
        super(indexSettings, settings, name);
        this.minGram = settings.getAsInt("min_gram", 1);
        this.maxGram = settings.getAsInt("max_gram", 2);
        if (minGram < 1 || maxGram < minGram) {
            throw new IllegalArgumentException(
                "[" + name + "] edge_ngram needs 1 <= min_gram <= max_gram, got min_gram=" + minGram + ", max_gram=" + maxGram
            );
        }
        this.tokenChars = parseTokenChars(settings);
    }

    static IntPredicate parseTokenChars(Settings settings) {
        List<String> classes = settings.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate matcher = c -> false;
        for (String raw : classes) {
            String kind = raw.trim().toLowerCase(Locale.ROOT);
            IntPredicate next = switch (kind) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> EdgeNGramTokenizerFactory::isPunctuation;
                case "symbol" -> EdgeNGramTokenizerFactory::isSymbol;
                case "custom" -> {
                    String custom = settings.get("custom_token_chars");
                    if (custom == null) {
                        throw new IllegalArgumentException("token_chars [custom] needs [custom_token_chars]");
                    }
                    yield c -> custom.codePoints().anyMatch(x -> x == c);
                }
                default -> throw new IllegalArgumentException(
                    "Unknown token type: '" + raw + "', must be one of [letter, digit, whitespace, punctuation, symbol, custom]"
                );
            };
            matcher = matcher.or(next);
        }
        return matcher;
    }

    private static boolean isPunctuation(int c) {
        return switch (Character.getType(c)) {
            case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                Character.FINAL_QUOTE_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isSymbol(int c) {
        return switch (Character.getType(c)) {
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }

    @Override
    public Tokenizer create() {
        if (tokenChars == null) {
            return new EdgeNGramTokenizer(minGram, maxGram);
        }
        IntPredicate matcher = tokenChars;
        return new EdgeNGramTokenizer(minGram, maxGram) {
            @Override
            protected boolean isTokenChar(int chr) {
                return matcher.test(chr);
            }
        };
    }
}
