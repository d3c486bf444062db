/**
 * Portal pages of the routing context for system administrators (issue 8 item 7; R1.2): the prefix table
 * of original allocations ({@code PrefixAdministration}, the same service and rules as
 * {@code /api/v1/routing/prefixes}) and the number-portability imports ({@code NpImportAdministration}:
 * the recorded imports, the index in use, and uploads into the inbox the {@code np-import} job reads).
 * The pages translate and delegate; refusals are the services' bilingual {@code AccountException}s.
 */
package tw.gov.sms.routing.interfaces.web;
