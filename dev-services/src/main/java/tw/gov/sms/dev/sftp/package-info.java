/**
 * The development stand-in for the agencies' SFTP server (production: OpenSSH with one chroot per agency, see
 * docs/sftp.md), so {@code ./sms run} needs neither root nor an sshd. Apache MINA SSHD stays in this package and in
 * dev-services; the platform itself talks to it exactly as to OpenSSH, through {@code tw.gov.sms.sftp.SftpMailbox}.
 */
package tw.gov.sms.dev.sftp;
