-- gold.funnel_daily: one row per event_date, the date of a session's first event. Each stage
-- counts sessions with at least one event of that kind; rates are NULL when their denominator is 0.

with

events as (
    select * from silver.events
),

sessions as (
    select
        session_id,
        cast(min(event_ts) as date) as event_date,
        bool_or(event_type = 'product_view') as has_view,
        bool_or(event_type = 'add_to_cart') as has_cart,
        bool_or(event_type = 'begin_checkout') as has_checkout,
        bool_or(event_type = 'purchase') as has_purchase
    from events
    where session_id is not null
        and event_ts is not null
    group by session_id
),

daily as (
    select
        event_date,
        count(*) as sessions,
        count_if(has_view) as views,
        count_if(has_cart) as carts,
        count_if(has_checkout) as checkouts,
        count_if(has_purchase) as purchases
    from sessions
    group by event_date
),

final as (
    select
        event_date,
        -- sessions per stage
        sessions,
        views,
        carts,
        checkouts,
        purchases,
        -- rates
        carts / nullif(views, 0) as view_to_cart,
        purchases / nullif(carts, 0) as cart_to_purchase,
        purchases / sessions as conversion_rate
    from daily
)

select * from final
