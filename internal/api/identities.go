package api

import (
	"net/http"
	"slices"
	"strconv"

	fd "github.com/frontdesk/frontdesk"
)

// User identities (/users/{id}/identities): email addresses and other handles a user is
// known by, one primary per type.

// identityIn is the body of an identity create or update.
type identityIn struct {
	Type               string           `json:"type"`
	Value              optional[string] `json:"value"`
	Verified           optional[bool]   `json:"verified"`
	VerificationMethod string           `json:"verification_method"`
	Primary            bool             `json:"primary"`
}

// verified is what the body says of verification: verified, or Zendesk's newer
// verification_method ("none" is unverified, anything else verified).
func (in *identityIn) verified() *bool {
	if in.Verified.Set {
		return &in.Verified.V
	}
	if in.VerificationMethod != "" {
		v := in.VerificationMethod != "none"
		return &v
	}
	return nil
}

// identityJSON is an identity in Zendesk's shape.
type identityJSON struct {
	URL                string  `json:"url"`
	ID                 int64   `json:"id"`
	UserID             int64   `json:"user_id"`
	Type               string  `json:"type"`
	Value              string  `json:"value"`
	Verified           bool    `json:"verified"`
	VerificationMethod string  `json:"verification_method"`
	Primary            bool    `json:"primary"`
	UndeliverableCount int     `json:"undeliverable_count"`
	DeliverableState   *string `json:"deliverable_state"`
	CreatedAt          *string `json:"created_at"`
	UpdatedAt          *string `json:"updated_at"`
}

func identityOut(base string, i *fd.Identity) identityJSON {
	j := identityJSON{
		URL: base + "/api/v2/users/" + strconv.FormatInt(i.UserID, 10) + "/identities/" + strconv.FormatInt(i.ID, 10) + ".json",
		ID:  i.ID, UserID: i.UserID, Type: string(i.Type), Value: i.Value, Verified: i.Verified,
		VerificationMethod: "none", Primary: i.Primary, CreatedAt: zendeskTime(i.CreatedAt), UpdatedAt: zendeskTime(i.UpdatedAt),
	}
	if i.Verified {
		j.VerificationMethod = "low"
	}
	if i.Type == fd.IdentityEmail {
		s := "deliverable"
		j.DeliverableState = &s
	}
	return j
}

// identityOwner reads the path user whose identities the caller reads (agents anyone's,
// end-users their own) or, with write, changes (admins anyone's, agents end-users' and
// their own).
func (a *API) identityOwner(r *http.Request, caller *fd.User, write bool) (*fd.User, error) {
	u, err := a.pathLiveUser(r, caller)
	if err != nil {
		return nil, err
	}
	if write && u.ID != caller.ID {
		if err := mayManage(caller, u); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// endUserSees reports whether an end-user is shown an identity of theirs.
func endUserSees(caller *fd.User, i fd.Identity) bool {
	return caller.Role.IsStaff() || i.Type == fd.IdentityEmail || i.Type == fd.IdentityPhone
}

// pathIdentity reads the user and the identity id of an identity path, checking the
// caller may see (or, with write, change) the user's identities.
func (a *API) pathIdentity(r *http.Request, caller *fd.User, write bool) (*fd.User, int64, error) {
	u, err := a.identityOwner(r, caller, write)
	if err != nil {
		return nil, 0, err
	}
	id, err := strconv.ParseInt(r.PathValue("iid"), 10, 64)
	if err != nil || id <= 0 {
		return nil, 0, fd.ErrNotFound("identity", r.PathValue("iid"))
	}
	return u, id, nil
}

func (a *API) writeIdentities(w http.ResponseWriter, r *http.Request, caller *fd.User, list []fd.Identity) {
	types := r.URL.Query()["type[]"]
	out := []identityJSON{}
	for _, i := range list {
		if endUserSees(caller, i) && (len(types) == 0 || slices.Contains(types, string(i.Type))) {
			out = append(out, identityOut(baseURL(r), &i))
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"identities": out, "next_page": nil, "previous_page": nil, "count": len(out)})
}

func (a *API) listIdentities(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.identityOwner(r, caller, false)
	if err != nil {
		return err
	}
	list, err := a.dir.Identities(r.Context(), u.ID)
	if err != nil {
		return err
	}
	a.writeIdentities(w, r, caller, list)
	return nil
}

func (a *API) showIdentity(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, iid, err := a.pathIdentity(r, caller, false)
	if err != nil {
		return err
	}
	i, err := a.dir.Identity(r.Context(), u.ID, iid)
	if err != nil {
		return err
	}
	if !endUserSees(caller, *i) {
		return fd.ErrNotFound("identity", iid)
	}
	writeJSON(w, http.StatusOK, map[string]any{"identity": identityOut(baseURL(r), i)})
	return nil
}

func readIdentity(w http.ResponseWriter, r *http.Request) (*identityIn, error) {
	var env struct {
		Identity *identityIn `json:"identity"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.Identity == nil {
		return nil, fd.InvalidField("identity", "is required: send {\"identity\": {…}}")
	}
	return env.Identity, nil
}

func (a *API) createIdentity(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, err := a.identityOwner(r, caller, true)
	if err != nil {
		return err
	}
	in, err := readIdentity(w, r)
	if err != nil {
		return err
	}
	id := fd.Identity{Type: fd.IdentityType(in.Type), Value: in.Value.V, Primary: in.Primary}
	if v := in.verified(); v != nil {
		id.Verified = *v
	}
	created, err := a.dir.AddIdentity(r.Context(), u.ID, id)
	if err != nil {
		return err
	}
	body := identityOut(baseURL(r), created)
	w.Header().Set("Location", body.URL)
	writeJSON(w, http.StatusCreated, map[string]any{"identity": body})
	return nil
}

// updateIdentity changes an identity's value or verification; primary is changed with
// make_primary only, as in Zendesk.
func (a *API) updateIdentity(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, iid, err := a.pathIdentity(r, caller, true)
	if err != nil {
		return err
	}
	in, err := readIdentity(w, r)
	if err != nil {
		return err
	}
	i, err := a.dir.UpdateIdentity(r.Context(), u.ID, iid, in.Value.ptr(), in.verified())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"identity": identityOut(baseURL(r), i)})
	return nil
}

func (a *API) verifyIdentity(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, iid, err := a.pathIdentity(r, caller, true)
	if err != nil {
		return err
	}
	yes := true
	i, err := a.dir.UpdateIdentity(r.Context(), u.ID, iid, nil, &yes)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"identity": identityOut(baseURL(r), i)})
	return nil
}

func (a *API) makePrimaryIdentity(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, iid, err := a.pathIdentity(r, caller, true)
	if err != nil {
		return err
	}
	list, err := a.dir.MakePrimary(r.Context(), u.ID, iid)
	if err != nil {
		return err
	}
	a.writeIdentities(w, r, caller, list)
	return nil
}

func (a *API) deleteIdentity(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	u, iid, err := a.pathIdentity(r, caller, true)
	if err != nil {
		return err
	}
	if err := a.dir.DeleteIdentity(r.Context(), u.ID, iid); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
