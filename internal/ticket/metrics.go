package ticket

import (
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// newMetrics starts the metrics of a ticket created at t.CreatedAt.
func newMetrics(t *fd.Ticket) *fd.TicketMetrics {
	return &fd.TicketMetrics{
		TicketID: t.ID, FirstReplySeconds: -1, FullResolutionSeconds: -1,
		CreatedAt: t.CreatedAt, UpdatedAt: t.CreatedAt, StatusUpdatedAt: t.CreatedAt,
	}
}

// metricStep is what one change tells the metrics.
type metricStep struct {
	before, after *fd.Ticket
	comment       *fd.Comment
	actorIsStaff  bool // the comment's author answers tickets
	actorID       int64
	created       bool // the change files the ticket: its comment is the description, no reply
	at            time.Time
}

// advance updates m for one change. Time spent in the status being left is added to the
// clocks: new, open and hold make the requester wait; pending makes the agent wait for
// the requester; hold also counts as on-hold. Calendar time for now: business hours
// arrive with schedules.
func advance(m *fd.TicketMetrics, s metricStep) {
	b, a := s.before, s.after
	if a.Status != b.Status {
		spent := int64(s.at.Sub(m.StatusUpdatedAt) / time.Second)
		if spent < 0 {
			spent = 0
		}
		switch b.Status {
		case fd.StatusNew, fd.StatusOpen:
			m.RequesterWaitSeconds += spent
		case fd.StatusHold:
			m.RequesterWaitSeconds += spent
			m.OnHoldSeconds += spent
		case fd.StatusPending:
			m.AgentWaitSeconds += spent
		}
		m.StatusUpdatedAt = s.at
		if b.Status == fd.StatusSolved && a.Status != fd.StatusClosed {
			m.Reopens++
		}
		if a.Status == fd.StatusSolved {
			m.SolvedAt = s.at
			m.FullResolutionSeconds = int64(s.at.Sub(a.CreatedAt) / time.Second)
		}
	}
	if a.AssigneeID != b.AssigneeID && a.AssigneeID != 0 {
		m.AssigneeStations++
		m.AssignedAt = s.at
		if m.InitiallyAssignedAt.IsZero() {
			m.InitiallyAssignedAt = s.at
		}
	}
	if a.GroupID != b.GroupID && a.GroupID != 0 {
		m.GroupStations++
	}
	if c := s.comment; c != nil {
		m.LatestCommentAddedAt = s.at
		if c.Public && s.actorIsStaff && c.AuthorID != a.RequesterID && !s.created {
			m.Replies++
			if m.FirstReplySeconds < 0 {
				m.FirstReplySeconds = int64(s.at.Sub(a.CreatedAt) / time.Second)
			}
		}
	}
	if s.actorID == a.RequesterID {
		m.RequesterUpdatedAt = s.at
	}
	if s.actorID != 0 && s.actorID == a.AssigneeID {
		m.AssigneeUpdatedAt = s.at
	}
	m.UpdatedAt = s.at
}
