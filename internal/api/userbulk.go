package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/jobs"
	"github.com/frontdesk/frontdesk/internal/store"
)

// Bulk user endpoints (create_many, create_or_update_many): queued as jobs, each user
// created or updated as the single-user endpoints do.

// The job kinds of the bulk user endpoints, shown as job_type.
const (
	jobCreateUsers         = "create_many_users"
	jobCreateOrUpdateUsers = "create_or_update_many_users"
)

// handleUserJobs registers the functions that run the bulk user endpoints' jobs.
func (a *API) handleUserJobs() {
	a.jobs.Handle(jobCreateUsers, a.runBulkUsers(false))
	a.jobs.Handle(jobCreateOrUpdateUsers, a.runBulkUsers(true))
}

// userBulkInput is what a bulk user job keeps of its request: the users' bodies.
type userBulkInput struct {
	Users []json.RawMessage `json:"users"`
}

// decodeUser reads one user body as the single-user endpoints do.
func decodeUser(raw json.RawMessage, in *userIn) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return dec.Decode(in)
}

// bulkUsers serves create_many and create_or_update_many: up to 100 users, queued as a
// job and answered with its status, as in Zendesk. The body's shape is checked now
// (400, as for one user); what each entry says, and whether the caller may create or
// change that user, is checked when the job runs, entry by entry, so one bad entry
// fails alone.
func (a *API) bulkUsers(upsert bool) handler {
	return func(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
		var env struct {
			Users []json.RawMessage `json:"users"`
		}
		if err := decode(w, r, &env); err != nil {
			return err
		}
		switch {
		case len(env.Users) == 0:
			return fd.InvalidField("users", "is required: send {\"users\": [{…}, …]}")
		case len(env.Users) > maxBulk:
			return fd.InvalidField("users", "holds %d users; at most %d at a time", len(env.Users), maxBulk)
		}
		for i, raw := range env.Users {
			var in userIn
			if err := decodeUser(raw, &in); err != nil {
				badRequest(w, fmt.Sprintf("users[%d] is not a user: %v", i, err))
				return errHandled
			}
		}
		kind := jobCreateUsers
		if upsert {
			kind = jobCreateOrUpdateUsers
		}
		return a.enqueue(w, r, caller, kind, len(env.Users), userBulkInput{Users: env.Users})
	}
}

// runBulkUsers runs a create_many (or, with upsert, create_or_update_many) job as its
// creator: each user is created or updated in a transaction that also records its
// result.
func (a *API) runBulkUsers(upsert bool) jobs.Func {
	return func(ctx context.Context, run *jobs.Run) error {
		var in userBulkInput
		if err := json.Unmarshal(run.Job.Input, &in); err != nil {
			return fmt.Errorf("job %s input: %w", run.Job.ID, err)
		}
		creator, err := a.jobCreator(ctx, run, staffOnly)
		if err != nil {
			return err
		}
		for i, raw := range in.Users {
			err := a.runTxItem(ctx, run, creator, item{index: i, action: "create"}, func(ctx context.Context, tx *store.Tx, it *item) error {
				var body userIn
				if string(bytes.TrimSpace(raw)) == "null" {
					return fd.InvalidField("users", "entry %d is null; send a user object", i)
				}
				if err := decodeUser(raw, &body); err != nil {
					return fd.InvalidField("user", "is not a user: %v", err)
				}
				nu, rest := body.newUser()
				var u *fd.User
				var err error
				if upsert {
					ch := body.change()
					allow := mayUpsert(creator, nu, rest, ch)
					u, _, err = a.dir.CreateOrUpdateUserTx(ctx, tx, body.match(), nu, ch, body.Verified, func(existing *fd.User) error {
						if existing != nil {
							it.id, it.action = existing.ID, "update"
						}
						return allow(existing)
					})
				} else if err = mayCreate(creator, nu.Role, rest); err == nil {
					u, err = a.dir.CreateUserWithTx(ctx, tx, nu, rest, body.Verified)
				}
				if err != nil {
					return err
				}
				it.id = u.ID
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
}
