package frontdesk

import "time"

// Session is a signed-in browser of the agents' UI or the customers' portal, named by
// the secret in its cookie. Only the secret's SHA-256 is stored, so a copy of the
// database signs nobody in.
type Session struct {
	ID         int64
	UserID     int64
	Hash       []byte
	Address    string // the client address at sign-in
	UserAgent  string
	CreatedAt  time.Time
	LastSeenAt time.Time // the idle timeout runs from here
	ExpiresAt  time.Time // the absolute end, however active the session is
}
