package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

const groupColumns = "id, name, description, is_default, created_at, updated_at, deleted_at"

func scanGroup(s scanner) (*fd.Group, error) {
	var g fd.Group
	var created, updated int64
	var deleted sql.NullInt64
	if err := s.Scan(&g.ID, &g.Name, &g.Description, &g.Default, &created, &updated, &deleted); err != nil {
		return nil, mapErr(err)
	}
	g.CreatedAt, g.UpdatedAt, g.DeletedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC(), fromMicros(deleted)
	return &g, nil
}

// Group returns one group, deleted or not.
func (c *Conn) Group(ctx context.Context, id int64) (*fd.Group, error) {
	g, err := scanGroup(c.queryRow(ctx, "SELECT "+groupColumns+" FROM groups WHERE id = ?", id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("group", id)
	}
	return g, err
}

// GroupFilter selects groups, in id order.
type GroupFilter struct {
	UserID         int64 // only the groups this user is a member of
	ExcludeDeleted bool
	AfterID        int64
	Offset, Limit  int
}

func (f GroupFilter) where() (string, []any) {
	where, args := []string{"id > ?"}, []any{f.AfterID}
	if f.ExcludeDeleted {
		where = append(where, "deleted_at IS NULL")
	}
	if f.UserID != 0 {
		where = append(where, "id IN (SELECT group_id FROM group_memberships WHERE user_id = ?)")
		args = append(args, f.UserID)
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// ListGroups returns the groups f selects.
func (c *Conn) ListGroups(ctx context.Context, f GroupFilter) ([]*fd.Group, error) {
	where, args := f.where()
	rows, err := c.query(ctx, "SELECT "+groupColumns+" FROM groups"+where+" ORDER BY id LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	return collect(rows, err, scanGroup)
}

// CountGroups counts the groups f selects, its page aside.
func (c *Conn) CountGroups(ctx context.Context, f GroupFilter) (int64, error) {
	f.AfterID = 0
	where, args := f.where()
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM groups"+where, args...).Scan(&n))
	return n, err
}

// UpdateGroup stores a group's name and description.
func (c *Conn) UpdateGroup(ctx context.Context, g *fd.Group) error {
	_, err := c.exec(ctx, "UPDATE groups SET name = ?, description = ?, updated_at = ? WHERE id = ?",
		g.Name, g.Description, g.UpdatedAt.UnixMicro(), g.ID)
	if fd.Is(err, fd.Conflict) {
		return fd.Errorf(fd.Conflict, "a group named %q already exists", g.Name)
	}
	return err
}

// DeleteGroup marks a group deleted, empties it, and takes it off the organizations
// that route their tickets to it. Its members' default groups are the caller's to move.
func (c *Conn) DeleteGroup(ctx context.Context, id int64, at time.Time) error {
	if _, err := c.exec(ctx, "UPDATE groups SET deleted_at = ?, updated_at = ? WHERE id = ?", at.UnixMicro(), at.UnixMicro(), id); err != nil {
		return err
	}
	if _, err := c.exec(ctx, "DELETE FROM group_memberships WHERE group_id = ?", id); err != nil {
		return err
	}
	_, err := c.exec(ctx, "UPDATE organizations SET group_id = NULL, updated_at = ? WHERE group_id = ?", at.UnixMicro(), id)
	return err
}

// UsersWithDefaultGroup returns the ids of the users whose default group this is.
func (c *Conn) UsersWithDefaultGroup(ctx context.Context, groupID int64) ([]int64, error) {
	return c.ids(ctx, "SELECT id FROM users WHERE default_group_id = ? ORDER BY id", groupID)
}

const membershipColumns = "id, user_id, group_id, is_default, created_at, updated_at"

func scanMembership(s scanner) (*fd.GroupMembership, error) {
	var m fd.GroupMembership
	var created, updated int64
	if err := s.Scan(&m.ID, &m.UserID, &m.GroupID, &m.Default, &created, &updated); err != nil {
		return nil, mapErr(err)
	}
	m.CreatedAt, m.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &m, nil
}

// Membership returns one group membership.
func (c *Conn) Membership(ctx context.Context, id int64) (*fd.GroupMembership, error) {
	m, err := scanMembership(c.queryRow(ctx, "SELECT "+membershipColumns+" FROM group_memberships WHERE id = ?", id))
	if fd.Is(err, fd.NotFound) {
		return nil, fd.ErrNotFound("group membership", id)
	}
	return m, err
}

// MembershipFilter selects group memberships, in id order.
type MembershipFilter struct {
	UserID, GroupID int64
	// Assignable keeps the memberships tickets can be assigned through: of agents who
	// are not suspended.
	Assignable    bool
	AfterID       int64
	Offset, Limit int
}

func (f MembershipFilter) where() (string, []any) {
	where, args := []string{"id > ?"}, []any{f.AfterID}
	if f.UserID != 0 {
		where = append(where, "user_id = ?")
		args = append(args, f.UserID)
	}
	if f.GroupID != 0 {
		where = append(where, "group_id = ?")
		args = append(args, f.GroupID)
	}
	if f.Assignable {
		where = append(where, "user_id IN (SELECT id FROM users WHERE role IN ('agent', 'admin') AND suspended = ?)")
		args = append(args, false)
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// ListMemberships returns the memberships f selects.
func (c *Conn) ListMemberships(ctx context.Context, f MembershipFilter) ([]*fd.GroupMembership, error) {
	where, args := f.where()
	rows, err := c.query(ctx, "SELECT "+membershipColumns+" FROM group_memberships"+where+" ORDER BY id LIMIT ? OFFSET ?",
		append(args, f.Limit, f.Offset)...)
	return collect(rows, err, scanMembership)
}

// CountMemberships counts the memberships f selects, its page aside.
func (c *Conn) CountMemberships(ctx context.Context, f MembershipFilter) (int64, error) {
	f.AfterID = 0
	where, args := f.where()
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM group_memberships"+where, args...).Scan(&n))
	return n, err
}

// DeleteMembership removes a membership.
func (c *Conn) DeleteMembership(ctx context.Context, id int64) error {
	_, err := c.exec(ctx, "DELETE FROM group_memberships WHERE id = ?", id)
	return err
}

// SetDefaultMembership makes one of a user's memberships the default (0: none) and
// records its group as the user's default group.
func (c *Conn) SetDefaultMembership(ctx context.Context, userID, membershipID, groupID int64, at time.Time) error {
	c.usersChanged()
	if _, err := c.exec(ctx, `UPDATE group_memberships SET is_default = (id = ?), updated_at = ?
		WHERE user_id = ? AND is_default <> (id = ?)`, membershipID, at.UnixMicro(), userID, membershipID); err != nil {
		return err
	}
	_, err := c.exec(ctx, "UPDATE users SET default_group_id = ?, updated_at = ? WHERE id = ?", nullID(groupID), at.UnixMicro(), userID)
	return err
}

// GroupUsers returns the members of a group in id order: those after afterID, less the
// first offset of them, at most limit.
func (c *Conn) GroupUsers(ctx context.Context, groupID, afterID int64, offset, limit int) ([]*fd.User, error) {
	rows, err := c.query(ctx, "SELECT "+userColumns+` FROM users WHERE id IN (SELECT user_id FROM group_memberships WHERE group_id = ?)
		AND id > ? ORDER BY id LIMIT ? OFFSET ?`, groupID, afterID, limit, offset)
	return collect(rows, err, scanUser)
}

// CountGroupUsers counts the members of a group.
func (c *Conn) CountGroupUsers(ctx context.Context, groupID int64) (int64, error) {
	var n int64
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM group_memberships WHERE group_id = ?", groupID).Scan(&n))
	return n, err
}
