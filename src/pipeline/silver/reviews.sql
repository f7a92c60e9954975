-- silver.reviews: one row per (review_id, order_id); one review may cover several orders.
-- A row delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name).

with

source as (
    select * from bronze.olist_order_reviews
),

renamed as (
    select
        -- ids
        clean_text(review_id) as review_id,
        clean_text(order_id) as order_id,
        -- review
        try_cast(clean_text(review_score) as integer) as review_score,
        clean_text(review_comment_title) as comment_title,
        clean_text(review_comment_message) as comment_message,
        -- timestamps
        to_ts(review_creation_date) as created_at,
        to_ts(review_answer_timestamp) as answered_at,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(review_id, order_id)
),

final as (
    select
        review_id,
        order_id,
        review_score,
        comment_title,
        comment_message,
        created_at,
        answered_at
    from deduplicated
)

select * from final
