-- gold.customer_ltv: one row per customer (customer_unique_id) with a valid order, all measures
-- over valid orders (status not canceled or unavailable).

with

orders as (
    select * from silver.orders
),

payments as (
    select * from silver.payments
),

payments_per_order as (
    select
        order_id,
        sum(payment_value) as payments
    from payments
    group by order_id
),

valid_orders as (
    select
        orders.customer_unique_id,
        cast(orders.purchase_ts as date) as order_date,
        coalesce(payments_per_order.payments, 0) as payments
    from orders
    left join payments_per_order
        on payments_per_order.order_id = orders.order_id
    where orders.order_status not in ('canceled', 'unavailable')
        and orders.customer_unique_id is not null
        and orders.purchase_ts is not null
),

final as (
    select
        -- customer
        customer_unique_id,
        -- dates
        min(order_date) as first_order_date,
        max(order_date) as last_order_date,
        -- measures
        count(*) as orders,
        cast(sum(payments) as decimal(18, 2)) as total_payments,
        sum(payments) / count(*) as avg_order_value,
        max(order_date) - min(order_date) as tenure_days
    from valid_orders
    group by customer_unique_id
)

select * from final
