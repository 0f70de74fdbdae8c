package ticket

import (
	"context"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Unassign names the tickets to take from an assignee who can no longer hold them.
type Unassign struct {
	// UserID is the assignee; 0 with GroupID set means every assignee of the group's
	// tickets (the group is being deleted).
	UserID int64
	// GroupID, when set, limits it to the tickets in that group (the user left it).
	GroupID int64
	// ActorID is who the audits name: the one who deleted, demoted or moved the user,
	// or deleted the group.
	ActorID int64
	Via     fd.Via // default: api
}

// Unassign takes the user off their unsolved tickets (store.AssignedUnsolved), each
// ticket in an audited change of its own; the tickets keep their group, and solved and
// closed ones keep their assignee as history. The directory refuses to delete or
// demote an assignee, or end their membership, while such tickets are left, so its
// callers run this first (see directory.AssigneeError).
func (s *Service) Unassign(ctx context.Context, in Unassign) error {
	if in.Via.Channel == "" {
		in.Via.Channel = fd.ChannelAPI
	}
	f := store.AssignedUnsolved(in.UserID, in.GroupID)
	f.Limit = 100
	done := map[int64]bool{}
	none := int64(0)
	for {
		list, _, err := s.List(ctx, f)
		if err != nil || len(list) == 0 {
			return err
		}
		for _, t := range list {
			if done[t.ID] {
				// Something (a trigger, another change) assigned it again: the caller may retry.
				return fd.Errorf(fd.Conflict, "ticket %d was assigned to user %d again while unassigning; retry", t.ID, in.UserID)
			}
			done[t.ID] = true
			_, err := s.Update(ctx, Update{TicketID: t.ID, ActorID: in.ActorID, Via: in.Via, AssigneeID: &none})
			if err != nil && !fd.Is(err, fd.NotFound) {
				return err
			}
		}
	}
}

// dropStaleAssignee unassigns t, which is becoming unsolved again (a solved ticket
// reopened, a deleted one restored), when its assignee may no longer hold it: deleted,
// no longer an agent, or out of its group. Deleting or demoting an agent leaves solved
// tickets their assignee as history, and a customer's reply must not be refused for it;
// the ticket's audit records the unassignment.
func dropStaleAssignee(ctx context.Context, tx *store.Tx, t *fd.Ticket) error {
	if t.AssigneeID == 0 {
		return nil
	}
	u, err := tx.User(ctx, t.AssigneeID)
	if err != nil {
		return err
	}
	keep := u.Active() && u.Role.IsStaff()
	if keep && t.GroupID != 0 {
		if keep, err = tx.IsMember(ctx, u.ID, t.GroupID); err != nil {
			return err
		}
	}
	if !keep {
		t.AssigneeID = 0
	}
	return nil
}
