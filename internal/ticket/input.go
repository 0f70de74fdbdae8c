package ticket

import (
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// NewComment is a comment to add to a ticket.
type NewComment struct {
	// AuthorID writes the comment; 0 means the actor of the change.
	AuthorID int64
	// Body is plain text; HTMLBody, when given, is sanitized and Body derived from it if
	// empty.
	Body     string
	HTMLBody string
	// Private makes an internal note that only agents see.
	Private bool
	// Uploads are tokens of files uploaded beforehand, attached to this comment.
	Uploads []string
}

// Requester names a requester by email, created as an end-user if unknown.
type Requester struct {
	Name   string
	Email  string
	Locale string
}

// NewTicket is the input for creating a ticket.
type NewTicket struct {
	Subject string
	Comment NewComment
	// RequesterID or Requester says who asks; SubmitterID (default: the requester) is
	// who filed the ticket and the author of its first comment and audit.
	RequesterID     int64
	Requester       *Requester
	SubmitterID     int64
	AssigneeID      int64
	GroupID         int64
	OrganizationID  int64 // default: the requester's organization
	BrandID         int64 // default: the default brand
	ProblemID       int64
	Status          fd.Status // default new (open when an assignee is set)
	Priority        fd.Priority
	Type            fd.TicketType
	DueAt           time.Time
	Tags            []string
	CustomFields    map[int64]any
	CollaboratorIDs []int64
	FollowerIDs     []int64
	EmailCCIDs      []int64
	Via             fd.Via // default: api
	ExternalID      string
	// At backdates the creation for imports and demo data; zero means now.
	At time.Time
	// Idempotency, when set, makes the create safe to retry (see CreateOnce).
	Idempotency *Idempotency
	// Portal marks an end-user filing their own request (the Requests API, the
	// customers' portal): the portal's field rules apply (see Update.Portal), and every
	// field required in the portal must be given a value.
	Portal bool
}

// Idempotency names a create request so that a retry of it finds the ticket the first
// attempt made instead of making a second one (Zendesk's Idempotency-Key).
type Idempotency struct {
	// UserID is who sent the request: keys are scoped per user.
	UserID int64
	// Key is the client's name for the request, 1 to 255 characters.
	Key string
	// RequestHash identifies the request's content: the key used again with another
	// request fails with ErrKeyReused.
	RequestHash string
}

// Update is a change to an existing ticket. Nil pointers leave a field as it is; an id
// of 0 clears it.
type Update struct {
	TicketID int64
	ActorID  int64
	Via      fd.Via
	// UpdatedStamp, when set, must equal the ticket's UpdatedAt or the update fails with
	// Conflict and writes nothing (Zendesk's safe_update).
	UpdatedStamp    time.Time
	Subject         *string
	Status          *fd.Status
	Priority        *fd.Priority
	Type            *fd.TicketType
	RequesterID     *int64
	AssigneeID      *int64
	GroupID         *int64
	OrganizationID  *int64
	BrandID         *int64
	ProblemID       *int64
	DueAt           *time.Time
	ExternalID      *string
	Tags            *[]string // replaces every tag
	AddTags         []string
	RemoveTags      []string
	CustomFields    map[int64]any // a nil value clears the field
	CollaboratorIDs *[]int64
	FollowerIDs     *[]int64
	EmailCCIDs      *[]int64
	Comment         *NewComment
	// At backdates the change for imports and demo data; zero means now.
	At time.Time
	// Portal marks an end-user changing their own request: they may set only the
	// custom fields editable in the portal, can't clear one required there, and are not
	// held to the fields agents must fill to solve, which they can neither see nor set.
	Portal bool
	// merged closes the ticket whatever its status, as a merge into another ticket does
	// (otherwise only a solved ticket may be closed).
	merged bool
}
