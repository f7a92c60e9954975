-- silver.events: one row per event_id, typed, with the date of its timestamp (UTC, as sent).
-- A duplicate delivery repeats an event: the first delivery wins (earliest _ingested_at, then the
-- smallest _source_file name), and the MERGE never replaces an event already in silver.
-- Incremental: only Bronze rows ingested after the last run are read. The runner binds the first
-- `?` to the highest _ingested_at this model has read (NULL on the first run), the second to the
-- highest _ingested_at this run reads (NULL: no bound; a large first run goes in parts).

with

source as (
    select *
    from bronze.events
    where _ingested_at > coalesce(?::timestamp, '-infinity'::timestamp)
      and _ingested_at <= coalesce(?::timestamp, 'infinity'::timestamp)
),

renamed as (
    select
        -- ids
        clean_text(event_id) as event_id,
        clean_text(session_id) as session_id,
        clean_text(user_id) as user_id,
        clean_text(product_id) as product_id,
        clean_text(order_id) as order_id,
        -- event
        lower(clean_text(event_type)) as event_type,
        to_ts(event_ts) as event_ts,
        cast(to_ts(event_ts) as date) as event_date,
        -- context
        lower(clean_text(device)) as device,
        lower(clean_text(channel)) as channel,
        clean_text(page) as page,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify first_delivery_of(event_id)
),

final as (
    select
        -- ids
        event_id,
        session_id,
        user_id,
        product_id,
        order_id,
        -- event
        event_type,
        event_ts,
        event_date,
        -- context
        device,
        channel,
        page,
        -- ingestion: the watermark of the next run
        _ingested_at
    from deduplicated
)

select * from final
