-- Portal reads of large jobs (issue 8, R12.2; measured by ./sms bench portal, docs/benchmarks.md "portal").
-- A job page counts the job's messages per state, per carrier and state, and reads the times of its last
-- submission and final state: three passes over every message of the job. Through message_job_idx
-- (job_id, seq) each pass fetched every heap row (200,000 random reads for a job of 200,000, 0.5–0.8 s each,
-- a job page 1.5–2.5 s alone). This index answers all three from the index alone (index-only scans once the
-- partition is vacuumed, as settled history is) and pages a job in recipient order like message_job_idx.
-- Its key is deliberately (job_id, seq), not (job_id, accepted_at, ...): with accepted_at in the key the
-- planner's generic plans (PgJDBC prepares server-side after five executions) preferred it for every join
-- of message to send_job and sorted whole jobs (measured: a records search by number 6.5 s, a page of a
-- job's messages 150 ms instead of 0.1 ms).
-- The cost: one more index entry per message row version; message updates are already non-HOT
-- (message_unsettled_idx covers state), so no HOT update is lost.
create index message_job_counts_idx on message (job_id, seq)
    include (accepted_at, state, carrier, submitted_at, final_at, delivered_segments);
