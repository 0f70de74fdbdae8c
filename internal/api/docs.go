package api

import "maps"

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

	"GET /api/v2/users": {Summary: "List users, filtered by role", Query: []string{"role", "role[]", "external_id"},
		Out: list{"users", userJSON{}}},
	"POST /api/v2/users": {Summary: "Create a user (agents create end-users; admins anyone)",
		In: envelope{"user", userIn{}}, Out: envelope{"user", userJSON{}}},
	"GET /api/v2/users/me":     {Summary: "Show the signed-in user", Out: envelope{"user", userJSON{}}},
	"GET /api/v2/users/search": {Summary: "Search users by name, email or notes (query) or external_id", Query: []string{"query", "external_id"}, Out: offsetList{"users", userJSON{}}},
	"GET /api/v2/users/show_many": {Summary: "Show up to 100 users by ids or external_ids", Query: []string{"ids", "external_ids"},
		Out: envelope{"users", []userJSON{}}},
	"POST /api/v2/users/create_or_update": {Summary: "Create a user, or update the one with this email or external_id (200)",
		In: envelope{"user", userIn{}}, Out: envelope{"user", userJSON{}}},
	"POST /api/v2/users/create_many": {Summary: "Create up to 100 users; answered with a job status",
		In: envelope{"users", []userIn{}}, Out: envelope{"job_status", jobJSON{}}, Status: 200},
	"POST /api/v2/users/create_or_update_many": {Summary: "Create or update up to 100 users; answered with a job status",
		In: envelope{"users", []userIn{}}, Out: envelope{"job_status", jobJSON{}}, Status: 200},
	"GET /api/v2/users/{id}": {Summary: "Show a user (end-users: only themselves)", Out: envelope{"user", userJSON{}}},
	"PUT /api/v2/users/{id}": {Summary: "Update a user (end-users: their own name, locale and time zone); an agent made an end-user loses their unsolved tickets, unassigned",
		In: envelope{"user", userIn{}}, Out: envelope{"user", userJSON{}}},
	"DELETE /api/v2/users/{id}": {Summary: "Delete a user: inactive, identities and tokens removed, unsolved tickets unassigned",
		Out: envelope{"user", userJSON{}}, Status: 200},
	"GET /api/v2/users/{id}/related":           {Summary: "Counts of a user's tickets", Out: envelope{"user_related", map[string]int{}}},
	"GET /api/v2/users/{id}/tags":              {Summary: "List a user's tags", Out: tagList{}},
	"POST /api/v2/users/{id}/tags":             {Summary: "Set a user's tags", In: tagList{}, Out: tagList{}},
	"PUT /api/v2/users/{id}/tags":              {Summary: "Add tags to a user", In: tagList{}, Out: tagList{}},
	"DELETE /api/v2/users/{id}/tags":           {Summary: "Remove tags from a user (body or ?tags=)", Query: []string{"tags"}},
	"GET /api/v2/users/{id}/tickets/requested": {Summary: "Tickets the user requested, among those the caller may see", Out: list{"tickets", ticketJSON{}}},
	"GET /api/v2/users/{id}/tickets/ccd":       {Summary: "Tickets the user is copied on, among those the caller may see", Out: list{"tickets", ticketJSON{}}},
	"GET /api/v2/users/{id}/tickets/assigned":  {Summary: "Tickets assigned to the user, among those the caller may see", Out: list{"tickets", ticketJSON{}}},
	"GET /api/v2/users/{id}/identities":        {Summary: "List a user's identities, primary first", Out: offsetList{"identities", identityJSON{}}},
	"POST /api/v2/users/{id}/identities": {Summary: "Add an identity (email, phone_number, …)",
		In: envelope{"identity", identityIn{}}, Out: envelope{"identity", identityJSON{}}},
	"GET /api/v2/users/{id}/identities/{iid}": {Summary: "Show an identity", Out: envelope{"identity", identityJSON{}}},
	"PUT /api/v2/users/{id}/identities/{iid}": {Summary: "Update an identity's value or verification",
		In: envelope{"identity", identityIn{}}, Out: envelope{"identity", identityJSON{}}},
	"DELETE /api/v2/users/{id}/identities/{iid}":           {Summary: "Delete an identity"},
	"PUT /api/v2/users/{id}/identities/{iid}/make_primary": {Summary: "Make an identity the primary one of its type", Out: offsetList{"identities", identityJSON{}}},
	"PUT /api/v2/users/{id}/identities/{iid}/verify":       {Summary: "Mark an identity verified", Out: envelope{"identity", identityJSON{}}},

	"GET /api/v2/api_tokens": {Summary: "List API tokens with their last use (admins)", Out: offsetList{"api_tokens", tokenJSON{}}},
	"POST /api/v2/api_tokens": {Summary: "Create an API token; the secret is shown only in this answer",
		In: envelope{"api_token", tokenIn{}}, Out: envelope{"api_token", tokenJSON{}}},
	"GET /api/v2/api_tokens/{id}":    {Summary: "Show an API token", Out: envelope{"api_token", tokenJSON{}}},
	"DELETE /api/v2/api_tokens/{id}": {Summary: "Revoke an API token at once"},

	"GET /api/v2/requests": {Summary: "End-users: list your requests", Query: []string{"status", "sort_by", "sort_order"},
		Out: list{"requests", requestJSON{}}},
	"POST /api/v2/requests": {Summary: "End-users: submit a request; only fields editable in the portal may be set, and those required there must be",
		In: envelope{"request", requestIn{}}, Out: envelope{"request", requestJSON{}}},
	"GET /api/v2/requests/open":   {Summary: "End-users: your open requests", Out: list{"requests", requestJSON{}}},
	"GET /api/v2/requests/solved": {Summary: "End-users: your solved requests", Out: list{"requests", requestJSON{}}},
	"GET /api/v2/requests/ccd":    {Summary: "End-users: requests you are copied on", Out: list{"requests", requestJSON{}}},
	"GET /api/v2/requests/search": {Summary: "End-users: search your requests", Query: []string{"query", "status", "organization_id", "cc_id"},
		Out: offsetList{"requests", requestJSON{}}},
	"GET /api/v2/requests/{id}": {Summary: "End-users: show a request", Out: envelope{"request", requestJSON{}}},
	"PUT /api/v2/requests/{id}": {Summary: "End-users: comment on a request, solve it, change its CCs or the fields editable in the portal",
		In: envelope{"request", requestIn{}}, Out: envelope{"request", requestJSON{}}},
	"GET /api/v2/requests/{id}/comments": {Summary: "End-users: a request's public comments", Query: []string{"since", "role"},
		Out: list{"comments", requestCommentJSON{}}},
	"GET /api/v2/requests/{id}/comments/{cid}": {Summary: "End-users: one public comment", Out: envelope{"comment", requestCommentJSON{}}},
}

// tagList is {"tags": [...]}, for docs.
type tagList struct {
	Tags []string `json:"tags"`
}

// addDocs adds an area's docs; each area's docs_*.go calls it from init.
func addDocs(m map[string]doc) { maps.Copy(docs, m) }
