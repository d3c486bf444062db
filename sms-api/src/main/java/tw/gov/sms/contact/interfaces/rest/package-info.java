/** REST interface of contact groups (R3.1): {@code /api/v1/contact-groups}. */
package tw.gov.sms.contact.interfaces.rest;
