package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxStatements bounds each pool's prepared statements; queries past it (rare shapes of
// dynamic filters) run unprepared.
const maxStatements = 256

// stmtCache keeps prepared statements for SQLite, where parsing SQL was a third of the
// single writer's time. One pool of statements per *sql.DB (writer, readers).
type stmtCache struct {
	mu    sync.Mutex
	pools map[*sql.DB]*pool
}

// pool is the prepared statements of one *sql.DB.
type pool struct {
	db      *sql.DB
	mu      sync.RWMutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool // seen inside a transaction, to prepare after it
}

// on returns the statements of db; nil (no caching) when the cache is nil.
func (c *stmtCache) on(db *sql.DB) *pool {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pools == nil {
		c.pools = map[*sql.DB]*pool{}
	}
	p := c.pools[db]
	if p == nil {
		p = &pool{db: db, stmts: map[string]*sql.Stmt{}}
		c.pools[db] = p
	}
	return p
}

// get returns the prepared statement for query, preparing it on first use; nil when it
// can't be prepared yet or the pool is full, so the caller runs the query directly.
// Inside a transaction nothing is prepared on the pool: on SQLite's single writer
// connection, which the transaction holds, that would wait forever. Such queries are
// prepared by flush once the transaction has ended.
func (p *pool) get(ctx context.Context, query string, inTx bool) *sql.Stmt {
	p.mu.RLock()
	st := p.stmts[query]
	p.mu.RUnlock()
	if st != nil {
		return st
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if st = p.stmts[query]; st != nil || len(p.stmts) >= maxStatements {
		return st
	}
	if inTx {
		if p.pending == nil {
			p.pending = map[string]bool{}
		}
		p.pending[query] = true
		return nil
	}
	st, err := p.db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	p.stmts[query] = st
	return st
}

// flush prepares the queries first seen inside a transaction; call it when none of the
// caller's is open. Preparing waits for a connection, which another goroutine's
// transaction may hold while it needs this pool, so no lock is held meanwhile.
func (p *pool) flush(ctx context.Context) {
	if p == nil {
		return
	}
	p.mu.Lock()
	queries := make([]string, 0, len(p.pending))
	for q := range p.pending {
		queries = append(queries, q)
	}
	clear(p.pending)
	p.mu.Unlock()
	for _, q := range queries {
		st, err := p.db.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		p.mu.Lock()
		if p.stmts[q] == nil && len(p.stmts) < maxStatements {
			p.stmts[q], st = st, nil
		}
		p.mu.Unlock()
		if st != nil {
			st.Close() // another goroutine prepared it first, or the pool is full
		}
	}
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range c.pools {
		for _, st := range p.stmts {
			st.Close()
		}
	}
}
