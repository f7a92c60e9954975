-- silver.order_items: one row per (order_id, order_item_id).
-- A line delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name).

with

source as (
    select * from bronze.olist_order_items
),

renamed as (
    select
        -- ids
        clean_text(order_id) as order_id,
        try_cast(clean_text(order_item_id) as integer) as order_item_id,
        clean_text(product_id) as product_id,
        clean_text(seller_id) as seller_id,
        -- timestamps
        to_ts(shipping_limit_date) as shipping_limit_ts,
        -- amounts
        to_money(price) as price,
        to_money(freight_value) as freight_value,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(order_id, order_item_id)
),

final as (
    select
        order_id,
        order_item_id,
        product_id,
        seller_id,
        shipping_limit_ts,
        price,
        freight_value
    from deduplicated
)

select * from final
