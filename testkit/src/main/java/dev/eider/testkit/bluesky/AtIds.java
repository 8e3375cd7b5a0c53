package dev.eider.testkit.bluesky;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * AT Protocol identifiers in their real shapes: {@code did:plc:} DIDs, TID record keys and CIDv1
 * strings, so clients that validate or parse identifiers see the same thing as on bsky.social.
 */
final class AtIds {

    /** RFC 4648 lower-case base32: the alphabet of did:plc and of multibase 'b' CIDs. */
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    /** The sortable base32 alphabet of TIDs, so record keys sort by time. */
    private static final String BASE32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz";
    private static final byte[] DAG_CBOR_SHA256 = {0x01, 0x71, 0x12, 0x20};
    private static final byte[] RAW_SHA256 = {0x01, 0x55, 0x12, 0x20};

    private AtIds() {
    }

    static String did(SplittableRandom rng) {
        StringBuilder did = new StringBuilder("did:plc:");
        for (int i = 0; i < 24; i++) {
            did.append(BASE32.charAt(rng.nextInt(32)));
        }
        return did.toString();
    }

    /** A TID: 53 bits of microseconds since the epoch and 10 bits of clock id, as 13 sortable chars. */
    static String tid(Instant at, int clockId) {
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        long value = (micros << 10 | (clockId & 0x3FF)) & Long.MAX_VALUE;
        StringBuilder tid = new StringBuilder(13);
        for (int shift = 60; shift >= 0; shift -= 5) {
            tid.append(BASE32_SORTABLE.charAt((int) (value >>> shift) & 31));
        }
        return tid.toString();
    }

    /** The CID of a record (dag-cbor, sha-256): "bafyrei..." like every record CID on the network. */
    static String recordCid(String content) {
        return cid(DAG_CBOR_SHA256, content);
    }

    /** The CID of a blob (raw, sha-256): "bafkrei..." like image and video refs. */
    static String blobCid(String content) {
        return cid(RAW_SHA256, content);
    }

    private static String cid(byte[] prefix, String content) {
        byte[] digest = sha256(content);
        byte[] bytes = new byte[prefix.length + digest.length];
        System.arraycopy(prefix, 0, bytes, 0, prefix.length);
        System.arraycopy(digest, 0, bytes, prefix.length, digest.length);
        return "b" + base32(bytes);
    }

    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 8 / 5 + 1);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = buffer << 8 | b & 0xFF;
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt(buffer >>> bits - 5 & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt(buffer << 5 - bits & 31));
        }
        return out.toString();
    }

    private static byte[] sha256(String content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
