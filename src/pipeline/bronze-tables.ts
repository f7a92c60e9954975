/**
 * The Bronze tables the pipeline reads, as the sources write them (CONTRACT.md §1–2): the source
 * file's own header names, every value VARCHAR as written, plus three ingestion columns.
 */
export const BRONZE_SOURCE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  'bronze.olist_orders': [
    'order_id',
    'customer_id',
    'order_status',
    'order_purchase_timestamp',
    'order_approved_at',
    'order_delivered_carrier_date',
    'order_delivered_customer_date',
    'order_estimated_delivery_date',
  ],
  'bronze.olist_order_items': [
    'order_id',
    'order_item_id',
    'product_id',
    'seller_id',
    'shipping_limit_date',
    'price',
    'freight_value',
  ],
  'bronze.olist_order_payments': [
    'order_id',
    'payment_sequential',
    'payment_type',
    'payment_installments',
    'payment_value',
  ],
  'bronze.olist_order_reviews': [
    'review_id',
    'order_id',
    'review_score',
    'review_comment_title',
    'review_comment_message',
    'review_creation_date',
    'review_answer_timestamp',
  ],
  'bronze.olist_customers': [
    'customer_id',
    'customer_unique_id',
    'customer_zip_code_prefix',
    'customer_city',
    'customer_state',
  ],
  'bronze.olist_products': [
    'product_id',
    'product_category_name',
    'product_name_lenght',
    'product_description_lenght',
    'product_photos_qty',
    'product_weight_g',
    'product_length_cm',
    'product_height_cm',
    'product_width_cm',
  ],
  'bronze.olist_sellers': ['seller_id', 'seller_zip_code_prefix', 'seller_city', 'seller_state'],
  'bronze.olist_geolocation': [
    'geolocation_zip_code_prefix',
    'geolocation_lat',
    'geolocation_lng',
    'geolocation_city',
    'geolocation_state',
  ],
  'bronze.olist_category_translation': ['product_category_name', 'product_category_name_english'],
  'bronze.events': [
    'event_id',
    'event_type',
    'event_ts',
    'session_id',
    'user_id',
    'product_id',
    'order_id',
    'device',
    'channel',
    'page',
  ],
};

/** The ingestion columns every Bronze table carries after its source columns. */
export const BRONZE_META_COLUMNS = [
  { name: '_source_file', type: 'VARCHAR' },
  { name: '_ingested_at', type: 'TIMESTAMP' },
  { name: '_rescued_data', type: 'VARCHAR' },
] as const;

/** True for a table the sources write (the pipeline only reads it). */
export function isBronzeTable(table: string): boolean {
  return table in BRONZE_SOURCE_COLUMNS;
}
