package io.waymark.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.waymark.protocol.Ping;
import io.waymark.protocol.PingBatch;
import io.waymark.protocol.Rejection;
import io.waymark.protocol.RejectionReason;
import io.waymark.protocol.RequestError;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectMapper;

/**
 * Differential tests: {@link PingBatchReader} must answer exactly as {@link TreePingBatchReader}, the tree-based
 * reader it replaced, for every input: the same valid pings (every field, {@code -0.0} and boxed nulls included),
 * the same {@code validIndexes} (length included), rejections and {@code upToSeq}, or the same refusal (code and
 * message), or the same other exception (class and message). Inputs are generated from fixed seeds: clean and noisy
 * batches (each field missing, null, of another type, out of range, at its bounds, NaN or infinite, huge, nested,
 * repeated), whole requests of the wrong shape, truncated and garbled data, trailing content, oversized batches, in
 * JSON text and in CBOR (encoded here byte by byte, so that every CBOR number form is used: small and big integers,
 * half, single and double floats, decimal fractions, tags, simple values, definite and indefinite lengths).
 */
class PingBatchReaderDifferentialTests {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();
    private static final long SKEW_MS = Duration.ofMinutes(5).toMillis();
    private static final long RETENTION_MS = Duration.ofDays(90).toMillis();
    private static final long LIMIT = 1024 * 1024;
    private static final String[] REQUIRED = {"seq", "ts", "lat", "lon"};
    private static final String[] OPTIONAL = {"accuracy", "speed", "heading", "altitude", "battery", "mock"};

    private final PingBatchReader reader = new PingBatchReader(LIMIT, Duration.ofMinutes(5), Duration.ofDays(90));
    private final TreePingBatchReader oracle =
            new TreePingBatchReader(LIMIT, Duration.ofMinutes(5), Duration.ofDays(90));

    /** How often each outcome was seen, to check that the inputs reach every reason and error. */
    private final Map<String, Integer> seen = new TreeMap<>();

    private int compared;

    @AfterEach
    void printCoverage() {
        System.out.println(getClass().getSimpleName() + ": " + compared + " inputs compared; outcomes " + seen);
    }

    // ------------------------------------------------------------------------------------------------ the tests

    @Test
    void handWrittenRequests() {
        String ts = Long.toString(NOW_MS - 1000);
        String ping = "{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}";
        String huge = "1" + "0".repeat(400);
        List<String> cases = new ArrayList<>(List.of(
                "",
                " ",
                "\n\t ",
                "null",
                "true",
                "1",
                "\"pings\"",
                "{}",
                "[]",
                "[{\"pings\":[]}]",
                "{\"pings\":[]}",
                "{\"pings\":[]} ",
                "{\"pings\":[]}\n\n",
                "{\"pings\":[]}x",
                "{\"pings\":[]}{}",
                "{\"pings\":[]} {\"pings\":[]}",
                "{\"pings\":[]}]",
                "{\"pings\":[]}}",
                "{\"pings\":[]},",
                "{\"pings\":[]} null",
                "{\"pings\":[]} 1",
                "{\"pings\":[]} \"x\"",
                "{\"pings\":[]} /* comment */",
                "{\"pings\":[]}\u0000",
                "\uFEFF{\"pings\":[]}",
                "{\"pings\":null}",
                "{\"pings\":{}}",
                "{\"pings\":\"[]\"}",
                "{\"pings\":1}",
                "{\"pongs\":[]}",
                "{\"Pings\":[]}",
                "{\"pings\":[],\"pings\":{}}",
                "{\"pings\":{},\"pings\":[]}",
                "{\"pings\":[" + ping + "],\"pings\":[]}",
                "{\"pings\":[1],\"pings\":[" + ping + "]}",
                "{\"pings\":[" + ping + "],\"pings\":[1]}",
                "{\"pings\":[" + ping + "],\"pings\":[" + ping + "," + ping + "]}",
                "{\"pings\":[{}]}",
                "{\"pings\":[1]}",
                "{\"pings\":[1,{}]}",
                "{\"pings\":[{},1]}",
                "{\"pings\":[null]}",
                "{\"pings\":[[]]}",
                "{\"pings\":[" + ping + ",\"x\"]}",
                "{\"pings\":[{\"seq\":1}",
                "{\"pings\":[{\"seq\":1}]",
                "{\"pings\":[{\"seq\":1}]}}",
                "{\"pings\":[{\"seq\":1,}]}",
                "{\"pings\":[" + ping + ",]}",
                "{\"pings\":[" + ping + "]",
                "{\"pings\":[" + ping + "]}",
                "{\"x\":[1,2,{\"y\":[]}],\"pings\":[" + ping + "],\"z\":null}",
                "{\"pings\":[{\"seq\":1,\"seq\":\"x\",\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":\"x\",\"seq\":2,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":2,\"seq\":null,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":2,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"lat\":{}}]}",
                "{\"pings\":[{\"s\\u0065q\":2,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":" + huge + ",\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":-" + huge + ",\"ts\":\"x\",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + huge + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":\"x\",\"lat\":" + huge + ",\"lon\":1}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"battery\":" + huge + "}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"mock\":" + huge + "}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"extra\":" + huge + "}]}",
                "{\"pings\":[" + ping + ",{\"seq\":" + huge + "}]}",
                "{\"pings\":[{\"seq\":" + huge + "}, 7]}",
                "{\"pings\":[{\"seq\":" + huge + "}]} x",
                "{\"pings\":[{\"seq\":1" + "0".repeat(1000) + "}]}",
                "{\"pings\":[{\"seq\":1,\"x\":" + "[".repeat(1200) + "]".repeat(1200) + "}]}",
                "{\"pings\":[{\"seq\":NaN,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":Infinity,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":-Infinity,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":+INF,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":nan,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":3.0,\"ts\":" + ts + ".9,\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":1e400,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":9223372036854775807,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":9223372036854775808,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":9.223372036854776E18,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":1.0000000000000000001,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":0.99999999999999999999,\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":-0,\"ts\":" + ts + ",\"lat\":-0.0,\"lon\":-0}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"accuracy\":-0.0,\"speed\":-0.0,"
                        + "\"heading\":-0.0,\"battery\":-0.0,\"altitude\":-0.0}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"mock\":null}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"mock\":false,\"mock\":1}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"mock\":1,\"mock\":true}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"altitude\":\"high\"}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"altitude\":[1]}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"heading\":true}]}",
                "{\"pings\":[{\"seq\":\"1\",\"ts\":\"" + ts + "\",\"lat\":\"1\",\"lon\":\"1\"}]}",
                "{\"pings\":[{\"seq\":{\"v\":1},\"ts\":" + ts + ",\"lat\":1,\"lon\":1}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"s\u00e9q\":1}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"note\":\"\\uD800\"}]}",
                "{\"pings\":[{\"seq\":1,\"ts\":" + ts + ",\"lat\":1,\"lon\":1,\"note\":\"\\q\"}]}"));
        for (String json : cases) {
            compare(json.getBytes(StandardCharsets.UTF_8), IngestJson.JSON);
        }
        byte[] invalidUtf8 =
                "{\"pings\":[{\"seq\":1,\"note\":\"\u00ff\u00fe\"}]}".getBytes(StandardCharsets.ISO_8859_1);
        compare(invalidUtf8, IngestJson.JSON);
        compare(new byte[0], IngestJson.CBOR);
        compare(new byte[] {(byte) 0xF6}, IngestJson.CBOR);
        compare(new byte[] {(byte) 0xA0}, IngestJson.CBOR);
        compare(new byte[] {(byte) 0xA0, 0x00}, IngestJson.CBOR);
        compare(new byte[] {(byte) 0xA0, (byte) 0xFF}, IngestJson.CBOR);
        compare("{\"pings\":[]}".getBytes(StandardCharsets.UTF_8), IngestJson.CBOR);
    }

    @Test
    void randomJsonBatches() {
        Random random = new Random(20_261_123);
        for (int i = 0; i < 12_000; i++) {
            compare(json(batch(random), random), random, IngestJson.JSON);
        }
        assertEveryOutcomeSeen();
    }

    @Test
    void randomCborBatches() {
        Random random = new Random(4_242);
        for (int i = 0; i < 12_000; i++) {
            compare(cbor(batch(random), random), random, IngestJson.CBOR);
        }
        assertEveryOutcomeSeen();
    }

    @Test
    void truncatedGarbledAndTrailingJson() {
        Random random = new Random(77);
        for (int i = 0; i < 8_000; i++) {
            byte[] data = json(batch(random), random);
            compare(garble(data, random, JSON_NOISE), random, IngestJson.JSON);
        }
        assertThat(seen).containsKey("refused MALFORMED");
    }

    @Test
    void truncatedGarbledAndTrailingCbor() {
        Random random = new Random(78);
        for (int i = 0; i < 8_000; i++) {
            byte[] data = cbor(batch(random), random);
            compare(garble(data, random, CBOR_NOISE), random, IngestJson.CBOR);
            // the same bytes read as JSON, and JSON read as CBOR: a device that says the wrong MIME type
            if (i % 10 == 0) {
                compare(data, random, IngestJson.JSON);
                compare(json(batch(random), random), random, IngestJson.CBOR);
            }
        }
        assertThat(seen).containsKey("refused MALFORMED");
    }

    @Test
    void batchesAroundTheSizeLimit() {
        Random random = new Random(1_000);
        for (int size : new int[] {PingBatch.MAX_PINGS - 1, PingBatch.MAX_PINGS, PingBatch.MAX_PINGS + 1, 1_500}) {
            for (int variant = 0; variant < 8; variant++) {
                List<Object> pings = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    // noisy pings in one variant only: among a thousand, one is likely to be over a parser limit
                    pings.add(variant == 2 ? ping(random, i + 1) : cleanPing(random, i + 1));
                }
                switch (variant) {
                    case 3 -> pings.set(0, num(1));
                    case 4 -> pings.set(size - 1, "x");
                    case 5 ->
                        pings.set(
                                random.nextInt(size),
                                obj(field("seq", HUGE_INTEGER), field("ts", num(NOW_MS)), field("lat", num(1))));
                    case 6 -> pings.set(Math.min(size, PingBatch.MAX_PINGS) - 1, null);
                    default -> {
                        // the pings as generated
                    }
                }
                Object root = obj(field("pings", new Arr(pings)));
                byte[] json = json(root, random);
                byte[] cbor = cbor(root, random);
                compare(json, IngestJson.JSON);
                compare(cbor, IngestJson.CBOR);
                if (variant == 7) {
                    compare(Arrays.copyOf(json, json.length - 1), IngestJson.JSON);
                    compare(Arrays.copyOf(cbor, cbor.length - 1), IngestJson.CBOR);
                    compare(concat(json, " x".getBytes(StandardCharsets.UTF_8)), IngestJson.JSON);
                    compare(concat(cbor, new byte[] {(byte) 0xF6}), IngestJson.CBOR);
                }
            }
        }
        assertThat(seen).containsKeys("refused BATCH_TOO_LARGE", "refused MALFORMED", "valid");
    }

    @Test
    void requestsAroundTheByteLimit() {
        Random random = new Random(5);
        for (int i = 0; i < 400; i++) {
            byte[] data = i % 2 == 0 ? json(batch(random), random) : cbor(batch(random), random);
            ObjectMapper mapper = i % 2 == 0 ? IngestJson.JSON : IngestJson.CBOR;
            long limit = Math.max(0, data.length - 1 + random.nextInt(3));
            compare(data, mapper, limit, Duration.ofMinutes(5), Duration.ofDays(90), NOW);
        }
        assertThat(seen).containsKey("refused FRAME_TOO_LARGE");
    }

    // ------------------------------------------------------------------------------------------------ comparing

    /** What a reader answered for one input, comparable with equals. */
    record Outcome(
            List<Ping> valid,
            List<Integer> validIndexes,
            List<Rejection> rejected,
            Long upToSeq,
            int size,
            String refused,
            String thrown) {

        static Outcome of(Supplier<PingBatchReader.ReadBatch> read) {
            try {
                PingBatchReader.ReadBatch batch = read.get();
                List<Integer> indexes = new ArrayList<>();
                for (int index : batch.validIndexes()) {
                    indexes.add(index);
                }
                return new Outcome(batch.valid(), indexes, batch.rejected(), batch.upToSeq(), batch.size(), null, null);
            } catch (RequestRefused refused) {
                return new Outcome(null, null, null, null, 0, refused.describe(), null);
            } catch (RuntimeException thrown) {
                return new Outcome(
                        null, null, null, null, 0, null, thrown.getClass().getName() + ": " + thrown.getMessage());
            }
        }
    }

    private void compare(byte[] data, Random random, ObjectMapper mapper) {
        if (random.nextInt(25) == 0) {
            // another configuration now and then: no clock skew allowed, a short retention, another clock
            Instant now = NOW.plusMillis(random.nextInt(1_000_000) - 500_000);
            compare(data, mapper, LIMIT, Duration.ZERO, Duration.ofHours(1), now);
        } else {
            compare(data, mapper);
        }
    }

    private void compare(byte[] data, ObjectMapper mapper) {
        Outcome expected = Outcome.of(() -> oracle.read(data, mapper, NOW));
        Outcome actual = Outcome.of(() -> reader.read(data, mapper, NOW));
        check(data, mapper, expected, actual);
    }

    private void compare(byte[] data, ObjectMapper mapper, long limit, Duration skew, Duration retention, Instant now) {
        TreePingBatchReader configuredOracle = new TreePingBatchReader(limit, skew, retention);
        PingBatchReader configuredReader = new PingBatchReader(limit, skew, retention);
        Outcome expected = Outcome.of(() -> configuredOracle.read(data, mapper, now));
        Outcome actual = Outcome.of(() -> configuredReader.read(data, mapper, now));
        check(data, mapper, expected, actual);
    }

    private void check(byte[] data, ObjectMapper mapper, Outcome expected, Outcome actual) {
        assertThat(actual)
                .as(() -> "for the " + (mapper == IngestJson.CBOR ? "CBOR " : "JSON ") + describe(data, mapper))
                .isEqualTo(expected);
        compared++;
        if (expected.refused() != null) {
            seen.merge(
                    "refused "
                            + expected.refused().substring(0, expected.refused().indexOf(':')),
                    1,
                    Integer::sum);
        } else if (expected.thrown() != null) {
            seen.merge(
                    "thrown " + expected.thrown().substring(0, expected.thrown().indexOf(':')), 1, Integer::sum);
        } else {
            seen.merge("valid", expected.valid().size(), Integer::sum);
            for (Rejection rejection : expected.rejected()) {
                seen.merge(rejection.reason(), 1, Integer::sum);
            }
        }
    }

    private void assertEveryOutcomeSeen() {
        for (RejectionReason reason : RejectionReason.values()) {
            assertThat(seen).as("the inputs reach %s", reason).containsKey(reason.name());
        }
        assertThat(seen).containsKeys("valid", "refused " + RequestError.MALFORMED);
        assertThat(seen.keySet()).as("no input makes either reader throw").noneMatch(key -> key.startsWith("thrown"));
    }

    private static String describe(byte[] data, ObjectMapper mapper) {
        String text =
                mapper == IngestJson.CBOR ? HexFormat.of().formatHex(data) : new String(data, StandardCharsets.UTF_8);
        return text.length() > 4000 ? text.substring(0, 4000) + "... (" + data.length + " bytes)" : text;
    }

    // ------------------------------------------------------------------------------------------------ the model

    /** An object; its fields may repeat a name. */
    record Obj(List<Field> fields) {}

    record Field(String name, Object value) {}

    record Arr(List<Object> elements) {}

    /**
     * A number: its JSON text, and its CBOR form (an Integer, Long, BigInteger, Float, Double or BigDecimal, or the
     * raw bytes of a half float).
     */
    record Num(String json, Object cbor) {}

    /** A token with a form of its own in each format (a JSON literal; CBOR simple values, tags, undefined). */
    record Raw(String json, byte[] cbor) {}

    /** A CBOR byte string; a base64 string in JSON. */
    record Bin(byte[] bytes) {}

    static Obj obj(Field... fields) {
        return new Obj(new ArrayList<>(List.of(fields)));
    }

    static Field field(String name, Object value) {
        return new Field(name, value);
    }

    static Num num(long value) {
        return new Num(Long.toString(value), value);
    }

    static Num num(String json, Object cbor) {
        return new Num(json, cbor);
    }

    static Num dbl(double value, Random random) {
        String json = random.nextInt(3) == 0 ? String.format(Locale.ROOT, "%.6f", value) : Double.toString(value);
        double parsed = Double.parseDouble(json);
        int form = random.nextInt(10);
        Object cbor = form < 7 ? parsed : form < 9 ? (Object) (float) parsed : new BigDecimal(json);
        return new Num(json, cbor);
    }

    private static final Num HUGE_INTEGER = num("1" + "0".repeat(400), BigInteger.TEN.pow(400));

    private static final List<Object> WEIRD = List.of(
            "x",
            "12",
            "NaN",
            "",
            "\u00e9\u00e8 \"quoted\" \\ \n",
            true,
            false,
            obj(),
            obj(field("a", num(1)), field("b", new Arr(List.of(num(1), obj())))),
            new Arr(List.of()),
            new Arr(List.of(num(1), num(2))),
            new Arr(List.of(new Arr(List.of(new Arr(List.of(obj(field("a", new Arr(List.of(num(1))))))))))),
            num("NaN", Double.NaN),
            num("Infinity", Double.POSITIVE_INFINITY),
            num("-Infinity", Double.NEGATIVE_INFINITY),
            num("+INF", new byte[] {(byte) 0xF9, 0x7C, 0x00}),
            num("-INF", new byte[] {(byte) 0xF9, (byte) 0xFC, 0x00}),
            num("NaN", new byte[] {(byte) 0xF9, 0x7E, 0x00}),
            num("NaN", Float.NaN),
            num("1e400", Double.POSITIVE_INFINITY),
            num("1E400", new BigDecimal("1e400")),
            num("-1e400", new BigDecimal("-1e400")),
            num("1e-400", new BigDecimal("1e-400")),
            num("-1e-400", -0.0),
            HUGE_INTEGER,
            num("-" + "9".repeat(400), BigInteger.TEN.pow(400).negate()),
            num("1" + "0".repeat(24), BigInteger.TEN.pow(24)),
            num("9".repeat(999), BigInteger.TEN.pow(999).subtract(BigInteger.ONE)),
            num("-0", 0),
            num("-0.0", -0.0),
            num("0", 0),
            num("0.0", 0.0f),
            num("1.5", new byte[] {(byte) 0xF9, 0x3E, 0x00}),
            num("12.50", new BigDecimal("12.50")),
            num("5", new BigDecimal("5")),
            num("0.1", 0.1f),
            num(Integer.MAX_VALUE + 1L),
            num(Long.MAX_VALUE),
            num(Long.MIN_VALUE),
            num("9223372036854775808", BigInteger.ONE.shiftLeft(63)),
            num("18446744073709551615", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
            num("-18446744073709551616", BigInteger.ONE.shiftLeft(64).negate()),
            new Bin(new byte[] {1, 2, 3}),
            new Raw("null", new byte[] {(byte) 0xF7}),
            new Raw("16", new byte[] {(byte) 0xF0}),
            new Raw("255", new byte[] {(byte) 0xF8, (byte) 0xFF}),
            new Raw("1700000000", new byte[] {(byte) 0xC1, 0x1A, 0x65, 0x53, (byte) 0xF1, 0x00}),
            new Raw("[[[[[[]]]]]]", new byte[] {(byte) 0xD9, (byte) 0xD9, (byte) 0xF7, 0x01}),
            new Raw("\"" + "[".repeat(3) + "\"", new byte[] {0x43, 0x01, 0x02, 0x03}));

    /** Values over the parser's limits (number length, nesting depth): the whole request is malformed. */
    private static final List<Object> OVER_LIMITS = List.of(
            num("1" + "0".repeat(1000), BigInteger.TEN.pow(1000)),
            new Raw("[" + "[".repeat(1100) + "]".repeat(1100) + "]", nestedCbor(1101)));

    private static final Map<String, List<Object>> EDGES = Map.of(
            "seq",
                    List.of(
                            num(0),
                            num(-1),
                            num(1),
                            num("3.0", 3.0),
                            num("1e0", 1.0f),
                            num("2.5", 2.5),
                            num("9.223372036854776E18", 9.223372036854776E18),
                            num("9.2233720368547748E18", 9.2233720368547748E18),
                            num("1e19", 1e19),
                            num("1.0000000000000000001", new BigDecimal("1.0000000000000000001")),
                            num("0.99999999999999999999", new BigDecimal("0.99999999999999999999")),
                            num("7", BigInteger.valueOf(7)),
                            num("1", new byte[] {(byte) 0xF9, 0x3C, 0x00})),
            "ts",
                    List.of(
                            num(NOW_MS + SKEW_MS),
                            num(NOW_MS + SKEW_MS + 1),
                            num(NOW_MS - RETENTION_MS),
                            num(NOW_MS - RETENTION_MS - 1),
                            num(Double.toString((double) NOW_MS), (double) NOW_MS),
                            num((NOW_MS - 1) + ".5", NOW_MS - 0.5),
                            num((NOW_MS + SKEW_MS) + ".4", (double) NOW_MS + SKEW_MS + 0.4),
                            num("1.7e12", 1.7e12f),
                            num(0),
                            num(-1),
                            num("1e300", 1e300)),
            "lat",
                    List.of(
                            num(90),
                            num(-90),
                            num("90.0000001", 90.0000001),
                            num("-90.0000001", -90.0000001f),
                            num("-0.0", -0.0),
                            num("45", new BigDecimal("45"))),
            "lon",
                    List.of(
                            num(180),
                            num(-180),
                            num("180.0000001", 180.0000001),
                            num("-180.0000001", new BigDecimal("-180.0000001")),
                            num("-0", -0.0f)),
            "accuracy", List.of(num(0), num("-0.0", -0.0), num("-1e-9", -1e-9), num(-1), num("1e308", 1e308)),
            "speed", List.of(num(0), num("-0.0", -0.0), num("-0.0001", -0.0001f)),
            "heading", List.of(num(0), num(360), num("360.0000001", 360.0000001), num("-0.0", -0.0), num(-1)),
            "altitude", List.of(num("-1e308", -1e308), num(-430), num("8848.86", new BigDecimal("8848.86"))),
            "battery", List.of(num(0), num(1), num("1.0000001", 1.0000001), num("-0.0001", -0.0001), num(2)),
            "mock", List.of(true, false, "true", num(1), num(0), obj(), new Arr(List.of(true))));

    private static final List<String> EXTRA_NAMES =
            List.of("extra", "SEQ", "seq ", "Lat", "provider", "", "pings", "s\u00e9q", "altitude2", "batteryLevel");

    /** A batch: mostly well formed, at times of the wrong shape. */
    static Object batch(Random random) {
        boolean clean = random.nextInt(4) == 0;
        int size = batchSize(random);
        List<Object> pings = new ArrayList<>(size);
        long seq = 1 + random.nextInt(1_000);
        for (int i = 0; i < size; i++) {
            pings.add(clean ? cleanPing(random, seq + i) : ping(random, seq + i));
        }
        if (clean) {
            return obj(field("pings", new Arr(pings)));
        }
        if (!pings.isEmpty() && random.nextInt(40) == 0) {
            pings.set(random.nextInt(pings.size()), nonObject(random));
        }
        List<Field> root = new ArrayList<>();
        root.add(field("pings", new Arr(pings)));
        while (random.nextInt(8) == 0) {
            root.add(random.nextInt(root.size() + 1), field(pick(random, EXTRA_NAMES), anyValue(random)));
        }
        int shape = random.nextInt(100);
        if (shape < 3) {
            Object other = random.nextBoolean() ? anyValue(random) : new Arr(List.of(cleanPing(random, 1)));
            root.add(random.nextBoolean() ? 0 : root.size(), field("pings", other));
        } else if (shape < 5) {
            root.removeIf(f -> f.name().equals("pings"));
        } else if (shape < 7) {
            root.replaceAll(f -> f.name().equals("pings") ? field("pings", nonArray(random)) : f);
        } else if (shape < 9) {
            return switch (random.nextInt(5)) {
                case 0 -> new Arr(pings);
                case 1 -> num(1);
                case 2 -> "pings";
                case 3 -> null;
                default -> new Arr(List.of(new Obj(root)));
            };
        }
        return new Obj(root);
    }

    private static int batchSize(Random random) {
        int bucket = random.nextInt(20);
        if (bucket == 0) {
            return 0;
        }
        if (bucket < 7) {
            return 1;
        }
        return bucket < 14 ? 2 + random.nextInt(9) : 11 + random.nextInt(50);
    }

    /** A ping as the load generator sends it: seq, ts, lat, lon, accuracy, speed, heading, battery. */
    static Obj cleanPing(Random random, long seq) {
        return obj(
                field("seq", num(seq)),
                field("ts", num(NOW_MS - random.nextInt(3_600_000))),
                field("lat", dbl(-90 + 180 * random.nextDouble(), random)),
                field("lon", dbl(-180 + 360 * random.nextDouble(), random)),
                field("accuracy", dbl(50 * random.nextDouble(), random)),
                field("speed", dbl(40 * random.nextDouble(), random)),
                field(
                        "heading",
                        random.nextBoolean() ? num(random.nextInt(361)) : dbl(360 * random.nextDouble(), random)),
                field("battery", dbl(random.nextDouble(), random)));
    }

    /** A ping with any of its fields missing, null, of another type, out of range or repeated, and extra fields. */
    static Obj ping(Random random, long seq) {
        List<Field> fields = new ArrayList<>();
        for (String name : REQUIRED) {
            if (random.nextInt(14) != 0) {
                fields.add(field(name, value(random, name, seq)));
            }
        }
        for (String name : OPTIONAL) {
            if (random.nextInt(5) < 2) {
                fields.add(field(name, value(random, name, seq)));
            }
        }
        while (random.nextInt(10) == 0) {
            fields.add(random.nextInt(fields.size() + 1), field(pick(random, EXTRA_NAMES), anyValue(random)));
        }
        while (random.nextInt(16) == 0) {
            String name = random.nextBoolean() ? pick(random, REQUIRED) : pick(random, OPTIONAL);
            fields.add(random.nextInt(fields.size() + 1), field(name, value(random, name, seq)));
        }
        if (random.nextInt(3) == 0) {
            Collections.shuffle(fields, random);
        }
        return new Obj(fields);
    }

    private static Object value(Random random, String name, long seq) {
        int kind = random.nextInt(100);
        if (kind < 80) {
            return validValue(random, name, seq);
        }
        if (kind < 83) {
            return null;
        }
        if (kind < 91) {
            return pick(random, EDGES.get(name));
        }
        return random.nextInt(200) == 0 ? pick(random, OVER_LIMITS) : pick(random, WEIRD);
    }

    private static Object validValue(Random random, String name, long seq) {
        return switch (name) {
            case "seq" -> random.nextInt(10) == 0 ? num(seq + (1L << 33)) : num(seq);
            case "ts" -> num(NOW_MS - random.nextInt(3_600_000));
            case "lat" -> dbl(-90 + 180 * random.nextDouble(), random);
            case "lon" -> dbl(-180 + 360 * random.nextDouble(), random);
            case "accuracy" -> random.nextBoolean() ? num(random.nextInt(30)) : dbl(50 * random.nextDouble(), random);
            case "speed" -> dbl(40 * random.nextDouble(), random);
            case "heading" -> random.nextBoolean() ? num(random.nextInt(361)) : dbl(360 * random.nextDouble(), random);
            case "altitude" -> dbl(-100 + 3000 * random.nextDouble(), random);
            case "battery" -> dbl(random.nextDouble(), random);
            case "mock" -> random.nextBoolean();
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Object anyValue(Random random) {
        if (random.nextInt(100) == 0) {
            return pick(random, OVER_LIMITS);
        }
        return random.nextInt(4) == 0 ? null : pick(random, WEIRD);
    }

    private static Object nonObject(Random random) {
        Object value = anyValue(random);
        return value instanceof Obj ? new Arr(List.of(value)) : value;
    }

    private static Object nonArray(Random random) {
        Object value = anyValue(random);
        return value instanceof Arr ? obj(field("pings", value)) : value;
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    // ------------------------------------------------------------------------------------------------ JSON text

    static byte[] json(Object value, Random random) {
        StringBuilder out = new StringBuilder();
        writeJson(value, out, random);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeJson(Object value, StringBuilder out, Random random) {
        space(out, random);
        if (value == null) {
            out.append("null");
        } else if (value instanceof Boolean flag) {
            out.append(flag);
        } else if (value instanceof String text) {
            quote(text, out, random);
        } else if (value instanceof Num number) {
            out.append(number.json());
        } else if (value instanceof Raw raw) {
            out.append(raw.json());
        } else if (value instanceof Bin binary) {
            quote(Base64.getEncoder().encodeToString(binary.bytes()), out, random);
        } else if (value instanceof Arr array) {
            out.append('[');
            for (int i = 0; i < array.elements().size(); i++) {
                out.append(i > 0 ? "," : "");
                writeJson(array.elements().get(i), out, random);
            }
            space(out, random);
            out.append(']');
        } else if (value instanceof Obj object) {
            out.append('{');
            for (int i = 0; i < object.fields().size(); i++) {
                out.append(i > 0 ? "," : "");
                space(out, random);
                quote(object.fields().get(i).name(), out, random);
                space(out, random);
                out.append(':');
                writeJson(object.fields().get(i).value(), out, random);
            }
            space(out, random);
            out.append('}');
        } else {
            throw new IllegalArgumentException(value.toString());
        }
        space(out, random);
    }

    private static void space(StringBuilder out, Random random) {
        if (random.nextInt(30) == 0) {
            out.append(pick(random, List.of(" ", "\n", "\t", "\r\n", "  ")));
        }
    }

    private static void quote(String text, StringBuilder out, Random random) {
        out.append('"');
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || random.nextInt(200) == 0) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    // ------------------------------------------------------------------------------------------------ CBOR bytes

    static byte[] cbor(Object value, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeCbor(value, out, random);
        return out.toByteArray();
    }

    private static void writeCbor(Object value, ByteArrayOutputStream out, Random random) {
        if (value == null) {
            out.write(0xF6);
        } else if (value instanceof Boolean flag) {
            out.write(flag ? 0xF5 : 0xF4);
        } else if (value instanceof String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            head(out, 3, utf8.length);
            out.writeBytes(utf8);
        } else if (value instanceof Num number) {
            writeCborNumber(number.cbor(), out, random);
        } else if (value instanceof Raw raw) {
            out.writeBytes(raw.cbor());
        } else if (value instanceof Bin binary) {
            head(out, 2, binary.bytes().length);
            out.writeBytes(binary.bytes());
        } else if (value instanceof Arr array) {
            boolean indefinite = random.nextInt(5) == 0;
            if (indefinite) {
                out.write(0x9F);
            } else {
                head(out, 4, array.elements().size());
            }
            for (Object element : array.elements()) {
                writeCbor(element, out, random);
            }
            if (indefinite) {
                out.write(0xFF);
            }
        } else if (value instanceof Obj object) {
            boolean indefinite = random.nextInt(5) == 0;
            if (indefinite) {
                out.write(0xBF);
            } else {
                head(out, 5, object.fields().size());
            }
            for (Field field : object.fields()) {
                writeCbor(field.name(), out, random);
                writeCbor(field.value(), out, random);
            }
            if (indefinite) {
                out.write(0xFF);
            }
        } else {
            throw new IllegalArgumentException(value.toString());
        }
    }

    private static void writeCborNumber(Object number, ByteArrayOutputStream out, Random random) {
        if (number instanceof Integer || number instanceof Long) {
            long value = ((Number) number).longValue();
            if (random.nextInt(20) == 0) {
                writeCborNumber(BigInteger.valueOf(value), out, random);
            } else if (value >= 0) {
                head(out, 0, value);
            } else {
                head(out, 1, -1 - value);
            }
        } else if (number instanceof BigInteger value) {
            BigInteger magnitude = value.signum() >= 0 ? value : value.negate().subtract(BigInteger.ONE);
            if (magnitude.bitLength() <= 64 && random.nextBoolean()) {
                head(out, value.signum() >= 0 ? 0 : 1, magnitude.longValue());
            } else {
                byte[] bytes = magnitude.toByteArray();
                if (bytes.length > 1 && bytes[0] == 0) {
                    bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
                }
                head(out, 6, value.signum() >= 0 ? 2 : 3);
                head(out, 2, bytes.length);
                out.writeBytes(bytes);
            }
        } else if (number instanceof Float value) {
            out.write(0xFA);
            long bits = Float.floatToRawIntBits(value);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift) & 0xFF);
            }
        } else if (number instanceof Double value) {
            out.write(0xFB);
            long bits = Double.doubleToRawLongBits(value);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift) & 0xFF);
            }
        } else if (number instanceof BigDecimal value) {
            head(out, 6, 4);
            head(out, 4, 2);
            writeCborNumber((long) -value.scale(), out, random);
            BigInteger unscaled = value.unscaledValue();
            writeCborNumber(unscaled.bitLength() < 63 ? (Object) unscaled.longValue() : unscaled, out, random);
        } else if (number instanceof byte[] raw) {
            out.writeBytes(raw);
        } else {
            throw new IllegalArgumentException(number.toString());
        }
    }

    /** A CBOR head: major type and argument, the argument taken as unsigned. */
    private static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (Long.compareUnsigned(argument, 24) < 0) {
            out.write(type | (int) argument);
        } else if (Long.compareUnsigned(argument, 0x100) < 0) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (Long.compareUnsigned(argument, 0x10000) < 0) {
            out.write(type | 25);
            out.write((int) (argument >>> 8) & 0xFF);
            out.write((int) argument & 0xFF);
        } else if (Long.compareUnsigned(argument, 0x100000000L) < 0) {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (argument >>> shift) & 0xFF);
            }
        } else {
            out.write(type | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (argument >>> shift) & 0xFF);
            }
        }
    }

    private static byte[] nestedCbor(int depth) {
        byte[] bytes = new byte[depth + 1];
        Arrays.fill(bytes, 0, depth, (byte) 0x81);
        bytes[depth] = (byte) 0x80;
        return bytes;
    }

    // ------------------------------------------------------------------------------------------------ damage

    private static final byte[] JSON_NOISE = "{}[],:\"0123456789-+.eEnultrfasNI \n\\x".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CBOR_NOISE = {
        0x00,
        0x01,
        0x18,
        0x1B,
        0x20,
        0x38,
        0x40,
        0x5F,
        0x60,
        0x63,
        0x7F,
        (byte) 0x80,
        (byte) 0x81,
        (byte) 0x9F,
        (byte) 0xA0,
        (byte) 0xA1,
        (byte) 0xBF,
        (byte) 0xC2,
        (byte) 0xC4,
        (byte) 0xD9,
        (byte) 0xF4,
        (byte) 0xF5,
        (byte) 0xF6,
        (byte) 0xF7,
        (byte) 0xF9,
        (byte) 0xFA,
        (byte) 0xFB,
        (byte) 0xFF
    };

    /** The data truncated, with a byte changed, inserted or removed, or with something after it. */
    private static byte[] garble(byte[] data, Random random, byte[] noise) {
        int at = data.length == 0 ? 0 : random.nextInt(data.length);
        byte other = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : noise[random.nextInt(noise.length)];
        return switch (random.nextInt(5)) {
            case 0 -> Arrays.copyOf(data, at);
            case 1 -> {
                byte[] changed = data.clone();
                if (changed.length > 0) {
                    changed[at] = other;
                }
                yield changed;
            }
            case 2 -> concat(Arrays.copyOf(data, at), new byte[] {other}, Arrays.copyOfRange(data, at, data.length));
            case 3 ->
                concat(Arrays.copyOf(data, at), Arrays.copyOfRange(data, Math.min(at + 1, data.length), data.length));
            default -> {
                byte[] tail = new byte[1 + random.nextInt(3)];
                for (int i = 0; i < tail.length; i++) {
                    tail[i] = noise[random.nextInt(noise.length)];
                }
                yield concat(data, tail);
            }
        };
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
