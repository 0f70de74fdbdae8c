package store

import (
	"context"
	"sync"

	fd "github.com/frontdesk/frontdesk"
)

// maxPeople bounds the writer's user cache; past it the cache starts over.
const maxPeople = 50_000

// people caches, for SQLite's single writer, the users its changes look up: nearly
// every ticket change reads its requester and author, and those reads were a sixth of
// the writer's time. It stays exact because this process's writer is the file's only
// writer while a transaction is open: a transaction's own reads go to a pending set
// that joins the cache only at commit (a rolled-back savepoint empties it); an update
// or deletion of users or identities empties the cache (Conn.usersChanged, called by
// every store method that writes them; a new row changes no cached one); and another
// process's commit moves PRAGMA data_version, which each transaction checks first.
type people struct {
	mu      sync.Mutex
	version int64
	byID    map[int64]*fd.User
	byIdent map[string]int64 // type + "\x00" + value → user id
}

// txPeople is one transaction's view of the cache.
type txPeople struct {
	cache   *people
	byID    map[int64]*fd.User
	byIdent map[string]int64
}

// begin starts a transaction's view, first forgetting everything if another
// connection has written since the last transaction.
func (p *people) begin(ctx context.Context, c *Conn) (*txPeople, error) {
	var v int64
	if err := c.queryRow(ctx, "PRAGMA data_version").Scan(&v); err != nil {
		return nil, mapErr(err)
	}
	p.mu.Lock()
	if v != p.version {
		p.version = v
		p.reset()
	}
	p.mu.Unlock()
	return &txPeople{cache: p, byID: map[int64]*fd.User{}, byIdent: map[string]int64{}}, nil
}

func (p *people) reset() {
	p.byID, p.byIdent = map[int64]*fd.User{}, map[string]int64{}
}

// commit makes what the transaction read visible to the next ones.
func (t *txPeople) commit() {
	p := t.cache
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.byID)+len(t.byID) > maxPeople {
		p.reset()
	}
	for id, u := range t.byID {
		p.byID[id] = u
	}
	for k, id := range t.byIdent {
		p.byIdent[k] = id
	}
}

// forgetPending drops what the transaction read, as a savepoint rollback may have
// undone the rows it was read from.
func (t *txPeople) forgetPending() {
	clear(t.byID)
	clear(t.byIdent)
}

// changed forgets every user, cached or pending: one of them was updated or deleted.
func (t *txPeople) changed() {
	t.forgetPending()
	t.cache.mu.Lock()
	t.cache.reset()
	t.cache.mu.Unlock()
}

func (t *txPeople) user(id int64) *fd.User {
	if u := t.byID[id]; u != nil {
		return u.Clone()
	}
	t.cache.mu.Lock()
	defer t.cache.mu.Unlock()
	if u := t.cache.byID[id]; u != nil {
		return u.Clone()
	}
	return nil
}

func (t *txPeople) identity(key string) *fd.User {
	id, ok := t.byIdent[key]
	if !ok {
		t.cache.mu.Lock()
		id, ok = t.cache.byIdent[key]
		t.cache.mu.Unlock()
	}
	if !ok {
		return nil
	}
	return t.user(id)
}

func (t *txPeople) add(key string, u *fd.User) {
	t.byID[u.ID] = u.Clone()
	if key != "" {
		t.byIdent[key] = u.ID
	}
}

// cachedUser reads a user through the writer's cache when c has one; key is the
// identity (type + "\x00" + value) the user is looked up by, "" to look up by id.
func (c *Conn) cachedUser(key string, id int64, read func() (*fd.User, error)) (*fd.User, error) {
	if c.people == nil {
		return read()
	}
	var u *fd.User
	if key != "" {
		u = c.people.identity(key)
	} else {
		u = c.people.user(id)
	}
	if u != nil {
		return u, nil
	}
	u, err := read()
	if err == nil {
		c.people.add(key, u)
	}
	return u, err
}
