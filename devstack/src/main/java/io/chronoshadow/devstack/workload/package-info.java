/**
 * The demo source database and its traffic: what Chrono-Shadow shadows in {@code ./chrono demo} and
 * in tests.
 *
 * <ul>
 *   <li>{@link io.chronoshadow.devstack.workload.ShopSchema}: the {@code shop} schema (customers,
 *       products, orders, order_lines with a composite key, payments), idempotent DDL with replica
 *       identity FULL for Debezium, and its seed data.
 *   <li>{@link io.chronoshadow.devstack.workload.ShopWorkload}: a seeded, reproducible stream of
 *       multi-table business transactions, paced to a {@link
 *       io.chronoshadow.devstack.workload.RateProfile} or run flat out, with injectable {@link
 *       io.chronoshadow.devstack.workload.Anomaly anomalies}.
 *   <li>{@link io.chronoshadow.devstack.workload.WorkloadConfig}: its settings ({@code
 *       chrono.workload.*}; defaults in {@code workload/workload-defaults.properties}).
 * </ul>
 */
package io.chronoshadow.devstack.workload;
