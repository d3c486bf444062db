package tw.gov.sms.carrier.infrastructure.smpp;

import java.util.Map;

/** SMPP 3.4 command_status values: readable names and what a failed submit means for a retry. */
final class CommandStatus {

    static final int ESME_RSYSERR = 0x08;
    static final int ESME_RMSGQFUL = 0x14;
    static final int ESME_RTHROTTLED = 0x58;
    static final int ESME_RX_T_APPN = 0x64;

    private record Entry(String name, String text) {}

    private static final Map<Integer, Entry> KNOWN = Map.ofEntries(
            Map.entry(0x00, new Entry("ESME_ROK", "no error")),
            Map.entry(0x01, new Entry("ESME_RINVMSGLEN", "message length is invalid")),
            Map.entry(0x02, new Entry("ESME_RINVCMDLEN", "command length is invalid")),
            Map.entry(0x03, new Entry("ESME_RINVCMDID", "invalid command id")),
            Map.entry(0x04, new Entry("ESME_RINVBNDSTS", "incorrect bind status for the command")),
            Map.entry(0x05, new Entry("ESME_RALYBND", "already bound")),
            Map.entry(0x06, new Entry("ESME_RINVPRTFLG", "invalid priority flag")),
            Map.entry(0x07, new Entry("ESME_RINVREGDLVFLG", "invalid registered delivery flag")),
            Map.entry(0x08, new Entry("ESME_RSYSERR", "system error")),
            Map.entry(0x0A, new Entry("ESME_RINVSRCADR", "invalid source address")),
            Map.entry(0x0B, new Entry("ESME_RINVDSTADR", "invalid destination address")),
            Map.entry(0x0C, new Entry("ESME_RINVMSGID", "invalid message id")),
            Map.entry(0x0D, new Entry("ESME_RBINDFAIL", "bind failed")),
            Map.entry(0x0E, new Entry("ESME_RINVPASWD", "invalid password")),
            Map.entry(0x0F, new Entry("ESME_RINVSYSID", "invalid system id")),
            Map.entry(0x11, new Entry("ESME_RCANCELFAIL", "cancel_sm failed")),
            Map.entry(0x13, new Entry("ESME_RREPLACEFAIL", "replace_sm failed")),
            Map.entry(0x14, new Entry("ESME_RMSGQFUL", "message queue full")),
            Map.entry(0x15, new Entry("ESME_RINVSERTYP", "invalid service type")),
            Map.entry(0x33, new Entry("ESME_RINVNUMDESTS", "invalid number of destinations")),
            Map.entry(0x34, new Entry("ESME_RINVDLNAME", "invalid distribution list name")),
            Map.entry(0x40, new Entry("ESME_RINVDESTFLAG", "invalid destination flag")),
            Map.entry(0x42, new Entry("ESME_RINVSUBREP", "invalid submit with replace request")),
            Map.entry(0x43, new Entry("ESME_RINVESMCLASS", "invalid esm_class")),
            Map.entry(0x44, new Entry("ESME_RCNTSUBDL", "cannot submit to distribution list")),
            Map.entry(0x45, new Entry("ESME_RSUBMITFAIL", "submit_sm failed")),
            Map.entry(0x48, new Entry("ESME_RINVSRCTON", "invalid source address TON")),
            Map.entry(0x49, new Entry("ESME_RINVSRCNPI", "invalid source address NPI")),
            Map.entry(0x50, new Entry("ESME_RINVDSTTON", "invalid destination address TON")),
            Map.entry(0x51, new Entry("ESME_RINVDSTNPI", "invalid destination address NPI")),
            Map.entry(0x53, new Entry("ESME_RINVSYSTYP", "invalid system_type")),
            Map.entry(0x54, new Entry("ESME_RINVREPFLAG", "invalid replace_if_present flag")),
            Map.entry(0x55, new Entry("ESME_RINVNUMMSGS", "invalid number of messages")),
            Map.entry(0x58, new Entry("ESME_RTHROTTLED", "throttling error, ESME exceeded allowed message limits")),
            Map.entry(0x61, new Entry("ESME_RINVSCHED", "invalid scheduled delivery time")),
            Map.entry(0x62, new Entry("ESME_RINVEXPIRY", "invalid validity period")),
            Map.entry(0x63, new Entry("ESME_RINVDFTMSGID", "predefined message invalid or not found")),
            Map.entry(0x64, new Entry("ESME_RX_T_APPN", "ESME receiver temporary application error")),
            Map.entry(0x65, new Entry("ESME_RX_P_APPN", "ESME receiver permanent application error")),
            Map.entry(0x66, new Entry("ESME_RX_R_APPN", "ESME receiver reject message error")),
            Map.entry(0x67, new Entry("ESME_RQUERYFAIL", "query_sm failed")),
            Map.entry(0xC0, new Entry("ESME_RINVOPTPARSTREAM", "error in the optional part of the PDU body")),
            Map.entry(0xC1, new Entry("ESME_ROPTPARNOTALLWD", "optional parameter not allowed")),
            Map.entry(0xC2, new Entry("ESME_RINVPARLEN", "invalid parameter length")),
            Map.entry(0xC3, new Entry("ESME_RMISSINGOPTPARAM", "expected optional parameter missing")),
            Map.entry(0xC4, new Entry("ESME_RINVOPTPARAMVAL", "invalid optional parameter value")),
            Map.entry(0xFE, new Entry("ESME_RDELIVERYFAILURE", "delivery failure")),
            Map.entry(0xFF, new Entry("ESME_RUNKNOWNERR", "unknown error")));

    private CommandStatus() {}

    /** E.g. "ESME_RINVDSTADR (0x0000000B) invalid destination address". */
    static String describe(int status) {
        Entry entry = KNOWN.get(status);
        String hex = String.format("0x%08X", status);
        return entry == null ? "command status " + hex : entry.name() + " (" + hex + ") " + entry.text();
    }

    /**
     * Throttling and queue-full mean "slow down, then retry"; system errors and bind-state errors
     * are the SMSC's momentary trouble; anything else is about the message and will fail again.
     */
    static SmppSubmitException.Kind kindOf(int status) {
        return switch (status) {
            case ESME_RTHROTTLED, ESME_RMSGQFUL -> SmppSubmitException.Kind.THROTTLED;
            case ESME_RSYSERR, 0x04, 0x45, ESME_RX_T_APPN, 0xFE -> SmppSubmitException.Kind.TRANSIENT;
            default -> SmppSubmitException.Kind.PERMANENT;
        };
    }
}
