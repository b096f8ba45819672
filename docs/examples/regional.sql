-- A regional picture from many partnerships' exports, with DuckDB.
-- Each partnership runs `eqdiv export --format parquet --published --output
-- exports/<partnership>`, and the folders are gathered in one place. These queries read
-- them all by glob. (tests/cli/test_export.py runs this file as written.)

-- EIA grades by partner organisation, in every partnership.
SELECT e.partnership_id, p.partner, e.grade, count(*) AS eias
FROM read_parquet('exports/*/eias.parquet') AS e
LEFT JOIN read_parquet('exports/*/partners.parquet') AS p
  ON p.partnership_id = e.partnership_id AND p.partner_id = e.partner_id
GROUP BY ALL
ORDER BY ALL;

-- Actions overdue per partnership, on the day each export was made.
SELECT partnership_id,
       count(*) FILTER (WHERE state = 'overdue') AS overdue,
       count(*) AS actions
FROM read_parquet('exports/*/actions.parquet')
GROUP BY ALL
ORDER BY ALL;
