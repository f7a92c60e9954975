-- gold.customer_rfm: one row per customer (customer_unique_id) with a delivered order.
-- The reference date is the latest purchase date of any order, whatever its status, plus one day.
-- r_score ranks recent customers high, m_score big spenders high (ntile 5, ties broken by id);
-- f_score is the delivered order count capped at 5.

with

orders as (
    select * from silver.orders
),

payments as (
    select * from silver.payments
),

reference as (
    select max(cast(purchase_ts as date)) + 1 as reference_date
    from orders
),

payments_per_order as (
    select
        order_id,
        sum(payment_value) as payments
    from payments
    group by order_id
),

delivered_orders as (
    select
        orders.customer_unique_id,
        cast(orders.purchase_ts as date) as purchase_date,
        coalesce(payments_per_order.payments, 0) as payments
    from orders
    left join payments_per_order
        on payments_per_order.order_id = orders.order_id
    where orders.order_status = 'delivered'
        and orders.delivered_customer_ts is not null
        and orders.customer_unique_id is not null
        and orders.purchase_ts is not null
),

per_customer as (
    select
        delivered_orders.customer_unique_id,
        any_value(reference.reference_date) - max(delivered_orders.purchase_date) as recency_days,
        count(*) as frequency,
        cast(sum(delivered_orders.payments) as decimal(18, 2)) as monetary
    from delivered_orders
    cross join reference
    group by delivered_orders.customer_unique_id
),

scored as (
    select
        *,
        ntile(5) over (order by recency_days desc, customer_unique_id) as r_score,
        least(frequency, 5) as f_score,
        ntile(5) over (order by monetary, customer_unique_id) as m_score
    from per_customer
),

final as (
    select
        -- customer
        customer_unique_id,
        -- measures
        recency_days,
        frequency,
        monetary,
        -- scores
        r_score,
        f_score,
        m_score,
        case
            when r_score >= 4 and m_score >= 4 then 'Champions'
            when r_score >= 4 then 'Promising'
            when r_score = 3 then 'Needs attention'
            when m_score >= 4 then 'At risk'
            else 'Hibernating'
        end as segment
    from scored
)

select * from final
