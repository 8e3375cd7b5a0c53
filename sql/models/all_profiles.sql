-- One row per member of the starter pack(s): the profiles in each pack's newest list snapshot.
--
-- A raw item is a getList item {uri, subject: profileView}. Every ingestion run snapshots the whole
-- list, so the newest run of each pack (partition) is its current membership: members who left are
-- gone, and a member of two packs is one row (the newest sighting).
WITH snapshots AS (
    SELECT _partition, max(_run_id) AS _run_id
    FROM raw_list_items
    GROUP BY _partition
),
items AS (
    SELECT
        from_json(r.item, '{
            "uri": "VARCHAR",
            "subject": {
                "did": "VARCHAR",
                "handle": "VARCHAR",
                "displayName": "VARCHAR",
                "description": "VARCHAR",
                "avatar": "VARCHAR",
                "createdAt": "VARCHAR",
                "indexedAt": "VARCHAR"
            }
        }') AS f,
        r._partition,
        r._run_id,
        r._day,
        r._object_key
    FROM raw_list_items r
    JOIN snapshots s ON s._partition = r._partition AND s._run_id = r._run_id
)
SELECT
    f.subject.did AS did,
    f.subject.handle AS handle,
    f.subject.displayName AS display_name,
    f.subject.description AS description,
    f.subject.avatar AS avatar,
    timezone('UTC', try_cast(f.subject.createdAt AS TIMESTAMPTZ)) AS created_at,
    timezone('UTC', try_cast(f.subject.indexedAt AS TIMESTAMPTZ)) AS indexed_at,
    f.uri AS list_item_uri,
    _partition AS starter_pack,
    _day AS snapshot_day
FROM items
WHERE f.subject.did IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY f.subject.did ORDER BY _run_id DESC, _partition, _object_key) = 1
