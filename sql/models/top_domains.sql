-- The web domains the members' feeds link to most, over the whole period the feeds cover (the
-- dashboard's "top domains"; per-day and per-type rankings of single links are top_external_links).
--
-- Links come from latest_feed.links (link facets, external cards, recordWithMedia link cards), once
-- per post, and each post once however often it was reposted. The domain is the URL's host, lower
-- case, without a leading `www.`, as in top_external_links; a link without an http(s)-style host
-- has no domain and is left out. `posts` = posts linking to the domain, `shares` = (post, link)
-- pairs (a post linking two pages of one domain shares it twice), `links` = distinct URLs.
-- Ranked by posts; ties: more shares, then more engagement, then by domain. The 100 first are kept.
WITH shared AS (
    SELECT
        f.uri AS post_uri,
        f.author_did,
        f.created_at::DATE AS post_date,
        link AS url,
        f.like_count * 0.2 + f.quote_count * 0.4 + f.reply_count * 0.4 AS engagement,
        regexp_replace(lower(regexp_extract(link, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)', 1)),
            '^www\.', '') AS domain
    FROM latest_feed f, unnest(f.links) AS l(link)
),
counted AS (
    SELECT
        domain,
        count(DISTINCT post_uri) AS posts,
        count(*) AS shares,
        count(DISTINCT url) AS links,
        count(DISTINCT author_did) AS authors,
        min(post_date) AS first_day,
        max(post_date) AS last_day
    FROM shared
    WHERE domain <> ''
    GROUP BY domain
),
engaged AS (
    -- A post's engagement counts once per domain it links to, however many of its pages.
    SELECT domain, CAST(sum(engagement) AS DECIMAL(18, 1)) AS engagement
    FROM (SELECT DISTINCT domain, post_uri, engagement FROM shared WHERE domain <> '')
    GROUP BY domain
)
SELECT
    row_number() OVER (ORDER BY posts DESC, shares DESC, engagement DESC, domain) AS rank,
    domain,
    posts,
    shares,
    links,
    authors,
    engagement,
    first_day,
    last_day
FROM counted JOIN engaged USING (domain)
QUALIFY rank <= 100
