package api

import (
	"crypto/sha256"
	"sync"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// Token checks are cached: reading the token's owner was a fifth of the server's time
// on a ticket show. An entry is dropped:
//
//   - at once when this process commits a change to any user or API token (a revoked
//     token, a deleted, suspended or demoted user: store.DB.UsersVersion moves), and
//   - tokenCacheTTL after it was read, which bounds how long a change made by another
//     process is missed: another node sharing PostgreSQL, or the CLI's "token revoke"
//     and user commands run beside a server on its SQLite file.
//
// Entries are keyed by the SHA-256 of the secret, never the secret itself, and only
// successful checks are kept, so a wrong token costs a query as before.
const (
	tokenCacheTTL  = time.Second
	tokenCacheSize = 4096 // tokens in use at once; past it an arbitrary one is dropped
)

// tokenCache maps a token's hash to its owner, as last read from the database.
type tokenCache struct {
	mu      sync.RWMutex
	entries map[[sha256.Size]byte]tokenEntry
}

type tokenEntry struct {
	user    *fd.User // handed out as clones: requests may change theirs
	tokenID int64
	version uint64    // store.DB.UsersVersion before the read
	read    time.Time // when it was read, by the API's clock
}

// get returns the owner of the token with this hash and the token's id, when an entry
// read at version is younger than tokenCacheTTL at now. The user is the caller's own
// copy.
func (c *tokenCache) get(hash [sha256.Size]byte, version uint64, now time.Time) (*fd.User, int64, bool) {
	c.mu.RLock()
	e, ok := c.entries[hash]
	c.mu.RUnlock()
	if age := now.Sub(e.read); !ok || e.version != version || age < 0 || age >= tokenCacheTTL {
		return nil, 0, false
	}
	return e.user.Clone(), e.tokenID, true
}

// put keeps an owner read at version (taken before the read) at now. It keeps a copy,
// so the caller may go on using u.
func (c *tokenCache) put(hash [sha256.Size]byte, u *fd.User, tokenID int64, version uint64, now time.Time) {
	kept := u.Clone()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[[sha256.Size]byte]tokenEntry{}
	}
	if _, ok := c.entries[hash]; !ok && len(c.entries) >= tokenCacheSize {
		for k := range c.entries {
			delete(c.entries, k)
			break
		}
	}
	c.entries[hash] = tokenEntry{user: kept, tokenID: tokenID, version: version, read: now}
}
