package api

func init() {
	addDocs(map[string]doc{
		"GET /api/v2/tickets/{id}/tags": {Summary: "List a ticket's tags", Out: tagList{}},
		"POST /api/v2/tickets/{id}/tags": {Summary: "Replace a ticket's tags (safe_update honoured)",
			In: tagsBody{}, Out: tagList{}},
		"PUT /api/v2/tickets/{id}/tags":    {Summary: "Add tags to a ticket", In: tagsBody{}, Out: tagList{}},
		"DELETE /api/v2/tickets/{id}/tags": {Summary: "Remove tags from a ticket (body or ?tags=)", Query: []string{"tags"}},
		"GET /api/v2/tickets/{id}/collaborators": {Summary: "A ticket's collaborators, followers and CCs",
			Out: envelope{"users", []userJSON{}}},
		"GET /api/v2/tickets/{id}/incidents": {Summary: "A problem ticket's incidents, among those the caller may see",
			Out: list{"tickets", ticketJSON{}}},
		"PUT /api/v2/tickets/{id}/comments/{comment_id}/make_private": {Summary: "Make a public comment private (audited)", Status: 200},
		"GET /api/v2/deleted_tickets": {Summary: "List soft-deleted tickets the caller may see",
			Out: list{"deleted_tickets", deletedTicketJSON{}}},
		"PUT /api/v2/deleted_tickets/{id}/restore": {Summary: "Restore a deleted ticket (admins)", Status: 200},
		"PUT /api/v2/deleted_tickets/restore_many": {Summary: "Restore up to 100 deleted tickets (admins)", Query: []string{"ids"}, Status: 200},
		"DELETE /api/v2/deleted_tickets/{id}": {Summary: "Delete a soft-deleted ticket permanently, with its comments, attachments and audits (admins; a job)",
			Out: envelope{"job_status", jobJSON{}}, Status: 200},
		"DELETE /api/v2/deleted_tickets/destroy_many": {Summary: "Delete up to 100 soft-deleted tickets permanently (admins; a job)",
			Query: []string{"ids"}, Out: envelope{"job_status", jobJSON{}}, Status: 200},
		"POST /api/v2/uploads": {Summary: "Upload a file (raw body or multipart uploaded_data); the token attaches it to a comment's uploads",
			Query: []string{"filename", "token"}, Out: envelope{"upload", uploadJSON{}}},
		"DELETE /api/v2/uploads/{token}":       {Summary: "Delete an upload not yet attached"},
		"GET /api/v2/attachments/{id}":         {Summary: "Show an attachment's metadata", Out: envelope{"attachment", attachmentJSON{}}},
		"GET /api/v2/attachments/{id}/content": {Summary: "Download an attachment (checked against the ticket's visibility)"},
	})
}

// uploadJSON is the answer to an upload, for docs.
type uploadJSON struct {
	Token       string           `json:"token"`
	ExpiresAt   string           `json:"expires_at"`
	Attachment  attachmentJSON   `json:"attachment"`
	Attachments []attachmentJSON `json:"attachments"`
}
