"""The Gold tables of CONTRACT.md §3 from the nine Olist CSVs, as a data engineer would write them
in a pandas notebook: read_csv of each file, the Gold tables, each written out (Parquet when
pyarrow is installed, else CSV). No lake, no checks, no Silver layer.

Usage: python3 gold_pandas.py <folder with the nine CSVs> <output folder>
Prints one JSON line: the output format, each Gold table's row count, and the peak RSS.
"""

import json
import os
import resource
import sys

import numpy as np
import pandas as pd

src, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)


def read(name, **kwargs):
    return pd.read_csv(os.path.join(src, name), **kwargs)


TS = ["order_purchase_timestamp", "order_approved_at", "order_delivered_carrier_date",
      "order_delivered_customer_date", "order_estimated_delivery_date"]
orders = read("olist_orders_dataset.csv", parse_dates=TS)
items = read("olist_order_items_dataset.csv", parse_dates=["shipping_limit_date"])
payments = read("olist_order_payments_dataset.csv")
reviews = read("olist_order_reviews_dataset.csv", parse_dates=["review_creation_date", "review_answer_timestamp"])
customers = read("olist_customers_dataset.csv", dtype={"customer_zip_code_prefix": str})
products = read("olist_products_dataset.csv")
sellers = read("olist_sellers_dataset.csv", dtype={"seller_zip_code_prefix": str})
geolocation = read("olist_geolocation_dataset.csv", dtype={"geolocation_zip_code_prefix": str})
translation = read("product_category_name_translation.csv")
# This scenario has no clickstream.
events = pd.DataFrame({"session_id": pd.Series(dtype=str), "user_id": pd.Series(dtype=str),
                       "event_type": pd.Series(dtype=str), "event_ts": pd.Series(dtype="datetime64[ns]")})

o = orders.merge(customers[["customer_id", "customer_unique_id", "customer_state"]], on="customer_id", how="left")
o["order_date"] = o["order_purchase_timestamp"].dt.normalize()
o["month"] = o["order_purchase_timestamp"].dt.to_period("M").dt.to_timestamp()
o["is_valid"] = ~o["order_status"].isin(["canceled", "unavailable"])
o["is_delivered"] = (o["order_status"] == "delivered") & o["order_delivered_customer_date"].notna()
o["is_late"] = o["order_delivered_customer_date"].dt.normalize() > o["order_estimated_delivery_date"].dt.normalize()
o["delivery_days"] = (o["order_delivered_customer_date"] - o["order_purchase_timestamp"]).dt.total_seconds() / 86400
valid = o[o["is_valid"]]
delivered = o[o["is_delivered"]]

pay_per_order = payments.groupby("order_id", as_index=False)["payment_value"].sum().rename(
    columns={"payment_value": "payments"})
product_category = products.merge(translation, on="product_category_name", how="left")
product_category["category"] = product_category["product_category_name_english"].fillna(
    product_category["product_category_name"])
product_category = product_category[["product_id", "category"]]

gold = {}

per_order = items.groupby("order_id").agg(items=("order_item_id", "size"), gmv=("price", "sum"),
                                          freight=("freight_value", "sum")).reset_index()
d = valid.merge(per_order, on="order_id", how="left").merge(pay_per_order, on="order_id", how="left")
daily = d.groupby("order_date").agg(orders=("order_id", "size"), items=("items", "sum"), gmv=("gmv", "sum"),
                                    freight=("freight", "sum"), payments=("payments", "sum")).reset_index()
daily["avg_order_value"] = daily["payments"] / daily["orders"]
gold["daily_sales"] = daily

vi = items.merge(valid[["order_id", "month", "is_delivered", "is_late"]], on="order_id").merge(
    product_category, on="product_id", how="left")
vi["category"] = vi["category"].fillna("unknown")
gold["category_monthly"] = vi.groupby(["month", "category"]).agg(
    orders=("order_id", "nunique"), items=("order_id", "size"), gmv=("price", "sum")).reset_index()

dp = delivered.groupby(["month", "customer_state"], dropna=False).agg(
    delivered_orders=("order_id", "size"), avg_delivery_days=("delivery_days", "mean"),
    late_orders=("is_late", "sum")).reset_index()
dp["late_rate"] = dp["late_orders"] / dp["delivered_orders"]
gold["delivery_performance"] = dp

sales = vi.groupby("seller_id").agg(orders=("order_id", "nunique"), items=("order_id", "size"),
                                    gmv=("price", "sum")).reset_index()
seller_orders = vi[["seller_id", "order_id", "is_delivered", "is_late"]].drop_duplicates()
scores = seller_orders.merge(reviews, on="order_id").groupby("seller_id", as_index=False)["review_score"].mean()
seller_orders["late_delivered"] = seller_orders["is_delivered"] & seller_orders["is_late"]
late = seller_orders.groupby("seller_id").agg(late=("late_delivered", "sum"), delivered=("is_delivered", "sum"))
late["late_rate"] = late["late"] / late["delivered"].replace(0, np.nan)
scorecard = sales.merge(sellers[["seller_id", "seller_state"]], on="seller_id", how="left").merge(
    scores.rename(columns={"review_score": "avg_review_score"}), on="seller_id", how="left").merge(
    late[["late_rate"]].reset_index(), on="seller_id", how="left")
gold["seller_scorecard"] = scorecard

reference = o["order_date"].max() + pd.Timedelta(days=1)
rd = delivered[delivered["customer_unique_id"].notna()].merge(pay_per_order, on="order_id", how="left")
rfm = rd.groupby("customer_unique_id").agg(last=("order_date", "max"), frequency=("order_id", "size"),
                                           monetary=("payments", "sum")).reset_index()
rfm["recency_days"] = (reference - rfm["last"]).dt.days


def ntile5(frame, by, ascending):
    ranked = frame.sort_values(by, ascending=ascending, kind="mergesort")
    n = len(ranked)
    position = np.arange(n)
    # SQL's ntile: the first n % 5 buckets hold one row more.
    size, extra = divmod(n, 5)
    bounds = np.cumsum([size + (1 if i < extra else 0) for i in range(5)])
    return pd.Series(np.searchsorted(bounds, position, side="right") + 1, index=ranked.index)


rfm["r_score"] = ntile5(rfm, ["recency_days", "customer_unique_id"], [False, True])
rfm["f_score"] = rfm["frequency"].clip(upper=5)
rfm["m_score"] = ntile5(rfm, ["monetary", "customer_unique_id"], [True, True])
rfm["segment"] = np.select(
    [(rfm["r_score"] >= 4) & (rfm["m_score"] >= 4), rfm["r_score"] >= 4, rfm["r_score"] == 3, rfm["m_score"] >= 4],
    ["Champions", "Promising", "Needs attention", "At risk"], "Hibernating")
rfm = rfm.drop(columns="last")
gold["customer_rfm"] = rfm

vc = valid[valid["customer_unique_id"].notna()].merge(pay_per_order, on="order_id", how="left")
vc["payments"] = vc["payments"].fillna(0)
ltv = vc.groupby("customer_unique_id").agg(first_order_date=("order_date", "min"),
                                           last_order_date=("order_date", "max"), orders=("order_id", "size"),
                                           total_payments=("payments", "sum")).reset_index()
ltv["avg_order_value"] = ltv["total_payments"] / ltv["orders"]
ltv["tenure_days"] = (ltv["last_order_date"] - ltv["first_order_date"]).dt.days
gold["customer_ltv"] = ltv

active = vc[["customer_unique_id", "month"]].drop_duplicates()
active["cohort_month"] = active.groupby("customer_unique_id")["month"].transform("min")
active["month_offset"] = ((active["month"].dt.year - active["cohort_month"].dt.year) * 12
                          + active["month"].dt.month - active["cohort_month"].dt.month)
sizes = active.groupby("cohort_month").agg(cohort_size=("customer_unique_id", "nunique")).reset_index()
cohort = active.groupby(["cohort_month", "month_offset"]).agg(customers=("customer_unique_id", "size")).reset_index()
cohort = cohort.merge(sizes, on="cohort_month")
cohort["retention"] = cohort["customers"] / cohort["cohort_size"]
gold["cohort_retention"] = cohort

rv = delivered[delivered["order_estimated_delivery_date"].notna()].merge(reviews, on="order_id")
delay = (rv["order_delivered_customer_date"].dt.normalize() - rv["order_estimated_delivery_date"].dt.normalize()).dt.days
rv["bucket"] = np.select([delay < 0, delay == 0, delay <= 3, delay <= 7],
                         ["early", "on time", "1-3 days late", "4-7 days late"], "8+ days late")
gold["review_vs_delay"] = rv.groupby("bucket").agg(orders=("order_id", "nunique"),
                                                   avg_review_score=("review_score", "mean")).reset_index()

sessions = events.groupby("session_id").agg(event_date=("event_ts", "min")).reset_index()
gold["funnel_daily"] = sessions.groupby("event_date").size().rename("sessions").reset_index()

dl = vc[vc["is_delivered"]].groupby("customer_unique_id").agg(avg_delivery_days=("delivery_days", "mean"),
                                                               late_share=("is_late", "mean")).reset_index()
sc = vc.merge(reviews, on="order_id").groupby("customer_unique_id", as_index=False)["review_score"].mean().rename(
    columns={"review_score": "avg_review_score"})
ci = vc[["order_id", "customer_unique_id"]].merge(items, on="order_id").merge(product_category, on="product_id",
                                                                              how="left")
ci["category"] = ci["category"].fillna("unknown")
counts = ci.groupby(["customer_unique_id", "category"]).size().rename("n").reset_index()
favourite = counts.sort_values(["customer_unique_id", "n", "category"], ascending=[True, False, True]).drop_duplicates(
    "customer_unique_id")[["customer_unique_id", "category"]].rename(columns={"category": "favourite_category"})
features = ltv.merge(rfm, on="customer_unique_id", how="left").merge(dl, on="customer_unique_id", how="left").merge(
    sc, on="customer_unique_id", how="left").merge(favourite, on="customer_unique_id", how="left")
features["sessions"] = 0
features["cart_abandonment_rate"] = np.nan
gold["customer_features"] = features

try:
    import pyarrow  # noqa: F401

    fmt = "parquet"
except ImportError:
    fmt = "csv"
for name, frame in gold.items():
    path = os.path.join(out, f"{name}.{fmt}")
    if fmt == "parquet":
        frame.to_parquet(path, index=False)
    else:
        frame.to_csv(path, index=False)

print(json.dumps({
    "format": fmt,
    "pandas": pd.__version__,
    "rows": {f"gold.{name}": int(len(frame)) for name, frame in gold.items()},
    "checks": {"gold.daily_sales.payments": round(float(daily["payments"].sum()), 2),
               "gold.daily_sales.gmv": round(float(daily["gmv"].sum()), 2)},
    "peakRssBytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}))
