-- gold.cohort_retention: one row per (cohort_month, month_offset) with active customers, over
-- valid orders. A customer's cohort is the month of their first valid order; month_offset counts
-- calendar months from it (0 for the first month).

with

orders as (
    select * from silver.orders
),

active_months as (
    select distinct
        customer_unique_id,
        cast(date_trunc('month', purchase_ts) as date) as order_month
    from orders
    where order_status not in ('canceled', 'unavailable')
        and customer_unique_id is not null
        and purchase_ts is not null
),

cohorts as (
    select
        customer_unique_id,
        min(order_month) as cohort_month
    from active_months
    group by customer_unique_id
),

cohort_sizes as (
    select
        cohort_month,
        count(*) as cohort_size
    from cohorts
    group by cohort_month
),

activity as (
    select
        cohorts.cohort_month,
        date_diff('month', cohorts.cohort_month, active_months.order_month) as month_offset,
        count(*) as customers
    from active_months
    inner join cohorts
        on cohorts.customer_unique_id = active_months.customer_unique_id
    group by cohorts.cohort_month, month_offset
),

final as (
    select
        activity.cohort_month,
        activity.month_offset,
        activity.customers,
        cohort_sizes.cohort_size,
        activity.customers / cohort_sizes.cohort_size as retention
    from activity
    inner join cohort_sizes
        on cohort_sizes.cohort_month = activity.cohort_month
)

select * from final
