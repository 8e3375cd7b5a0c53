-- One row per post URI: the newest version of every post seen in the members' author feeds.
--
-- A raw item is a feedViewPost. When a member reposts, the item's `reason` is
-- app.bsky.feed.defs#reasonRepost and its `post` is the ORIGINAL post: it adds that post once
-- (deduplicated by URI with every other sighting of it), credited to `post.author`, never to the
-- reposter and never as an extra row. The version from the newest ingestion run wins (run ids
-- start with their UTC start time), so the counts are the latest observed. Timestamps are UTC
-- TIMESTAMPs whatever the session's time zone; JSON paths are the API's camelCase.
WITH items AS (
    SELECT
        from_json(item, '{
            "post": {
                "uri": "VARCHAR",
                "cid": "VARCHAR",
                "author": {"did": "VARCHAR", "handle": "VARCHAR", "displayName": "VARCHAR"},
                "record": {
                    "text": "VARCHAR",
                    "createdAt": "VARCHAR",
                    "reply": {"root": {"uri": "VARCHAR"}, "parent": {"uri": "VARCHAR"}},
                    "facets": [{"features": [{"$type": "VARCHAR", "uri": "VARCHAR"}]}],
                    "embed": {
                        "$type": "VARCHAR",
                        "external": {"uri": "VARCHAR"},
                        "record": {"uri": "VARCHAR", "record": {"uri": "VARCHAR"}},
                        "media": {"$type": "VARCHAR", "external": {"uri": "VARCHAR"}}
                    }
                },
                "likeCount": "BIGINT",
                "repostCount": "BIGINT",
                "replyCount": "BIGINT",
                "quoteCount": "BIGINT",
                "indexedAt": "VARCHAR"
            },
            "reason": {"$type": "VARCHAR"}
        }') AS f,
        _run_id,
        _object_key
    FROM raw_feed_items
),
newest AS (
    SELECT f.post AS p
    FROM items
    WHERE f.post.uri IS NOT NULL
    -- Ties within a run (the post in its author's feed and in a reposter's): prefer the author's.
    QUALIFY row_number() OVER (
        PARTITION BY f.post.uri
        ORDER BY _run_id DESC, (f.reason IS NULL) DESC, _object_key DESC) = 1
)
SELECT
    p.uri,
    p.cid,
    p.author.did AS author_did,
    p.author.handle AS author_handle,
    p.author.displayName AS author_display_name,
    p.record.text AS text,
    timezone('UTC', try_cast(p.record.createdAt AS TIMESTAMPTZ)) AS created_at,
    timezone('UTC', try_cast(p.indexedAt AS TIMESTAMPTZ)) AS indexed_at,
    coalesce(p.likeCount, 0) AS like_count,
    coalesce(p.repostCount, 0) AS repost_count,
    coalesce(p.replyCount, 0) AS reply_count,
    coalesce(p.quoteCount, 0) AS quote_count,
    p.record.reply.parent.uri IS NOT NULL AS is_reply,
    p.record.reply.parent.uri AS reply_parent_uri,
    p.record.reply.root.uri AS reply_root_uri,
    -- A quote embeds another post: app.bsky.embed.record, or recordWithMedia (record plus media).
    coalesce(p.record.embed."$type" IN ('app.bsky.embed.record', 'app.bsky.embed.recordWithMedia')
        AND coalesce(p.record.embed.record.record.uri, p.record.embed.record.uri) LIKE 'at://%/app.bsky.feed.post/%',
        false) AS is_quote,
    CASE WHEN p.record.embed."$type" IN ('app.bsky.embed.record', 'app.bsky.embed.recordWithMedia')
        THEN coalesce(p.record.embed.record.record.uri, p.record.embed.record.uri) END AS quoted_uri,
    -- Links the post shares, once each: link facets, an external embed, or the external media of a
    -- recordWithMedia embed (a quote with a link card).
    list_sort(list_distinct(list_filter(
        flatten(list_transform(coalesce(p.record.facets, []),
            lambda facet: list_transform(
                list_filter(coalesce(facet.features, []), lambda feature: feature."$type" = 'app.bsky.richtext.facet#link'),
                lambda feature: trim(feature.uri))))
        || [CASE
                WHEN p.record.embed."$type" = 'app.bsky.embed.external'
                    THEN trim(p.record.embed.external.uri)
                WHEN p.record.embed."$type" = 'app.bsky.embed.recordWithMedia'
                        AND p.record.embed.media."$type" = 'app.bsky.embed.external'
                    THEN trim(p.record.embed.media.external.uri)
            END],
        lambda link: link IS NOT NULL AND link <> ''))) AS links
FROM newest
