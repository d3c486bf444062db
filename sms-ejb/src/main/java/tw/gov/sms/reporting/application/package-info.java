/**
 * Reporting (R7, R11.5): the account roster, sending statistics, joint-contract order statistics and the
 * per-message sending records, plus the monthly operations report and the incidents it lists.
 *
 * <p>Decisions: every report is scoped to the viewer in its SQL (administrators all agencies, group
 * administrators their group, users their own sends, API clients their agency). Statistics read the
 * daily usage rollup that settlement maintains as messages become final ({@code usage_daily}), never the
 * message table, so they stay fast over hundreds of millions of messages; only the per-message records
 * read messages, at most 31 days per export, pruned to the months' partitions. Reports are written
 * through {@code sms-reports} (xlsx streamed by POI's SXSSF, csv, PDF) or as JSON for screens.
 *
 * <p>Dashboards ({@code DashboardService}): the same rules; the MODA overview joins three set-based
 * aggregates (jobs accepted today, today's rollup, the balances under the contract in force) to the agency
 * table in one query, and the 14-day trend is one {@code generate_series} joined to the rollup, so a day
 * without traffic is a zero row, not a gap.
 */
package tw.gov.sms.reporting.application;
