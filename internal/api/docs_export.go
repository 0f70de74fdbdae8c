package api

func init() {
	since := []string{"start_time:integer", "per_page:integer", "exclude_deleted:boolean"}
	addDocs(map[string]doc{
		"GET /api/v2/incremental/tickets/cursor": {Summary: "Tickets changed since start_time, by cursor, deleted ones included (admins); the last minute is held back so no change is ever skipped",
			Query: append(since, "cursor"), Out: exportPage{"tickets", ticketJSON{}, true}},
		"GET /api/v2/incremental/tickets": {Summary: "Tickets changed since start_time, by time (the boundary second may repeat)",
			Query: since, Out: exportPage{"tickets", ticketJSON{}, false}},
		"GET /api/v2/incremental/users/cursor": {Summary: "Users changed since start_time, by cursor", Query: append(since, "cursor"),
			Out: exportPage{"users", userJSON{}, true}},
		"GET /api/v2/incremental/users":         {Summary: "Users changed since start_time, by time", Query: since, Out: exportPage{"users", userJSON{}, false}},
		"GET /api/v2/incremental/organizations": {Summary: "Organizations changed since start_time, by time", Query: since, Out: exportPage{"organizations", orgJSON{}, false}},
		"GET /api/v2/incremental/ticket_events": {Summary: "Ticket events (one per audit, with child_events) since start_time",
			Query: append(since, "include"), Out: exportPage{"ticket_events", map[string]any{}, false}},
		"GET /api/v2/incremental/{resource}/sample": {Summary: "Up to 50 records of an incremental export, to try it out",
			Query: []string{"start_time:integer"}, Out: map[string]any{}},
	})
}

// exportPage is an incremental export page of name records, for docs: by cursor
// (after_cursor, end_of_stream) or by time (next_page, end_time).
type exportPage struct {
	name   string
	item   any
	cursor bool
}
