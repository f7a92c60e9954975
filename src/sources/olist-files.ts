/**
 * The nine Olist files of CONTRACT.md §1 and the Bronze table each one becomes. Columns are the
 * source's own header names, misspellings included (`product_name_lenght`).
 */

/** One Olist source file: its usual name, its Bronze table and its header in file order. */
export interface OlistFileSpec {
  /** File name in the Kaggle download. */
  fileName: string;
  /** Bronze table, `bronze.<name>`. */
  table: string;
  /** Header columns, in the order the real file has them. */
  columns: readonly string[];
}

/** The nine Olist CSVs, in the order the generator writes them. */
export const OLIST_FILES: readonly OlistFileSpec[] = [
  {
    fileName: 'olist_customers_dataset.csv',
    table: 'bronze.olist_customers',
    columns: [
      'customer_id',
      'customer_unique_id',
      'customer_zip_code_prefix',
      'customer_city',
      'customer_state',
    ],
  },
  {
    fileName: 'olist_geolocation_dataset.csv',
    table: 'bronze.olist_geolocation',
    columns: [
      'geolocation_zip_code_prefix',
      'geolocation_lat',
      'geolocation_lng',
      'geolocation_city',
      'geolocation_state',
    ],
  },
  {
    fileName: 'olist_order_items_dataset.csv',
    table: 'bronze.olist_order_items',
    columns: [
      'order_id',
      'order_item_id',
      'product_id',
      'seller_id',
      'shipping_limit_date',
      'price',
      'freight_value',
    ],
  },
  {
    fileName: 'olist_order_payments_dataset.csv',
    table: 'bronze.olist_order_payments',
    columns: ['order_id', 'payment_sequential', 'payment_type', 'payment_installments', 'payment_value'],
  },
  {
    fileName: 'olist_order_reviews_dataset.csv',
    table: 'bronze.olist_order_reviews',
    columns: [
      'review_id',
      'order_id',
      'review_score',
      'review_comment_title',
      'review_comment_message',
      'review_creation_date',
      'review_answer_timestamp',
    ],
  },
  {
    fileName: 'olist_orders_dataset.csv',
    table: 'bronze.olist_orders',
    columns: [
      'order_id',
      'customer_id',
      'order_status',
      'order_purchase_timestamp',
      'order_approved_at',
      'order_delivered_carrier_date',
      'order_delivered_customer_date',
      'order_estimated_delivery_date',
    ],
  },
  {
    fileName: 'olist_products_dataset.csv',
    table: 'bronze.olist_products',
    columns: [
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
  },
  {
    fileName: 'olist_sellers_dataset.csv',
    table: 'bronze.olist_sellers',
    columns: ['seller_id', 'seller_zip_code_prefix', 'seller_city', 'seller_state'],
  },
  {
    fileName: 'product_category_name_translation.csv',
    table: 'bronze.olist_category_translation',
    columns: ['product_category_name', 'product_category_name_english'],
  },
];

/** The Bronze table of the clickstream and its columns (the event fields of CONTRACT.md §1). */
export const EVENTS_TABLE = 'bronze.events';

/** Event fields, in Bronze column order. */
export const EVENT_COLUMNS = [
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
] as const;

/** The ingestion columns every Bronze table carries after its source columns. */
export const META_COLUMNS = ['_source_file', '_ingested_at', '_rescued_data'] as const;

/** Landing folders in Storage: uploads and generated CSVs, simulator batches, checkpoints. */
export const LANDING = {
  olist: 'landing/olist',
  events: 'landing/events',
  checkpoints: 'landing/_checkpoints',
} as const;

/** Every Bronze table the sources write. */
export const BRONZE_TABLES: readonly string[] = [...OLIST_FILES.map((f) => f.table), EVENTS_TABLE];
