package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// orgRoutes are the directory's endpoints: organizations here, and groups, group
// memberships, brands and ticket fields in their own files.
func (a *API) orgRoutes() []route {
	return slices.Concat([]route{
		{"GET /api/v2/organizations", staffOnly, a.listOrganizations},
		{"POST /api/v2/organizations", adminOnly, a.createOrganization},
		{"GET /api/v2/organizations/count", staffOnly, a.countOrganizations},
		{"GET /api/v2/organizations/search", staffOnly, a.searchOrganizations},
		{"GET /api/v2/organizations/autocomplete", staffOnly, a.autocompleteOrganizations},
		{"GET /api/v2/organizations/show_many", staffOnly, a.showManyOrganizations},
		{"POST /api/v2/organizations/create_or_update", staffOnly, a.createOrUpdateOrganization},
		{"GET /api/v2/organizations/{id}", staffOnly, a.showOrganization},
		{"PUT /api/v2/organizations/{id}", staffOnly, a.updateOrganization},
		{"DELETE /api/v2/organizations/{id}", adminOnly, a.deleteOrganization},
		{"GET /api/v2/organizations/{id}/tickets", staffOnly, a.organizationTickets},
		{"GET /api/v2/organizations/{id}/users", staffOnly, a.organizationUsers},
	}, a.groupRoutes(), a.membershipRoutes(), a.brandRoutes(), a.fieldRoutes())
}

// orgJSON is an organization in Zendesk's shape.
type orgJSON struct {
	URL                string         `json:"url"`
	ID                 int64          `json:"id"`
	Name               string         `json:"name"`
	SharedTickets      bool           `json:"shared_tickets"`
	SharedComments     bool           `json:"shared_comments"`
	ExternalID         *string        `json:"external_id"`
	CreatedAt          *string        `json:"created_at"`
	UpdatedAt          *string        `json:"updated_at"`
	DomainNames        []string       `json:"domain_names"`
	Details            string         `json:"details"`
	Notes              string         `json:"notes"`
	GroupID            *int64         `json:"group_id"`
	Tags               []string       `json:"tags"`
	OrganizationFields map[string]any `json:"organization_fields"`
}

func orgURL(base string, id int64) string {
	return base + "/api/v2/organizations/" + strconv.FormatInt(id, 10) + ".json"
}

func organizationJSON(base string, o *fd.Organization) orgJSON {
	j := orgJSON{URL: orgURL(base, o.ID), ID: o.ID, Name: o.Name, SharedTickets: o.SharedTickets,
		ExternalID: nullString(o.ExternalID), CreatedAt: zendeskTime(o.CreatedAt), UpdatedAt: zendeskTime(o.UpdatedAt),
		DomainNames: o.DomainNames, Details: o.Details, Notes: o.Notes, GroupID: nullID(o.GroupID), Tags: o.Tags,
		OrganizationFields: map[string]any{}}
	if j.DomainNames == nil {
		j.DomainNames = []string{}
	}
	if j.Tags == nil {
		j.Tags = []string{}
	}
	return j
}

// orgIn is the body of an organization create or update; absent fields stay as they are
// and null clears.
type orgIn struct {
	ID            int64              `json:"id"`
	Name          optional[string]   `json:"name"`
	DomainNames   optional[[]string] `json:"domain_names"`
	SharedTickets optional[bool]     `json:"shared_tickets"`
	GroupID       optional[int64]    `json:"group_id"`
	Tags          optional[[]string] `json:"tags"`
	Notes         optional[string]   `json:"notes"`
	Details       optional[string]   `json:"details"`
	ExternalID    optional[string]   `json:"external_id"`
}

func readOrg(w http.ResponseWriter, r *http.Request) (*orgIn, error) {
	var env struct {
		Organization *orgIn `json:"organization"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.Organization == nil {
		return nil, fd.InvalidField("organization", "is required: send {\"organization\": {…}}")
	}
	return env.Organization, nil
}

func (in *orgIn) apply(o *fd.Organization) {
	assignIf(&o.Name, in.Name.ptr())
	assignIf(&o.DomainNames, in.DomainNames.ptr())
	assignIf(&o.SharedTickets, in.SharedTickets.ptr())
	assignIf(&o.GroupID, in.GroupID.ptr())
	assignIf(&o.Tags, in.Tags.ptr())
	assignIf(&o.Notes, in.Notes.ptr())
	assignIf(&o.Details, in.Details.ptr())
	assignIf(&o.ExternalID, in.ExternalID.ptr())
}

func assignIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// orgLimited reports whether the caller is an agent who sees only their organization's
// tickets; Zendesk answers such agents 403 on organization listings, and they see their
// own organization only.
func orgLimited(u *fd.User) bool {
	return u.Role == fd.RoleAgent && u.TicketRestriction == fd.RestrictOrganization
}

func forbidOrgListing(caller *fd.User) error {
	if orgLimited(caller) {
		return fd.Errorf(fd.Forbidden, "agents restricted to their organization can't list organizations")
	}
	return nil
}

// pathOrganization reads the organization of the path's {id}, if the caller may see it.
func (a *API) pathOrganization(r *http.Request, caller *fd.User) (*fd.Organization, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	if orgLimited(caller) && caller.OrganizationID != id {
		return nil, fd.Errorf(fd.Forbidden, "agents restricted to their organization see only their own")
	}
	return a.db.Read().Organization(r.Context(), id)
}

// mayEditOrg reports whether the caller may change an organization from before to
// after. Admins may change anything; agents without restrictions only the notes, as in
// Zendesk; restricted agents nothing.
func mayEditOrg(caller *fd.User, before, after *fd.Organization) error {
	if caller.Role == fd.RoleAdmin {
		return nil
	}
	if caller.TicketRestriction != fd.RestrictNone {
		return fd.Errorf(fd.Forbidden, "restricted agents can't change organizations")
	}
	norm := func(o *fd.Organization) fd.Organization {
		c := *o
		c.Name, c.ExternalID, c.Notes = strings.TrimSpace(c.Name), strings.TrimSpace(c.ExternalID), ""
		c.Tags = fd.NormalizeTags(c.Tags)
		c.DomainNames = make([]string, len(o.DomainNames))
		for i, d := range o.DomainNames {
			c.DomainNames[i] = strings.ToLower(strings.TrimSpace(d))
		}
		slices.Sort(c.DomainNames)
		return c
	}
	b, x := norm(before), norm(after)
	if b.Name != x.Name || b.ExternalID != x.ExternalID || b.SharedTickets != x.SharedTickets || b.GroupID != x.GroupID ||
		b.Details != x.Details || !slices.Equal(b.Tags, x.Tags) || !slices.Equal(b.DomainNames, x.DomainNames) {
		return fd.Errorf(fd.Forbidden, "agents may only change an organization's notes")
	}
	return nil
}

func (a *API) listOrganizations(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	if err := forbidOrgListing(caller); err != nil {
		return err
	}
	ctx, conn, base := r.Context(), a.db.Read(), baseURL(r)
	return idPage(w, r, "organizations",
		func(after int64, offset, limit int) ([]*fd.Organization, error) {
			return conn.Organizations(ctx, after, offset, limit)
		},
		func() (int64, error) { return conn.CountOrganizations(ctx) },
		func(o *fd.Organization) int64 { return o.ID },
		func(o *fd.Organization) any { return organizationJSON(base, o) })
}

func (a *API) countOrganizations(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	if err := forbidOrgListing(caller); err != nil {
		return err
	}
	n, err := a.db.Read().CountOrganizations(r.Context())
	if err != nil {
		return err
	}
	countAnswer(w, n, a.now())
	return nil
}

func (a *API) showOrganization(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	o, err := a.pathOrganization(r, caller)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"organization": organizationJSON(baseURL(r), o)})
	return nil
}

func (a *API) createOrganization(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readOrg(w, r)
	if err != nil {
		return err
	}
	return a.addOrganization(w, r, in)
}

func (a *API) addOrganization(w http.ResponseWriter, r *http.Request, in *orgIn) error {
	var o fd.Organization
	in.apply(&o)
	created, err := a.dir.CreateOrganization(r.Context(), o)
	if err != nil {
		return err
	}
	body := organizationJSON(baseURL(r), created)
	answerCreated(w, body.URL, "organization", body)
	return nil
}

// changeOrganization applies in to the organization with this id, as the caller may.
func (a *API) changeOrganization(ctx context.Context, caller *fd.User, id int64, in *orgIn) (*fd.Organization, error) {
	return a.dir.UpdateOrganization(ctx, id, func(o *fd.Organization) error {
		before := *o
		in.apply(o)
		return mayEditOrg(caller, &before, o)
	})
}

func (a *API) updateOrganization(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	cur, err := a.pathOrganization(r, caller)
	if err != nil {
		return err
	}
	in, err := readOrg(w, r)
	if err != nil {
		return err
	}
	o, err := a.changeOrganization(r.Context(), caller, cur.ID, in)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"organization": organizationJSON(baseURL(r), o)})
	return nil
}

func (a *API) deleteOrganization(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.dir.DeleteOrganization(r.Context(), id); err != nil {
		return err
	}
	answerNoContent(w)
	return nil
}

// createOrUpdateOrganization updates the organization the body names by id, else by
// external_id, else (when it gives neither) by name, answering 200; and creates one
// when none matches, answering 201. Zendesk matches by id and external_id only; matching
// by name too when nothing else identifies the organization makes a repeated call
// update rather than fail on the taken name.
func (a *API) createOrUpdateOrganization(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readOrg(w, r)
	if err != nil {
		return err
	}
	if orgLimited(caller) {
		return fd.Errorf(fd.Forbidden, "agents restricted to their organization can't change organizations")
	}
	for attempt := 0; ; attempt++ {
		existing, err := a.matchOrganization(r.Context(), in)
		if err != nil {
			return err
		}
		if existing == nil {
			if caller.Role != fd.RoleAdmin {
				return fd.Errorf(fd.Forbidden, "only admins may create organizations")
			}
			err := a.addOrganization(w, r, in)
			if fd.Is(err, fd.Conflict) && attempt == 0 {
				continue // created meanwhile by another call: update it instead
			}
			return err
		}
		o, err := a.changeOrganization(r.Context(), caller, existing.ID, in)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, map[string]any{"organization": organizationJSON(baseURL(r), o)})
		return nil
	}
}

func (a *API) matchOrganization(ctx context.Context, in *orgIn) (*fd.Organization, error) {
	conn := a.db.Read()
	var found []*fd.Organization
	var err error
	switch ext := strings.TrimSpace(in.ExternalID.V); {
	case in.ID != 0:
		o, err := conn.Organization(ctx, in.ID)
		return o, err
	case ext != "":
		found, err = conn.OrganizationsByExternalIDs(ctx, []string{ext})
	case strings.TrimSpace(in.Name.V) != "":
		found, err = conn.OrganizationsNamed(ctx, strings.TrimSpace(in.Name.V))
	default:
		return nil, fd.InvalidField("name", "can't be blank")
	}
	if err != nil || len(found) == 0 {
		return nil, err
	}
	return found[0], nil
}

// searchOrganizations finds organizations by exact external_id or exact name, both
// compared without regard to case.
func (a *API) searchOrganizations(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	if err := forbidOrgListing(caller); err != nil {
		return err
	}
	q := r.URL.Query()
	ext, name := strings.TrimSpace(q.Get("external_id")), strings.TrimSpace(q.Get("name"))
	var found []*fd.Organization
	var err error
	conn := a.db.Read()
	switch {
	case ext != "" && name != "":
		return fd.InvalidField("external_id", "search by external_id or by name, not both")
	case ext != "":
		found, err = conn.OrganizationsByExternalIDs(r.Context(), []string{ext})
	case name != "":
		found, err = conn.OrganizationsNamed(r.Context(), name)
	default:
		return fd.InvalidField("external_id", "give external_id or name to search by")
	}
	if err != nil {
		return err
	}
	base := baseURL(r)
	return slicePage(w, r, "organizations", found, func(o *fd.Organization) any { return organizationJSON(base, o) })
}

// autocompleteLimit bounds the candidates an autocomplete considers.
const autocompleteLimit = 1000

// autocompleteOrganizations lists the organizations whose name starts with the name
// given, by name. Candidates come from the organization search index (every word a
// prefix), and only names that start with the whole text are kept.
func (a *API) autocompleteOrganizations(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	if err := forbidOrgListing(caller); err != nil {
		return err
	}
	name := strings.TrimSpace(r.URL.Query().Get("name"))
	if name == "" {
		return fd.InvalidField("name", "can't be blank")
	}
	conn := a.db.Read()
	ids, err := conn.SearchOrganizations(r.Context(), strings.Fields(name), autocompleteLimit)
	if err != nil {
		return err
	}
	orgs, err := conn.OrganizationsByIDs(r.Context(), ids)
	if err != nil {
		return err
	}
	prefix := strings.ToLower(name)
	orgs = slices.DeleteFunc(orgs, func(o *fd.Organization) bool { return !strings.HasPrefix(strings.ToLower(o.Name), prefix) })
	slices.SortFunc(orgs, func(x, y *fd.Organization) int {
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	base := baseURL(r)
	return slicePage(w, r, "organizations", orgs, func(o *fd.Organization) any { return organizationJSON(base, o) })
}

// showManyOrganizations lists the organizations named by ids or by external_ids (up to
// 100, comma-separated); unknown ones are left out.
func (a *API) showManyOrganizations(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	if err := forbidOrgListing(caller); err != nil {
		return err
	}
	conn := a.db.Read()
	var found []*fd.Organization
	q := r.URL.Query()
	switch {
	case q.Get("ids") != "":
		ids, err := idListParam(r, "ids")
		if err != nil {
			return err
		}
		if found, err = conn.OrganizationsByIDs(r.Context(), ids); err != nil {
			return err
		}
	case q.Get("external_ids") != "":
		var ext []string
		for _, e := range strings.Split(q.Get("external_ids"), ",") {
			if e = strings.TrimSpace(e); e != "" {
				ext = append(ext, e)
			}
		}
		if len(ext) > maxManyIDs {
			return fd.InvalidField("external_ids", "takes at most %d external ids", maxManyIDs)
		}
		var err error
		if found, err = conn.OrganizationsByExternalIDs(r.Context(), ext); err != nil {
			return err
		}
	default:
		return fd.InvalidField("ids", "give ids or external_ids")
	}
	base := baseURL(r)
	return slicePage(w, r, "organizations", found, func(o *fd.Organization) any { return organizationJSON(base, o) })
}

// organizationTickets lists an organization's tickets that the caller may see.
func (a *API) organizationTickets(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	o, err := a.pathOrganization(r, caller)
	if err != nil {
		return err
	}
	v, err := a.viewerOf(r.Context(), caller)
	if err != nil {
		return err
	}
	return a.renderTickets(w, r, store.TicketFilter{OrganizationID: o.ID, Visible: v.visibility()})
}

// organizationUsers lists an organization's users.
func (a *API) organizationUsers(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	o, err := a.pathOrganization(r, caller)
	if err != nil {
		return err
	}
	ctx, conn, base := r.Context(), a.db.Read(), baseURL(r)
	return idPage(w, r, "users",
		func(after int64, offset, limit int) ([]*fd.User, error) {
			return conn.OrganizationUsers(ctx, o.ID, after, offset, limit)
		},
		func() (int64, error) { return conn.CountOrganizationUsers(ctx, o.ID) },
		func(u *fd.User) int64 { return u.ID },
		func(u *fd.User) any { return a.userJSON(base, u) })
}
