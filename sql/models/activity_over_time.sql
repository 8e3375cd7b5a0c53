-- Each member's activity per UTC day: what they wrote (from latest_feed, each post once), what they
-- reposted (from the raw feed items, each repost once however many snapshots saw it, on the UTC day
-- of the repost), and the engagement their posts of that day received.
WITH written AS (
    SELECT
        author_did AS did,
        created_at::DATE AS day,
        count(*) FILTER (WHERE NOT is_reply) AS posts,
        count(*) FILTER (WHERE is_reply) AS replies,
        sum(like_count) AS likes_received,
        sum(reply_count) AS replies_received,
        sum(repost_count) AS reposts_received,
        sum(quote_count) AS quotes_received
    FROM latest_feed
    WHERE created_at IS NOT NULL
    GROUP BY author_did, created_at::DATE
),
reposts AS (
    SELECT
        f.reason.by.did AS did,
        timezone('UTC', try_cast(f.reason.indexedAt AS TIMESTAMPTZ))::DATE AS day,
        -- The repost record's URI is optional in the lexicon; (reposter, post) identifies it too.
        coalesce(f.reason.uri, f.reason.by.did || ' ' || f.post.uri) AS repost
    FROM (
        SELECT from_json(item, '{
                "post": {"uri": "VARCHAR"},
                "reason": {"$type": "VARCHAR", "uri": "VARCHAR", "by": {"did": "VARCHAR"}, "indexedAt": "VARCHAR"}
            }') AS f
        FROM raw_feed_items
    )
    WHERE f.reason."$type" = 'app.bsky.feed.defs#reasonRepost' AND f.reason.by.did IS NOT NULL
),
reposted AS (
    SELECT did, day, count(DISTINCT repost) AS reposts
    FROM reposts
    WHERE day IS NOT NULL
    GROUP BY did, day
)
SELECT
    p.did,
    p.handle,
    a.day,
    coalesce(w.posts, 0) AS posts,
    coalesce(w.replies, 0) AS replies,
    coalesce(r.reposts, 0) AS reposts,
    coalesce(w.likes_received, 0) AS likes_received,
    coalesce(w.replies_received, 0) AS replies_received,
    coalesce(w.reposts_received, 0) AS reposts_received,
    coalesce(w.quotes_received, 0) AS quotes_received,
    CAST(coalesce(w.likes_received * 0.2 + w.quotes_received * 0.4 + w.replies_received * 0.4, 0) AS DECIMAL(18, 1))
        AS engagement
FROM (SELECT did, day FROM written UNION SELECT did, day FROM reposted) a
JOIN all_profiles p ON p.did = a.did
LEFT JOIN written w ON w.did = a.did AND w.day = a.day
LEFT JOIN reposted r ON r.did = a.did AND r.day = a.day
