package api

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	fd "github.com/frontdesk/frontdesk"
)

func (a *API) fieldRoutes() []route {
	return []route{
		{"GET /api/v2/ticket_fields", anyone, a.listTicketFields},
		{"POST /api/v2/ticket_fields", adminOnly, a.createTicketField},
		{"GET /api/v2/ticket_fields/count", staffOnly, a.countTicketFields},
		{"GET /api/v2/ticket_fields/{id}", staffOnly, a.showTicketField},
		{"PUT /api/v2/ticket_fields/{id}", adminOnly, a.updateTicketField},
		{"DELETE /api/v2/ticket_fields/{id}", adminOnly, a.deleteTicketField},
		{"GET /api/v2/ticket_fields/{id}/options", staffOnly, a.listFieldOptions},
		{"POST /api/v2/ticket_fields/{id}/options", adminOnly, a.saveFieldOption},
		{"GET /api/v2/ticket_fields/{id}/options/{oid}", staffOnly, a.showFieldOption},
		{"DELETE /api/v2/ticket_fields/{id}/options/{oid}", adminOnly, a.deleteFieldOption},
	}
}

// fieldJSON is a custom ticket field in Zendesk's shape.
type fieldJSON struct {
	URL                 string       `json:"url"`
	ID                  int64        `json:"id"`
	Type                string       `json:"type"`
	Title               string       `json:"title"`
	RawTitle            string       `json:"raw_title"`
	Description         string       `json:"description"`
	RawDescription      string       `json:"raw_description"`
	AgentDescription    *string      `json:"agent_description"`
	Position            int          `json:"position"`
	Active              bool         `json:"active"`
	Required            bool         `json:"required"`
	CollapsedForAgents  bool         `json:"collapsed_for_agents"`
	RegexpForValidation *string      `json:"regexp_for_validation"`
	TitleInPortal       string       `json:"title_in_portal"`
	RawTitleInPortal    string       `json:"raw_title_in_portal"`
	VisibleInPortal     bool         `json:"visible_in_portal"`
	EditableInPortal    bool         `json:"editable_in_portal"`
	RequiredInPortal    bool         `json:"required_in_portal"`
	Tag                 *string      `json:"tag"`
	Removable           bool         `json:"removable"`
	Key                 *string      `json:"key"`
	CustomFieldOptions  []optionJSON `json:"custom_field_options,omitempty"`
	CreatedAt           *string      `json:"created_at"`
	UpdatedAt           *string      `json:"updated_at"`
}

// optionJSON is a drop-down option in Zendesk's shape; position is its place in the
// field's list.
type optionJSON struct {
	URL      string `json:"url"`
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	RawName  string `json:"raw_name"`
	Value    string `json:"value"`
	Position int    `json:"position"`
	Default  bool   `json:"default"`
}

func fieldURL(base string, id int64) string {
	return base + "/api/v2/ticket_fields/" + strconv.FormatInt(id, 10) + ".json"
}

func optionOut(base string, fieldID int64, pos int, o fd.FieldOption) optionJSON {
	return optionJSON{URL: base + "/api/v2/ticket_fields/" + strconv.FormatInt(fieldID, 10) + "/options/" +
		strconv.FormatInt(o.ID, 10) + ".json", ID: o.ID, Name: o.Name, RawName: o.Name, Value: o.Value, Position: pos}
}

func fieldOut(base string, f *fd.TicketField) fieldJSON {
	j := fieldJSON{URL: fieldURL(base, f.ID), ID: f.ID, Type: string(f.Type), Title: f.Title, RawTitle: f.Title,
		Description: f.Description, RawDescription: f.Description, AgentDescription: nullString(f.AgentDescription),
		Position: f.Position, Active: f.Active, Required: f.Required, RegexpForValidation: nullString(f.Pattern),
		TitleInPortal: f.PortalTitle(), RawTitleInPortal: f.PortalTitle(), VisibleInPortal: f.VisibleInPortal,
		EditableInPortal: f.EditableInPortal, RequiredInPortal: f.RequiredInPortal, Tag: nullString(f.Tag),
		Removable: true, CreatedAt: zendeskTime(f.CreatedAt), UpdatedAt: zendeskTime(f.UpdatedAt)}
	if f.Type == fd.FieldDropdown {
		j.CustomFieldOptions = make([]optionJSON, len(f.Options))
		for i, o := range f.Options {
			j.CustomFieldOptions[i] = optionOut(base, f.ID, i, o)
		}
	}
	return j
}

type optionIn struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// fieldIn is the body of a field create or update, Zendesk's names; absent fields stay
// as they are. custom_field_options replaces the options: omitting one removes it.
type fieldIn struct {
	Type                optional[string]     `json:"type"`
	Title               optional[string]     `json:"title"`
	Description         optional[string]     `json:"description"`
	AgentDescription    optional[string]     `json:"agent_description"`
	Position            optional[int]        `json:"position"`
	Active              optional[bool]       `json:"active"`
	Required            optional[bool]       `json:"required"`
	VisibleInPortal     optional[bool]       `json:"visible_in_portal"`
	EditableInPortal    optional[bool]       `json:"editable_in_portal"`
	RequiredInPortal    optional[bool]       `json:"required_in_portal"`
	TitleInPortal       optional[string]     `json:"title_in_portal"`
	RegexpForValidation optional[string]     `json:"regexp_for_validation"`
	Tag                 optional[string]     `json:"tag"`
	CustomFieldOptions  optional[[]optionIn] `json:"custom_field_options"`
}

func readField(w http.ResponseWriter, r *http.Request) (*fieldIn, error) {
	var env struct {
		TicketField *fieldIn `json:"ticket_field"`
	}
	if err := decode(w, r, &env); err != nil {
		return nil, err
	}
	if env.TicketField == nil {
		return nil, fd.InvalidField("ticket_field", "is required: send {\"ticket_field\": {…}}")
	}
	return env.TicketField, nil
}

func (in *fieldIn) apply(f *fd.TicketField) {
	if in.Type.Set {
		f.Type = fd.FieldType(in.Type.V)
	}
	assignIf(&f.Title, in.Title.ptr())
	assignIf(&f.Description, in.Description.ptr())
	assignIf(&f.AgentDescription, in.AgentDescription.ptr())
	assignIf(&f.Position, in.Position.ptr())
	assignIf(&f.Active, in.Active.ptr())
	assignIf(&f.Required, in.Required.ptr())
	assignIf(&f.VisibleInPortal, in.VisibleInPortal.ptr())
	assignIf(&f.EditableInPortal, in.EditableInPortal.ptr())
	assignIf(&f.RequiredInPortal, in.RequiredInPortal.ptr())
	assignIf(&f.TitleInPortal, in.TitleInPortal.ptr())
	assignIf(&f.Pattern, in.RegexpForValidation.ptr())
	assignIf(&f.Tag, in.Tag.ptr())
	if in.CustomFieldOptions.Set {
		f.Options = make([]fd.FieldOption, len(in.CustomFieldOptions.V))
		for i, o := range in.CustomFieldOptions.V {
			f.Options[i] = fd.FieldOption{ID: o.ID, Name: o.Name, Value: o.Value}
		}
	}
}

// fieldsShownTo tells which custom fields the caller sees: every one for agents and
// admins; for end-users those visible in the portal. It is the one filter of what
// end-users see of custom fields, wherever the API shows them.
func (a *API) fieldsShownTo(ctx context.Context, caller *fd.User) (func(id int64) bool, error) {
	if caller.Role.IsStaff() {
		return func(int64) bool { return true }, nil
	}
	defs, err := a.tickets.FieldDefs(ctx)
	if err != nil {
		return nil, err
	}
	return func(id int64) bool { f := defs[id]; return f != nil && f.VisibleToEndUsers() }, nil
}

// listTicketFields lists the custom ticket fields in display order: all of them, or a
// page when cursor pagination is asked for. End-users get those visible in the portal,
// without the description meant for agents.
func (a *API) listTicketFields(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	fields, err := a.tickets.Fields(r.Context())
	if err != nil {
		return err
	}
	shown, err := a.fieldsShownTo(r.Context(), caller)
	if err != nil {
		return err
	}
	fields = slices.DeleteFunc(fields, func(f *fd.TicketField) bool { return !shown(f.ID) })
	base := baseURL(r)
	render := func(f *fd.TicketField) any {
		j := fieldOut(base, f)
		if !caller.Role.IsStaff() {
			j.AgentDescription = nil
		}
		return j
	}
	if wantsCursor(r) || r.URL.Query().Has("page") || r.URL.Query().Has("per_page") {
		return slicePage(w, r, "ticket_fields", fields, render)
	}
	out := renderAll(fields, render)
	writeJSON(w, http.StatusOK, map[string]any{"ticket_fields": out, "next_page": nil, "previous_page": nil, "count": len(out)})
	return nil
}

func (a *API) countTicketFields(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	fields, err := a.tickets.Fields(r.Context())
	if err != nil {
		return err
	}
	countAnswer(w, int64(len(fields)), a.now())
	return nil
}

func (a *API) pathField(r *http.Request) (*fd.TicketField, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return a.tickets.Field(r.Context(), id)
}

func (a *API) showTicketField(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, err := a.pathField(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"ticket_field": fieldOut(baseURL(r), f)})
	return nil
}

// createTicketField defines a custom field: text (the default type), textarea, integer,
// decimal, checkbox (with the tag it sets), date, tagger (a drop-down, with its
// custom_field_options) or regexp (with regexp_for_validation). It is active unless the
// body says otherwise, and goes last unless given a position.
func (a *API) createTicketField(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	in, err := readField(w, r)
	if err != nil {
		return err
	}
	f := fd.TicketField{Type: fd.FieldText, Active: true}
	in.apply(&f)
	created, err := a.tickets.CreateField(r.Context(), f)
	if err != nil {
		return err
	}
	body := fieldOut(baseURL(r), created)
	answerCreated(w, body.URL, "ticket_field", body)
	return nil
}

func (a *API) updateTicketField(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	in, err := readField(w, r)
	if err != nil {
		return err
	}
	f, err := a.tickets.UpdateField(r.Context(), id, func(f *fd.TicketField) error { in.apply(f); return nil })
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"ticket_field": fieldOut(baseURL(r), f)})
	return nil
}

// deleteTicketField deletes a field: it leaves the listings and new values for it are
// refused, while tickets keep the values they hold (see ticket.Service.DeleteField).
func (a *API) deleteTicketField(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := a.tickets.DeleteField(r.Context(), id); err != nil {
		return err
	}
	answerNoContent(w)
	return nil
}

// listFieldOptions lists a drop-down's options in their order; other fields have none.
func (a *API) listFieldOptions(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, err := a.pathField(r)
	if err != nil {
		return err
	}
	base := baseURL(r)
	type indexed struct {
		pos int
		opt fd.FieldOption
	}
	list := make([]indexed, len(f.Options))
	for i, o := range f.Options {
		list[i] = indexed{i, o}
	}
	return slicePage(w, r, "custom_field_options", list, func(x indexed) any { return optionOut(base, f.ID, x.pos, x.opt) })
}

// saveFieldOption adds an option to a drop-down (201) or changes the one with the id,
// or else the value, given (200).
func (a *API) saveFieldOption(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	var env struct {
		Option *optionIn `json:"custom_field_option"`
	}
	if err := decode(w, r, &env); err != nil {
		return err
	}
	if env.Option == nil {
		return fd.InvalidField("custom_field_option", "is required: send {\"custom_field_option\": {…}}")
	}
	o, isNew, err := a.tickets.SaveFieldOption(r.Context(), id, fd.FieldOption{ID: env.Option.ID, Name: env.Option.Name, Value: env.Option.Value})
	if err != nil {
		return err
	}
	f, err := a.tickets.Field(r.Context(), id)
	if err != nil {
		return err
	}
	pos := 0
	for i, x := range f.Options {
		if x.ID == o.ID {
			pos = i
		}
	}
	base := baseURL(r)
	w.Header().Set("Location", base+"/api/v2/ticket_fields/"+strconv.FormatInt(id, 10)+"/options.json")
	status := http.StatusOK
	if isNew {
		status = http.StatusCreated
	}
	writeJSON(w, status, map[string]any{"custom_field_option": optionOut(base, id, pos, *o)})
	return nil
}

// pathOption reads the option of the path's {oid} of the field of its {id}.
func (a *API) pathOption(r *http.Request) (*fd.TicketField, int, error) {
	f, err := a.pathField(r)
	if err != nil {
		return nil, 0, err
	}
	oid, err := pathIDNamed(r, "oid")
	if err != nil {
		return nil, 0, err
	}
	for i, o := range f.Options {
		if o.ID == oid {
			return f, i, nil
		}
	}
	return nil, 0, fd.ErrNotFound("custom field option", oid)
}

func (a *API) showFieldOption(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, i, err := a.pathOption(r)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"custom_field_option": optionOut(baseURL(r), f.ID, i, f.Options[i])})
	return nil
}

func (a *API) deleteFieldOption(w http.ResponseWriter, r *http.Request, caller *fd.User) error {
	f, i, err := a.pathOption(r)
	if err != nil {
		return err
	}
	if err := a.tickets.DeleteFieldOption(r.Context(), f.ID, f.Options[i].ID); err != nil {
		return err
	}
	answerNoContent(w)
	return nil
}
