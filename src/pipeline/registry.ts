import { categoryMonthlyModel } from './gold/category_monthly';
import { cohortRetentionModel } from './gold/cohort_retention';
import { customerFeaturesModel } from './gold/customer_features';
import { customerLtvModel } from './gold/customer_ltv';
import { customerRfmModel } from './gold/customer_rfm';
import { dailySalesModel } from './gold/daily_sales';
import { deliveryPerformanceModel } from './gold/delivery_performance';
import { funnelDailyModel } from './gold/funnel_daily';
import { reviewVsDelayModel } from './gold/review_vs_delay';
import { sellerScorecardModel } from './gold/seller_scorecard';
import { customersModel } from './silver/customers';
import { dimCustomerModel } from './silver/dim_customer';
import { eventsModel } from './silver/events';
import { geolocationModel } from './silver/geolocation';
import { orderItemsModel } from './silver/order_items';
import { ordersModel } from './silver/orders';
import { paymentsModel } from './silver/payments';
import { productsModel } from './silver/products';
import { reviewsModel } from './silver/reviews';
import { sellersModel } from './silver/sellers';
import type { ModelDefinition } from './types';

/** Every model of the pipeline, Silver then Gold (the runner orders them by their inputs). */
export const MODELS: readonly ModelDefinition[] = [
  customersModel,
  productsModel,
  sellersModel,
  geolocationModel,
  orderItemsModel,
  paymentsModel,
  reviewsModel,
  ordersModel,
  dimCustomerModel,
  eventsModel,
  dailySalesModel,
  categoryMonthlyModel,
  deliveryPerformanceModel,
  sellerScorecardModel,
  customerRfmModel,
  customerLtvModel,
  cohortRetentionModel,
  reviewVsDelayModel,
  funnelDailyModel,
  customerFeaturesModel,
];
