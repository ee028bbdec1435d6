package net.mucaffiliationnotify.versioning;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.Test;

/**
 * {@link RoomVersion}: 128-bit addition and subtraction wrap modulo 2^128 with carry and borrow across the
 * 64-bit halves (checked against {@link BigInteger}), the text form is 22 characters of unpadded base64url in
 * big-endian order, and {@code parse} round-trips it while rejecting everything that is not its canonical
 * spelling, without ever throwing.
 */
public class RoomVersionTest {
    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(128);
    private static final long[] EDGES = {0L, 1L, 2L, -1L, -2L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
        Long.MIN_VALUE + 1, 0x00000000FFFFFFFFL, 0xFFFFFFFF00000000L, 0x5555555555555555L, 0xAAAAAAAAAAAAAAAAL};
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static BigInteger big(RoomVersion v) {
        return new BigInteger(Long.toUnsignedString(v.hi())).shiftLeft(64)
            .add(new BigInteger(Long.toUnsignedString(v.lo())));
    }

    private static RoomVersion version(BigInteger value) {
        final BigInteger reduced = value.mod(MOD);
        return new RoomVersion(reduced.shiftRight(64).longValue(), reduced.longValue());
    }

    private static List<RoomVersion> edgeVersions() {
        final List<RoomVersion> result = new ArrayList<>();
        for (long hi : EDGES) {
            for (long lo : EDGES) {
                result.add(new RoomVersion(hi, lo));
            }
        }
        return result;
    }

    @Test
    public void plusAndMinusAgreeWithModularArithmeticAtEveryEdge() {
        final List<RoomVersion> edges = edgeVersions();
        for (RoomVersion a : edges) {
            for (RoomVersion b : edges) {
                assertEquals(a + " + " + b, version(big(a).add(big(b))), a.plus(b));
                assertEquals(a + " - " + b, version(big(a).subtract(big(b))), a.minus(b));
            }
        }
    }

    @Test
    public void plusAndMinusAgreeWithModularArithmeticOnRandomValues() {
        final Random random = new Random(463);
        for (int i = 0; i < 20_000; i++) {
            final RoomVersion a = new RoomVersion(random.nextLong(), random.nextLong());
            final RoomVersion b = new RoomVersion(random.nextLong(), random.nextLong());
            assertEquals(version(big(a).add(big(b))), a.plus(b));
            assertEquals(version(big(a).subtract(big(b))), a.minus(b));
            assertEquals(a, a.plus(b).minus(b));
            assertEquals(a, a.minus(b).plus(b));
            assertEquals(a.plus(b), b.plus(a));
        }
    }

    @Test
    public void carryMovesIntoTheUpperHalf() {
        assertEquals(new RoomVersion(1, 0), new RoomVersion(0, -1).plus(new RoomVersion(0, 1)));
        assertEquals(new RoomVersion(1, Long.MIN_VALUE), new RoomVersion(0, Long.MIN_VALUE)
            .plus(new RoomVersion(0, Long.MIN_VALUE)).plus(new RoomVersion(0, Long.MIN_VALUE)));
        assertEquals(new RoomVersion(Long.MIN_VALUE, 0), new RoomVersion(Long.MAX_VALUE, -1)
            .plus(new RoomVersion(0, 1)));
        // Signed overflow of the low half is not a carry; unsigned overflow is.
        assertEquals(new RoomVersion(0, Long.MIN_VALUE), new RoomVersion(0, Long.MAX_VALUE)
            .plus(new RoomVersion(0, 1)));
        assertEquals(new RoomVersion(1, -2), new RoomVersion(0, -1).plus(new RoomVersion(0, -1)));
    }

    @Test
    public void overflowWrapsModulo2To128() {
        assertEquals(new RoomVersion(0, 0), new RoomVersion(-1, -1).plus(new RoomVersion(0, 1)));
        assertEquals(new RoomVersion(0, 0), new RoomVersion(Long.MIN_VALUE, 0)
            .plus(new RoomVersion(Long.MIN_VALUE, 0)));
        assertEquals(new RoomVersion(-1, -2), new RoomVersion(-1, -1).plus(new RoomVersion(-1, -1)));
    }

    @Test
    public void borrowComesFromTheUpperHalf() {
        assertEquals(new RoomVersion(0, -1), new RoomVersion(1, 0).minus(new RoomVersion(0, 1)));
        assertEquals(new RoomVersion(-1, -1), new RoomVersion(0, 0).minus(new RoomVersion(0, 1)));
        assertEquals(new RoomVersion(Long.MAX_VALUE, -1), new RoomVersion(Long.MIN_VALUE, 0)
            .minus(new RoomVersion(0, 1)));
        // Equal low halves borrow nothing; a low half above the other, compared unsigned, neither.
        assertEquals(new RoomVersion(1, 0), new RoomVersion(2, 5).minus(new RoomVersion(1, 5)));
        assertEquals(new RoomVersion(0, Long.MIN_VALUE + 1), new RoomVersion(0, Long.MIN_VALUE)
            .minus(new RoomVersion(0, -1)).plus(new RoomVersion(0, 0)).minus(new RoomVersion(-1, 0)));
        assertEquals(new RoomVersion(1, 1), new RoomVersion(1, -1).minus(new RoomVersion(0, -2)));
    }

    @Test
    public void zeroIsTheIdentity() {
        final RoomVersion zero = new RoomVersion(0, 0);
        for (RoomVersion v : edgeVersions()) {
            assertEquals(v, v.plus(zero));
            assertEquals(v, v.minus(zero));
            assertEquals(zero, v.minus(v));
        }
    }

    @Test
    public void textIsTwentyTwoCharactersOfBase64UrlWithoutPadding() {
        final Random random = new Random(45);
        final List<RoomVersion> values = edgeVersions();
        for (int i = 0; i < 2_000; i++) {
            values.add(new RoomVersion(random.nextLong(), random.nextLong()));
        }
        for (RoomVersion v : values) {
            final String text = v.toString();
            assertEquals(text, RoomVersion.TEXT_LENGTH, text.length());
            assertEquals(22, text.length());
            assertTrue(text, text.matches("[A-Za-z0-9_-]{22}"));
        }
    }

    @Test
    public void textIsBigEndianBase64Url() {
        assertEquals("AAAAAAAAAAAAAAAAAAAAAA", new RoomVersion(0, 0).toString());
        assertEquals("_____________________w", new RoomVersion(-1, -1).toString());
        assertEquals("AAAAAAAAAAAAAAAAAAAAAQ", new RoomVersion(0, 1).toString());
        assertEquals("gAAAAAAAAAAAAAAAAAAAAA", new RoomVersion(Long.MIN_VALUE, 0).toString());
        assertEquals("AAAAAAAAAAEAAAAAAAAAAA", new RoomVersion(1, 0).toString());
        // 0xFB 0xFF 0x00: 111110 111111 111100 000000, the two characters base64url has and base64 has not.
        assertEquals("-_8AAAAAAAAAAAAAAAAAAA", new RoomVersion(0xFBFF000000000000L, 0).toString());
        assertEquals("AAECAwQFBgcICQoLDA0ODw", new RoomVersion(0x0001020304050607L, 0x08090A0B0C0D0E0FL).toString());
    }

    @Test
    public void parseRoundTrips() {
        final Random random = new Random(128);
        final List<RoomVersion> values = edgeVersions();
        for (int i = 0; i < 5_000; i++) {
            values.add(new RoomVersion(random.nextLong(), random.nextLong()));
        }
        for (RoomVersion v : values) {
            assertEquals(v, RoomVersion.parse(v.toString()));
        }
        assertEquals(new RoomVersion(0x0001020304050607L, 0x08090A0B0C0D0E0FL),
            RoomVersion.parse("AAECAwQFBgcICQoLDA0ODw"));
    }

    @Test
    public void distinctValuesHaveDistinctTexts() {
        final RoomVersion a = new RoomVersion(0, 1);
        final RoomVersion b = new RoomVersion(1, 0);
        assertNotEquals(a, b);
        assertNotEquals(a.toString(), b.toString());
        assertNotEquals(new RoomVersion(0, 2).toString(), new RoomVersion(0, 3).toString());
    }

    @Test
    public void parseRejectsNullAndWrongLengths() {
        assertNull(RoomVersion.parse(null));
        assertNull(RoomVersion.parse(""));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAAAAAA"));
        // The padded spelling of the same 16 bytes.
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAAAA=="));
        assertNull(RoomVersion.parse(" AAAAAAAAAAAAAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAAAA\n"));
    }

    @Test
    public void parseRejectsCharactersOutsideBase64Url() {
        assertNull(RoomVersion.parse("+_8AAAAAAAAAAAAAAAAAAA"));
        assertNull(RoomVersion.parse("-/8AAAAAAAAAAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAA=="));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAAAAA="));
        assertNull(RoomVersion.parse("AAAAAAAAAAAAAAAAAA==AA"));
        assertNull(RoomVersion.parse("AAAAAAAAAA AAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAAéAAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAA.AAAAAAAAAAA"));
        assertNull(RoomVersion.parse("AAAAAAAAAA\u0000AAAAAAAAAAA"));
    }

    @Test
    public void parseAcceptsOnlyTheCanonicalLastCharacter() {
        // 22 characters carry 132 bits; the last character's low four bits are padding and must be zero.
        for (char last : BASE64URL.toCharArray()) {
            final String text = "AAAAAAAAAAAAAAAAAAAAA" + last;
            final RoomVersion parsed = RoomVersion.parse(text);
            if ("AQgw".indexOf(last) >= 0) {
                assertNotNull(text, parsed);
                assertEquals(text, parsed.toString());
            } else {
                assertNull(text, parsed);
            }
        }
    }

    @Test
    public void parseNeverThrowsOnRandomText() {
        final Random random = new Random(2026);
        final String alphabet = BASE64URL + "+/= \t\n.é\u0000";
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            final int length = random.nextInt(5) == 0 ? random.nextInt(30) : 22;
            final StringBuilder text = new StringBuilder();
            for (int j = 0; j < length; j++) {
                text.append(alphabet.charAt(random.nextInt(random.nextBoolean() ? 64 : alphabet.length())));
            }
            final RoomVersion parsed = RoomVersion.parse(text.toString());
            if (parsed != null) {
                accepted++;
                assertEquals(text.toString(), parsed.toString());
            }
        }
        assertTrue("some random texts are versions", accepted > 0);
    }

    @Test
    public void equalValuesAreEqualRecords() {
        assertEquals(new RoomVersion(7, -7), new RoomVersion(7, -7));
        assertEquals(new RoomVersion(7, -7).hashCode(), new RoomVersion(7, -7).hashCode());
        assertNotEquals(new RoomVersion(7, -7), new RoomVersion(-7, 7));
    }
}
