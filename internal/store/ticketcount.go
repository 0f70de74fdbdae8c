package store

import (
	"context"
	"strconv"
	"strings"
)

// CountLiveTickets counts the tickets that are not deleted and that vis allows (all of
// them when vis is nil). Unrestricted, it reads two indexes, every ticket less the
// deleted ones, rather than every row.
func (c *Conn) CountLiveTickets(ctx context.Context, vis *Visibility) (int64, error) {
	if vis != nil {
		return c.CountTickets(ctx, TicketFilter{Visible: vis}, 0)
	}
	var all, deleted int64
	if err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM tickets").Scan(&all)); err != nil {
		return 0, err
	}
	err := mapErr(c.queryRow(ctx, "SELECT count(*) FROM tickets WHERE deleted_at IS NOT NULL").Scan(&deleted))
	return all - deleted, err
}

// Key names what vis allows, so results computed for one caller can be shared
// with every caller who sees the same tickets; "" for no restriction.
func (v *Visibility) Key() string {
	if v == nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("v")
	for _, n := range []int64{v.AssigneeID, v.RequesterID, v.OrganizationID, v.CopiedID} {
		b.WriteString(":")
		b.WriteString(strconv.FormatInt(n, 10))
	}
	for _, g := range v.GroupIDs {
		b.WriteString(",")
		b.WriteString(strconv.FormatInt(g, 10))
	}
	return b.String()
}
