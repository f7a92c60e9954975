-- silver.dim_customer: SCD type 2 over customer_unique_id, one row per (customer_unique_id,
-- valid_from). History follows the customer's orders by purchase time: each order carries the
-- address of its own customer_id; consecutive orders at the same address form one row, valid from
-- the first of them (inclusive) until the next address begins (exclusive, NULL for the current
-- row). An address that comes back after another is a new row (A -> B -> A is three rows).
-- Customers without an order have no history and no row.

with

orders as (
    select * from silver.orders
),

customers as (
    select * from silver.customers
),

addressed_orders as (
    select
        customers.customer_unique_id,
        customers.zip_prefix,
        customers.city,
        customers.state,
        orders.purchase_ts,
        orders.order_id
    from orders
    inner join customers
        on customers.customer_id = orders.customer_id
    where customers.customer_unique_id is not null
        and orders.purchase_ts is not null
),

address_changes as (
    select
        *,
        (zip_prefix, city, state) is distinct from lag((zip_prefix, city, state)) over (
            partition by customer_unique_id
            order by purchase_ts, order_id
        ) as starts_new_address
    from addressed_orders
),

address_runs as (
    select
        *,
        sum(case when starts_new_address then 1 else 0 end) over (
            partition by customer_unique_id
            order by purchase_ts, order_id
            rows unbounded preceding
        ) as address_run
    from address_changes
),

runs as (
    select
        customer_unique_id,
        address_run,
        any_value(zip_prefix) as zip_prefix,
        any_value(city) as city,
        any_value(state) as state,
        min(purchase_ts) as valid_from
    from address_runs
    group by customer_unique_id, address_run
),

final as (
    select
        -- key
        customer_unique_id,
        -- tracked address
        zip_prefix,
        city,
        state,
        -- validity
        valid_from,
        lead(valid_from) over (partition by customer_unique_id order by valid_from) as valid_to,
        lead(valid_from) over (partition by customer_unique_id order by valid_from) is null
            as is_current
    from runs
)

select * from final
