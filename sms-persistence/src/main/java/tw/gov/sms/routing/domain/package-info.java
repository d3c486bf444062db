/**
 * Routing: the current carrier of every number (R1.2).
 *
 * <p>Purpose. Taiwan has mobile number portability, so a number's prefix tells only its original holder. A
 * {@link tw.gov.sms.routing.domain.RoutingIndex} answers ported numbers first (from the carriers' NP data), then
 * the {@link tw.gov.sms.routing.domain.PrefixTable} of original allocations, then a configured default; every
 * message records the {@link tw.gov.sms.routing.domain.Route} (carrier and {@link
 * tw.gov.sms.routing.domain.RouteReason why}).
 *
 * <p>Requirements. Hold 10 million ported numbers in memory and answer millions of lookups a second; load NP
 * snapshots and daily deltas, validating every line and rejecting a bad file whole; replace the index with no
 * pause in sending. Formats, error codes and measured figures: {@code docs/number-portability.md}.
 *
 * <p>Decisions. Numbers are int keys (the 8 digits after 09) in a sorted {@code int[]} with a parallel {@code
 * byte[]} of carriers: 5 bytes a number, no objects per number, no allocation per lookup. Indexes are immutable;
 * a delta makes a copy (copy-on-write merge), and {@link tw.gov.sms.routing.domain.RoutingIndexHolder} publishes
 * it through one volatile reference, so readers never lock. Rejected: a {@code HashMap<String, Carrier>} (about
 * 1 GB for 10M numbers, and a long GC pause to replace), an in-place mutable index (readers would need locks or
 * see half a delta), and the database per message (a round trip per number at millions a second).
 *
 * <p>Plain Java only: no container annotations here; the application layer owns loading and scheduling.
 */
package tw.gov.sms.routing.domain;
