-- Audit trail (R5.3; R9.2 high baseline: audit and integrity). Every login, failed login, read of
-- records, export, change and approval leaves one event: who, role, agency, action, target, time,
-- source address, outcome. Events are kept at least six months (R9.4); nothing here ever deletes them.
--
-- Append-only and hash-chained: the application (AuditLog) numbers events gaplessly under a lock on
-- audit_chain_head and stores hash = SHA-256(prev_hash || canonical encoding of seq and every field),
-- so any edited, removed or inserted event breaks the chain from that point and the verification
-- command (AuditChainCheck) names the first broken event.
--
-- No foreign keys on purpose: an event must outlive the account, group and agency it names, and an
-- audit write must never fail because the thing it describes has just been deleted.

create table audit_event (
    seq            bigint        primary key check (seq > 0),
    occurred_at    timestamptz   not null,
    actor_kind     varchar(12)   not null check (actor_kind in ('USER', 'API_CLIENT', 'SYSTEM', 'ANONYMOUS')),
    actor_id       bigint,
    actor_name     varchar(100)  not null,
    role           varchar(16)   check (role in ('USER', 'GROUP_ADMIN', 'MODA_ADMIN', 'SYSTEM_ADMIN',
                                     'API_CLIENT', 'SYSTEM')),
    agency_id      bigint,
    group_id       bigint,
    action         varchar(40)   not null,
    target         varchar(300),
    source_address varchar(45),
    outcome        varchar(8)    not null check (outcome in ('SUCCESS', 'FAILURE', 'DENIED')),
    detail         varchar(1000),
    prev_hash      bytea         not null check (octet_length(prev_hash) = 32),
    hash           bytea         not null check (octet_length(hash) = 32)
);
comment on table audit_event is 'Append-only, hash-chained audit trail (R5.3, R9.2). Never updated or deleted.';
comment on column audit_event.seq is 'Chain order, assigned gaplessly by the appender under the audit_chain_head lock.';
comment on column audit_event.actor_name is 'Username, API client id, ''system'', or the name tried in a failed login.';
comment on column audit_event.hash is 'SHA-256(prev_hash || canonical encoding of seq and every column above).';

-- Searches are "what happened in this period", within an agency, by a person or of a kind.
create index audit_event_time_idx on audit_event (occurred_at);
create index audit_event_agency_idx on audit_event (agency_id, occurred_at);
create index audit_event_actor_idx on audit_event (actor_id, occurred_at);
create index audit_event_action_idx on audit_event (action, occurred_at);

-- The end of the chain. Appenders lock this one row (select ... for update), so events are numbered
-- without gaps or duplicates across all instances of a deployment group; it also lets verification
-- notice events removed from the end of the chain.
create table audit_chain_head (
    id        smallint primary key check (id = 1),
    last_seq  bigint   not null check (last_seq >= 0),
    last_hash bytea    not null check (octet_length(last_hash) = 32)
);
comment on table audit_chain_head is 'Last sequence number and hash of the audit chain; one row, moved forward one event at a time.';
insert into audit_chain_head (id, last_seq, last_hash) values (1, 0, decode(repeat('00', 32), 'hex'));

-- The triggers below stop the application, an operator's mistaken statement or a careless script from
-- changing history. They are not the security boundary: a role that owns the table can disable them
-- (or set session_replication_role = replica). That is what the hash chain is for: such tampering
-- still breaks the chain and the verification command reports it. In production the tables should be
-- owned by a role other than the application's, which is granted only SELECT and INSERT on
-- audit_event and SELECT and UPDATE on audit_chain_head.
create function audit_event_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'audit_event is append-only'
        using errcode = 'insufficient_privilege',
              hint = 'Audit events are never changed or removed (R5.3); see V5__audit_trail.sql.';
end;
$$;

create trigger audit_event_no_update_delete
    before update or delete on audit_event
    for each row execute function audit_event_append_only();

-- TRUNCATE fires no row triggers, so it needs a statement trigger of its own.
create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_append_only();

-- The head only moves forward, one event at a time, and is never removed: resetting it is the other
-- half of cutting events off the end of the chain.
create function audit_chain_head_forward_only() returns trigger
language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        if new.id = old.id and new.last_seq = old.last_seq + 1 then
            return new;
        end if;
    end if;
    raise exception 'audit_chain_head only moves forward one event at a time'
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_chain_head_forward_only
    before update or delete on audit_chain_head
    for each row execute function audit_chain_head_forward_only();

create trigger audit_chain_head_no_truncate
    before truncate on audit_chain_head
    for each statement execute function audit_chain_head_forward_only();
