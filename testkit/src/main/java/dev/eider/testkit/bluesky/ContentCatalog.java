package dev.eider.testkit.bluesky;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The words generated posts are made of, in several languages and with emoji, accents, CJK and ZWJ
 * sequences, so that clients meet the text (and the UTF-8 byte offsets) real feeds contain.
 */
final class ContentCatalog {

    static final List<String> LANGUAGES = List.of("en", "en", "en", "de", "fr", "es", "pt", "ja");

    static final List<String> TOPICS = List.of("DuckDB", "Apache Iceberg", "Kubernetes operators",
            "Postgres 17", "Rust", "the AT Protocol", "dbt", "Parquet files", "sourdough baking",
            "trail running", "Kafka", "vector search", "bird photography", "the Tour de France",
            "mechanical keyboards", "Zig", "SQLite", "data contracts", "home automation", "Apache Arrow",
            "jazz records", "urban cycling", "Flink", "OpenTelemetry", "café culture", "Smørrebrød");

    private static final Map<String, List<String>> STATEMENTS = Map.of(
            "en", List.of("Spent the whole afternoon with %s and I have thoughts.",
                    "Hot take: %s is underrated.", "Finally got %s working in production 🎉",
                    "Anyone else running %s at scale? Curious about your setup.",
                    "TIL something surprising about %s.", "Writing up my notes on %s this weekend.",
                    "The docs for %s have gotten so much better.",
                    "Three weeks into %s. Still learning every day."),
            "de", List.of("Heute den ganzen Tag mit %s verbracht. Spannender als gedacht!",
                    "Kleine Erkenntnis zu %s: weniger ist mehr.", "Endlich läuft %s stabil in Produktion 🎉",
                    "Wer nutzt eigentlich %s? Würde mich über Erfahrungen freuen."),
            "fr", List.of("Petite réflexion sur %s ce matin ☕", "Je découvre %s et c'est génial.",
                    "Qui utilise %s en production ? Retours bienvenus.", "Enfin terminé mon article sur %s !"),
            "es", List.of("¿Alguien más usando %s en producción?", "Hoy aprendí algo nuevo sobre %s.",
                    "Por fin funciona %s. ¡Qué alegría! 🎉"),
            "pt", List.of("Finalmente testei %s — recomendo!", "Alguém aqui usa %s no dia a dia?",
                    "Aprendendo %s aos poucos. Está valendo a pena."),
            "ja", List.of("%sについて調べてみた。思ったより奥が深い🤔", "今日は一日中%sを触っていました。",
                    "%s、本番環境でやっと動いた🎉"));

    private static final Map<String, List<String>> REPLIES = Map.of(
            "en", List.of("Totally agree with this.", "Interesting, I had the opposite experience.",
                    "Do you have a link to the source?", "This is the way.", "Ha, been there 😅",
                    "Great thread, thanks for writing it up!"),
            "de", List.of("Sehe ich genauso.", "Interessant, bei uns war es genau andersherum.",
                    "Danke fürs Teilen!"),
            "fr", List.of("Tout à fait d'accord.", "Merci pour le partage !", "Intéressant, tu as une source ?"),
            "es", List.of("Totalmente de acuerdo.", "¡Gracias por compartir!", "Interesante, ¿tienes la fuente?"),
            "pt", List.of("Concordo totalmente.", "Obrigado por compartilhar!", "Interessante, tem a fonte?"),
            "ja", List.of("まったく同感です。", "共有ありがとうございます！", "興味深いですね、ソースはありますか？"));

    private static final Map<String, List<String>> QUOTES = Map.of(
            "en", List.of("This is a great writeup 👇", "Exactly what I was trying to say:",
                    "Worth reading the whole thing.", "Hard disagree, but a good read."),
            "de", List.of("Sehr lesenswert 👇", "Genau das!"),
            "fr", List.of("À lire absolument 👇", "Exactement ça."),
            "es", List.of("Muy buen hilo 👇", "Exactamente esto."),
            "pt", List.of("Vale muito a leitura 👇", "Exatamente isso."),
            "ja", List.of("これは良いまとめ👇", "まさにこれ。"));

    private static final Map<String, List<String>> LINK_INTROS = Map.of(
            "en", List.of("Worth a read:", "New video:", "Great article:", "Found this:", "Just published:"),
            "de", List.of("Lesenswert:", "Neuer Artikel:"),
            "fr", List.of("À lire :", "Nouvel article :"),
            "es", List.of("Muy recomendable:", "Nuevo artículo:"),
            "pt", List.of("Vale a leitura:", "Novo artigo:"),
            "ja", List.of("おすすめ記事:", "新しい記事:"));

    /** Includes a ZWJ sequence and a flag: several code points, one glyph, many UTF-8 bytes. */
    private static final List<String> EMOJI = List.of("🚀", "☕", "🎉", "🔥", "🌱", "🏔️", "📊", "🦀",
            "🐘", "🦆", "👀", "💡", "🙌", "🌊", "👩‍💻", "🇩🇪");

    private static final List<String> TAGS = List.of("atproto", "dataengineering", "rustlang", "kubernetes",
            "postgres", "duckdb", "opensource", "photography", "running", "bluesky", "café", "日本語",
            "datenbanken", "buildinpublic");

    private static final List<String> ALTS = List.of("A whiteboard covered in boxes and arrows",
            "Sunset over a harbour with sailing boats", "Screenshot of a terminal running a query",
            "A cat asleep on a keyboard", "Chart showing latency dropping after a deploy",
            "Mountain trail in the fog", "", "Two loaves of sourdough on a cooling rack",
            "Slide from a conference talk: “Ship small, ship often”");

    private ContentCatalog() {
    }

    static String language(SplittableRandom rng) {
        return pick(rng, LANGUAGES);
    }

    static String topic(SplittableRandom rng) {
        return pick(rng, TOPICS);
    }

    static String statement(SplittableRandom rng, String lang) {
        return String.format(pick(rng, STATEMENTS.get(lang)), topic(rng));
    }

    static String reply(SplittableRandom rng, String lang) {
        return pick(rng, REPLIES.get(lang));
    }

    static String quote(SplittableRandom rng, String lang) {
        return pick(rng, QUOTES.get(lang));
    }

    static String linkIntro(SplittableRandom rng, String lang) {
        return pick(rng, LINK_INTROS.get(lang));
    }

    static String emoji(SplittableRandom rng) {
        return pick(rng, EMOJI);
    }

    static String tag(SplittableRandom rng) {
        return pick(rng, TAGS);
    }

    static String alt(SplittableRandom rng) {
        return pick(rng, ALTS);
    }

    static <T> T pick(SplittableRandom rng, List<T> options) {
        return options.get(rng.nextInt(options.size()));
    }
}
