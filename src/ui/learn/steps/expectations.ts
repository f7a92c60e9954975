import type { Row } from '../../../engine/types';
import type { LearnStep } from '../step-types';
import ExpectationsView from './ExpectationsEffect.svelte';
import { errorMessage } from '../../../engine/error-message';
import { isLakehouseError, type ModelOutcome } from '../../../engine/errors';

const REVIEWS = 'bronze.olist_order_reviews';
const PAYMENTS = 'bronze.olist_order_payments';

/** A quarantined review and a failed payments model. */
export interface ExpectationsEffect {
  reviewCsv: string;
  paymentCsv: string;
  quarantined: Row | null;
  reviewsRun: { version: number | null; quarantined: number } | null;
  failure: string;
  payments: { before: number; after: number };
  models: ModelOutcome[];
  versions: { reviews: number; payments: number };
}

const PICK_ORDER = `select order_id from silver.orders where order_status = 'delivered' order by purchase_ts, order_id limit 1`;

const QUARANTINED = `select review_id, order_id, review_score, _expectation, _reason
from quarantine.silver_reviews
where review_id = ?
order by _quarantined_at desc
limit 1`;

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;
const csvOf = (header: string[], row: string[]) => `${header.join(',')}\n${row.map(quoted).join(',')}\n`;

/** Step 9: expectations quarantine a bad row, and a `fail` one stops what depends on it. */
export const expectationsStep: LearnStep<ExpectationsEffect> = {
  id: 'expectations',
  title: 'Expectations: quarantine and fail',
  paragraphs: [
    'Every model declares expectations — not null, unique, accepted values, ranges, relationships — each with an action: warn, drop the row, quarantine it with the reason, or fail. A failing model commits nothing: its table keeps the previous version and nothing downstream runs, so a bad row never reaches Gold.',
    '“Try it” uploads two small files: a review scored 9 (out of 1–5: `silver.reviews` quarantines it) and a negative payment (`silver.payments` fails, so every Gold table built on payments is skipped). Reset this step afterwards: until then every pipeline run stops at the bad payment.',
  ],
  operation:
    'Upload olist_order_reviews_dataset_bad.csv (review_score 9) and olist_order_payments_dataset_bad.csv (payment_value -50.00), then run the pipeline',
  tryLabel: 'Inject two bad rows, run the pipeline',
  resetLabel: 'Reset: RESTORE the two Bronze tables, run the pipeline',
  consoleSql: 'select * from quarantine.silver_reviews order by _quarantined_at desc limit 20',
  async tryIt(context) {
    await context.ensureDemo();
    const [{ order_id: orderId }] = await context.rows<{ order_id: string }>(PICK_ORDER);
    const versions = {
      reviews: await context.latestVersion(REVIEWS),
      payments: await context.latestVersion(PAYMENTS),
    };
    // Each attempt is a new file (new bytes): files of earlier attempts stay in Bronze's history.
    const attempt = (await context.engine.sources.ingestedFiles(PAYMENTS)).filter((f) =>
      f.path.includes('_bad'),
    ).length;
    const reviewId = `learnbad${String(attempt).padStart(4, '0')}`.padEnd(32, '0');
    const reviewCsv = csvOf(
      [
        'review_id',
        'order_id',
        'review_score',
        'review_comment_title',
        'review_comment_message',
        'review_creation_date',
        'review_answer_timestamp',
      ],
      [reviewId, orderId, '9', '', 'nine out of five', '2018-08-01 00:00:00', '2018-08-02 10:00:00'],
    );
    const paymentCsv = csvOf(
      ['order_id', 'payment_sequential', 'payment_type', 'payment_installments', 'payment_value'],
      [orderId, String(90 + attempt), 'voucher', '1', '-50.00'],
    );
    const paymentsBefore = await context.latestVersion('silver.payments');
    await context.ingest([
      new File([reviewCsv], 'olist_order_reviews_dataset_bad.csv', { type: 'text/csv' }),
      new File([paymentCsv], 'olist_order_payments_dataset_bad.csv', { type: 'text/csv' }),
    ]);
    let failure = '';
    let models: ModelOutcome[];
    try {
      const result = await context.runPipeline();
      models = result.models.map((m) => ({ model: m.model, status: m.status, error: m.error ?? null }));
    } catch (error) {
      failure = errorMessage(error);
      models = isLakehouseError(error, 'PipelineFailed') ? error.detail.models : [];
    }
    const runs = await context.engine.pipeline.latestRuns();
    const reviewsRun = runs.find((r) => r.model === 'silver.reviews');
    const [quarantined] = await context.rows(QUARANTINED, [reviewId]);
    return {
      reviewCsv,
      paymentCsv,
      quarantined: quarantined ?? null,
      reviewsRun: reviewsRun
        ? { version: reviewsRun.output_version, quarantined: Number(reviewsRun.rows_quarantined) }
        : null,
      failure,
      payments: { before: paymentsBefore, after: await context.latestVersion('silver.payments') },
      models,
      versions,
    };
  },
  restorePoints: (effect) => ({ [REVIEWS]: effect.versions.reviews, [PAYMENTS]: effect.versions.payments }),
  rerunAfterReset: true,
  view: ExpectationsView,
};
