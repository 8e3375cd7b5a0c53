-- One row per member (all_profiles): what they wrote and reposted, the engagement it received, in
-- total and per post, and how often they post. The dashboard's member profiles.
--
-- Built from activity_over_time, so each post counts once (by URI, on its UTC day) and a repost
-- once on the day it was made: the totals here are the sums of a member's days there. `written` =
-- posts + replies; the averages are per written post, rounded to two places, NULL for a member who
-- wrote nothing (no post to average over, not zero engagement). `active_days` are the UTC days the
-- member wrote something; `posts_per_day` = written / active_days, so a quiet week does not dilute
-- the rate of someone who posts in bursts (the calendar mart has the days in between).
-- engagement = likes*0.2 + quotes*0.4 + replies*0.4, as in top_daily_posts.
WITH totals AS (
    SELECT
        did,
        sum(posts) AS posts,
        sum(replies) AS replies,
        sum(reposts) AS reposts,
        sum(likes_received) AS likes_received,
        sum(replies_received) AS replies_received,
        sum(reposts_received) AS reposts_received,
        sum(quotes_received) AS quotes_received,
        sum(engagement) AS engagement,
        count(*) FILTER (WHERE posts + replies > 0) AS active_days,
        min(day) FILTER (WHERE posts + replies > 0) AS first_post_day,
        max(day) FILTER (WHERE posts + replies > 0) AS last_post_day
    FROM activity_over_time
    GROUP BY did
),
members AS (
    SELECT
        p.did,
        p.handle,
        p.display_name,
        coalesce(t.posts, 0) AS posts,
        coalesce(t.replies, 0) AS replies,
        coalesce(t.posts, 0) + coalesce(t.replies, 0) AS written,
        coalesce(t.reposts, 0) AS reposts,
        coalesce(t.likes_received, 0) AS likes_received,
        coalesce(t.replies_received, 0) AS replies_received,
        coalesce(t.reposts_received, 0) AS reposts_received,
        coalesce(t.quotes_received, 0) AS quotes_received,
        CAST(coalesce(t.engagement, 0) AS DECIMAL(18, 1)) AS engagement,
        coalesce(t.active_days, 0) AS active_days,
        t.first_post_day,
        t.last_post_day
    FROM all_profiles p
    LEFT JOIN totals t ON t.did = p.did
)
SELECT
    did,
    handle,
    display_name,
    posts,
    replies,
    written,
    reposts,
    likes_received,
    replies_received,
    reposts_received,
    quotes_received,
    engagement,
    CAST(likes_received::DOUBLE / nullif(written, 0) AS DECIMAL(18, 2)) AS avg_likes,
    CAST(replies_received::DOUBLE / nullif(written, 0) AS DECIMAL(18, 2)) AS avg_replies,
    CAST(reposts_received::DOUBLE / nullif(written, 0) AS DECIMAL(18, 2)) AS avg_reposts,
    CAST(quotes_received::DOUBLE / nullif(written, 0) AS DECIMAL(18, 2)) AS avg_quotes,
    CAST(engagement::DOUBLE / nullif(written, 0) AS DECIMAL(18, 2)) AS avg_engagement,
    active_days,
    CAST(written::DOUBLE / nullif(active_days, 0) AS DECIMAL(18, 2)) AS posts_per_day,
    first_post_day,
    last_post_day
FROM members
