package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/search"
)

// UserFilter selects a page of users, in id order. Deleted users are never listed.
type UserFilter struct {
	Roles      []fd.Role // any of these; none means every role
	ExternalID string    // this external id, compared without regard to case
	AfterID    int64     // keyset: users with a greater id
	Offset     int       // rows skipped, for offset pagination
	Limit      int
}

func (f *UserFilter) where() (string, []any) {
	where := []string{"deleted_at IS NULL"}
	var args []any
	if len(f.Roles) > 0 {
		where = append(where, "role IN ("+placeholders(len(f.Roles))+")")
		for _, r := range f.Roles {
			args = append(args, string(r))
		}
	}
	if f.ExternalID != "" {
		where = append(where, "lower(external_id) = lower(?)")
		args = append(args, f.ExternalID)
	}
	if f.AfterID > 0 {
		where = append(where, "id > ?")
		args = append(args, f.AfterID)
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// ListUsers returns a page of the users f selects.
func (c *Conn) ListUsers(ctx context.Context, f UserFilter) ([]*fd.User, error) {
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	where, args := f.where()
	q := "SELECT " + userColumns + " FROM users" + where + " ORDER BY id LIMIT ?"
	args = append(args, limit)
	if f.Offset > 0 {
		q += " OFFSET ?"
		args = append(args, f.Offset)
	}
	rows, err := c.query(ctx, q, args...)
	return collect(rows, err, scanUser)
}

// CountUsers counts the users f selects (its page aside).
func (c *Conn) CountUsers(ctx context.Context, f UserFilter) (int64, error) {
	f.AfterID = 0
	where, args := f.where()
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM users"+where, args...).Scan(&n))
	return n, err
}

// UsersByIDs returns the users with these ids, deleted ones included, in id order;
// missing ids are left out.
func (c *Conn) UsersByIDs(ctx context.Context, ids []int64) ([]*fd.User, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := c.query(ctx, "SELECT "+userColumns+" FROM users WHERE id IN ("+placeholders(len(ids))+") ORDER BY id", anys(ids)...)
	return collect(rows, err, scanUser)
}

// UsersByExternalIDs returns the live users carrying any of these external ids
// (compared without regard to case), in id order.
func (c *Conn) UsersByExternalIDs(ctx context.Context, externalIDs []string) ([]*fd.User, error) {
	if len(externalIDs) == 0 {
		return nil, nil
	}
	args := make([]any, len(externalIDs))
	for i, e := range externalIDs {
		args[i] = strings.ToLower(e)
	}
	rows, err := c.query(ctx, "SELECT "+userColumns+" FROM users WHERE lower(external_id) IN ("+
		placeholders(len(args))+") AND deleted_at IS NULL ORDER BY id", args...)
	return collect(rows, err, scanUser)
}

// UserForUpdate reads a user inside a write transaction, locking the row on PostgreSQL
// so concurrent changes to one user wait for each other.
func (c *Conn) UserForUpdate(ctx context.Context, id int64) (*fd.User, error) {
	return c.lockedUser(ctx, id, " FOR UPDATE")
}

// UserForShare reads a user inside a write transaction holding, on PostgreSQL, the
// key-share lock a foreign key takes (taken at read time, not at the write): changes
// made under UserForUpdate wait for the transaction, and it for them, while other
// share lockers don't wait. A ticket change holds its assignee this way, so a change
// that would leave the user unable to hold tickets comes strictly before or after it.
// (SQLite's single writer orders them anyway.)
func (c *Conn) UserForShare(ctx context.Context, id int64) (*fd.User, error) {
	return c.lockedUser(ctx, id, " FOR KEY SHARE")
}

// LockGroupMembers holds, on PostgreSQL, the members of a group as UserForUpdate holds
// one user: a ticket change assigning one of them in the group comes strictly before or
// after a change that ends all their memberships. Id order keeps two such lockers from
// deadlocking; a ticket batch that takes two members' key-share locks in the other
// order can still deadlock with it, and PostgreSQL then fails one side, which answers
// 409 (retry). (SQLite's single writer orders them anyway.)
func (c *Conn) LockGroupMembers(ctx context.Context, groupID int64) error {
	if !c.pg {
		return nil
	}
	_, err := c.ids(ctx, `SELECT id FROM users WHERE id IN (SELECT user_id FROM group_memberships WHERE group_id = ?)
		ORDER BY id FOR UPDATE`, groupID)
	return err
}

func (c *Conn) lockedUser(ctx context.Context, id int64, lock string) (*fd.User, error) {
	q := "SELECT " + userColumns + " FROM users WHERE id = ?"
	if c.pg {
		q += lock
	}
	u, err := scanUser(c.queryRow(ctx, q, id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("user", id)
	}
	return u, err
}

// SearchLiveUsers returns the ids of users who are not deleted and whose name, email or
// notes hold every word (each as a prefix), best first.
func (c *Conn) SearchLiveUsers(ctx context.Context, words []string, limit int) ([]int64, error) {
	var terms []string
	for _, w := range words {
		terms = append(terms, search.Tokens(w)...)
	}
	if len(terms) == 0 {
		return nil, nil
	}
	if c.pg {
		arg := strings.Join(terms, ":* & ") + ":*"
		return c.ids(ctx, `SELECT id FROM users WHERE tsv @@ to_tsquery('simple', ?) AND deleted_at IS NULL
			ORDER BY ts_rank(tsv, to_tsquery('simple', ?)) DESC, id LIMIT ?`, arg, arg, limit)
	}
	for i, t := range terms {
		terms[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"*`
	}
	return c.ids(ctx, `SELECT f.rowid FROM user_fts f JOIN users u ON u.id = f.rowid
		WHERE user_fts MATCH ? AND u.deleted_at IS NULL ORDER BY f.rank, f.rowid LIMIT ?`, strings.Join(terms, " AND "), limit)
}

// VerifiedUsers returns which of these users have at least one verified identity.
func (c *Conn) VerifiedUsers(ctx context.Context, ids []int64) (map[int64]bool, error) {
	out := make(map[int64]bool, len(ids))
	// A thousand at a time: an export's page of users stamped in one second has no
	// bound, and the databases bound a statement's parameters.
	for chunk := range slices.Chunk(ids, 1000) {
		verified, err := c.ids(ctx, "SELECT DISTINCT user_id FROM user_identities WHERE verified AND user_id IN ("+
			placeholders(len(chunk))+")", anys(chunk)...)
		if err != nil {
			return nil, err
		}
		for _, id := range verified {
			out[id] = true
		}
	}
	return out, nil
}

const identityColumns = "id, user_id, type, value, is_primary, verified, created_at, updated_at"

func scanIdentity(s scanner) (*fd.Identity, error) {
	var i fd.Identity
	var created, updated int64
	if err := s.Scan(&i.ID, &i.UserID, &i.Type, &i.Value, &i.Primary, &i.Verified, &created, &updated); err != nil {
		return nil, mapErr(err)
	}
	i.CreatedAt, i.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &i, nil
}

// Identity returns one identity of one user.
func (c *Conn) Identity(ctx context.Context, userID, id int64) (*fd.Identity, error) {
	i, err := scanIdentity(c.queryRow(ctx, "SELECT "+identityColumns+" FROM user_identities WHERE id = ? AND user_id = ?", id, userID))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("identity", id)
	}
	return i, err
}

// IdentityByValue returns the identity of this type and value, whoever owns it.
func (c *Conn) IdentityByValue(ctx context.Context, typ fd.IdentityType, value string) (*fd.Identity, error) {
	i, err := scanIdentity(c.queryRow(ctx, "SELECT "+identityColumns+" FROM user_identities WHERE type = ? AND value = ?", string(typ), value))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound(string(typ), value)
	}
	return i, err
}

// UpdateIdentity stores an identity's value, primary and verified flags.
func (c *Conn) UpdateIdentity(ctx context.Context, i *fd.Identity) error {
	c.usersChanged()
	_, err := c.exec(ctx, "UPDATE user_identities SET value = ?, is_primary = ?, verified = ?, updated_at = ? WHERE id = ?",
		i.Value, i.Primary, i.Verified, i.UpdatedAt.UnixMicro(), i.ID)
	if fd.Is(err, fd.Conflict) {
		return fd.Errorf(fd.Conflict, "%s %s belongs to another user", i.Type, i.Value)
	}
	return err
}

// DeleteIdentity removes one identity.
func (c *Conn) DeleteIdentity(ctx context.Context, id int64) error {
	c.usersChanged()
	_, err := c.exec(ctx, "DELETE FROM user_identities WHERE id = ?", id)
	return err
}

// DeleteIdentitiesOf removes every identity of a user.
func (c *Conn) DeleteIdentitiesOf(ctx context.Context, userID int64) error {
	c.usersChanged()
	_, err := c.exec(ctx, "DELETE FROM user_identities WHERE user_id = ?", userID)
	return err
}

// DeleteMembershipsOf takes a user out of every group.
func (c *Conn) DeleteMembershipsOf(ctx context.Context, userID int64) error {
	_, err := c.exec(ctx, "DELETE FROM group_memberships WHERE user_id = ?", userID)
	return err
}

// MarkDefaultGroup flags the user's membership of this group as their default one; the
// caller stores the user's default_group_id.
func (c *Conn) MarkDefaultGroup(ctx context.Context, userID, groupID int64, at time.Time) error {
	_, err := c.exec(ctx, `UPDATE group_memberships SET is_default = (group_id = ?), updated_at = ?
		WHERE user_id = ?`, groupID, at.UnixMicro(), userID)
	return err
}

// RevokeTokensOf revokes every live API token of a user.
func (c *Conn) RevokeTokensOf(ctx context.Context, userID int64, at time.Time) error {
	c.usersChanged()
	_, err := c.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", at.UnixMicro(), userID)
	return err
}

const tokenColumns = "id, user_id, name, token_hash, created_at, last_used_at, revoked_at"

func scanToken(s scanner) (*fd.APIToken, error) {
	var t fd.APIToken
	var created int64
	var last, revoked sql.NullInt64
	if err := s.Scan(&t.ID, &t.UserID, &t.Name, &t.Hash, &created, &last, &revoked); err != nil {
		return nil, mapErr(err)
	}
	t.CreatedAt, t.LastUsedAt, t.RevokedAt = time.UnixMicro(created).UTC(), fromMicros(last), fromMicros(revoked)
	return &t, nil
}

// Tokens returns the live API tokens, oldest first.
func (c *Conn) Tokens(ctx context.Context) ([]*fd.APIToken, error) {
	rows, err := c.query(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE revoked_at IS NULL ORDER BY id")
	return collect(rows, err, scanToken)
}

// Token returns one API token, revoked or not.
func (c *Conn) Token(ctx context.Context, id int64) (*fd.APIToken, error) {
	t, err := scanToken(c.queryRow(ctx, "SELECT "+tokenColumns+" FROM api_tokens WHERE id = ?", id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("API token", id)
	}
	return t, err
}

// RevokeToken revokes a live API token; a token already revoked is not found.
func (c *Conn) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	c.usersChanged()
	res, err := c.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", at.UnixMicro(), id)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return fd.ErrNotFound("API token", id)
	}
	return nil
}
