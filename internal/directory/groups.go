package directory

import (
	"context"
	"strings"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// checkMember checks that a user may join a group: the user is an agent or admin and
// the group exists and is not deleted. It returns the user.
func checkMember(ctx context.Context, tx *store.Tx, userID, groupID int64) (*fd.User, error) {
	u, err := tx.User(ctx, userID)
	if fd.Is(err, fd.NotFound) {
		return nil, fd.InvalidField("user_id", "user %d does not exist", userID)
	}
	if err != nil {
		return nil, err
	}
	if !u.Role.IsStaff() {
		return nil, fd.InvalidField("user_id", "user %d is an end-user; only agents and admins join groups", userID)
	}
	ok, err := tx.Exists(ctx, "groups", groupID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fd.InvalidField("group_id", "group %d does not exist", groupID)
	}
	return u, nil
}

// UpdateGroup changes a group's name or description: change edits a copy of the stored
// group inside the write. Deleted groups can't change.
func (d *Directory) UpdateGroup(ctx context.Context, id int64, change func(*fd.Group) error) (*fd.Group, error) {
	var out *fd.Group
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Group(ctx, id)
		if err != nil {
			return err
		}
		if !cur.DeletedAt.IsZero() {
			return fd.Errorf(fd.Invalid, "group %d is deleted", id)
		}
		next := *cur
		if err := change(&next); err != nil {
			return err
		}
		next.Name = strings.TrimSpace(next.Name)
		if next.Name == "" {
			return fd.InvalidField("name", "can't be blank")
		}
		next.ID, next.Default, next.CreatedAt, next.UpdatedAt = cur.ID, cur.Default, cur.CreatedAt, d.now()
		if err := tx.UpdateGroup(ctx, &next); err != nil {
			return err
		}
		out = &next
		return nil
	})
	return out, err
}

// DeleteGroup deletes a group as Zendesk does: it is marked deleted (tickets keep naming
// it), its memberships end, members whose default it was get their next group as the
// default, and organizations stop routing to it. The default group can't be deleted.
// While unsolved tickets in the group have an assignee, who could no longer be a member
// of it, it is refused (AssigneeError with no user) until they are unassigned.
func (d *Directory) DeleteGroup(ctx context.Context, id int64) error {
	return d.db.Write(ctx, func(tx *store.Tx) error {
		g, err := tx.Group(ctx, id)
		if err != nil {
			return err
		}
		if !g.DeletedAt.IsZero() {
			return fd.ErrNotFound("group", id)
		}
		if g.Default {
			return fd.Errorf(fd.Invalid, "group %d is the default group and can't be deleted", id)
		}
		if err := tx.LockGroupMembers(ctx, id); err != nil {
			return err
		}
		if err := checkUnassigned(ctx, tx, 0, id); err != nil {
			return err
		}
		users, err := tx.UsersWithDefaultGroup(ctx, id)
		if err != nil {
			return err
		}
		now := d.now()
		if err := tx.DeleteGroup(ctx, id, now); err != nil {
			return err
		}
		for _, u := range users {
			if err := promoteDefault(ctx, tx, u, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// promoteDefault makes a user's oldest membership the default, after the default one
// ended; a user in no group has no default group.
func promoteDefault(ctx context.Context, tx *store.Tx, userID int64, now time.Time) error {
	left, err := tx.ListMemberships(ctx, store.MembershipFilter{UserID: userID, Limit: 1})
	if err != nil {
		return err
	}
	if len(left) == 0 {
		return tx.SetDefaultMembership(ctx, userID, 0, 0, now)
	}
	return tx.SetDefaultMembership(ctx, userID, left[0].ID, left[0].GroupID, now)
}

// RemoveMember ends a group membership and returns it; when it was the member's
// default, their oldest remaining membership becomes the default. A member who is the
// assignee of unsolved tickets in the group is refused (AssigneeError) until they are
// unassigned.
func (d *Directory) RemoveMember(ctx context.Context, membershipID int64) (*fd.GroupMembership, error) {
	var m *fd.GroupMembership
	err := d.db.Write(ctx, func(tx *store.Tx) (err error) {
		m, err = d.RemoveMemberTx(ctx, tx, membershipID)
		return err
	})
	return m, err
}

// RemoveMemberTx is RemoveMember inside a transaction the caller holds. An error leaves
// tx fit only for rollback.
func (d *Directory) RemoveMemberTx(ctx context.Context, tx *store.Tx, membershipID int64) (*fd.GroupMembership, error) {
	m, err := tx.Membership(ctx, membershipID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.UserForUpdate(ctx, m.UserID); err != nil {
		return nil, err
	}
	if err := checkUnassigned(ctx, tx, m.UserID, m.GroupID); err != nil {
		return nil, err
	}
	if err := tx.DeleteMembership(ctx, membershipID); err != nil {
		return nil, err
	}
	if m.Default {
		if err := promoteDefault(ctx, tx, m.UserID, d.now()); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// MakeDefaultMembership makes one of a user's memberships the default: tickets assigned
// to the user without a group go to its group. It returns the user's memberships.
func (d *Directory) MakeDefaultMembership(ctx context.Context, userID, membershipID int64) ([]*fd.GroupMembership, error) {
	var out []*fd.GroupMembership
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		m, err := tx.Membership(ctx, membershipID)
		if err != nil {
			return err
		}
		if m.UserID != userID {
			return fd.ErrNotFound("group membership", membershipID)
		}
		if err := tx.SetDefaultMembership(ctx, userID, m.ID, m.GroupID, d.now()); err != nil {
			return err
		}
		out, err = tx.ListMemberships(ctx, store.MembershipFilter{UserID: userID, Limit: maxMemberships})
		return err
	})
	return out, err
}

// maxMemberships bounds the memberships of one user read at once; an agent is in a
// handful of groups.
const maxMemberships = 10000
