-- silver.customers: one row per customer_id.
-- A customer_id delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name).

with

source as (
    select * from bronze.olist_customers
),

-- Cleaning each distinct spelling once is far cheaper than cleaning every row.
cities as (
    select
        raw_city,
        clean_city(raw_city) as city
    from (select distinct customer_city as raw_city from source)
),

renamed as (
    select
        -- ids
        clean_text(source.customer_id) as customer_id,
        clean_text(source.customer_unique_id) as customer_unique_id,
        -- address
        zip5(source.customer_zip_code_prefix) as zip_prefix,
        cities.city,
        upper(clean_text(source.customer_state)) as state,
        -- ingestion
        source._ingested_at,
        source._source_file
    from source
    left join cities
        on cities.raw_city = source.customer_city
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(customer_id)
),

final as (
    select
        customer_id,
        customer_unique_id,
        zip_prefix,
        city,
        state
    from deduplicated
)

select * from final
