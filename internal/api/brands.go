package api

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	fd "github.com/frontdesk/frontdesk"
)

func (a *API) brandRoutes() []route {
	return []route{
		{"GET /api/v2/brands", staffOnly, a.listBrands},
		{"POST /api/v2/brands", adminOnly, a.createBrand},
		{"GET /api/v2/brands/{id}", staffOnly, a.showBrand},
		{"PUT /api/v2/brands/{id}", adminOnly, a.updateBrand},
		{"DELETE /api/v2/brands/{id}", adminOnly, a.deleteBrand},
	}
}

// brandJSON is a brand in Zendesk's shape, with support_address, Frontdesk's own: the
// address the brand's email goes out from.
type brandJSON struct {
	URL               string  `json:"url"`
	ID                int64   `json:"id"`
	Name              string  `json:"name"`
	BrandURL          string  `json:"brand_url"`
	Subdomain         string  `json:"subdomain"`
	HostMapping       *string `json:"host_mapping"`
	HasHelpCenter     bool    `json:"has_help_center"`
	HelpCenterState   string  `json:"help_center_state"`
	Active            bool    `json:"active"`
	Default           bool    `json:"default"`
	IsDeleted         bool    `json:"is_deleted"`
	Logo              any     `json:"logo"`
	TicketFormIDs     []int64 `json:"ticket_form_ids"`
	SignatureTemplate string  `json:"signature_template"`
	SupportAddress    *string `json:"support_address"`
	CreatedAt         *string `json:"created_at"`
	UpdatedAt         *string `json:"updated_at"`
}

// brandOut renders a brand; as in Zendesk, only admins see its host mapping.
func brandOut(r *http.Request, caller *fd.User, b *fd.Brand) brandJSON {
	base := baseURL(r)
	j := brandJSON{URL: base + "/api/v2/brands/" + strconv.FormatInt(b.ID, 10) + ".json", ID: b.ID, Name: b.Name,
		BrandURL: base, Subdomain: b.Subdomain, HelpCenterState: "disabled", Active: b.Active, Default: b.Default,
		TicketFormIDs: []int64{}, SupportAddress: nullString(b.SupportAddress),
		CreatedAt: zendeskTime(b.CreatedAt), UpdatedAt: zendeskTime(b.UpdatedAt)}
	if b.HostMapping != "" {
		j.BrandURL = "https://" + b.HostMapping
	}
	if caller.Role == fd.RoleAdmin {
		j.HostMapping = nullString(b.HostMapping)
	}
	return j
}

type brandIn struct {
	Name           optional[string] `json:"name"`
	Subdomain      optional[string] `json:"subdomain"`
	HostMapping    optional[string] `json:"host_mapping"`
	Active         optional[bool]   `json:"active"`
	Default        optional[bool]   `json:"default"`
	SupportAddress optional[string] `json:"support_address"`
}

func readBrand(w http.ResponseWriter, r *http.Request) (*brandIn, error) {
	var env struct {
		Brand *brandIn `json:"brand"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.Brand == nil {
		return nil, fd.InvalidField("brand", "is required: send {\"brand\": {…}}")
	}
	return env.Brand, nil
}

func (in *brandIn) apply(b *fd.Brand) {
	assignIf(&b.Name, in.Name.ptr())
	assignIf(&b.Subdomain, in.Subdomain.ptr())
	assignIf(&b.HostMapping, in.HostMapping.ptr())
	assignIf(&b.Active, in.Active.ptr())
	assignIf(&b.Default, in.Default.ptr())
	assignIf(&b.SupportAddress, in.SupportAddress.ptr())
}

// listBrands lists the brands by name, as Zendesk does.
func (a *API) listBrands(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	brands, err := a.db.Read().Brands(r.Context())
	if err != nil {
		return err
	}
	slices.SortStableFunc(brands, func(x, y *fd.Brand) int {
		return strings.Compare(strings.ToLower(x.Name), strings.ToLower(y.Name))
	})
	return slicePage(w, r, "brands", brands, func(b *fd.Brand) any { return brandOut(r, caller, b) })
}

func (a *API) showBrand(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	b, err := a.db.Read().Brand(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"brand": brandOut(r, caller, b)})
	return nil
}

// createBrand creates a brand, active unless the body says otherwise; one created as
// the default becomes the brand of new tickets that name none.
func (a *API) createBrand(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readBrand(w, r)
	if err != nil {
		return err
	}
	b := fd.Brand{Active: true}
	in.apply(&b)
	created, err := a.dir.AddBrand(r.Context(), b)
	if err != nil {
		return err
	}
	a.tickets.BrandsChanged()
	body := brandOut(r, caller, created)
	answerCreated(w, body.URL, "brand", body)
	return nil
}

// updateBrand changes a brand; "default": true moves the default to it, for the next
// ticket on.
func (a *API) updateBrand(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := readBrand(w, r)
	if err != nil {
		return err
	}
	b, err := a.dir.UpdateBrand(r.Context(), id, func(b *fd.Brand) error { in.apply(b); return nil })
	if err != nil {
		return err
	}
	a.tickets.BrandsChanged()
	writeJSON(w, http.StatusOK, map[string]any{"brand": brandOut(r, caller, b)})
	return nil
}

func (a *API) deleteBrand(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.dir.DeleteBrand(r.Context(), id); err != nil {
		return err
	}
	a.tickets.BrandsChanged()
	answerNoContent(w)
	return nil
}
