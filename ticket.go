// Package frontdesk holds the domain of the Frontdesk help desk: tickets, comments,
// audits, users, organizations, groups, brands and custom fields, with the rules that
// need nothing but the values themselves. It imports nothing of ours.
package frontdesk

import (
	"slices"
	"strings"
	"time"
)

// Status is where a ticket stands in its life; names follow Zendesk.
type Status string

// The ticket statuses, in their order of progress.
const (
	StatusNew     Status = "new"
	StatusOpen    Status = "open"
	StatusPending Status = "pending"
	StatusHold    Status = "hold"
	StatusSolved  Status = "solved"
	StatusClosed  Status = "closed"
)

// Statuses lists every status in order of progress.
var Statuses = []Status{StatusNew, StatusOpen, StatusPending, StatusHold, StatusSolved, StatusClosed}

// Rank is the status's place in the order of progress (new=1 … closed=6, 0 if unknown);
// the store keeps it so "status < solved" is an index range.
func (s Status) Rank() int { return slices.Index(Statuses, s) + 1 }

// StatusOfRank is the inverse of Rank.
func StatusOfRank(r int) Status {
	if r < 1 || r > len(Statuses) {
		return ""
	}
	return Statuses[r-1]
}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s.Rank() > 0 }

// CanBecome reports whether a ticket in status s may move to status t. A closed ticket is
// final; nothing returns to new; only a solved ticket may be closed.
func (s Status) CanBecome(t Status) bool {
	switch {
	case !t.Valid() || s == StatusClosed:
		return false
	case s == t:
		return true
	case t == StatusNew:
		return false
	case t == StatusClosed:
		return s == StatusSolved
	}
	return true
}

// Priority is the urgency of a ticket; "" means not set.
type Priority string

// The ticket priorities, from least to most urgent.
const (
	PriorityLow    Priority = "low"
	PriorityNormal Priority = "normal"
	PriorityHigh   Priority = "high"
	PriorityUrgent Priority = "urgent"
)

// Priorities lists every priority from least to most urgent.
var Priorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityUrgent}

// Rank is the priority's place in order of urgency (low=1 … urgent=4, 0 when unset).
func (p Priority) Rank() int { return slices.Index(Priorities, p) + 1 }

// Valid reports whether p is a known priority or unset.
func (p Priority) Valid() bool { return p == "" || p.Rank() > 0 }

// TicketType is the kind of a ticket; "" means not set.
type TicketType string

// The ticket types. Incidents may point at a problem; tasks have a due date.
const (
	TypeQuestion TicketType = "question"
	TypeIncident TicketType = "incident"
	TypeProblem  TicketType = "problem"
	TypeTask     TicketType = "task"
)

// Valid reports whether t is a known type or unset.
func (t TicketType) Valid() bool {
	switch t {
	case "", TypeQuestion, TypeIncident, TypeProblem, TypeTask:
		return true
	}
	return false
}

// The channels a change can arrive through, as Zendesk names them where it has them.
const (
	ChannelWeb      = "web"      // the agents' UI
	ChannelWebForm  = "web_form" // the customers' portal and web form
	ChannelEmail    = "email"
	ChannelChat     = "chat"
	ChannelTelegram = "telegram"
	ChannelSlack    = "slack"
	ChannelAPI      = "api"
	ChannelRule     = "rule"   // a trigger or an automation
	ChannelSystem   = "system" // Frontdesk itself: demo data, imports, follow-ups
)

// Via tells how a change arrived: its channel and the channel's own addressing (the
// email addresses, the chat room, the Slack thread), which replies go back through.
type Via struct {
	Channel string    `json:"channel"`
	Source  ViaSource `json:"source"`
}

// ViaSource is the channel-specific detail of a Via, shaped like Zendesk's.
type ViaSource struct {
	From map[string]any `json:"from,omitempty"`
	To   map[string]any `json:"to,omitempty"`
	Rel  string         `json:"rel,omitempty"`
}

// Ticket is one customer request and its state. Ids of zero mean "none"; times that are
// zero mean "never".
type Ticket struct {
	ID               int64
	ExternalID       string
	Subject          string
	Description      string // the first comment's text
	Status           Status
	Priority         Priority
	Type             TicketType
	RequesterID      int64
	SubmitterID      int64
	AssigneeID       int64
	GroupID          int64
	OrganizationID   int64
	BrandID          int64
	ProblemID        int64 // for incidents: the problem they belong to
	FollowupSourceID int64 // for follow-ups: the closed ticket they continue
	DueAt            time.Time
	Tags             []string
	CustomFields     map[int64]any // field id → normalized value (string, or bool for checkboxes)
	CollaboratorIDs  []int64
	FollowerIDs      []int64
	EmailCCIDs       []int64
	Via              Via
	Language         string // "en", "es", "ru" or "": what search stems its text with
	// Public is Zendesk's is_public: whether any of the ticket's comments is public.
	// The ticket service keeps it as comments are added or made private, so lists
	// read it from the row.
	Public          bool
	CreatedAt       time.Time
	UpdatedAt       time.Time // also the optimistic-concurrency stamp: it strictly increases
	SolvedAt        time.Time
	StatusUpdatedAt time.Time
	DeletedAt       time.Time
}

// Clone returns a deep copy, so a change can be computed on the copy and compared.
func (t *Ticket) Clone() *Ticket {
	c := *t
	c.Tags = slices.Clone(t.Tags)
	c.CollaboratorIDs = slices.Clone(t.CollaboratorIDs)
	c.FollowerIDs = slices.Clone(t.FollowerIDs)
	c.EmailCCIDs = slices.Clone(t.EmailCCIDs)
	if t.CustomFields != nil {
		c.CustomFields = make(map[int64]any, len(t.CustomFields))
		for k, v := range t.CustomFields {
			c.CustomFields[k] = v
		}
	}
	return &c
}

// NormalizeTags lower-cases tags, turns inner spaces into underscores (as Zendesk does),
// drops empties and duplicates, and sorts them so equal sets compare equal.
func NormalizeTags(tags []string) []string {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		t = strings.Join(strings.Fields(t), "_")
		if t != "" {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}
