-- A completed job's messages counted per carrier and state, kept the first time its page is read
-- (JobTallyStore). A completed job has only final messages, and a final state never changes, so the
-- tally never goes stale; until it is kept, the page counts the job's messages in one pass.
alter table send_job add column tally jsonb;

comment on column send_job.tally is
    'Completed jobs only: [{carrier, state, messages, lastSubmittedAt, lastFinalAt, deliveredSegments}], kept at the first read';
