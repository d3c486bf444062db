-- Copy of the audit trail to a separate system (R9.2 high baseline: "copy to a separate system", "alert
-- when logging fails"). The platform forwards every audit_event, in sequence order, to an external log
-- collector (RFC 5424 syslog over TCP, AuditForwarder) and remembers here how far it got.
--
-- One row. The forwarder of one instance at a time locks it (select ... for update skip locked), reads
-- the events after forwarded_seq, sends them, and moves forwarded_seq forward in the same transaction
-- only once the collector took the batch: an event is sent once in normal operation and at least once
-- across crashes (a crash between the send and the commit sends the batch again).
--
-- The outage columns make the alert mails once per outage across all instances: the instance whose
-- update turns forward_outage_since (or write_outage_since) from null to a time mails the system
-- administrators; the one that turns it back to null mails the recovery.
create table audit_forwarding (
    id                    smallint      primary key check (id = 1),
    forwarded_seq         bigint        not null check (forwarded_seq >= 0),
    forwarded_at          timestamptz,
    watch_seq             bigint        not null default 0 check (watch_seq >= 0),
    watch_at              timestamptz,
    failing_since         timestamptz,
    last_error            varchar(1000),
    forward_outage_since  timestamptz,
    write_failed_at       timestamptz,
    write_error           varchar(1000),
    write_outage_since    timestamptz
);
comment on table audit_forwarding is 'How far the audit trail has been copied to the external collector, and open logging outages.';
comment on column audit_forwarding.forwarded_seq is 'Last audit_event.seq the collector accepted; only moves forward.';
comment on column audit_forwarding.watch_seq is 'The chain head the forwarder saw at watch_at; once the mark reaches it, the forwarder watches the new head. Still short of it after sms.audit.forward.alert-after-seconds: an outage.';
comment on column audit_forwarding.failing_since is 'First failed send of the current run of failures; null after a successful send.';
comment on column audit_forwarding.forward_outage_since is 'Open forwarding outage (failed or lagging longer than sms.audit.forward.alert-after-seconds), mailed once.';
comment on column audit_forwarding.write_failed_at is 'Latest failed audit write any instance reported.';
comment on column audit_forwarding.write_outage_since is 'Open audit-write outage, mailed once.';
insert into audit_forwarding (id, forwarded_seq) values (1, 0);

-- The mark never moves back: moving it back would send events again, and is no way to skip them either.
create function audit_forwarding_forward_only() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.id = old.id and new.forwarded_seq >= old.forwarded_seq then
        return new;
    end if;
    raise exception 'audit_forwarding.forwarded_seq only moves forward and the row is never removed'
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_forwarding_forward_only
    before update or delete on audit_forwarding
    for each row execute function audit_forwarding_forward_only();
