-- The ten most engaging posts the members wrote on each UTC day (by the post's createdAt).
--
-- engagement = likes * 0.2 + quotes * 0.4 + replies * 0.4, exact (DECIMAL, not floating point).
-- Posts come from latest_feed, so each post counts once however often it was reposted, and only
-- posts written by members rank: a member's repost of someone else's post credits that author, who
-- is not ranked here unless they are a member too. Ties: newer post first, then by URI.
WITH scored AS (
    SELECT
        f.created_at::DATE AS post_date,
        f.uri,
        f.author_did,
        f.author_handle,
        p.display_name AS author_display_name,
        f.text,
        f.created_at,
        f.like_count,
        f.quote_count,
        f.reply_count,
        f.repost_count,
        CAST(f.like_count * 0.2 + f.quote_count * 0.4 + f.reply_count * 0.4 AS DECIMAL(18, 1)) AS engagement
    FROM latest_feed f
    JOIN all_profiles p ON p.did = f.author_did
    WHERE f.created_at IS NOT NULL
)
SELECT
    post_date,
    row_number() OVER (PARTITION BY post_date ORDER BY engagement DESC, created_at DESC, uri) AS rank,
    uri,
    author_did,
    author_handle,
    author_display_name,
    text,
    created_at,
    like_count,
    quote_count,
    reply_count,
    repost_count,
    engagement
FROM scored
QUALIFY rank <= 10
