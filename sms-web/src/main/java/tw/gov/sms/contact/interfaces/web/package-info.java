/** The portal's contacts page (issue 8 item 4, R3.1): {@code /app/contacts.xhtml}. */
package tw.gov.sms.contact.interfaces.web;
