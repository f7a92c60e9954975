-- gold.customer_features: one row per customer (customer_unique_id) with a valid order, ready for
-- ML: the RFM columns (NULL without a delivered order), the LTV columns, delivery and review
-- experience, the favourite category and clickstream behaviour (sessions where user_id is the
-- customer). favourite_category is the category with the most items over valid orders, ties by
-- name; cart_abandonment_rate is the share of sessions with an add_to_cart and no purchase.

with

rfm as (
    select * from gold.customer_rfm
),

ltv as (
    select * from gold.customer_ltv
),

orders as (
    select * from silver.orders
),

order_items as (
    select * from silver.order_items
),

products as (
    select * from silver.products
),

reviews as (
    select * from silver.reviews
),

events as (
    select * from silver.events
),

valid_orders as (
    select *
    from orders
    where order_status not in ('canceled', 'unavailable')
        and customer_unique_id is not null
),

delivery as (
    select
        customer_unique_id,
        avg(epoch(delivered_customer_ts - purchase_ts) / 86400.0) as avg_delivery_days,
        count_if(cast(delivered_customer_ts as date) > estimated_delivery_date) / count(*) as late_share
    from valid_orders
    where order_status = 'delivered'
        and delivered_customer_ts is not null
    group by customer_unique_id
),

review_scores as (
    select
        valid_orders.customer_unique_id,
        avg(reviews.review_score) as avg_review_score
    from valid_orders
    inner join reviews
        on reviews.order_id = valid_orders.order_id
    group by valid_orders.customer_unique_id
),

category_items as (
    select
        valid_orders.customer_unique_id,
        coalesce(products.category_en, 'unknown') as category,
        count(*) as items
    from valid_orders
    inner join order_items
        on order_items.order_id = valid_orders.order_id
    left join products
        on products.product_id = order_items.product_id
    group by all
),

favourite_categories as (
    select
        customer_unique_id,
        category as favourite_category
    from category_items
    qualify row_number() over (
        partition by customer_unique_id
        order by items desc, category
    ) = 1
),

customer_sessions as (
    select
        user_id as customer_unique_id,
        session_id,
        bool_or(event_type = 'add_to_cart') as has_cart,
        bool_or(event_type = 'purchase') as has_purchase
    from events
    where user_id is not null
        and session_id is not null
    group by user_id, session_id
),

clickstream as (
    select
        customer_unique_id,
        count(*) as sessions,
        count_if(has_cart and not has_purchase) / nullif(count_if(has_cart), 0)
            as cart_abandonment_rate
    from customer_sessions
    group by customer_unique_id
),

final as (
    select
        -- customer
        ltv.customer_unique_id,
        -- RFM
        rfm.recency_days,
        rfm.frequency,
        rfm.monetary,
        rfm.r_score,
        rfm.f_score,
        rfm.m_score,
        rfm.segment,
        -- lifetime value
        ltv.first_order_date,
        ltv.last_order_date,
        ltv.orders,
        ltv.total_payments,
        ltv.avg_order_value,
        ltv.tenure_days,
        -- experience
        delivery.avg_delivery_days,
        delivery.late_share,
        review_scores.avg_review_score,
        favourite_categories.favourite_category,
        -- clickstream
        coalesce(clickstream.sessions, 0) as sessions,
        clickstream.cart_abandonment_rate
    from ltv
    left join rfm
        on rfm.customer_unique_id = ltv.customer_unique_id
    left join delivery
        on delivery.customer_unique_id = ltv.customer_unique_id
    left join review_scores
        on review_scores.customer_unique_id = ltv.customer_unique_id
    left join favourite_categories
        on favourite_categories.customer_unique_id = ltv.customer_unique_id
    left join clickstream
        on clickstream.customer_unique_id = ltv.customer_unique_id
)

select * from final
