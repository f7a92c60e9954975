-- silver.sellers: one row per seller_id, city names lower case without accents.
-- A seller delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name).

with

source as (
    select * from bronze.olist_sellers
),

renamed as (
    select
        -- ids
        clean_text(seller_id) as seller_id,
        -- address
        zip5(seller_zip_code_prefix) as zip_prefix,
        clean_city(seller_city) as city,
        upper(clean_text(seller_state)) as state,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(seller_id)
),

final as (
    select
        seller_id,
        zip_prefix,
        city,
        state
    from deduplicated
)

select * from final
