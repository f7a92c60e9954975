-- gold.delivery_performance: one row per (month, customer_state) over delivered orders
-- (status delivered with a delivered_customer_ts). customer_state comes from the order's own
-- customer_id (NULL when silver.customers does not know it). An order is late when its delivery
-- date is after the estimated date; delivered on the estimated day is on time.

with

orders as (
    select * from silver.orders
),

customers as (
    select * from silver.customers
),

delivered_orders as (
    select
        cast(date_trunc('month', orders.purchase_ts) as date) as month,
        customers.state as customer_state,
        epoch(orders.delivered_customer_ts - orders.purchase_ts) / 86400.0 as delivery_days,
        cast(orders.delivered_customer_ts as date) > orders.estimated_delivery_date as is_late
    from orders
    left join customers
        on customers.customer_id = orders.customer_id
    where orders.order_status = 'delivered'
        and orders.delivered_customer_ts is not null
        and orders.purchase_ts is not null
),

final as (
    select
        month,
        customer_state,
        count(*) as delivered_orders,
        avg(delivery_days) as avg_delivery_days,
        count_if(is_late) as late_orders,
        count_if(is_late) / count(*) as late_rate
    from delivered_orders
    group by month, customer_state
)

select * from final
