-- silver.geolocation: one row per zip_prefix.
-- The source has many points per prefix (and exact duplicates): the median point stands for the
-- prefix, the most frequent city and state name it. points / distinct_points say how many there were.

with

source as (
    select * from bronze.olist_geolocation
),

-- Cleaning each distinct spelling once is far cheaper than cleaning a million rows.
cities as (
    select
        raw_city,
        clean_city(raw_city) as city
    from (select distinct geolocation_city as raw_city from source)
),

renamed as (
    select
        zip5(source.geolocation_zip_code_prefix) as zip_prefix,
        try_cast(clean_text(source.geolocation_lat) as double) as lat,
        try_cast(clean_text(source.geolocation_lng) as double) as lng,
        cities.city,
        upper(clean_text(source.geolocation_state)) as state
    from source
    left join cities
        on cities.raw_city = source.geolocation_city
),

by_prefix as (
    select
        zip_prefix,
        -- location
        median(lat) as lat,
        median(lng) as lng,
        mode(city) as city,
        mode(state) as state,
        -- source rows
        count(*) as points,
        count(distinct (lat, lng)) as distinct_points
    from renamed
    group by zip_prefix
),

final as (
    select * from by_prefix
)

select * from final
