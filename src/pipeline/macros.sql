-- Helpers every model may use. The runner creates them before the first model runs; they are
-- temporary macros, so they live only as long as the connection.

-- Text as written, trimmed; an empty or blank value is NULL.
create or replace temp macro clean_text(value) as nullif(trim(value), '');

-- A city name as silver keeps it: lower case, accents removed, single spaces; a spacing accent
-- typed for an apostrophe ("d´oeste") becomes one.
create or replace temp macro clean_city(value) as
    nullif(regexp_replace(lower(strip_accents(translate(trim(value), '´`', ''''''))), '\s+', ' ', 'g'), '');

-- A Brazilian zip prefix as 5 digits ("1037" and "01037" are the same prefix).
create or replace temp macro zip5(value) as lpad(clean_text(value), 5, '0');

-- A timestamp as written, without a time zone shift; NULL when it does not parse.
-- ISO-8601 UTC text ("2018-03-01T10:15:00.000Z") parses to its UTC wall time.
create or replace temp macro to_ts(value) as try_cast(clean_text(value) as timestamp);

-- Money, exact to the cent.
create or replace temp macro to_money(value) as try_cast(clean_text(value) as decimal(18, 2));

-- A whole number written as text ("3" or "3.0"); NULL when it does not parse.
create or replace temp macro to_int(value) as try_cast(try_cast(clean_text(value) as double) as integer);

-- Which delivery of a key Silver keeps, in a `qualify`: Bronze is append-only, so a key can arrive
-- in several files. latest_delivery_of keeps the latest (latest _ingested_at, then the greatest
-- _source_file name: a later file carries an order's later status); first_delivery_of keeps the
-- first (a duplicate event is a re-delivery of the same event). A row with a key part missing is
-- always kept, for its not_null checks to quarantine. The key is one or two columns.
create or replace temp macro latest_delivery_of(key_part, other_key_part := true) as
    key_part is null
    or other_key_part is null
    or row_number() over (
        partition by key_part, other_key_part
        order by _ingested_at desc nulls last, _source_file desc nulls last
    ) = 1;

create or replace temp macro first_delivery_of(key_part) as
    key_part is null
    or row_number() over (
        partition by key_part
        order by _ingested_at nulls last, _source_file nulls last
    ) = 1;
