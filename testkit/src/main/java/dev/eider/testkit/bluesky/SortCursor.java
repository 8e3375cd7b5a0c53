package dev.eider.testkit.bluesky;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the AppView's keyset cursors, "{epoch millis}__{cid}". Like the real AppView, a cursor it
 * cannot read is a 500 InternalServerError, not a 400.
 */
final class SortCursor {

    private static final Pattern FORMAT = Pattern.compile("^(\\d{1,18})__(b[a-z2-7]+)$");

    private SortCursor() {
    }

    /** The sort time the cursor points at: the next page holds items strictly older than it. */
    static long millis(String cursor) {
        Matcher matcher = FORMAT.matcher(cursor);
        if (!matcher.matches()) {
            throw XrpcError.internal();
        }
        return Long.parseLong(matcher.group(1));
    }
}
