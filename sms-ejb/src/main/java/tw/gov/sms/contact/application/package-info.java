/**
 * Contacts and groups (R3.1, issue 8 item 4): an agency's pre-built recipient lists.
 *
 * <p>A contact group belongs to one account group of one agency. Every member of that account group may see it
 * and send to it; its group administrator and members with the {@code contacts} permission manage it (create,
 * rename, delete, add, import, remove, export); MODA and system administrators may read every group; an API
 * client may read and send to its agency's groups. The rule is written once, in {@link
 * tw.gov.sms.contact.application.ContactService}, and applied in the SQL of every query.
 *
 * <p>Numbers are stored like message numbers: a keyed hash (one number once per group, search by number) and
 * AES-GCM ciphertext; the name and placeholder values are one encrypted JSON object. Adding and importing are
 * all-or-nothing: one invalid number refuses the whole request with every problem and its line, and nothing
 * is written; numbers already in the group, or repeated in the input, are skipped and counted.
 */
package tw.gov.sms.contact.application;
