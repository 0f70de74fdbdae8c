package api

import (
	"context"
	"net/http"
	"slices"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// viewer is a caller together with what decides which tickets they may see.
type viewer struct {
	*fd.User
	groups    []int64 // the groups of a group-restricted agent
	sharedOrg bool    // an end-user whose organization shares its tickets
}

// viewerOf loads what the caller's ticket visibility needs, and only that: agents
// without a restriction and admins need nothing.
func (a *API) viewerOf(ctx context.Context, u *fd.User) (*viewer, error) {
	v := &viewer{User: u}
	conn := a.db.Read()
	switch {
	case u.Role == fd.RoleAgent && u.TicketRestriction == fd.RestrictGroups:
		g, err := conn.GroupIDsOf(ctx, u.ID)
		if err != nil {
			return nil, err
		}
		v.groups = g
	case u.Role == fd.RoleEndUser && u.OrganizationID != 0:
		o, err := conn.Organization(ctx, u.OrganizationID)
		if err != nil && !fd.Is(err, fd.NotFound) {
			return nil, err
		}
		v.sharedOrg = o != nil && o.SharedTickets
	}
	return v, nil
}

// seesAll reports whether the caller sees every ticket.
func (v *viewer) seesAll() bool {
	return v.Role == fd.RoleAdmin || (v.Role == fd.RoleAgent && v.TicketRestriction == fd.RestrictNone)
}

// visibility is the store filter of the tickets the caller may see; nil when they see
// all of them. Everyone sees what they requested; end-users also what they are copied on
// and, in a shared organization, their organization's tickets.
func (v *viewer) visibility() *store.Visibility {
	if v.seesAll() {
		return nil
	}
	vis := &store.Visibility{RequesterID: v.ID}
	switch {
	case v.Role == fd.RoleEndUser:
		vis.CopiedID = v.ID
		if v.sharedOrg {
			vis.OrganizationID = v.OrganizationID
		}
	case v.TicketRestriction == fd.RestrictGroups:
		vis.GroupIDs, vis.AssigneeID = v.groups, v.ID
		if len(vis.GroupIDs) == 0 {
			vis.GroupIDs = nil
		}
	case v.TicketRestriction == fd.RestrictAssigned:
		vis.AssigneeID = v.ID
	case v.TicketRestriction == fd.RestrictOrganization:
		vis.AssigneeID = v.ID
		vis.OrganizationID = v.OrganizationID
	}
	return vis
}

// canSee reports whether the caller may see t; it agrees with visibility.
func (v *viewer) canSee(t *fd.Ticket) bool {
	vis := v.visibility()
	if vis == nil {
		return true
	}
	id := v.ID
	switch {
	case t.RequesterID == id,
		vis.AssigneeID != 0 && t.AssigneeID == id,
		vis.OrganizationID != 0 && t.OrganizationID == vis.OrganizationID,
		t.GroupID != 0 && slices.Contains(vis.GroupIDs, t.GroupID),
		vis.CopiedID != 0 && (slices.Contains(t.CollaboratorIDs, id) || slices.Contains(t.FollowerIDs, id) ||
			slices.Contains(t.EmailCCIDs, id)):
		return true
	}
	return false
}

// visibleTicket reads a ticket the caller may see. A ticket they may not see is "not
// found", exactly like one that does not exist, so ids do not leak; deleted tickets are
// not found either.
func (a *API) visibleTicket(ctx context.Context, v *viewer, id int64) (*fd.Ticket, error) {
	t, err := a.tickets.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if !v.canSee(t) {
		return nil, fd.ErrNotFound("ticket", id)
	}
	return t, nil
}

// pathTicket reads the ticket named by the path's {id}, if the caller may see it.
func (a *API) pathTicket(r *http.Request, caller *fd.User) (*fd.Ticket, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return nil, err
	}
	return a.visibleTicket(r.Context(), v, id)
}
