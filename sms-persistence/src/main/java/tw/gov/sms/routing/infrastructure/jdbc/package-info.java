/**
 * Routing context, JDBC adapters: loading the stored ported-number set ({@code ported_number}) into a
 * {@link tw.gov.sms.routing.domain.PortedNumberIndex}, streamed with a fetch size so 10 million rows
 * never sit in the heap as rows (docs/number-portability.md, figures in docs/benchmarks.md). Plain JDBC,
 * used by the application's {@code RoutingIndexService} and by {@code ./sms bench routing-load}.
 */
package tw.gov.sms.routing.infrastructure.jdbc;
