/**
 * The SFTP drop (R1.1): agencies put files on an SFTP server (OpenSSH in production), the platform polls each
 * agency's account with JSch, takes only completed sends and writes results back.
 *
 * <p><b>Purpose.</b> {@link tw.gov.sms.sftp.SftpMailbox} is one connection to one agency's chrooted tree ({@code
 * inbox/}, {@code processed/}, {@code rejected/}, {@code outbox/}): {@code scan()} sorts the inbox by the completion
 * convention into {@link tw.gov.sms.sftp.Submission}s (manifest and data file, parsed, or with the problems that
 * reject them), pending data files and strays; {@code download} streams a data file and its SHA-256; files are moved
 * to {@code processed/} or {@code rejected/} without ever overwriting; result files are written to {@code outbox/}
 * atomically. {@link tw.gov.sms.sftp.Manifest} is the agency's "傳送說明檔". The agency-facing contract is
 * docs/sftp.md.
 *
 * <p><b>Requirements.</b> R1.1 (SFTP channel), R2.3 (files checked and rejected with the reason), R4 (status
 * written back to {@code outbox/}), R9.1 (only allow-listed sources reach the server; host keys pinned), R10 (SFTP
 * specification).
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>Completion: data file first, then {@code <data file>.manifest} last; the manifest's presence is the commit,
 *       its SHA-256 and size catch a truncated or replaced data file. Nothing depends on timing ("unchanged for N
 *       minutes") or on the agency's tool renaming atomically, though {@code .part} uploads are supported.
 *   <li>Multi-line text is repeated {@code text =} lines, not escapes: an agency typing in Notepad sends exactly what
 *       it sees. Every other key may appear once, so a typo or a pasted duplicate is caught, as are unknown keys (with
 *       a "did you mean" for typos like {@code shedule}).
 *   <li>The manifest is parsed here, its {@code text} only carried: content checks belong to the one submission
 *       service all channels share (STYLE.md).
 *   <li>Host keys are pinned per endpoint (one known_hosts line, {@code StrictHostKeyChecking=yes}, the server made to
 *       present that key type); a mismatch fails with both fingerprints. Timeouts: connect and channel open, then SSH
 *       keep-alives so a silent server ends any operation. No thread of ours: JSch's session thread only.
 *   <li>Moves never overwrite: OpenSSH's {@code hardlink@openssh.com} refuses an existing target on the server; JSch's
 *       rename would silently replace one (it uses {@code posix-rename@openssh.com}), so it is used only after a
 *       check where hard links are missing. Outbox writes rely on exactly that replacing rename.
 *   <li>{@code com.jcraft} stays in this package (STYLE.md); callers see {@link tw.gov.sms.sftp.SftpFailure}.
 * </ul>
 *
 * <p><b>Rejected.</b> Waiting for a file to stop growing (slow links and paused uploads defeat any delay); a
 * {@code .done} marker with nothing in it (it cannot prove the data file complete); Apache MINA or sshj as the client
 * (JSch is the managed, small dependency; MINA serves only as the developers' stand-in server); a per-agency
 * manifest in XML or JSON (agencies write these by hand).
 */
package tw.gov.sms.sftp;
