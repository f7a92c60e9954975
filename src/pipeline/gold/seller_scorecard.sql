-- gold.seller_scorecard: one row per seller with an item in a valid order.
-- Reviews and lateness are counted per (seller, order), never per item, so a seller with two
-- items in one order does not count that order's review twice.

with

orders as (
    select * from silver.orders
),

order_items as (
    select * from silver.order_items
),

sellers as (
    select * from silver.sellers
),

reviews as (
    select * from silver.reviews
),

valid_orders as (
    select
        order_id,
        order_status = 'delivered' and delivered_customer_ts is not null as is_delivered,
        cast(delivered_customer_ts as date) > estimated_delivery_date as is_late
    from orders
    where order_status not in ('canceled', 'unavailable')
),

seller_items as (
    select
        order_items.seller_id,
        count(distinct order_items.order_id) as orders,
        count(*) as items,
        sum(order_items.price) as gmv
    from order_items
    inner join valid_orders
        on valid_orders.order_id = order_items.order_id
    group by order_items.seller_id
),

seller_orders as (
    select distinct
        order_items.seller_id,
        valid_orders.order_id,
        valid_orders.is_delivered,
        valid_orders.is_late
    from order_items
    inner join valid_orders
        on valid_orders.order_id = order_items.order_id
),

seller_reviews as (
    select
        seller_orders.seller_id,
        avg(reviews.review_score) as avg_review_score
    from seller_orders
    inner join reviews
        on reviews.order_id = seller_orders.order_id
    group by seller_orders.seller_id
),

seller_lateness as (
    select
        seller_id,
        count_if(is_delivered and is_late) / nullif(count_if(is_delivered), 0) as late_rate
    from seller_orders
    group by seller_id
),

final as (
    select
        -- seller
        seller_items.seller_id,
        sellers.state as seller_state,
        -- sales
        seller_items.orders,
        seller_items.items,
        cast(seller_items.gmv as decimal(18, 2)) as gmv,
        -- service
        seller_reviews.avg_review_score,
        seller_lateness.late_rate
    from seller_items
    left join sellers
        on sellers.seller_id = seller_items.seller_id
    left join seller_reviews
        on seller_reviews.seller_id = seller_items.seller_id
    left join seller_lateness
        on seller_lateness.seller_id = seller_items.seller_id
)

select * from final
