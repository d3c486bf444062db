/**
 * The development stand-in for the external log collector that receives the copy of the audit trail (R9.2 high
 * baseline: "copy to a separate system"): RFC 5424 syslog over TCP with octet-counting framing (RFC 6587) on
 * 127.0.0.1, the messages kept in memory and shown as JSON over the JDK's HTTP server ({@code GET /syslog}), and an
 * admin switch that refuses connections for a while ({@code POST /admin/refuse?seconds=N}) so tests can play an
 * outage.
 *
 * <p>Decisions: its own small receiver rather than rsyslog or syslog-ng (a second runtime to install besides the JDK,
 * and tests would have to read its files); one thread per connection (the platform opens one per instance). Keeps the
 * newest {@value tw.gov.sms.dev.syslog.SyslogCollector#CAPACITY} messages; a restart empties it. Production forwards to
 * the operator's collector, see docs/configuration.md.
 */
package tw.gov.sms.dev.syslog;
