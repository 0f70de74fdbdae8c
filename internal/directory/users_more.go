package directory

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// UserChange is a change to a user; nil fields stay as they are. An Email that is not
// yet the user's is added as an identity: it becomes the primary email only when the
// user has none (use MakePrimary to switch), as in Zendesk.
type UserChange struct {
	Name              *string
	Email             *string
	Role              *fd.Role
	Locale            *string
	TimeZone          *string
	OrganizationID    *int64 // 0 leaves the organization
	DefaultGroupID    *int64 // a group the agent belongs to; 0 for none
	Tags              *[]string
	Notes             *string
	Details           *string
	ExternalID        *string // "" clears it
	Suspended         *bool
	TicketRestriction *fd.TicketRestriction
}

// UserMatch names the user a create-or-update is about: the external id wins over the
// email, both compared without regard to case.
type UserMatch struct {
	ExternalID string
	Email      string
}

// LiveUser returns a user who has not been deleted.
func (d *Directory) LiveUser(ctx context.Context, id int64) (*fd.User, error) {
	return liveUser(ctx, d.db.Read(), id)
}

func liveUser(ctx context.Context, c *store.Conn, id int64) (*fd.User, error) {
	u, err := c.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if !u.Active() {
		return nil, fd.ErrNotFound("user", id)
	}
	return u, nil
}

// FindUser returns the live user the match names, or nil when there is none.
func (d *Directory) FindUser(ctx context.Context, m UserMatch) (*fd.User, error) {
	return findUser(ctx, d.db.Read(), m)
}

func findUser(ctx context.Context, c *store.Conn, m UserMatch) (*fd.User, error) {
	if ext := strings.TrimSpace(m.ExternalID); ext != "" {
		list, err := c.UsersByExternalIDs(ctx, []string{ext})
		if err != nil || len(list) > 0 {
			if len(list) > 0 {
				return list[0], err
			}
			return nil, err
		}
	}
	if m.Email == "" {
		return nil, nil
	}
	addr, err := NormalizeEmail(m.Email)
	if err != nil {
		return nil, fd.InvalidField("email", "%q is not a valid email address", m.Email)
	}
	u, err := c.UserByIdentity(ctx, fd.IdentityEmail, addr)
	if fd.Is(err, fd.NotFound) {
		return nil, nil
	}
	return u, err
}

// CreateUserWith creates a user like CreateUser, then applies the fields NewUser does
// not carry (details, suspension, ticket restriction, default group); verified marks
// the new identities verified. A taken email or external id is an invalid field.
func (d *Directory) CreateUserWith(ctx context.Context, in NewUser, rest UserChange, verified bool) (*fd.User, error) {
	var u *fd.User
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		u, err = d.CreateUserWithTx(ctx, tx, in, rest, verified)
		return err
	})
	return u, err
}

// CreateUserWithTx is CreateUserWith inside a transaction the caller holds, so the
// caller's own rows (a background job's result) commit with the new user or not at all.
// An error leaves tx fit only for rollback.
func (d *Directory) CreateUserWithTx(ctx context.Context, tx *store.Tx, in NewUser, rest UserChange, verified bool) (*fd.User, error) {
	return createUserTx(ctx, tx, in, rest, verified, d.now())
}

func createUserTx(ctx context.Context, tx *store.Tx, in NewUser, rest UserChange, verified bool, now time.Time) (*fd.User, error) {
	var p fd.Problems
	if in.Email != "" {
		if addr, err := NormalizeEmail(in.Email); err == nil {
			if _, err := tx.IdentityByValue(ctx, fd.IdentityEmail, addr); err == nil {
				p.Add("email", "%s is already being used by another user", addr)
			} else if !fd.Is(err, fd.NotFound) {
				return nil, err
			}
		}
	} else if in.Role.IsStaff() {
		p.Add("email", "is required for agents and admins, who sign in with it")
	}
	in.ExternalID = strings.TrimSpace(in.ExternalID)
	if in.ExternalID != "" {
		if err := checkExternalID(ctx, &tx.Conn, in.ExternalID, 0, &p); err != nil {
			return nil, err
		}
	}
	if in.OrganizationID != 0 {
		if ok, err := tx.Exists(ctx, "organizations", in.OrganizationID); err != nil {
			return nil, err
		} else if !ok {
			p.Add("organization_id", "%d is not an organization", in.OrganizationID)
		}
	}
	for _, id := range in.Identities {
		if id.Type == fd.IdentityEmail {
			p.Add("identities", "add further email addresses after creating the user")
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	u, err := CreateUserTx(ctx, tx, in, now)
	if err != nil {
		return nil, err
	}
	if rest != (UserChange{}) {
		if u, err = applyChange(ctx, tx, u, rest, now); err != nil {
			return nil, err
		}
	}
	if verified {
		ids, err := tx.Identities(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			id.Verified, id.UpdatedAt = true, now
			if err := tx.UpdateIdentity(ctx, &id); err != nil {
				return nil, err
			}
		}
	}
	return u, nil
}

// CreateOrUpdateUser updates the live user the match names, or creates one when there
// is none; it reports whether it created. allow vets the change first: it gets the user
// to be updated, or nil for a creation.
func (d *Directory) CreateOrUpdateUser(ctx context.Context, m UserMatch, in NewUser, ch UserChange, verified bool,
	allow func(existing *fd.User) error) (u *fd.User, created bool, err error) {
	err = d.db.Write(ctx, func(tx *store.Tx) error {
		u, created, err = d.CreateOrUpdateUserTx(ctx, tx, m, in, ch, verified, allow)
		return err
	})
	return u, created, err
}

// CreateOrUpdateUserTx is CreateOrUpdateUser inside a transaction the caller holds. An
// error leaves tx fit only for rollback.
func (d *Directory) CreateOrUpdateUserTx(ctx context.Context, tx *store.Tx, m UserMatch, in NewUser, ch UserChange, verified bool,
	allow func(existing *fd.User) error) (*fd.User, bool, error) {
	existing, err := findUser(ctx, &tx.Conn, m)
	if err != nil {
		return nil, false, err
	}
	if err := allow(existing); err != nil {
		return nil, false, err
	}
	if existing == nil {
		u, err := createUserTx(ctx, tx, in, ch, verified, d.now())
		return u, true, err
	}
	if ext := strings.TrimSpace(m.ExternalID); ext != "" && strings.EqualFold(ext, existing.ExternalID) {
		ch.ExternalID = &ext // Zendesk keeps the case the caller used
	}
	locked, err := tx.UserForUpdate(ctx, existing.ID)
	if err != nil {
		return nil, false, err
	}
	u, err := applyChange(ctx, tx, locked, ch, d.now())
	return u, false, err
}

// UpdateUser applies a change to a live user.
func (d *Directory) UpdateUser(ctx context.Context, id int64, ch UserChange) (*fd.User, error) {
	var u *fd.User
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.UserForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if !cur.Active() {
			return fd.ErrNotFound("user", id)
		}
		u, err = applyChange(ctx, tx, cur, ch, d.now())
		return err
	})
	return u, err
}

// applyChange checks a change against u, then stores it. A user made an end-user leaves
// their groups and loses their API tokens and restriction, and is refused while the
// assignee of unsolved tickets (AssigneeError); agents and admins keep an email
// address, which they sign in with. u must be locked (UserForUpdate) or new.
func applyChange(ctx context.Context, tx *store.Tx, u *fd.User, ch UserChange, now time.Time) (*fd.User, error) {
	var p fd.Problems
	wasStaff := u.Role.IsStaff()
	if ch.Name != nil {
		if name := strings.TrimSpace(*ch.Name); name == "" {
			p.Add("name", "can't be blank")
		} else {
			u.Name = name
		}
	}
	if ch.Role != nil {
		if !ch.Role.Valid() {
			p.Add("role", "must be end-user, agent or admin")
		} else {
			u.Role = *ch.Role
		}
	}
	restriction := u.TicketRestriction
	if ch.TicketRestriction != nil {
		restriction = *ch.TicketRestriction
		if !restriction.Valid() {
			p.Add("ticket_restriction", "must be groups, assigned, organization, requested or null")
		}
	}
	switch {
	case u.Role == fd.RoleAdmin && ch.TicketRestriction != nil && restriction != fd.RestrictNone:
		p.Add("ticket_restriction", "does not apply to admins, who see every ticket")
	case u.Role == fd.RoleEndUser && ch.TicketRestriction != nil && restriction != fd.RestrictNone && restriction != fd.RestrictRequested:
		p.Add("ticket_restriction", "of an end-user is requested; an organization shares its tickets with its members through its shared_tickets setting")
	case u.Role == fd.RoleAgent:
		u.TicketRestriction = restriction
	default:
		u.TicketRestriction = fd.RestrictNone
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&u.Locale, ch.Locale}, {&u.TimeZone, ch.TimeZone}, {&u.Notes, ch.Notes}, {&u.Details, ch.Details}} {
		if f.src != nil {
			*f.dst = strings.TrimSpace(*f.src)
		}
	}
	if ch.ExternalID != nil {
		ext := strings.TrimSpace(*ch.ExternalID)
		if ext != "" && !strings.EqualFold(ext, u.ExternalID) {
			if err := checkExternalID(ctx, &tx.Conn, ext, u.ID, &p); err != nil {
				return nil, err
			}
		}
		u.ExternalID = ext
	}
	if ch.OrganizationID != nil && *ch.OrganizationID != u.OrganizationID {
		if id := *ch.OrganizationID; id != 0 {
			if ok, err := tx.Exists(ctx, "organizations", id); err != nil {
				return nil, err
			} else if !ok {
				p.Add("organization_id", "%d is not an organization", id)
			}
		}
		u.OrganizationID = *ch.OrganizationID
	}
	if ch.Tags != nil {
		u.Tags = fd.NormalizeTags(*ch.Tags)
	}
	if ch.Suspended != nil {
		u.Suspended = *ch.Suspended
	}
	newGroup := ch.DefaultGroupID != nil && *ch.DefaultGroupID != u.DefaultGroupID
	if newGroup {
		if id := *ch.DefaultGroupID; id != 0 {
			if ok, err := tx.IsMember(ctx, u.ID, id); err != nil {
				return nil, err
			} else if !ok {
				p.Add("default_group_id", "%d is not a group the user belongs to", id)
			}
		}
		u.DefaultGroupID = *ch.DefaultGroupID
	}
	var addEmail string
	if ch.Email != nil && strings.TrimSpace(*ch.Email) != "" {
		addr, err := NormalizeEmail(*ch.Email)
		if err != nil {
			p.Add("email", "%q is not a valid email address", *ch.Email)
		} else if addr != u.Email {
			owner, err := tx.IdentityByValue(ctx, fd.IdentityEmail, addr)
			switch {
			case err == nil && owner.UserID != u.ID:
				p.Add("email", "%s is already being used by another user", addr)
			case err == nil: // already one of theirs
			case fd.Is(err, fd.NotFound):
				addEmail = addr
			default:
				return nil, err
			}
		}
	}
	if u.Role.IsStaff() && !wasStaff && u.Email == "" && addEmail == "" {
		p.Add("email", "is required for agents and admins, who sign in with it")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if addEmail != "" {
		id := fd.Identity{UserID: u.ID, Type: fd.IdentityEmail, Value: addEmail, Primary: u.Email == "", CreatedAt: now, UpdatedAt: now}
		if err := tx.InsertIdentity(ctx, &id); err != nil {
			return nil, err
		}
		if id.Primary {
			u.Email = addEmail
		}
	}
	if wasStaff && !u.Role.IsStaff() {
		if err := checkUnassigned(ctx, tx, u.ID, 0); err != nil {
			return nil, err
		}
		if err := tx.DeleteMembershipsOf(ctx, u.ID); err != nil {
			return nil, err
		}
		if err := tx.RevokeTokensOf(ctx, u.ID, now); err != nil {
			return nil, err
		}
		u.DefaultGroupID, newGroup = 0, false
	}
	if newGroup && u.DefaultGroupID != 0 {
		if err := tx.MarkDefaultGroup(ctx, u.ID, u.DefaultGroupID, now); err != nil {
			return nil, err
		}
	}
	u.UpdatedAt = now
	if err := tx.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// AssigneeError is the cause of the Conflict a directory change fails with when it
// would leave a user unable to hold tickets (deleted, made an end-user, out of a group,
// or all of a group's members when it is deleted) while they are still the assignee of
// unsolved ones: an unsolved ticket is always assigned to an active agent who may hold
// it. The caller unassigns them through the ticket service, which audits each change
// (ticket.Service.Unassign, with this user and group), and tries again.
type AssigneeError struct {
	UserID  int64 // 0: every assignee of tickets in the group
	GroupID int64 // 0: tickets in any group
}

func (e *AssigneeError) Error() string {
	if e.UserID == 0 {
		return fmt.Sprintf("unsolved tickets in group %d have assignees", e.GroupID)
	}
	if e.GroupID != 0 {
		return fmt.Sprintf("user %d is the assignee of unsolved tickets in group %d", e.UserID, e.GroupID)
	}
	return fmt.Sprintf("user %d is the assignee of unsolved tickets", e.UserID)
}

// checkUnassigned fails with an AssigneeError while the user (anyone, when userID is
// 0) is the assignee of unsolved tickets (in groupID, when set). The caller holds the
// user's row, or the group's members, locked (UserForUpdate, LockGroupMembers), so no
// ticket change can assign one meanwhile.
func checkUnassigned(ctx context.Context, tx *store.Tx, userID, groupID int64) error {
	n, err := tx.CountTickets(ctx, store.AssignedUnsolved(userID, groupID), 1)
	if err != nil || n == 0 {
		return err
	}
	return &fd.Error{Code: fd.Conflict, Message: "unassign the user's unsolved tickets first",
		Err: &AssigneeError{UserID: userID, GroupID: groupID}}
}

// checkExternalID records a problem when another live user (not self) holds ext.
func checkExternalID(ctx context.Context, c *store.Conn, ext string, self int64, p *fd.Problems) error {
	list, err := c.UsersByExternalIDs(ctx, []string{ext})
	if err != nil {
		return err
	}
	for _, o := range list {
		if o.ID != self {
			p.Add("external_id", "%s is already being used by another user", ext)
		}
	}
	return nil
}

// DeleteUser deletes a user the way Zendesk does: the record stays, inactive, so old
// tickets keep its name; its identities, email, external id, password, group
// memberships and API tokens go, so it can neither sign in nor call the API, and its
// addresses are free for someone else. An assignee of unsolved tickets is refused
// (AssigneeError) until they are unassigned; solved and closed tickets keep theirs.
func (d *Directory) DeleteUser(ctx context.Context, id int64) (*fd.User, error) {
	var u *fd.User
	now := d.now()
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		var err error
		if u, err = tx.UserForUpdate(ctx, id); err != nil {
			return err
		}
		if !u.Active() {
			return fd.ErrNotFound("user", id)
		}
		if err := checkUnassigned(ctx, tx, id, 0); err != nil {
			return err
		}
		for _, step := range []func(context.Context, int64) error{tx.DeleteIdentitiesOf, tx.DeleteMembershipsOf} {
			if err := step(ctx, id); err != nil {
				return err
			}
		}
		if err := tx.RevokeTokensOf(ctx, id, now); err != nil {
			return err
		}
		u.Email, u.ExternalID, u.PasswordHash, u.DefaultGroupID = "", "", "", 0
		u.DeletedAt, u.UpdatedAt = now, now
		return tx.UpdateUser(ctx, u)
	})
	return u, err
}

// ChangeUserTags sets (set non-nil), or adds and removes, a live user's tags and returns
// them.
func (d *Directory) ChangeUserTags(ctx context.Context, id int64, set *[]string, add, remove []string) ([]string, error) {
	var tags []string
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		u, err := tx.UserForUpdate(ctx, id)
		if err != nil {
			return err
		}
		if !u.Active() {
			return fd.ErrNotFound("user", id)
		}
		tags = u.Tags
		if set != nil {
			tags = *set
		}
		tags = append(slices.Clone(tags), add...)
		drop := fd.NormalizeTags(remove)
		tags = slices.DeleteFunc(fd.NormalizeTags(tags), func(t string) bool { return slices.Contains(drop, t) })
		u.Tags, u.UpdatedAt = tags, d.now()
		return tx.UpdateUser(ctx, u)
	})
	return tags, err
}

// normalizeIdentity checks an identity's type and value; emails are lower-cased.
func normalizeIdentity(typ fd.IdentityType, value string) (string, error) {
	if !typ.Valid() {
		return "", fd.InvalidField("type", "must be email, phone_number, telegram or slack")
	}
	value = strings.TrimSpace(value)
	if typ == fd.IdentityEmail {
		addr, err := NormalizeEmail(value)
		if err != nil {
			return "", fd.InvalidField("value", "%q is not a valid email address", value)
		}
		return addr, nil
	}
	if value == "" {
		return "", fd.InvalidField("value", "can't be blank")
	}
	return value, nil
}

// checkFree fails when an identity of this type and value exists (other than except).
func checkFree(ctx context.Context, tx *store.Tx, typ fd.IdentityType, value string, userID, except int64) error {
	o, err := tx.IdentityByValue(ctx, typ, value)
	switch {
	case fd.Is(err, fd.NotFound):
		return nil
	case err != nil:
		return err
	case o.ID == except:
		return nil
	case o.UserID == userID:
		return fd.InvalidField("value", "%s is already one of this user's identities", value)
	}
	return fd.InvalidField("value", "%s is already being used by another user", value)
}

// identityTx runs fn on a live, locked user in a write transaction, then stores the
// user (fn may have changed its primary email) with a new updated_at: the identities
// are part of the user, so incremental user exports must send it again.
func (d *Directory) identityTx(ctx context.Context, userID int64, fn func(tx *store.Tx, u *fd.User, now time.Time) error) error {
	return d.db.Write(ctx, func(tx *store.Tx) error {
		u, err := tx.UserForUpdate(ctx, userID)
		if err != nil {
			return err
		}
		if !u.Active() {
			return fd.ErrNotFound("user", userID)
		}
		now := d.now()
		if err := fn(tx, u, now); err != nil {
			return err
		}
		u.UpdatedAt = now
		return tx.UpdateUser(ctx, u)
	})
}

// AddIdentity adds an identity to a live user. The first identity of its type is
// primary; asking for primary makes it so. A primary email becomes the user's email.
func (d *Directory) AddIdentity(ctx context.Context, userID int64, in fd.Identity) (*fd.Identity, error) {
	value, err := normalizeIdentity(in.Type, in.Value)
	if err != nil {
		return nil, err
	}
	id := &fd.Identity{UserID: userID, Type: in.Type, Value: value, Verified: in.Verified, Primary: in.Primary}
	err = d.identityTx(ctx, userID, func(tx *store.Tx, u *fd.User, now time.Time) error {
		if err := checkFree(ctx, tx, id.Type, value, userID, 0); err != nil {
			return err
		}
		list, err := tx.Identities(ctx, userID)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(list, func(i fd.Identity) bool { return i.Type == id.Type }) {
			id.Primary = true
		}
		id.CreatedAt, id.UpdatedAt = now, now
		if id.Primary {
			if err := demotePrimaries(ctx, tx, list, id.Type, now); err != nil {
				return err
			}
		}
		if err := tx.InsertIdentity(ctx, id); err != nil {
			return err
		}
		if id.Primary && id.Type == fd.IdentityEmail {
			u.Email = value
		}
		return nil
	})
	return id, err
}

// demotePrimaries clears the primary flag of the identities of one type.
func demotePrimaries(ctx context.Context, tx *store.Tx, list []fd.Identity, typ fd.IdentityType, now time.Time) error {
	for _, o := range list {
		if o.Type == typ && o.Primary {
			o.Primary, o.UpdatedAt = false, now
			if err := tx.UpdateIdentity(ctx, &o); err != nil {
				return err
			}
		}
	}
	return nil
}

// Identity returns one identity of a user.
func (d *Directory) Identity(ctx context.Context, userID, id int64) (*fd.Identity, error) {
	return d.db.Read().Identity(ctx, userID, id)
}

// Identities returns a user's identities, primary first.
func (d *Directory) Identities(ctx context.Context, userID int64) ([]fd.Identity, error) {
	return d.db.Read().Identities(ctx, userID)
}

// UpdateIdentity changes an identity's value and whether it is verified; a primary
// email's new value becomes the user's email.
func (d *Directory) UpdateIdentity(ctx context.Context, userID, id int64, value *string, verified *bool) (*fd.Identity, error) {
	var out *fd.Identity
	err := d.identityTx(ctx, userID, func(tx *store.Tx, u *fd.User, now time.Time) error {
		i, err := tx.Identity(ctx, userID, id)
		if err != nil {
			return err
		}
		if value != nil {
			v, err := normalizeIdentity(i.Type, *value)
			if err != nil {
				return err
			}
			if err := checkFree(ctx, tx, i.Type, v, userID, i.ID); err != nil {
				return err
			}
			if v != i.Value {
				i.Value = v
				i.Verified = false // a new address is not verified yet
			}
		}
		if verified != nil {
			i.Verified = *verified
		}
		i.UpdatedAt = now
		if err := tx.UpdateIdentity(ctx, i); err != nil {
			return err
		}
		if i.Primary && i.Type == fd.IdentityEmail {
			u.Email = i.Value
		}
		out = i
		return nil
	})
	return out, err
}

// DeleteIdentity removes an identity. When it was primary, the oldest other identity
// of its type takes over; agents and admins keep at least one email address.
func (d *Directory) DeleteIdentity(ctx context.Context, userID, id int64) error {
	return d.identityTx(ctx, userID, func(tx *store.Tx, u *fd.User, now time.Time) error {
		i, err := tx.Identity(ctx, userID, id)
		if err != nil {
			return err
		}
		list, err := tx.Identities(ctx, userID)
		if err != nil {
			return err
		}
		var next *fd.Identity
		for _, o := range list {
			if o.Type == i.Type && o.ID != i.ID && (next == nil || o.ID < next.ID) {
				next = &o
			}
		}
		if i.Type == fd.IdentityEmail && next == nil && u.Role.IsStaff() {
			return fd.InvalidField("identity", "is the last email address of an agent or admin, who sign in with it; add another first")
		}
		if err := tx.DeleteIdentity(ctx, i.ID); err != nil {
			return err
		}
		if !i.Primary {
			return nil
		}
		if i.Type == fd.IdentityEmail {
			u.Email = ""
		}
		if next != nil {
			next.Primary, next.UpdatedAt = true, now
			if err := tx.UpdateIdentity(ctx, next); err != nil {
				return err
			}
			if next.Type == fd.IdentityEmail {
				u.Email = next.Value
			}
		}
		return nil
	})
}

// MakePrimary makes an identity the primary one of its type and returns the user's
// identities; a primary email becomes the user's email.
func (d *Directory) MakePrimary(ctx context.Context, userID, id int64) ([]fd.Identity, error) {
	var out []fd.Identity
	err := d.identityTx(ctx, userID, func(tx *store.Tx, u *fd.User, now time.Time) error {
		i, err := tx.Identity(ctx, userID, id)
		if err != nil {
			return err
		}
		if !i.Primary {
			list, err := tx.Identities(ctx, userID)
			if err != nil {
				return err
			}
			if err := demotePrimaries(ctx, tx, list, i.Type, now); err != nil {
				return err
			}
			i.Primary, i.UpdatedAt = true, now
			if err := tx.UpdateIdentity(ctx, i); err != nil {
				return err
			}
		}
		if i.Type == fd.IdentityEmail {
			u.Email = i.Value
		}
		out, err = tx.Identities(ctx, userID)
		return err
	})
	return out, err
}

// Tokens returns the live API tokens, oldest first.
func (d *Directory) Tokens(ctx context.Context) ([]*fd.APIToken, error) {
	return d.db.Read().Tokens(ctx)
}

// Token returns one API token, revoked or not.
func (d *Directory) Token(ctx context.Context, id int64) (*fd.APIToken, error) {
	return d.db.Read().Token(ctx, id)
}

// RevokeToken revokes an API token: the next request that carries it to this process
// is refused, and to other processes on the database within the API's cache bound.
func (d *Directory) RevokeToken(ctx context.Context, id int64) error {
	return d.db.Write(ctx, func(tx *store.Tx) error { return tx.RevokeToken(ctx, id, d.now()) })
}
