package api

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// optional is a JSON field that may be absent, null, or set, as Zendesk updates need:
// "assignee_id": null unassigns, a missing assignee_id leaves it.
type optional[T any] struct {
	Set  bool
	Null bool
	V    T
}

// UnmarshalJSON records that the field was present.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if bytes.Equal(b, []byte("null")) {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.V)
}

// ptr returns the value to apply: nil when absent, the zero value when null.
func (o optional[T]) ptr() *T {
	if !o.Set {
		return nil
	}
	return &o.V
}

// zendeskTime is how Zendesk writes times: ISO-8601 in UTC to the second.
func zendeskTime(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.UTC().Format(time.RFC3339)
	return &s
}

func nullID(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

func nullString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func ids(list []int64) []int64 {
	if list == nil {
		return []int64{}
	}
	return list
}

type customField struct {
	ID    int64 `json:"id"`
	Value any   `json:"value"`
}

// ticketJSON is a ticket in Zendesk's shape.
type ticketJSON struct {
	URL                 string        `json:"url"`
	ID                  int64         `json:"id"`
	ExternalID          *string       `json:"external_id"`
	Via                 fd.Via        `json:"via"`
	CreatedAt           *string       `json:"created_at"`
	UpdatedAt           *string       `json:"updated_at"`
	UpdatedStamp        string        `json:"updated_stamp"`
	GeneratedTimestamp  int64         `json:"generated_timestamp"`
	Type                *string       `json:"type"`
	Subject             string        `json:"subject"`
	RawSubject          string        `json:"raw_subject"`
	Description         string        `json:"description"`
	Priority            *string       `json:"priority"`
	Status              string        `json:"status"`
	RequesterID         int64         `json:"requester_id"`
	SubmitterID         int64         `json:"submitter_id"`
	AssigneeID          *int64        `json:"assignee_id"`
	OrganizationID      *int64        `json:"organization_id"`
	GroupID             *int64        `json:"group_id"`
	BrandID             int64         `json:"brand_id"`
	CollaboratorIDs     []int64       `json:"collaborator_ids"`
	FollowerIDs         []int64       `json:"follower_ids"`
	EmailCCIDs          []int64       `json:"email_cc_ids"`
	ProblemID           *int64        `json:"problem_id"`
	ViaFollowupSourceID *int64        `json:"via_followup_source_id"`
	IsPublic            bool          `json:"is_public"`
	DueAt               *string       `json:"due_at"`
	Tags                []string      `json:"tags"`
	CustomFields        []customField `json:"custom_fields"`
	AllowChannelback    bool          `json:"allow_channelback"`
	AllowAttachments    bool          `json:"allow_attachments"`
}

// stampLayout writes updated_stamp to the microsecond, so a client that sends it back
// in safe_update matches the stored stamp exactly.
const stampLayout = "2006-01-02T15:04:05.000000Z"

func (a *API) ticketJSON(base string, t *fd.Ticket) ticketJSON {
	j := ticketJSON{
		URL: base + "/api/v2/tickets/" + strconv.FormatInt(t.ID, 10) + ".json", ID: t.ID,
		ExternalID: nullString(t.ExternalID), Via: t.Via, CreatedAt: zendeskTime(t.CreatedAt),
		UpdatedAt: zendeskTime(t.UpdatedAt), UpdatedStamp: t.UpdatedAt.UTC().Format(stampLayout),
		GeneratedTimestamp: t.UpdatedAt.Unix(), Type: nullString(string(t.Type)), Subject: t.Subject,
		RawSubject: t.Subject, Description: t.Description, Priority: nullString(string(t.Priority)),
		Status: string(t.Status), RequesterID: t.RequesterID, SubmitterID: t.SubmitterID,
		AssigneeID: nullID(t.AssigneeID), OrganizationID: nullID(t.OrganizationID), GroupID: nullID(t.GroupID),
		BrandID: t.BrandID, CollaboratorIDs: ids(t.CollaboratorIDs), FollowerIDs: ids(t.FollowerIDs),
		EmailCCIDs: ids(t.EmailCCIDs), ProblemID: nullID(t.ProblemID), ViaFollowupSourceID: nullID(t.FollowupSourceID),
		IsPublic: t.Public, DueAt: zendeskTime(t.DueAt), Tags: t.Tags, AllowAttachments: true,
		CustomFields: []customField{},
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	for id, v := range t.CustomFields {
		j.CustomFields = append(j.CustomFields, customField{ID: id, Value: v})
	}
	slices.SortFunc(j.CustomFields, func(x, y customField) int { return cmp.Compare(x.ID, y.ID) })
	return j
}
