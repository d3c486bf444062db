-- A person's repeated submission (a double click in the portal, a script retrying with the same key) is
-- one job: the key is unique per agency and account when no API client is involved. API clients keep
-- send_job_idempotency_uq (agency, client, key), which does not cover a null client.
create unique index send_job_account_idempotency_uq on send_job (agency_id, account_id, idempotency_key)
    where api_client_id is null and account_id is not null and idempotency_key is not null;
