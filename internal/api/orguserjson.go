package api

import (
	"strconv"

	fd "github.com/frontdesk/frontdesk"
)

// orgUserJSON is a user in Zendesk's shape, as the organization and group member
// listings (/organizations/{id}/users, /groups/{id}/users) render them.
type orgUserJSON struct {
	URL                  string         `json:"url"`
	ID                   int64          `json:"id"`
	Name                 string         `json:"name"`
	Email                *string        `json:"email"`
	CreatedAt            *string        `json:"created_at"`
	UpdatedAt            *string        `json:"updated_at"`
	TimeZone             string         `json:"time_zone"`
	IANATimeZone         string         `json:"iana_time_zone"`
	Phone                *string        `json:"phone"`
	Photo                any            `json:"photo"`
	Locale               string         `json:"locale"`
	OrganizationID       *int64         `json:"organization_id"`
	Role                 string         `json:"role"`
	RoleType             *int           `json:"role_type"`
	CustomRoleID         *int64         `json:"custom_role_id"`
	Verified             bool           `json:"verified"`
	ExternalID           *string        `json:"external_id"`
	Tags                 []string       `json:"tags"`
	Alias                string         `json:"alias"`
	Active               bool           `json:"active"`
	Shared               bool           `json:"shared"`
	SharedAgent          bool           `json:"shared_agent"`
	LastLoginAt          *string        `json:"last_login_at"`
	TwoFactorAuthEnabled *bool          `json:"two_factor_auth_enabled"`
	Signature            string         `json:"signature"`
	Details              string         `json:"details"`
	Notes                string         `json:"notes"`
	Moderator            bool           `json:"moderator"`
	TicketRestriction    *string        `json:"ticket_restriction"`
	OnlyPrivateComments  bool           `json:"only_private_comments"`
	RestrictedAgent      bool           `json:"restricted_agent"`
	Suspended            bool           `json:"suspended"`
	DefaultGroupID       *int64         `json:"default_group_id"`
	ReportCSV            bool           `json:"report_csv"`
	UserFields           map[string]any `json:"user_fields"`
}

func orgUser(base string, u *fd.User) orgUserJSON {
	j := orgUserJSON{
		URL: base + "/api/v2/users/" + strconv.FormatInt(u.ID, 10) + ".json", ID: u.ID, Name: u.Name,
		Email: nullString(u.Email), CreatedAt: zendeskTime(u.CreatedAt), UpdatedAt: zendeskTime(u.UpdatedAt),
		TimeZone: u.TimeZone, IANATimeZone: u.TimeZone, Locale: u.Locale, OrganizationID: nullID(u.OrganizationID),
		Role: string(u.Role), Verified: u.Email != "", ExternalID: nullString(u.ExternalID), Tags: u.Tags,
		Active: true, Details: u.Details, Notes: u.Notes, TicketRestriction: nullString(string(u.TicketRestriction)),
		Suspended: u.Suspended, DefaultGroupID: nullID(u.DefaultGroupID), UserFields: map[string]any{},
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	if u.Role.IsStaff() {
		j.RestrictedAgent = u.Role == fd.RoleAgent && u.TicketRestriction != fd.RestrictNone
		j.Moderator = u.Role == fd.RoleAdmin
	}
	return j
}
