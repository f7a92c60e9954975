-- The Gold tables of CONTRACT.md §3 from the nine Olist CSVs, as a data engineer would write them
-- in one DuckDB script: read_csv of each file, the Gold tables, each written as Parquet. No lake,
-- no checks, no Silver layer. Run from a folder holding olist/ (the CSVs) and gold/ (the output).
-- This scenario has no clickstream: the events table is empty.

create table orders as select * from read_csv('olist/olist_orders_dataset.csv');
create table items as select * from read_csv('olist/olist_order_items_dataset.csv',
    types = {'price': 'DECIMAL(18,2)', 'freight_value': 'DECIMAL(18,2)'});
create table payments as select * from read_csv('olist/olist_order_payments_dataset.csv',
    types = {'payment_value': 'DECIMAL(18,2)'});
create table reviews as select * from read_csv('olist/olist_order_reviews_dataset.csv');
create table customers as select * from read_csv('olist/olist_customers_dataset.csv');
create table products as select * from read_csv('olist/olist_products_dataset.csv');
create table sellers as select * from read_csv('olist/olist_sellers_dataset.csv');
create table geolocation as select * from read_csv('olist/olist_geolocation_dataset.csv');
create table translation as select * from read_csv('olist/product_category_name_translation.csv');
create table events (session_id varchar, user_id varchar, event_type varchar, event_ts timestamp);

create table o as
select o.*, c.customer_unique_id, c.customer_state,
       cast(o.order_purchase_timestamp as date) as order_date,
       cast(date_trunc('month', o.order_purchase_timestamp) as date) as month,
       o.order_status not in ('canceled', 'unavailable') as is_valid,
       o.order_status = 'delivered' and o.order_delivered_customer_date is not null as is_delivered,
       cast(o.order_delivered_customer_date as date) > cast(o.order_estimated_delivery_date as date) as is_late
from orders o left join customers c using (customer_id);

create table pay_per_order as select order_id, sum(payment_value) as payments from payments group by order_id;
create table product_category as
select p.product_id, coalesce(t.product_category_name_english, p.product_category_name) as category
from products p left join translation t using (product_category_name);

create table daily_sales as
with i as (select order_id, count(*) as items, sum(price) as gmv, sum(freight_value) as freight
           from items group by order_id)
select order_date, count(*) as orders, coalesce(sum(i.items), 0) as items,
       coalesce(sum(i.gmv), 0) as gmv, coalesce(sum(i.freight), 0) as freight,
       coalesce(sum(p.payments), 0) as payments, coalesce(sum(p.payments), 0) / count(*) as avg_order_value
from o left join i using (order_id) left join pay_per_order p using (order_id)
where is_valid group by order_date;

create table category_monthly as
select month, coalesce(pc.category, 'unknown') as category, count(distinct order_id) as orders,
       count(*) as items, sum(price) as gmv
from items join o using (order_id) left join product_category pc using (product_id)
where is_valid group by all;

create table delivery_performance as
select month, customer_state, count(*) as delivered_orders,
       avg(epoch(order_delivered_customer_date - order_purchase_timestamp) / 86400) as avg_delivery_days,
       count_if(is_late) as late_orders, count_if(is_late) / count(*) as late_rate
from o where is_delivered group by all;

create table seller_orders as
select distinct seller_id, order_id, is_delivered, is_late from items join o using (order_id) where is_valid;
create table seller_scorecard as
with sales as (select seller_id, count(distinct order_id) as orders, count(*) as items, sum(price) as gmv
               from items join o using (order_id) where is_valid group by seller_id),
     scores as (select seller_id, avg(review_score) as avg_review_score
                from seller_orders join reviews using (order_id) group by seller_id),
     lateness as (select seller_id, count_if(is_delivered and is_late) / nullif(count_if(is_delivered), 0) as late_rate
                  from seller_orders group by seller_id)
select seller_id, s.seller_state, orders, items, gmv, avg_review_score, late_rate
from sales left join sellers s using (seller_id) left join scores using (seller_id) left join lateness using (seller_id);

create table customer_rfm as
with per_customer as (
    select customer_unique_id,
           (select max(order_date) from o) + 1 - max(order_date) as recency_days,
           count(*) as frequency, coalesce(sum(payments), 0) as monetary
    from o left join pay_per_order using (order_id)
    where is_delivered and customer_unique_id is not null group by customer_unique_id),
scored as (
    select *, ntile(5) over (order by recency_days desc, customer_unique_id) as r_score,
           least(frequency, 5) as f_score, ntile(5) over (order by monetary, customer_unique_id) as m_score
    from per_customer)
select *, case when r_score >= 4 and m_score >= 4 then 'Champions' when r_score >= 4 then 'Promising'
               when r_score = 3 then 'Needs attention' when m_score >= 4 then 'At risk' else 'Hibernating' end as segment
from scored;

create table customer_ltv as
select customer_unique_id, min(order_date) as first_order_date, max(order_date) as last_order_date,
       count(*) as orders, sum(coalesce(payments, 0)) as total_payments,
       sum(coalesce(payments, 0)) / count(*) as avg_order_value, max(order_date) - min(order_date) as tenure_days
from o left join pay_per_order using (order_id)
where is_valid and customer_unique_id is not null group by customer_unique_id;

create table cohort_retention as
with active as (select distinct customer_unique_id, month from o where is_valid and customer_unique_id is not null),
     cohorts as (select customer_unique_id, min(month) as cohort_month from active group by all),
     sizes as (select cohort_month, count(*) as cohort_size from cohorts group by all)
select cohort_month, date_diff('month', cohort_month, month) as month_offset, count(*) as customers,
       any_value(cohort_size) as cohort_size, count(*) / any_value(cohort_size) as retention
from active join cohorts using (customer_unique_id) join sizes using (cohort_month) group by all;

create table review_vs_delay as
with delayed as (
    select order_id, review_score,
           cast(order_delivered_customer_date as date) - cast(order_estimated_delivery_date as date) as delay_days
    from o join reviews using (order_id) where is_delivered and order_estimated_delivery_date is not null)
select case when delay_days < 0 then 'early' when delay_days = 0 then 'on time'
            when delay_days <= 3 then '1-3 days late' when delay_days <= 7 then '4-7 days late'
            else '8+ days late' end as bucket,
       count(distinct order_id) as orders, avg(review_score) as avg_review_score
from delayed group by bucket;

create table funnel_daily as
with sessions as (
    select session_id, cast(min(event_ts) as date) as event_date,
           bool_or(event_type = 'product_view') as v, bool_or(event_type = 'add_to_cart') as c,
           bool_or(event_type = 'begin_checkout') as k, bool_or(event_type = 'purchase') as p
    from events group by session_id)
select event_date, count(*) as sessions, count_if(v) as views, count_if(c) as carts, count_if(k) as checkouts,
       count_if(p) as purchases, count_if(c) / nullif(count_if(v), 0) as view_to_cart,
       count_if(p) / nullif(count_if(c), 0) as cart_to_purchase, count_if(p) / count(*) as conversion_rate
from sessions group by event_date;

create table customer_features as
with delivery as (
    select customer_unique_id,
           avg(epoch(order_delivered_customer_date - order_purchase_timestamp) / 86400) as avg_delivery_days,
           count_if(is_late) / count(*) as late_share
    from o where is_valid and is_delivered and customer_unique_id is not null group by all),
scores as (select customer_unique_id, avg(review_score) as avg_review_score
           from o join reviews using (order_id) where is_valid group by all),
favourite as (
    select customer_unique_id, coalesce(category, 'unknown') as favourite_category
    from o join items using (order_id) left join product_category using (product_id)
    where is_valid and customer_unique_id is not null
    group by customer_unique_id, coalesce(category, 'unknown')
    qualify row_number() over (partition by customer_unique_id order by count(*) desc, favourite_category) = 1),
clicks as (
    select user_id as customer_unique_id, count(*) as sessions,
           count_if(c and not p) / nullif(count_if(c), 0) as cart_abandonment_rate
    from (select user_id, session_id, bool_or(event_type = 'add_to_cart') as c, bool_or(event_type = 'purchase') as p
          from events where user_id is not null group by all)
    group by all)
select l.customer_unique_id, r.recency_days, r.frequency, r.monetary, r.r_score, r.f_score, r.m_score, r.segment,
       l.first_order_date, l.last_order_date, l.orders, l.total_payments, l.avg_order_value, l.tenure_days,
       d.avg_delivery_days, d.late_share, s.avg_review_score, f.favourite_category,
       coalesce(k.sessions, 0) as sessions, k.cart_abandonment_rate
from customer_ltv l left join customer_rfm r using (customer_unique_id) left join delivery d using (customer_unique_id)
left join scores s using (customer_unique_id) left join favourite f using (customer_unique_id)
left join clicks k using (customer_unique_id);

copy daily_sales to 'gold/daily_sales.parquet' (format parquet, compression zstd);
copy category_monthly to 'gold/category_monthly.parquet' (format parquet, compression zstd);
copy delivery_performance to 'gold/delivery_performance.parquet' (format parquet, compression zstd);
copy seller_scorecard to 'gold/seller_scorecard.parquet' (format parquet, compression zstd);
copy customer_rfm to 'gold/customer_rfm.parquet' (format parquet, compression zstd);
copy customer_ltv to 'gold/customer_ltv.parquet' (format parquet, compression zstd);
copy cohort_retention to 'gold/cohort_retention.parquet' (format parquet, compression zstd);
copy review_vs_delay to 'gold/review_vs_delay.parquet' (format parquet, compression zstd);
copy funnel_daily to 'gold/funnel_daily.parquet' (format parquet, compression zstd);
copy customer_features to 'gold/customer_features.parquet' (format parquet, compression zstd);
