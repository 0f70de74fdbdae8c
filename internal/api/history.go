package api

import (
	"html"
	"net/http"

	fd "github.com/frontdesk/frontdesk"
)

type commentJSON struct {
	ID          int64            `json:"id"`
	Type        string           `json:"type"`
	AuthorID    int64            `json:"author_id"`
	Body        string           `json:"body"`
	HTMLBody    string           `json:"html_body"`
	PlainBody   string           `json:"plain_body"`
	Public      bool             `json:"public"`
	Attachments []attachmentJSON `json:"attachments"`
	AuditID     int64            `json:"audit_id"`
	Via         fd.Via           `json:"via"`
	CreatedAt   *string          `json:"created_at"`
}

func commentOut(base string, c *fd.Comment) commentJSON {
	j := commentJSON{ID: c.ID, Type: "Comment", AuthorID: c.AuthorID, Body: c.Body, HTMLBody: c.HTMLBody,
		PlainBody: c.Body, Public: c.Public, AuditID: c.AuditID, Via: c.Via, CreatedAt: zendeskTime(c.CreatedAt),
		Attachments: []attachmentJSON{}}
	if j.HTMLBody == "" {
		j.HTMLBody = "<p>" + html.EscapeString(c.Body) + "</p>"
	}
	for i := range c.Attachments {
		j.Attachments = append(j.Attachments, attachmentOut(base, &c.Attachments[i]))
	}
	return j
}

func (a *API) listComments(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	comments, err := a.tickets.Comments(r.Context(), t.ID)
	if err != nil {
		return err
	}
	comments, body, err := pageOf(r, comments, func(c *fd.Comment) int64 { return c.ID })
	if err != nil {
		return err
	}
	base := baseURL(r)
	out := make([]commentJSON, len(comments))
	for i, c := range comments {
		out[i] = commentOut(base, c)
	}
	body["comments"] = out
	writeJSON(w, http.StatusOK, body)
	return nil
}

type eventJSON struct {
	ID            int64   `json:"id"`
	Type          string  `json:"type"`
	FieldName     string  `json:"field_name,omitempty"`
	Value         any     `json:"value,omitempty"`
	PreviousValue any     `json:"previous_value,omitempty"`
	Body          *string `json:"body,omitempty"`
	HTMLBody      *string `json:"html_body,omitempty"`
	Public        *bool   `json:"public,omitempty"`
	AuthorID      *int64  `json:"author_id,omitempty"`
	CommentID     *int64  `json:"comment_id,omitempty"`
}

type auditJSON struct {
	ID        int64       `json:"id"`
	TicketID  int64       `json:"ticket_id"`
	AuthorID  int64       `json:"author_id"`
	Via       fd.Via      `json:"via"`
	CreatedAt *string     `json:"created_at"`
	Events    []eventJSON `json:"events"`
}

func (a *API) listAudits(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	id := t.ID
	audits, err := a.tickets.Audits(r.Context(), id)
	if err != nil {
		return err
	}
	comments, err := a.tickets.Comments(r.Context(), id)
	if err != nil {
		return err
	}
	audits, body, err := pageOf(r, audits, func(a *fd.Audit) int64 { return a.ID })
	if err != nil {
		return err
	}
	byAudit := map[int64]*fd.Comment{}
	for _, c := range comments {
		byAudit[c.AuditID] = c
	}
	out := make([]auditJSON, len(audits))
	for i, au := range audits {
		j := auditJSON{ID: au.ID, TicketID: au.TicketID, AuthorID: au.AuthorID, Via: au.Via, CreatedAt: zendeskTime(au.CreatedAt), Events: []eventJSON{}}
		for k, ev := range au.Events {
			// Events have no ids of their own; number them within the audit.
			e := eventJSON{ID: au.ID*1000 + int64(k), Type: ev.Type, FieldName: ev.FieldName, Value: ev.Value, PreviousValue: ev.PreviousValue}
			if c := byAudit[au.ID]; ev.Type == fd.EventComment && c != nil {
				e.ID = c.ID // a comment event's id is the comment's, as in Zendesk
				e.Body, e.HTMLBody, e.Public, e.AuthorID = &c.Body, &c.HTMLBody, &c.Public, &c.AuthorID
			}
			if ev.Type == fd.EventCommentPrivacyChange {
				e.CommentID, e.Public = &ev.CommentID, new(bool) // always made private
			}
			j.Events = append(j.Events, e)
		}
		out[i] = j
	}
	body["audits"] = out
	writeJSON(w, http.StatusOK, body)
	return nil
}

// minutesJSON is Zendesk's {calendar, business} pair; business minutes arrive with
// schedules and are null until then.
type minutesJSON struct {
	Calendar *int64 `json:"calendar"`
	Business *int64 `json:"business"`
}

func minutes(seconds int64) minutesJSON {
	if seconds < 0 {
		return minutesJSON{}
	}
	m := fd.Minutes(seconds)
	return minutesJSON{Calendar: &m}
}

func (a *API) showMetrics(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	m, err := a.tickets.Metrics(r.Context(), t.ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"ticket_metric": map[string]any{
		"id": m.TicketID, "ticket_id": m.TicketID, "created_at": zendeskTime(m.CreatedAt), "updated_at": zendeskTime(m.UpdatedAt),
		"group_stations": m.GroupStations, "assignee_stations": m.AssigneeStations, "reopens": m.Reopens, "replies": m.Replies,
		"assignee_updated_at": zendeskTime(m.AssigneeUpdatedAt), "requester_updated_at": zendeskTime(m.RequesterUpdatedAt),
		"status_updated_at": zendeskTime(m.StatusUpdatedAt), "initially_assigned_at": zendeskTime(m.InitiallyAssignedAt),
		"assigned_at": zendeskTime(m.AssignedAt), "solved_at": zendeskTime(m.SolvedAt),
		"latest_comment_added_at":         zendeskTime(m.LatestCommentAddedAt),
		"reply_time_in_minutes":           minutes(m.FirstReplySeconds),
		"full_resolution_time_in_minutes": minutes(m.FullResolutionSeconds),
		"agent_wait_time_in_minutes":      minutes(m.AgentWaitSeconds),
		"requester_wait_time_in_minutes":  minutes(m.RequesterWaitSeconds),
		"on_hold_time_in_minutes":         minutes(m.OnHoldSeconds),
	}})
	return nil
}

func (a *API) deleteTicket(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	t, err := a.pathTicket(r, caller)
	if err != nil {
		return err
	}
	if err := a.tickets.DeleteBy(r.Context(), t.ID, caller.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
