-- silver.payments: one row per (order_id, payment_sequential).
-- A payment delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name).

with

source as (
    select * from bronze.olist_order_payments
),

renamed as (
    select
        -- ids
        clean_text(order_id) as order_id,
        try_cast(clean_text(payment_sequential) as integer) as payment_sequential,
        -- payment
        lower(clean_text(payment_type)) as payment_type,
        try_cast(clean_text(payment_installments) as integer) as payment_installments,
        to_money(payment_value) as payment_value,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(order_id, payment_sequential)
),

final as (
    select
        order_id,
        payment_sequential,
        payment_type,
        payment_installments,
        payment_value
    from deduplicated
)

select * from final
