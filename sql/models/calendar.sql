-- One row per UTC day from the day of the first post to the day of the newest one in latest_feed,
-- so charts show the days without posts too. Empty when there are no posts yet.
WITH bounds AS (
    SELECT min(created_at)::DATE AS first_day, max(created_at)::DATE AS last_day
    FROM latest_feed
)
SELECT
    d::DATE AS day,
    year(d) AS year,
    month(d) AS month,
    isodow(d) AS iso_day_of_week,
    dayname(d) AS day_name,
    isodow(d) >= 6 AS is_weekend
FROM bounds, generate_series(first_day::TIMESTAMP, last_day::TIMESTAMP, INTERVAL 1 DAY) AS days(d)
WHERE first_day IS NOT NULL
