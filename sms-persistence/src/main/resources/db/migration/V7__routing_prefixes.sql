-- The prefix table of original allocations (issue 4, item 1), editable by system administrators. It is
-- seeded from DOMAIN.md by the platform the first time it starts (version 0 = not seeded yet); every
-- edit moves the version, and each instance swaps in the new table when it sees a newer version.
create table routing_prefix (
    prefix     varchar(8)  primary key check (prefix ~ '^09[0-9]{2,6}$'),
    carrier    varchar(3)  not null check (carrier in ('CHT', 'TWM', 'FET')),
    updated_at timestamptz not null default now(),
    updated_by bigint references account (id)
);

create table routing_prefix_version (
    id      smallint primary key check (id = 1),
    version bigint   not null
);
insert into routing_prefix_version (id, version) values (1, 0);
