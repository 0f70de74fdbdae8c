package api

// docs documents every route for the OpenAPI document (openapi.go), keyed by the
// route's pattern. A route missing here fails TestOpenAPICoversEveryRoute.
var docs = map[string]doc{
	"GET /api/v2/tickets": {Summary: "List tickets the caller may see, oldest first (sort=-id for newest)",
		Query: []string{"sort", "sort_order"}, Out: list{"tickets", ticketJSON{}}},
	"POST /api/v2/tickets": {Summary: "Create a ticket; the Idempotency-Key header makes retries safe",
		In: envelope{"ticket", ticketIn{}}, Out: envelope{"ticket", ticketJSON{}}},
	"GET /api/v2/tickets/{id}": {Summary: "Show a ticket", Out: envelope{"ticket", ticketJSON{}}},
	"PUT /api/v2/tickets/{id}": {Summary: "Update a ticket: fields, a comment, tags; safe_update with updated_stamp answers 409 on a stale stamp",
		In: envelope{"ticket", ticketIn{}}, Out: envelope{"ticket", ticketJSON{}}},
	"DELETE /api/v2/tickets/{id}":       {Summary: "Delete a ticket (soft; admins can restore it)"},
	"GET /api/v2/tickets/{id}/comments": {Summary: "List a ticket's comments, oldest first", Out: list{"comments", commentJSON{}}},
	"GET /api/v2/tickets/{id}/audits":   {Summary: "List a ticket's audits, oldest first", Out: list{"audits", auditJSON{}}},
	"GET /api/v2/tickets/{id}/metrics":  {Summary: "Show a ticket's metrics", Out: envelope{"ticket_metric", map[string]any{}}},
}
