-- +goose Up
-- Times are Unix microseconds (INTEGER) on both dialects: one scan path, exact keyset
-- pagination, and a stamp fine enough for optimistic concurrency. Tags are stored
-- space-separated (normalized tags hold no spaces); ticket_tags indexes them.
CREATE TABLE brands (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  subdomain TEXT NOT NULL UNIQUE,
  host_mapping TEXT NOT NULL DEFAULT '',
  support_address TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  domain_names TEXT NOT NULL DEFAULT '',
  shared_tickets INTEGER NOT NULL DEFAULT 0,
  group_id INTEGER REFERENCES groups(id),
  tags TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  external_id TEXT UNIQUE,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX organizations_updated ON organizations(updated_at, id);

-- One row per domain so a new user's email finds its organization by index.
CREATE TABLE organization_domains (
  domain TEXT PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  email TEXT UNIQUE,
  role TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT '',
  time_zone TEXT NOT NULL DEFAULT '',
  organization_id INTEGER REFERENCES organizations(id),
  default_group_id INTEGER REFERENCES groups(id),
  tags TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '',
  external_id TEXT UNIQUE,
  suspended INTEGER NOT NULL DEFAULT 0,
  password_hash TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX users_organization ON users(organization_id);
CREATE INDEX users_role ON users(role, id);
CREATE INDEX users_updated ON users(updated_at, id);

CREATE TABLE user_identities (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  value TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0,
  verified INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (type, value)
);
CREATE INDEX user_identities_user ON user_identities(user_id);

CREATE TABLE group_memberships (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  is_default INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (user_id, group_id)
);
CREATE INDEX group_memberships_group ON group_memberships(group_id);

CREATE TABLE ticket_fields (
  id INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1,
  required INTEGER NOT NULL DEFAULT 0,
  pattern TEXT NOT NULL DEFAULT '',
  tag TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY,
  external_id TEXT,
  subject TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  status INTEGER NOT NULL,
  priority INTEGER NOT NULL DEFAULT 0,
  type TEXT NOT NULL DEFAULT '',
  requester_id INTEGER NOT NULL REFERENCES users(id),
  submitter_id INTEGER NOT NULL REFERENCES users(id),
  assignee_id INTEGER REFERENCES users(id),
  group_id INTEGER REFERENCES groups(id),
  organization_id INTEGER REFERENCES organizations(id),
  brand_id INTEGER NOT NULL REFERENCES brands(id),
  problem_id INTEGER REFERENCES tickets(id),
  followup_source_id INTEGER REFERENCES tickets(id),
  due_at INTEGER,
  tags TEXT NOT NULL DEFAULT '',
  custom_fields TEXT NOT NULL DEFAULT '{}',
  collaborator_ids TEXT NOT NULL DEFAULT '',
  follower_ids TEXT NOT NULL DEFAULT '',
  email_cc_ids TEXT NOT NULL DEFAULT '',
  via_channel TEXT NOT NULL,
  via_source TEXT NOT NULL DEFAULT '{}',
  language TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  solved_at INTEGER,
  status_updated_at INTEGER NOT NULL,
  deleted_at INTEGER
);
-- The agents' queue: unsolved tickets of a group, newest activity first, by keyset.
CREATE INDEX tickets_unsolved_group ON tickets(group_id, updated_at, id) WHERE status < 5 AND deleted_at IS NULL;
CREATE INDEX tickets_unsolved_assignee ON tickets(assignee_id, updated_at, id) WHERE status < 5 AND deleted_at IS NULL;
CREATE INDEX tickets_status ON tickets(status, updated_at, id);
CREATE INDEX tickets_updated ON tickets(updated_at, id);
CREATE INDEX tickets_requester ON tickets(requester_id, updated_at);
CREATE INDEX tickets_organization ON tickets(organization_id, updated_at);
CREATE INDEX tickets_problem ON tickets(problem_id) WHERE problem_id IS NOT NULL;
CREATE INDEX tickets_external_id ON tickets(external_id) WHERE external_id IS NOT NULL;

CREATE TABLE ticket_tags (
  tag TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  PRIMARY KEY (tag, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_tags_ticket ON ticket_tags(ticket_id);

-- Who else is on a ticket: collaborators, followers and email CCs, for "tickets I'm
-- copied on" lookups.
CREATE TABLE ticket_users (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, role, ticket_id)
) WITHOUT ROWID;
CREATE INDEX ticket_users_ticket ON ticket_users(ticket_id);

CREATE TABLE audits (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  author_id INTEGER NOT NULL REFERENCES users(id),
  via_channel TEXT NOT NULL,
  via_source TEXT NOT NULL DEFAULT '{}',
  events TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX audits_ticket ON audits(ticket_id, id);
CREATE INDEX audits_created ON audits(created_at, id);

CREATE TABLE comments (
  id INTEGER PRIMARY KEY,
  ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  audit_id INTEGER NOT NULL REFERENCES audits(id),
  author_id INTEGER NOT NULL REFERENCES users(id),
  public INTEGER NOT NULL,
  body TEXT NOT NULL,
  html_body TEXT NOT NULL DEFAULT '',
  via_channel TEXT NOT NULL,
  via_source TEXT NOT NULL DEFAULT '{}',
  created_at INTEGER NOT NULL
);
CREATE INDEX comments_ticket ON comments(ticket_id, id);

CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  comment_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
  token TEXT NOT NULL UNIQUE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX attachments_comment ON attachments(comment_id);

CREATE TABLE ticket_metrics (
  ticket_id INTEGER PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  replies INTEGER NOT NULL DEFAULT 0,
  reopens INTEGER NOT NULL DEFAULT 0,
  assignee_stations INTEGER NOT NULL DEFAULT 0,
  group_stations INTEGER NOT NULL DEFAULT 0,
  first_reply_seconds INTEGER NOT NULL DEFAULT -1,
  full_resolution_seconds INTEGER NOT NULL DEFAULT -1,
  agent_wait_seconds INTEGER NOT NULL DEFAULT 0,
  requester_wait_seconds INTEGER NOT NULL DEFAULT 0,
  on_hold_seconds INTEGER NOT NULL DEFAULT 0,
  initially_assigned_at INTEGER,
  assigned_at INTEGER,
  solved_at INTEGER,
  latest_comment_added_at INTEGER,
  requester_updated_at INTEGER,
  assignee_updated_at INTEGER,
  status_updated_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Side effects (email, webhooks, chat replies) written in the change's transaction and
-- delivered by workers, at least once.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ticket_id INTEGER,
  payload TEXT NOT NULL,
  run_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  done_at INTEGER
);
CREATE INDEX outbox_due ON outbox(run_at, id) WHERE done_at IS NULL;

CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name TEXT NOT NULL DEFAULT '',
  token_hash BLOB NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER,
  revoked_at INTEGER
);
CREATE INDEX api_tokens_user ON api_tokens(user_id);

-- Full-text search. Contentless (content='') so the index stores no second copy of the
-- text, with contentless_delete so rows can be replaced by rowid. Ticket rows are keyed
-- by comment id and hold text stemmed in Go (subject only on the first comment's row);
-- user and organization rows are keyed by their ids.
CREATE VIRTUAL TABLE ticket_fts USING fts5(subject, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE user_fts USING fts5(name, email, notes, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE organization_fts USING fts5(name, domains, notes, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2');

-- User and organization text is indexed unstemmed (names and addresses), kept in step
-- by triggers so every writer updates it in the same transaction.
-- +goose StatementBegin
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN
  INSERT INTO user_fts (rowid, name, email, notes) VALUES (new.id, new.name, coalesce(new.email, ''), new.notes);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_fts_update AFTER UPDATE OF name, email, notes ON users BEGIN
  DELETE FROM user_fts WHERE rowid = old.id;
  INSERT INTO user_fts (rowid, name, email, notes) VALUES (new.id, new.name, coalesce(new.email, ''), new.notes);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN
  DELETE FROM user_fts WHERE rowid = old.id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_fts_insert AFTER INSERT ON organizations BEGIN
  INSERT INTO organization_fts (rowid, name, domains, notes) VALUES (new.id, new.name, new.domain_names, new.notes);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_fts_update AFTER UPDATE OF name, domain_names, notes ON organizations BEGIN
  DELETE FROM organization_fts WHERE rowid = old.id;
  INSERT INTO organization_fts (rowid, name, domains, notes) VALUES (new.id, new.name, new.domain_names, new.notes);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER organizations_fts_delete AFTER DELETE ON organizations BEGIN
  DELETE FROM organization_fts WHERE rowid = old.id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE organization_fts;
DROP TABLE user_fts;
DROP TABLE ticket_fts;
DROP TABLE api_tokens;
DROP TABLE outbox;
DROP TABLE ticket_metrics;
DROP TABLE attachments;
DROP TABLE comments;
DROP TABLE audits;
DROP TABLE ticket_users;
DROP TABLE ticket_tags;
DROP TABLE tickets;
DROP TABLE ticket_fields;
DROP TABLE group_memberships;
DROP TABLE user_identities;
DROP TABLE users;
DROP TABLE organization_domains;
DROP TABLE organizations;
DROP TABLE groups;
DROP TABLE brands;
