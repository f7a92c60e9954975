-- gold.review_vs_delay: one row per delay bucket over delivered orders with a review.
-- delay_days = delivery date - estimated delivery date; the average score is over the
-- (review_id, order_id) rows, so an order with two reviews counts both.

with

orders as (
    select * from silver.orders
),

reviews as (
    select * from silver.reviews
),

delivered_orders as (
    select
        order_id,
        cast(delivered_customer_ts as date) - estimated_delivery_date as delay_days
    from orders
    where order_status = 'delivered'
        and delivered_customer_ts is not null
        and estimated_delivery_date is not null
),

bucketed as (
    select
        delivered_orders.order_id,
        reviews.review_score,
        case
            when delivered_orders.delay_days < 0 then 'early'
            when delivered_orders.delay_days = 0 then 'on time'
            when delivered_orders.delay_days <= 3 then '1-3 days late'
            when delivered_orders.delay_days <= 7 then '4-7 days late'
            else '8+ days late'
        end as bucket,
        case
            when delivered_orders.delay_days < 0 then 1
            when delivered_orders.delay_days = 0 then 2
            when delivered_orders.delay_days <= 3 then 3
            when delivered_orders.delay_days <= 7 then 4
            else 5
        end as bucket_order
    from delivered_orders
    inner join reviews
        on reviews.order_id = delivered_orders.order_id
),

final as (
    select
        bucket,
        bucket_order,
        count(distinct order_id) as orders,
        avg(review_score) as avg_review_score
    from bucketed
    group by bucket, bucket_order
)

select * from final
