package frontdesk

import (
	"slices"
	"time"
)

// Role is what a user may do: end-users ask, agents answer, admins also configure.
type Role string

// The user roles.
const (
	RoleEndUser Role = "end-user"
	RoleAgent   Role = "agent"
	RoleAdmin   Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleEndUser || r == RoleAgent || r == RoleAdmin }

// IsStaff reports whether the role answers tickets (agents and admins).
func (r Role) IsStaff() bool { return r == RoleAgent || r == RoleAdmin }

// User is a person who asks for help, answers, or runs the help desk.
type User struct {
	ID             int64
	Name           string
	Email          string // the primary email identity, "" if the user has none
	Role           Role
	Locale         string
	TimeZone       string
	OrganizationID int64
	DefaultGroupID int64
	Tags           []string
	Notes          string
	Details        string
	ExternalID     string
	Suspended      bool
	// TicketRestriction limits which tickets an agent sees; "" means all of them.
	TicketRestriction TicketRestriction
	PasswordHash      string
	CreatedAt         time.Time
	UpdatedAt         time.Time
	// DeletedAt is when the user was deleted: a deleted user keeps their name on old
	// tickets but has no identities, cannot sign in, and is listed nowhere.
	DeletedAt time.Time
}

// Clone returns a copy that shares nothing the copy's user may change, for caches that
// hand out the users they keep.
func (u *User) Clone() *User {
	c := *u
	c.Tags = slices.Clone(u.Tags)
	return &c
}

// Active reports whether the user has not been deleted.
func (u *User) Active() bool { return u.DeletedAt.IsZero() }

// TicketRestriction is Zendesk's ticket_restriction: which tickets an agent may see.
// Whatever the restriction, agents see the tickets they requested.
type TicketRestriction string

// The restrictions; the zero value is none.
const (
	RestrictNone         TicketRestriction = ""
	RestrictGroups       TicketRestriction = "groups"       // tickets in the agent's groups or assigned to them
	RestrictAssigned     TicketRestriction = "assigned"     // tickets assigned to the agent
	RestrictOrganization TicketRestriction = "organization" // tickets of the agent's organization
	RestrictRequested    TicketRestriction = "requested"    // only tickets the agent requested
)

// Valid reports whether r is a known restriction.
func (r TicketRestriction) Valid() bool {
	switch r {
	case RestrictNone, RestrictGroups, RestrictAssigned, RestrictOrganization, RestrictRequested:
		return true
	}
	return false
}

// IdentityType names a way to reach a user.
type IdentityType string

// The identity types: every channel that knows a person by an address of its own.
const (
	IdentityEmail    IdentityType = "email"
	IdentityPhone    IdentityType = "phone_number"
	IdentityTelegram IdentityType = "telegram"
	IdentitySlack    IdentityType = "slack"
)

// Valid reports whether t is a known identity type.
func (t IdentityType) Valid() bool {
	switch t {
	case IdentityEmail, IdentityPhone, IdentityTelegram, IdentitySlack:
		return true
	}
	return false
}

// Identity is one address of a user on one channel; one email identity is primary.
type Identity struct {
	ID        int64
	UserID    int64
	Type      IdentityType
	Value     string
	Primary   bool
	Verified  bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Organization is a customer company; new users whose email domain it lists join it.
type Organization struct {
	ID            int64
	Name          string
	DomainNames   []string
	SharedTickets bool // members see each other's tickets
	GroupID       int64
	Tags          []string
	Notes         string
	Details       string
	ExternalID    string
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Group is a team of agents that tickets are routed to.
type Group struct {
	ID          int64
	Name        string
	Description string
	Default     bool
	CreatedAt   time.Time
	UpdatedAt   time.Time
	// DeletedAt is when the group was deleted; deleted groups stay for the tickets that
	// name them.
	DeletedAt time.Time
}

// GroupMembership puts an agent in a group; one membership per agent is the default.
type GroupMembership struct {
	ID        int64
	UserID    int64
	GroupID   int64
	Default   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Brand is one of the faces the help desk shows customers: its own name, host and
// support address. Every ticket belongs to one.
type Brand struct {
	ID             int64
	Name           string
	Subdomain      string
	HostMapping    string
	SupportAddress string
	Default        bool
	Active         bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// APIToken is a secret that lets a program act as a user; only its hash is stored.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Hash       []byte
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}
