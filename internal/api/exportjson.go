package api

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// appendTicket appends a ticket byte for byte as encoding/json writes a.ticketJSON(base,
// t), but straight from the ticket, with no reflection and no intermediate struct, as
// the hot paths need: the ticket show and update (here) and the incremental export
// (appendExportTicket). A deleted ticket's status is "deleted", as the export shows it;
// the show never answers one. TestExportTicketJSON, TestExportTicketJSONFromStore and
// TestWriteTicket hold them together, so a field added to ticketJSON must be added here.
func appendTicket(b []byte, base string, t *fd.Ticket) ([]byte, error) {
	src, err := json.Marshal(t.Via.Source)
	if err != nil {
		return b, err
	}
	return appendTicketVia(b, base, t, string(src))
}

// appendExportTicket appends a ticket of the incremental export, whose via's source is
// copied from the JSON the store read rather than decoded only to be encoded again.
func appendExportTicket(b []byte, base string, et *store.ExportedTicket) ([]byte, error) {
	return appendTicketVia(b, base, &et.Ticket, et.ViaSource)
}

// appendTicketVia appends t with viaSource, the JSON of t.Via.Source.
func appendTicketVia(b []byte, base string, t *fd.Ticket, viaSource string) ([]byte, error) {
	b = append(b, `{"url":"`...)
	b = appendEscaped(b, base)
	b = append(b, "/api/v2/tickets/"...)
	b = strconv.AppendInt(b, t.ID, 10)
	b = append(b, `.json","id":`...)
	b = strconv.AppendInt(b, t.ID, 10)
	b = append(b, `,"external_id":`...)
	b = appendNullString(b, t.ExternalID)
	b = append(b, `,"via":{"channel":`...)
	b = appendString(b, t.Via.Channel)
	b = append(b, `,"source":`...)
	b = append(b, viaSource...)
	b = append(b, '}')
	b = append(b, `,"created_at":`...)
	b = appendTime(b, t.CreatedAt)
	b = append(b, `,"updated_at":`...)
	b = appendTime(b, t.UpdatedAt)
	b = append(b, `,"updated_stamp":"`...)
	b = t.UpdatedAt.UTC().AppendFormat(b, stampLayout)
	b = append(b, `","generated_timestamp":`...)
	b = strconv.AppendInt(b, t.UpdatedAt.Unix(), 10)
	b = append(b, `,"type":`...)
	b = appendNullString(b, string(t.Type))
	b = append(b, `,"subject":`...)
	b = appendString(b, t.Subject)
	b = append(b, `,"raw_subject":`...)
	b = appendString(b, t.Subject)
	b = append(b, `,"description":`...)
	b = appendString(b, t.Description)
	b = append(b, `,"priority":`...)
	b = appendNullString(b, string(t.Priority))
	status := string(t.Status)
	if !t.DeletedAt.IsZero() {
		status = "deleted"
	}
	b = append(b, `,"status":`...)
	b = appendString(b, status)
	b = append(b, `,"requester_id":`...)
	b = strconv.AppendInt(b, t.RequesterID, 10)
	b = append(b, `,"submitter_id":`...)
	b = strconv.AppendInt(b, t.SubmitterID, 10)
	b = append(b, `,"assignee_id":`...)
	b = appendNullID(b, t.AssigneeID)
	b = append(b, `,"organization_id":`...)
	b = appendNullID(b, t.OrganizationID)
	b = append(b, `,"group_id":`...)
	b = appendNullID(b, t.GroupID)
	b = append(b, `,"brand_id":`...)
	b = strconv.AppendInt(b, t.BrandID, 10)
	b = append(b, `,"collaborator_ids":`...)
	b = appendIDs(b, t.CollaboratorIDs)
	b = append(b, `,"follower_ids":`...)
	b = appendIDs(b, t.FollowerIDs)
	b = append(b, `,"email_cc_ids":`...)
	b = appendIDs(b, t.EmailCCIDs)
	b = append(b, `,"problem_id":`...)
	b = appendNullID(b, t.ProblemID)
	b = append(b, `,"via_followup_source_id":`...)
	b = appendNullID(b, t.FollowupSourceID)
	b = append(b, `,"is_public":`...)
	b = strconv.AppendBool(b, t.Public)
	b = append(b, `,"due_at":`...)
	b = appendTime(b, t.DueAt)
	b = append(b, `,"tags":[`...)
	for i, tag := range t.Tags {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, tag)
	}
	b = append(b, `],"custom_fields":[`...)
	if len(t.CustomFields) > 0 {
		ids := make([]int64, 0, len(t.CustomFields))
		for id := range t.CustomFields {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, cmp.Compare)
		for i, id := range ids {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = strconv.AppendInt(b, id, 10)
			b = append(b, `,"value":`...)
			var err error
			if b, err = appendValue(b, t.CustomFields[id]); err != nil {
				return b, err
			}
			b = append(b, '}')
		}
	}
	b = append(b, `],"allow_channelback":false,"allow_attachments":true}`...)
	return b, nil
}

// appendValue writes any value as encoding/json does, strings and booleans directly.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendString(b, v), nil
	case bool:
		return strconv.AppendBool(b, v), nil
	case int:
		return strconv.AppendInt(b, int64(v), 10), nil
	case int64:
		return strconv.AppendInt(b, v, 10), nil
	}
	raw, err := json.Marshal(v)
	return append(b, raw...), err
}

func appendTime(b []byte, t time.Time) []byte {
	if t.IsZero() {
		return append(b, "null"...)
	}
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, time.RFC3339)
	return append(b, '"')
}

func appendNullID(b []byte, id int64) []byte {
	if id == 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, id, 10)
}

func appendNullString(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return appendString(b, s)
}

func appendIDs(b []byte, ids []int64) []byte {
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, id, 10)
	}
	return append(b, ']')
}

func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendEscaped(b, s)
	return append(b, '"')
}

const hexDigits = "0123456789abcdef"

// plainJSON marks the ASCII bytes a JSON string holds as they are; a table, as the
// test of every byte of every description is the renderer's inner loop.
var plainJSON = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendEscaped writes s escaped for a JSON string as encoding/json does by default:
// quotes, backslashes and control characters, <, > and & (so JSON is safe in HTML),
// invalid UTF-8 as U+FFFD, and U+2028 and U+2029.
func appendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		for i < len(s) && s[i] < utf8.RuneSelf && plainJSON[s[i]] {
			i++
		}
		if i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}
