package frontdesk

import (
	"slices"
	"time"
)

// Comment is one message on a ticket: a public reply the requester sees, or an internal
// note only agents see.
type Comment struct {
	ID          int64
	TicketID    int64
	AuditID     int64
	AuthorID    int64
	Public      bool
	Body        string // plain text
	HTMLBody    string // sanitized HTML, "" when the comment came as plain text
	Via         Via
	Attachments []Attachment
	CreatedAt   time.Time
}

// Clone returns a copy that shares nothing the copy's user may change.
func (c *Comment) Clone() *Comment {
	d := *c
	d.Attachments = slices.Clone(c.Attachments)
	return &d
}

// Attachment is a file that came with a comment. The bytes live under the data directory
// by content hash, so equal files are stored once.
type Attachment struct {
	ID          int64
	CommentID   int64 // 0 while only uploaded
	Token       string
	UploaderID  int64 // who uploaded it: until attached, only they may see it
	FileName    string
	ContentType string
	Size        int64
	SHA256      string
	CreatedAt   time.Time
}

// Audit is the immutable record of one change to a ticket: who, through what, when, and
// every field's old and new value.
type Audit struct {
	ID        int64
	TicketID  int64
	AuthorID  int64
	Via       Via
	CreatedAt time.Time
	Events    []AuditEvent
}

// The kinds of audit event, as Zendesk names them.
const (
	EventCreate  = "Create"
	EventChange  = "Change"
	EventComment = "Comment"
	// EventCommentPrivacyChange records that a public comment was made an internal note.
	EventCommentPrivacyChange = "CommentPrivacyChange"
)

// AuditEvent is one thing an audit records: a field set at creation, a field changed
// (with its previous value), or a comment added.
type AuditEvent struct {
	Type          string `json:"type"`
	FieldName     string `json:"field_name,omitempty"`
	Value         any    `json:"value,omitempty"`
	PreviousValue any    `json:"previous_value,omitempty"`
	CommentID     int64  `json:"comment_id,omitempty"`
	Public        bool   `json:"public,omitempty"`
}

// TicketMetrics are the timings and counts kept for one ticket, updated with every change.
// Durations accumulate in seconds and are reported in whole calendar minutes.
type TicketMetrics struct {
	TicketID              int64
	Replies               int // public replies by agents
	Reopens               int // times a solved ticket was reopened
	AssigneeStations      int
	GroupStations         int
	FirstReplySeconds     int64 // -1 until the first public agent reply
	FullResolutionSeconds int64 // -1 until solved; measured to the latest solve
	AgentWaitSeconds      int64 // time spent pending: agents wait for the requester
	RequesterWaitSeconds  int64 // time spent new, open or on hold: the requester waits
	OnHoldSeconds         int64
	InitiallyAssignedAt   time.Time
	AssignedAt            time.Time
	SolvedAt              time.Time
	LatestCommentAddedAt  time.Time
	RequesterUpdatedAt    time.Time
	AssigneeUpdatedAt     time.Time
	StatusUpdatedAt       time.Time
	CreatedAt             time.Time
	UpdatedAt             time.Time
}

// Minutes converts an accumulated duration in seconds to whole minutes, keeping -1
// ("not yet") as it is.
func Minutes(seconds int64) int64 {
	if seconds < 0 {
		return -1
	}
	return seconds / 60
}

// Event is what the ticket service publishes after a change commits, for live updates
// and other in-process listeners.
type Event struct {
	Type     string // "ticket.created" or "ticket.updated"
	TicketID int64
	AuditID  int64
	Ticket   *Ticket
	At       time.Time
}
