package api

import (
	"strconv"

	fd "github.com/frontdesk/frontdesk"
)

// userJSON is a user in Zendesk's shape. Fields Frontdesk has no notion of yet (phone,
// photo, signatures, custom roles, user fields) are rendered empty, so clients that
// expect them find them.
type userJSON struct {
	ID                   int64          `json:"id"`
	URL                  string         `json:"url"`
	Name                 string         `json:"name"`
	Email                *string        `json:"email"`
	CreatedAt            *string        `json:"created_at"`
	UpdatedAt            *string        `json:"updated_at"`
	TimeZone             string         `json:"time_zone"`
	IANATimeZone         string         `json:"iana_time_zone"`
	Phone                *string        `json:"phone"`
	SharedPhoneNumber    *bool          `json:"shared_phone_number"`
	Photo                any            `json:"photo"`
	Locale               string         `json:"locale"`
	OrganizationID       *int64         `json:"organization_id"`
	Role                 string         `json:"role"`
	Verified             bool           `json:"verified"`
	ExternalID           *string        `json:"external_id"`
	Tags                 []string       `json:"tags"`
	Alias                string         `json:"alias"`
	Active               bool           `json:"active"`
	Shared               bool           `json:"shared"`
	SharedAgent          bool           `json:"shared_agent"`
	LastLoginAt          *string        `json:"last_login_at"`
	TwoFactorAuthEnabled *bool          `json:"two_factor_auth_enabled"`
	Signature            *string        `json:"signature"`
	Details              string         `json:"details"`
	Notes                string         `json:"notes"`
	RoleType             *int           `json:"role_type"`
	CustomRoleID         *int64         `json:"custom_role_id"`
	Moderator            bool           `json:"moderator"`
	TicketRestriction    *string        `json:"ticket_restriction"`
	OnlyPrivateComments  bool           `json:"only_private_comments"`
	RestrictedAgent      bool           `json:"restricted_agent"`
	Suspended            bool           `json:"suspended"`
	DefaultGroupID       *int64         `json:"default_group_id"`
	ReportCSV            bool           `json:"report_csv"`
	UserFields           map[string]any `json:"user_fields"`
}

// userJSON renders u as Zendesk does. Verified is left false: it depends on the user's
// identities, which a caller that has loaded them sets on the result.
func (a *API) userJSON(base string, u *fd.User) userJSON {
	j := userJSON{
		ID: u.ID, URL: base + "/api/v2/users/" + strconv.FormatInt(u.ID, 10) + ".json", Name: u.Name,
		Email: nullString(u.Email), CreatedAt: zendeskTime(u.CreatedAt), UpdatedAt: zendeskTime(u.UpdatedAt),
		TimeZone: u.TimeZone, IANATimeZone: u.TimeZone, Locale: u.Locale, OrganizationID: nullID(u.OrganizationID),
		Role: string(u.Role), ExternalID: nullString(u.ExternalID), Tags: u.Tags, Active: true,
		Details: u.Details, Notes: u.Notes, Moderator: u.Role.IsStaff(), Suspended: u.Suspended,
		DefaultGroupID: nullID(u.DefaultGroupID), ReportCSV: u.Role == fd.RoleAdmin, UserFields: map[string]any{},
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if j.TimeZone == "" {
		j.TimeZone, j.IANATimeZone = "UTC", "Etc/UTC"
	}
	if j.Locale == "" {
		j.Locale = "en-US"
	}
	// Zendesk: end-users see what they requested; admins are unrestricted (null).
	switch {
	case u.Role == fd.RoleEndUser:
		j.TicketRestriction = nullString(string(fd.RestrictRequested))
	case u.Role == fd.RoleAgent && u.TicketRestriction != fd.RestrictNone:
		j.TicketRestriction = nullString(string(u.TicketRestriction))
		j.RestrictedAgent = true
	}
	return j
}
