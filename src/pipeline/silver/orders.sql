-- silver.orders: one row per order_id, typed, with the customer_unique_id of its customer.
-- An order delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name): a later file carries the order's later status.

with

source as (
    select * from bronze.olist_orders
),

customers as (
    select * from silver.customers
),

renamed as (
    select
        -- ids
        clean_text(order_id) as order_id,
        clean_text(customer_id) as customer_id,
        -- status
        lower(clean_text(order_status)) as order_status,
        -- timestamps, as written (no time zone)
        to_ts(order_purchase_timestamp) as purchase_ts,
        to_ts(order_approved_at) as approved_ts,
        to_ts(order_delivered_carrier_date) as delivered_carrier_ts,
        to_ts(order_delivered_customer_date) as delivered_customer_ts,
        cast(to_ts(order_estimated_delivery_date) as date) as estimated_delivery_date,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(order_id)
),

final as (
    select
        -- ids
        orders.order_id,
        orders.customer_id,
        customers.customer_unique_id,
        -- status
        orders.order_status,
        -- timestamps
        orders.purchase_ts,
        orders.approved_ts,
        orders.delivered_carrier_ts,
        orders.delivered_customer_ts,
        orders.estimated_delivery_date
    from deduplicated as orders
    left join customers
        on customers.customer_id = orders.customer_id
)

select * from final
