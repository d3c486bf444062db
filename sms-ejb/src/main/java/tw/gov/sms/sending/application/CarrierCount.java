package tw.gov.sms.sending.application;

import java.io.Serializable;
import tw.gov.sms.sending.domain.MessageState;

/** How many of a job's messages one carrier ({@code null}: not routed yet) has in one state. */
public record CarrierCount(String carrier, MessageState state, int messages) implements Serializable {}
