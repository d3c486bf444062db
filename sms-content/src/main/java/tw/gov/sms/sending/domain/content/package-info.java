/**
 * Message content: what the citizen will see, and whether it may be sent.
 *
 * <p><b>Purpose.</b> {@link tw.gov.sms.sending.domain.content.ContentEngine} puts the agency prefix in front of every
 * message, fills {@code {name}} placeholders per recipient, checks characters, garbling (亂碼) and links, and plans
 * the encoding and segments ({@link tw.gov.sms.sending.domain.content.SegmentPlanner}). Its {@link
 * tw.gov.sms.sending.domain.content.ComposedMessage} is both the preview and what the sending use case stores. Rules
 * and codes are documented in {@code docs/content-rules.md}.
 *
 * <p><b>Requirements.</b> R2.1 (long messages split, 333-character limit), R2.2 (agency name always at the front,
 * counts toward length), R2.3 (content checked, rejected with the reason, no garbled text), R3.1 (per-recipient
 * composition for a list of numbers).
 *
 * <p><b>Decisions.</b>
 *
 * <ul>
 *   <li>One engine for every channel: portal, API, file and SFTP all call {@code compose}, which always prepends the
 *       prefix; the prefix template is deployment configuration ({@code 【{agency}】} or the 2025 "triple check"
 *       {@code {last3}【{agency}】}), never a per-message field, and it must contain {@code {agency}}.
 *   <li>GSM 7-bit only when every character fits, else UCS-2 (UTF-16; emoji take two units). Limits: 160/153
 *       septets, 70/67 units; a GSM escape pair and a surrogate pair are never split.
 *   <li>The 333 limit counts billed units (septets for GSM, UTF-16 units for UCS-2), prefix and filled placeholders
 *       included; segments are additionally capped at ceil(333/67) = 5 because an unsplittable surrogate pair can
 *       push a unit into a sixth segment.
 *   <li>Errors block sending; warnings (non-gov.tw link, duplicate prefix) are shown. A non-gov.tw link can be made
 *       an error by policy.
 *   <li>Garbling is detected by re-reading bytes: a run is garbled when its CP950 (or CP1252) bytes form valid UTF-8
 *       for CJK text, or its Latin-1 bytes form Big5 Chinese. This catches 嚙踝蕭, 蝪∟, 銝剜?, Ã©, ï»¿ and ¤¤¤å
 *       without a word list and stays silent on genuine Chinese.
 *   <li>Fast and thread-safe for 200,000 recipients a job: immutable engine, static patterns, the prefix parsed once,
 *       the job text parsed once (one-entry cache), one pass over each composed text.
 * </ul>
 *
 * <p><b>Rejected.</b> Counting 333 in code points (would let a 333-emoji text need 10 segments); treating a missing
 * placeholder value as blank (a citizen would read "親愛的 ,"); letting an API field or template switch the prefix off;
 * a list of known mojibake strings (never complete, and 嚙 alone is a real character, as in 嚙齒類); GSM national
 * language shift tables (Taiwan carriers do not use them); grapheme-aware splitting (a carrier reassembles segments
 * before display, so only the encoding units must stay whole).
 */
package tw.gov.sms.sending.domain.content;
