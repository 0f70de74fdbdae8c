package api

func init() {
	addDocs(map[string]doc{
		"GET /api/v2/tickets/show_many": {Summary: "Show up to 100 tickets by id; ids the caller may not see are absent",
			Query: []string{"ids"}, Out: offsetList{"tickets", ticketJSON{}}},
		"GET /api/v2/tickets/count": {Summary: "Count the tickets the caller may see (refreshed at most once a minute)",
			Out: envelope{"count", countJSON{}}},
		"POST /api/v2/tickets/create_many": {Summary: "Create up to 100 tickets; answered with a job status",
			In: envelope{"tickets", []ticketIn{}}, Out: envelope{"job_status", jobJSON{}}, Status: 200},
		"PUT /api/v2/tickets/update_many": {Summary: "Update up to 100 tickets: ?ids= with one ticket change, or tickets[] each with its id; a job",
			Query: []string{"ids"}, In: updateManyDoc{}, Out: envelope{"job_status", jobJSON{}}},
		"DELETE /api/v2/tickets/destroy_many": {Summary: "Delete up to 100 tickets; answered with a job status",
			Query: []string{"ids"}, Out: envelope{"job_status", jobJSON{}}, Status: 200},
		"POST /api/v2/tickets/{id}/merge": {Summary: "Merge tickets (ids) into this one: sources closed with a comment, the target told; a job",
			In: mergeIn{}, Out: envelope{"job_status", jobJSON{}}, Status: 200},
		"GET /api/v2/job_statuses":           {Summary: "List your recent job statuses (kept a day)", Out: list{"job_statuses", jobJSON{}}},
		"GET /api/v2/job_statuses/show_many": {Summary: "Show several job statuses", Query: []string{"ids"}, Out: envelope{"job_statuses", []jobJSON{}}},
		"GET /api/v2/job_statuses/{id}":      {Summary: "Show a job status: queued, working, completed or failed, with results", Out: envelope{"job_status", jobJSON{}}},
	})
}

// updateManyDoc is update_many's body, for docs.
type updateManyDoc struct {
	Ticket  *ticketIn  `json:"ticket"`
	Tickets []ticketIn `json:"tickets"`
}
