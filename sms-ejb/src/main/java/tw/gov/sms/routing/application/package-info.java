/**
 * Routing context, use case: the current carrier of a number (R1.2), from the routing index held in
 * memory (ported numbers first, then the prefix table, then the configured default), swapped atomically
 * when new number-portability data is loaded.
 *
 * <p>Administration: the prefix table is edited by system administrators ({@code PrefixAdministration},
 * from the API and the portal alike); the number-portability imports are listed, and a file uploaded in
 * the portal is put into the inbox ({@code NpImportAdministration}), so every file, whatever its way in,
 * takes the one {@code np-import} job. Rejected: importing a server path typed into the portal (its error
 * report would show the start of lines of any file the server can read).
 */
package tw.gov.sms.routing.application;
