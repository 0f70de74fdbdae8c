-- +goose Up
-- Background jobs (bulk ticket changes, merges): the request's input is kept until the job
-- finishes, so a job accepted is resumed after a restart; finished jobs are purged a day
-- after they were created. A worker holds a job by its lease; a lease that ran out (the
-- worker's process died) lets another worker resume the job.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  total BIGINT NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  input TEXT NOT NULL,
  attempts BIGINT NOT NULL DEFAULT 0,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_pending ON jobs(created_at, id) WHERE finished_at IS NULL;
CREATE INDEX jobs_created ON jobs(created_at, id);
CREATE INDEX jobs_user ON jobs(user_id, created_at, id);

-- One row per item a job has finished, written in the same transaction as the item's
-- change, so a resumed job skips exactly the items already done.
CREATE TABLE job_results (
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  idx BIGINT NOT NULL,
  item_id BIGINT,
  action TEXT NOT NULL,
  success BOOLEAN NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job_id, idx)
);

-- Counting the tickets that are not deleted reads two indexes (all tickets, less the
-- deleted ones) instead of every row.
CREATE INDEX tickets_deleted ON tickets(deleted_at) WHERE deleted_at IS NOT NULL;

-- +goose Down
DROP INDEX tickets_deleted;
DROP TABLE job_results;
DROP TABLE jobs;
