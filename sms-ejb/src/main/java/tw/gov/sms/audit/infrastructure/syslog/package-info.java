/**
 * Audit context, syslog adapter: the copy of the audit trail to a separate system (R9.2 high baseline: "copy to a
 * separate system"). {@link tw.gov.sms.audit.infrastructure.syslog.SyslogFormat} writes each event as an RFC 5424
 * message whose structured data carries the chain (sequence number, hash, previous hash) and who did what, framed by
 * octet counting (RFC 6587); {@link tw.gov.sms.audit.infrastructure.syslog.SyslogSender} keeps one TCP connection to
 * the collector.
 *
 * <p>Decisions: syslog because every log collector and SIEM an agency runs (rsyslog, syslog-ng, Graylog, Splunk,
 * Elastic) takes it without an agent; TCP with octet counting because an audit event may hold line breaks and
 * multibyte text, which newline framing would split; the chain fields in every message, so the collector's copy can be
 * checked against the platform's chain. Rejected: UDP syslog (loses messages silently), RELP (acknowledged, but few
 * collectors outside rsyslog speak it), a database replica (not a separate system under separate administration).
 * Not yet: TLS (RFC 5425); run the collector on a trusted network or behind a TLS tunnel until then.
 */
package tw.gov.sms.audit.infrastructure.syslog;
