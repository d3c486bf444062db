package tw.gov.sms.account.interfaces.web;

import jakarta.security.enterprise.credential.Credential;

/** The credential the login page presents to Jakarta Security: a one-time {@link LoginTickets} ticket. */
public record LoginTicketCredential(String ticket) implements Credential {}
