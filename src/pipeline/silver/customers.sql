-- silver.customers: one row per customer_id.
-- A customer_id delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name).

with

source as (
    select * from bronze.olist_customers
),

renamed as (
    select
        -- ids
        clean_text(customer_id) as customer_id,
        clean_text(customer_unique_id) as customer_unique_id,
        -- address
        zip5(customer_zip_code_prefix) as zip_prefix,
        clean_city(customer_city) as city,
        upper(clean_text(customer_state)) as state,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify customer_id is null
        or row_number() over (
            partition by customer_id
            order by _ingested_at desc nulls last, _source_file desc nulls last
        ) = 1
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
