-- The ten most shared links of each UTC day and link type.
--
-- Links come from latest_feed.links: link facets, `app.bsky.embed.external` cards and the external
-- media of `app.bsky.embed.recordWithMedia` embeds, once per post (a link in both the text and the
-- card counts once), and each post once however often it was reposted. `shares` is the number of
-- posts sharing the link that day; ties: more engagement first, then by URL.
WITH shared AS (
    SELECT
        f.created_at::DATE AS post_date,
        link AS url,
        f.uri AS post_uri,
        f.author_did,
        f.like_count * 0.2 + f.quote_count * 0.4 + f.reply_count * 0.4 AS engagement
    FROM latest_feed f, unnest(f.links) AS l(link)
    WHERE f.created_at IS NOT NULL
),
parsed AS (
    SELECT
        *,
        regexp_replace(lower(regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)', 1)),
            '^www\.', '') AS domain,
        lower(regexp_extract(url, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(/[^?#]*)', 1)) AS path
    FROM shared
),
typed AS (
    SELECT
        *,
        CASE
            WHEN domain IN ('youtube.com', 'youtu.be', 'm.youtube.com', 'music.youtube.com', 'youtube-nocookie.com')
                THEN 'YouTube'
            WHEN domain IN ('github.com', 'gist.github.com', 'raw.githubusercontent.com')
                THEN 'GitHub'
            WHEN domain = 'substack.com' OR domain LIKE '%.substack.com'
                THEN 'SubStack'
            WHEN domain = 'twitch.tv' OR domain LIKE '%.twitch.tv'
                THEN 'Twitch'
            WHEN domain = 'medium.com' OR domain LIKE '%.medium.com'
                THEN 'Medium'
            WHEN domain IN ('reddit.com', 'redd.it') OR domain LIKE '%.reddit.com'
                THEN 'Reddit'
            WHEN domain LIKE 'news.%' OR list_contains([
                    'nytimes.com', 'theguardian.com', 'bbc.com', 'bbc.co.uk', 'reuters.com', 'apnews.com',
                    'cnn.com', 'washingtonpost.com', 'bloomberg.com', 'ft.com', 'wsj.com', 'economist.com',
                    'theverge.com', 'techcrunch.com', 'arstechnica.com', 'wired.com', 'npr.org',
                    'theatlantic.com', 'politico.com', 'axios.com', 'theregister.com', '404media.co',
                    'lemonde.fr', 'heise.de', 'spiegel.de', 'zeit.de', 'elpais.com', 'aljazeera.com',
                    'nbcnews.com', 'cbsnews.com', 'abcnews.go.com', 'latimes.com', 'independent.co.uk'], domain)
                THEN 'News'
            WHEN domain LIKE 'docs.%' OR domain LIKE 'developer.%' OR domain LIKE '%.readthedocs.io'
                    OR domain IN ('readthedocs.io', 'developer.mozilla.org', 'learn.microsoft.com')
                    OR regexp_matches(path, '/(docs|documentation|guides?|reference|manual)(/|$)')
                THEN 'Docs'
            WHEN domain LIKE 'blog.%' OR domain LIKE '%.github.io' OR domain LIKE '%.wordpress.com'
                    OR domain LIKE '%.blogspot.com' OR domain LIKE '%.bearblog.dev' OR domain LIKE '%.hashnode.dev'
                    OR domain IN ('dev.to', 'hashnode.dev', 'bearblog.dev')
                    OR regexp_matches(path, '/blog(/|$)')
                THEN 'Blog'
            ELSE 'Other'
        END AS link_type
    FROM parsed
),
ranked AS (
    SELECT
        post_date,
        link_type,
        url,
        any_value(domain) AS domain,
        count(DISTINCT post_uri) AS shares,
        count(DISTINCT author_did) AS authors,
        CAST(sum(engagement) AS DECIMAL(18, 1)) AS engagement
    FROM typed
    GROUP BY post_date, link_type, url
)
SELECT
    post_date,
    link_type,
    row_number() OVER (PARTITION BY post_date, link_type ORDER BY shares DESC, engagement DESC, url) AS rank,
    url,
    domain,
    shares,
    authors,
    engagement
FROM ranked
QUALIFY rank <= 10
