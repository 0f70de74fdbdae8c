package api

import (
	"strconv"

	fd "github.com/frontdesk/frontdesk"
)

// userJSON is a user in Zendesk's shape, as agents and admins see it.
type userJSON struct {
	ID                  int64          `json:"id"`
	URL                 string         `json:"url"`
	Name                string         `json:"name"`
	Email               *string        `json:"email"`
	Role                string         `json:"role"`
	RoleType            *int           `json:"role_type"`
	Locale              string         `json:"locale"`
	TimeZone            string         `json:"time_zone"`
	OrganizationID      *int64         `json:"organization_id"`
	DefaultGroupID      *int64         `json:"default_group_id"`
	Tags                []string       `json:"tags"`
	Notes               string         `json:"notes"`
	Details             string         `json:"details"`
	ExternalID          *string        `json:"external_id"`
	Phone               *string        `json:"phone"`
	Photo               any            `json:"photo"`
	Suspended           bool           `json:"suspended"`
	TicketRestriction   *string        `json:"ticket_restriction"`
	RestrictedAgent     bool           `json:"restricted_agent"`
	Moderator           bool           `json:"moderator"`
	OnlyPrivateComments bool           `json:"only_private_comments"`
	Active              bool           `json:"active"`
	Verified            bool           `json:"verified"`
	Shared              bool           `json:"shared"`
	SharedAgent         bool           `json:"shared_agent"`
	UserFields          map[string]any `json:"user_fields"`
	LastLoginAt         *string        `json:"last_login_at"`
	CreatedAt           *string        `json:"created_at"`
	UpdatedAt           *string        `json:"updated_at"`
}

// userJSON renders u. Verified (any identity verified) needs the identities, which u
// does not carry: callers that know it set it on the result.
func (a *API) userJSON(base string, u *fd.User) userJSON {
	j := userJSON{
		ID: u.ID, URL: base + "/api/v2/users/" + strconv.FormatInt(u.ID, 10) + ".json", Name: u.Name,
		Email: nullString(u.Email), Role: string(u.Role), Locale: u.Locale, TimeZone: u.TimeZone,
		OrganizationID: nullID(u.OrganizationID), DefaultGroupID: nullID(u.DefaultGroupID), Tags: u.Tags,
		Notes: u.Notes, Details: u.Details, ExternalID: nullString(u.ExternalID), Suspended: u.Suspended,
		RestrictedAgent: u.Role == fd.RoleAgent && u.TicketRestriction != fd.RestrictNone,
		Active:          u.Active(), UserFields: map[string]any{},
		CreatedAt: zendeskTime(u.CreatedAt), UpdatedAt: zendeskTime(u.UpdatedAt),
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	switch u.Role {
	case fd.RoleAgent:
		j.TicketRestriction = nullString(string(u.TicketRestriction))
	case fd.RoleEndUser:
		r := string(fd.RestrictRequested) // Zendesk's value for end-users
		j.TicketRestriction = &r
	}
	return j
}

// endUserJSON is the smaller shape Zendesk shows end-users, of themselves: none of what
// agents note about them.
type endUserJSON struct {
	ID             int64   `json:"id"`
	URL            string  `json:"url"`
	Name           string  `json:"name"`
	Email          *string `json:"email"`
	Role           string  `json:"role"`
	Locale         string  `json:"locale"`
	TimeZone       string  `json:"time_zone"`
	OrganizationID *int64  `json:"organization_id"`
	Phone          *string `json:"phone"`
	Photo          any     `json:"photo"`
	Verified       bool    `json:"verified"`
	CreatedAt      *string `json:"created_at"`
	UpdatedAt      *string `json:"updated_at"`
}

func (j userJSON) forEndUser() endUserJSON {
	return endUserJSON{ID: j.ID, URL: j.URL, Name: j.Name, Email: j.Email, Role: j.Role, Locale: j.Locale,
		TimeZone: j.TimeZone, OrganizationID: j.OrganizationID, Verified: j.Verified,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt}
}
