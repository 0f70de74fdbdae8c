-- +goose Up
-- Background jobs (bulk ticket changes, merges): the request's input is kept until the job
-- finishes, so a job accepted is resumed after a restart; finished jobs are purged a day
-- after they were created. A worker holds a job by its lease; a lease that ran out (the
-- worker's process died) lets another worker resume the job.
CREATE TABLE jobs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  status TEXT NOT NULL,
  total INTEGER NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  input TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lease_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX jobs_pending ON jobs(created_at, id) WHERE finished_at IS NULL;
CREATE INDEX jobs_created ON jobs(created_at, id);
CREATE INDEX jobs_user ON jobs(user_id, created_at, id);

-- One row per item a job has finished, written in the same transaction as the item's
-- change, so a resumed job skips exactly the items already done.
CREATE TABLE job_results (
  job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  item_id INTEGER,
  action TEXT NOT NULL,
  success INTEGER NOT NULL,
  status TEXT NOT NULL,
  error TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job_id, idx)
) WITHOUT ROWID;

-- Counting the tickets that are not deleted reads two indexes (all tickets, less the
-- deleted ones) instead of every row.
CREATE INDEX tickets_deleted ON tickets(deleted_at) WHERE deleted_at IS NOT NULL;

-- +goose Down
DROP INDEX tickets_deleted;
DROP TABLE job_results;
DROP TABLE jobs;
