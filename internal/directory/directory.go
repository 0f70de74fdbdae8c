// Package directory keeps the people and structure of a help desk: users and their
// identities, organizations, groups and memberships, brands, and API tokens. Its rules
// (one primary email, organizations claiming new users by email domain) live here once;
// the ticket service calls them inside its own transactions.
package directory

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/mail"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Directory changes users, organizations, groups, brands and tokens.
type Directory struct {
	db  *store.DB
	now func() time.Time
}

// Options configure New.
type Options struct {
	DB    *store.DB
	Clock func() time.Time // nil means time.Now
}

// New returns a Directory over the database.
func New(opts Options) *Directory {
	now := opts.Clock
	if now == nil {
		now = time.Now
	}
	return &Directory{db: opts.DB, now: func() time.Time { return now().UTC() }}
}

// NewUser is the input for creating a user.
type NewUser struct {
	Name           string
	Email          string
	Role           fd.Role // default end-user
	Locale         string
	TimeZone       string
	OrganizationID int64 // 0: taken from the email's domain when an organization claims it
	Tags           []string
	Notes          string
	ExternalID     string
	PasswordHash   string
	Identities     []fd.Identity // further identities (phone, telegram, slack)
}

// CreateUser creates a user with a primary email identity (when an email is given).
func (d *Directory) CreateUser(ctx context.Context, in NewUser) (*fd.User, error) {
	var u *fd.User
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		u, err = CreateUserTx(ctx, tx, in, d.now())
		return err
	})
	return u, err
}

// CreateUserTx creates a user inside a transaction the caller holds.
func CreateUserTx(ctx context.Context, tx *store.Tx, in NewUser, now time.Time) (*fd.User, error) {
	u, err := checkNewUser(in)
	if err != nil {
		return nil, err
	}
	if u.OrganizationID == 0 && u.Email != "" {
		domain := u.Email[strings.LastIndexByte(u.Email, '@')+1:]
		if u.OrganizationID, err = tx.OrganizationIDByDomain(ctx, domain); err != nil {
			return nil, err
		}
	}
	u.CreatedAt, u.UpdatedAt = now, now
	if err := tx.InsertUser(ctx, u); err != nil {
		if fd.Is(err, fd.Conflict) {
			return nil, fd.Errorf(fd.Conflict, "a user with email %s already exists", u.Email)
		}
		return nil, err
	}
	ids := in.Identities
	if u.Email != "" {
		ids = append([]fd.Identity{{Type: fd.IdentityEmail, Value: u.Email, Primary: true}}, ids...)
	}
	for _, id := range ids {
		id.UserID, id.CreatedAt, id.UpdatedAt = u.ID, now, now
		if err := tx.InsertIdentity(ctx, &id); err != nil {
			return nil, err
		}
	}
	return u, nil
}

func checkNewUser(in NewUser) (*fd.User, error) {
	var p fd.Problems
	u := &fd.User{Name: strings.TrimSpace(in.Name), Role: in.Role, Locale: in.Locale, TimeZone: in.TimeZone,
		OrganizationID: in.OrganizationID, Tags: fd.NormalizeTags(in.Tags), Notes: in.Notes,
		ExternalID: in.ExternalID, PasswordHash: in.PasswordHash}
	if u.Role == "" {
		u.Role = fd.RoleEndUser
	}
	if !u.Role.Valid() {
		p.Add("role", "must be end-user, agent or admin")
	}
	if in.Email != "" {
		email, err := NormalizeEmail(in.Email)
		if err != nil {
			p.Add("email", "%q is not a valid email address", in.Email)
		}
		u.Email = email
	}
	if u.Name == "" {
		u.Name = u.Email
	}
	if u.Name == "" {
		p.Add("name", "can't be blank")
	}
	for _, id := range in.Identities {
		if !id.Type.Valid() || strings.TrimSpace(id.Value) == "" {
			p.Add("identities", "%q %q is not a valid identity", id.Type, id.Value)
		}
	}
	return u, p.Err()
}

// NormalizeEmail checks an address and returns it bare and lower-cased.
func NormalizeEmail(s string) (string, error) {
	a, err := mail.ParseAddress(strings.TrimSpace(s))
	if err != nil || !strings.Contains(a.Address, "@") {
		return "", fd.Errorf(fd.Invalid, "%q is not a valid email address", s)
	}
	return strings.ToLower(a.Address), nil
}

// EnsureUserTx returns the user who owns the email, creating an end-user named name
// when nobody does. Channels use it to turn a sender into a requester.
func EnsureUserTx(ctx context.Context, tx *store.Tx, name, email string, now time.Time) (*fd.User, error) {
	addr, err := NormalizeEmail(email)
	if err != nil {
		return nil, err
	}
	u, err := tx.UserByIdentity(ctx, fd.IdentityEmail, addr)
	if !fd.Is(err, fd.NotFound) {
		return u, err
	}
	return CreateUserTx(ctx, tx, NewUser{Name: name, Email: addr}, now)
}

// CreateOrganization creates an organization; its domains claim new users' emails.
func (d *Directory) CreateOrganization(ctx context.Context, o fd.Organization) (*fd.Organization, error) {
	if err := checkOrganization(&o); err != nil {
		return nil, err
	}
	o.CreatedAt, o.UpdatedAt = d.now(), d.now()
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		if err := checkOrganizationRefs(ctx, tx, &o); err != nil {
			return err
		}
		return tx.InsertOrganization(ctx, &o)
	})
	return &o, err
}

// CreateGroup creates a group of agents.
func (d *Directory) CreateGroup(ctx context.Context, g fd.Group) (*fd.Group, error) {
	g.Name = strings.TrimSpace(g.Name)
	if g.Name == "" {
		return nil, fd.InvalidField("name", "can't be blank")
	}
	g.CreatedAt, g.UpdatedAt = d.now(), d.now()
	err := d.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertGroup(ctx, &g) })
	return &g, err
}

// AddMember puts an agent or admin in a group; the first membership is the default.
func (d *Directory) AddMember(ctx context.Context, userID, groupID int64) (*fd.GroupMembership, error) {
	var m *fd.GroupMembership
	err := d.db.Write(ctx, func(tx *store.Tx) (err error) {
		m, err = d.AddMemberTx(ctx, tx, userID, groupID)
		return err
	})
	return m, err
}

// AddMemberTx is AddMember inside a transaction the caller holds. An error leaves tx
// fit only for rollback.
func (d *Directory) AddMemberTx(ctx context.Context, tx *store.Tx, userID, groupID int64) (*fd.GroupMembership, error) {
	now := d.now()
	m := fd.GroupMembership{UserID: userID, GroupID: groupID, CreatedAt: now, UpdatedAt: now}
	u, err := checkMember(ctx, tx, userID, groupID)
	if err != nil {
		return nil, err
	}
	existing, err := tx.GroupIDsOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	m.Default = len(existing) == 0
	if err := tx.InsertMembership(ctx, &m); err != nil {
		if fd.Is(err, fd.Conflict) {
			return nil, fd.Errorf(fd.Conflict, "user %d is already in group %d", userID, groupID)
		}
		return nil, err
	}
	if m.Default {
		u.DefaultGroupID, u.UpdatedAt = groupID, now
		if err := tx.UpdateUser(ctx, u); err != nil {
			return nil, err
		}
	}
	return &m, nil
}

// CreateBrand creates a brand; the first brand is the default.
func (d *Directory) CreateBrand(ctx context.Context, b fd.Brand) (*fd.Brand, error) {
	b.Active, b.Default = true, false
	return d.AddBrand(ctx, b)
}

// CreateToken makes a new API token for the user with this email and returns the
// secret, which is shown once: only its SHA-256 hash is stored, so checking a token
// costs a hash and an index lookup, not a password hash.
func (d *Directory) CreateToken(ctx context.Context, email, name string) (string, *fd.APIToken, error) {
	u, err := d.db.Read().UserByIdentity(ctx, fd.IdentityEmail, email)
	if err != nil {
		return "", nil, err
	}
	if !u.Role.IsStaff() {
		return "", nil, fd.Errorf(fd.Forbidden, "API tokens are for agents and admins; %s is an end-user", email)
	}
	raw := make([]byte, 30)
	if _, err := rand.Read(raw); err != nil {
		return "", nil, err
	}
	secret := base64.RawURLEncoding.EncodeToString(raw)
	t := fd.APIToken{UserID: u.ID, Name: name, Hash: HashToken(secret), CreatedAt: d.now()}
	err = d.db.Write(ctx, func(tx *store.Tx) error { return tx.InsertToken(ctx, &t) })
	return secret, &t, err
}

// HashToken is how an API token is stored and looked up.
func HashToken(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// SearchUsers finds users by words of their name, email or notes (each word matching as
// a prefix), best first.
func (d *Directory) SearchUsers(ctx context.Context, query string, limit int) ([]*fd.User, error) {
	conn := d.db.Read()
	ids, err := conn.SearchUsers(ctx, strings.Fields(query), limit)
	return byIDs(ctx, ids, err, conn.User)
}

// SearchOrganizations finds organizations by words of their name, domains or notes
// (each word matching as a prefix), best first.
func (d *Directory) SearchOrganizations(ctx context.Context, query string, limit int) ([]*fd.Organization, error) {
	conn := d.db.Read()
	ids, err := conn.SearchOrganizations(ctx, strings.Fields(query), limit)
	return byIDs(ctx, ids, err, conn.Organization)
}

// byIDs loads the records of ids in their order.
func byIDs[T any](ctx context.Context, ids []int64, err error, get func(context.Context, int64) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	out := make([]T, 0, len(ids))
	for _, id := range ids {
		v, err := get(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
