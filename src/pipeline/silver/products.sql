-- silver.products: one row per product_id, with its category in Portuguese and in English.
-- category_en falls back to the Portuguese name when the translation file has none.
-- A product delivered more than once keeps its latest delivery (latest _ingested_at, then the
-- greatest _source_file name); so does a category's translation.

with

source as (
    select * from bronze.olist_products
),

translation_source as (
    select * from bronze.olist_category_translation
),

renamed as (
    select
        -- ids
        clean_text(product_id) as product_id,
        -- category
        lower(clean_text(product_category_name)) as category,
        -- measures (the source's own misspelled "lenght" headers)
        try_cast(clean_text(product_name_lenght) as integer) as name_length,
        try_cast(clean_text(product_description_lenght) as integer) as description_length,
        try_cast(clean_text(product_photos_qty) as integer) as photos_qty,
        try_cast(clean_text(product_weight_g) as integer) as weight_g,
        try_cast(clean_text(product_length_cm) as integer) as length_cm,
        try_cast(clean_text(product_height_cm) as integer) as height_cm,
        try_cast(clean_text(product_width_cm) as integer) as width_cm,
        -- ingestion
        _ingested_at,
        _source_file
    from source
),

deduplicated as (
    select *
    from renamed
    qualify latest_delivery_of(product_id)
),

translations as (
    select
        lower(clean_text(product_category_name)) as category,
        lower(clean_text(product_category_name_english)) as category_en
    from translation_source
    where clean_text(product_category_name) is not null
    qualify latest_delivery_of(lower(clean_text(product_category_name)))
),

final as (
    select
        -- ids
        products.product_id,
        -- category
        products.category,
        coalesce(translations.category_en, products.category) as category_en,
        -- measures
        products.name_length,
        products.description_length,
        products.photos_qty,
        products.weight_g,
        products.length_cm,
        products.height_cm,
        products.width_cm
    from deduplicated as products
    left join translations
        on translations.category = products.category
)

select * from final
