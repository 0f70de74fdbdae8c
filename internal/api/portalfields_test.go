package api_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
	"github.com/frontdesk/frontdesk/internal/store/storetest"
)

// mustField defines a custom ticket field as admin and returns its id.
func (e *env) mustField(t *testing.T, admin caller, body string) int64 {
	t.Helper()
	return idOf(obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": `+body+`}`), "ticket_field"))
}

// internalAndPlanFields defines, as admin, a field for agents only and a drop-down
// end-users see but can't change.
func (e *env) internalAndPlanFields(t *testing.T, admin caller) (internal, plan int64) {
	t.Helper()
	internal = e.mustField(t, admin, `{"type": "text", "title": "Escalation reason"}`)
	plan = e.mustField(t, admin, `{"type": "tagger", "title": "Plan", "visible_in_portal": true,
		"custom_field_options": [{"name": "Free", "value": "plan_free"}, {"name": "Pro", "value": "plan_pro"}]}`)
	return internal, plan
}

// fieldValuesOf reads a ticket's or request's custom_fields as id → value.
func fieldValuesOf(t *testing.T, m map[string]any) map[int64]any {
	t.Helper()
	list, ok := m["custom_fields"].([]any)
	if !ok {
		t.Fatalf("no custom_fields in %v", m)
	}
	out := map[int64]any{}
	for _, f := range list {
		f := f.(map[string]any)
		out[idOf(f)] = f["value"]
	}
	return out
}

// problemKeys are the fields a 422 answer's details name, sorted.
func problemKeys(body map[string]any) []string {
	var keys []string
	for k := range obj(body, "details") {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func equalValues(a, b map[int64]any) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestTicketFieldPortalFlagsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)

		// A new field is agent-only and is titled in the portal by its title.
		plain := obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"type": "text",
			"title": "Escalation reason", "agent_description": "Why a lead took it over"}}`), "ticket_field")
		if plain["visible_in_portal"] != false || plain["editable_in_portal"] != false || plain["required_in_portal"] != false ||
			plain["title_in_portal"] != "Escalation reason" || plain["raw_title_in_portal"] != "Escalation reason" ||
			plain["agent_description"] != "Why a lead took it over" {
			t.Fatalf("a field created without portal flags: %v", plain)
		}

		// The flags are written and read back on create, show, list and update.
		order := obj(e.want(t, 201, admin, "POST", "/api/v2/ticket_fields", `{"ticket_field": {"type": "text", "title": "Order number",
			"visible_in_portal": true, "editable_in_portal": true, "required_in_portal": true, "title_in_portal": "Your order number"}}`), "ticket_field")
		orderPath := "/api/v2/ticket_fields/" + itoa(idOf(order))
		listed := func(c caller, id int64) map[string]any {
			t.Helper()
			for _, f := range list(e.want(t, 200, c, "GET", "/api/v2/ticket_fields", ""), "ticket_fields") {
				if idOf(f) == id {
					return f
				}
			}
			t.Fatalf("field %d is not listed", id)
			return nil
		}
		for _, f := range []map[string]any{order, obj(e.want(t, 200, agent, "GET", orderPath, ""), "ticket_field"), listed(agent, idOf(order))} {
			if f["visible_in_portal"] != true || f["editable_in_portal"] != true || f["required_in_portal"] != true ||
				f["title_in_portal"] != "Your order number" || f["raw_title_in_portal"] != "Your order number" || f["title"] != "Order number" {
				t.Fatalf("field with portal flags: %v", f)
			}
		}
		f := obj(e.want(t, 200, admin, "PUT", orderPath+".json", `{"ticket_field": {"required_in_portal": false, "title_in_portal": ""}}`), "ticket_field")
		if f["required_in_portal"] != false || f["editable_in_portal"] != true || f["visible_in_portal"] != true || f["title_in_portal"] != "Order number" {
			t.Fatalf("updated flags: %v", f)
		}
		if f := obj(e.want(t, 200, agent, "GET", orderPath, ""), "ticket_field"); f["required_in_portal"] != false || f["title_in_portal"] != "Order number" {
			t.Fatalf("updated flags read back: %v", f)
		}

		// Editable needs visible and required needs editable: 422 naming the flag, and
		// nothing stored.
		for _, c := range []struct {
			method, path, body, want string
		}{
			{"POST", "/api/v2/ticket_fields", `{"type": "text", "title": "x", "editable_in_portal": true}`, "editable_in_portal"},
			{"POST", "/api/v2/ticket_fields", `{"type": "text", "title": "x", "visible_in_portal": true, "required_in_portal": true}`, "required_in_portal"},
			{"PUT", orderPath, `{"visible_in_portal": false}`, "editable_in_portal"},
			{"PUT", orderPath, `{"editable_in_portal": false, "required_in_portal": true}`, "required_in_portal"},
		} {
			code, body := e.dirCall(t, admin, c.method, c.path, `{"ticket_field": `+c.body+`}`)
			if keys := problemKeys(body); code != 422 || body["error"] != "RecordInvalid" || !slices.Equal(keys, []string{c.want}) {
				t.Errorf("%s %s: %d %v, want 422 on %s", c.method, c.body, code, body, c.want)
			}
		}
		if f := obj(e.want(t, 200, agent, "GET", orderPath, ""), "ticket_field"); f["visible_in_portal"] != true || f["editable_in_portal"] != true {
			t.Fatalf("a refused update changed the field: %v", f)
		}
		if c := obj(e.want(t, 200, agent, "GET", "/api/v2/ticket_fields/count", ""), "count"); c["value"] != float64(2) {
			t.Fatalf("refused creates made fields: %v", c)
		}

		// End-users list only the fields visible in the portal, without what is meant
		// for agents; a field's own page stays the agents'.
		code, body := e.as(t, cleo, "GET", "/api/v2/ticket_fields.json", "")
		if fs := list(body, "ticket_fields"); code != 200 || len(fs) != 1 || idOf(fs[0]) != idOf(order) || body["count"] != float64(1) {
			t.Fatalf("end-user lists fields: %d %v", code, body)
		}
		e.want(t, 200, admin, "PUT", "/api/v2/ticket_fields/"+itoa(idOf(plain)), `{"ticket_field": {"visible_in_portal": true}}`)
		code, body = e.as(t, cleo, "GET", "/api/v2/ticket_fields?page[size]=10", "")
		if fs := list(body, "ticket_fields"); code != 200 || len(fs) != 2 || strings.Contains(must(jsonString(body))(t), "took it over") {
			t.Fatalf("end-user lists fields by cursor: %d %v", code, body)
		}
		if f := listed(agent, idOf(plain)); f["agent_description"] != "Why a lead took it over" {
			t.Fatalf("agents lost the agent description: %v", f)
		}
		if code, _ := e.as(t, cleo, "GET", orderPath, ""); code != 403 {
			t.Fatalf("end-user shows a field: %d", code)
		}
	})
}

func TestRequestsShowOnlyPortalFields(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		ctx := context.Background()
		admin := e.newCaller(t, "Ada Admin", fd.RoleAdmin, "")
		shared := must(e.dir.CreateOrganization(ctx, fd.Organization{Name: "Shared Co", SharedTickets: true}))(t)
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, shared.ID)
		colleague := e.signIn(t, "Colin Colleague", fd.RoleEndUser, shared.ID)
		internal, plan := e.internalAndPlanFields(t, admin)
		order := e.mustField(t, admin, `{"type": "text", "title": "Order number", "visible_in_portal": true, "editable_in_portal": true}`)

		rq := e.mustRequest(t, cleo, `{"subject": "Refund", "comment": {"body": "Charged twice"},
			"collaborators": ["`+colleague.user.Email+`"], "custom_fields": [{"id": `+itoa(order)+`, "value": "AB-1234"}]}`)
		id := idOf(rq)
		if got := fieldValuesOf(t, rq); !equalValues(got, map[int64]any{order: "AB-1234"}) {
			t.Fatalf("created request's fields: %v", got)
		}
		e.want(t, 200, e.agentCaller(), "PUT", "/api/v2/tickets/"+itoa(id), `{"ticket": {"custom_fields": [
			{"id": `+itoa(internal)+`, "value": "threatens a chargeback"}, {"id": `+itoa(plan)+`, "value": "plan_pro"}]}}`)

		// Everywhere an end-user meets the request, only the visible fields are there.
		seen := map[int64]any{order: "AB-1234", plan: "plan_pro"}
		check := func(m member, path string, want map[int64]any) {
			t.Helper()
			code, body := e.as(t, m, "GET", path, "")
			if code != 200 || strings.Contains(must(jsonString(body))(t), "chargeback") {
				t.Fatalf("%s GET %s: %d %v", m.user.Name, path, code, body)
			}
			list := []any{body["request"]}
			if body["request"] == nil {
				list = body["requests"].([]any)
			}
			found := false
			for _, r := range list {
				if r := r.(map[string]any); idOf(r) == id {
					found = true
					if got := fieldValuesOf(t, r); !equalValues(got, want) {
						t.Errorf("%s GET %s: fields %v, want %v", m.user.Name, path, got, want)
					}
				}
			}
			if !found {
				t.Fatalf("%s GET %s: request %d not there: %v", m.user.Name, path, id, body)
			}
		}
		for _, c := range []struct {
			who  member
			path string
		}{
			{cleo, "/api/v2/requests/" + itoa(id)}, {cleo, "/api/v2/requests.json"}, {cleo, "/api/v2/requests/open"},
			{cleo, "/api/v2/requests?page[size]=5"}, {cleo, "/api/v2/requests/search?query=charged"},
			{colleague, "/api/v2/requests/ccd"}, {colleague, "/api/v2/requests/" + itoa(id)},
			{colleague, "/api/v2/requests/search?query=charged&organization_id=" + itoa(shared.ID)},
		} {
			check(c.who, c.path, seen)
		}
		code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"comment": {"body": "Any news?"}}}`)
		if code != 200 || !equalValues(fieldValuesOf(t, obj(body, "request")), seen) {
			t.Fatalf("updated request: %d %v", code, body)
		}

		// Agents and admins see every field, on the Tickets API and on their own requests.
		if got := fieldValuesOf(t, obj(e.want(t, 200, e.agentCaller(), "GET", "/api/v2/tickets/"+itoa(id), ""), "ticket")); len(got) != 3 {
			t.Fatalf("agent sees fields %v", got)
		}
		own := obj(e.want(t, 201, admin, "POST", "/api/v2/requests", `{"request": {"comment": {"body": "my laptop"},
			"custom_fields": [{"id": `+itoa(internal)+`, "value": "hardware"}]}}`), "request")
		if got := fieldValuesOf(t, own); got[internal] != "hardware" {
			t.Fatalf("admin's own request: %v", own)
		}

		// Hiding a field, or deactivating it, takes it off the requests at once.
		e.want(t, 200, admin, "PUT", "/api/v2/ticket_fields/"+itoa(plan), `{"ticket_field": {"visible_in_portal": false}}`)
		check(cleo, "/api/v2/requests/"+itoa(id), map[int64]any{order: "AB-1234"})
		e.want(t, 200, admin, "PUT", "/api/v2/ticket_fields/"+itoa(order), `{"ticket_field": {"active": false}}`)
		check(cleo, "/api/v2/requests/"+itoa(id), map[int64]any{})
	})
}

func TestRequestFieldsOnlyEditableInPortal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		ctx := context.Background()
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)
		internal, plan := e.internalAndPlanFields(t, admin)
		order := e.mustField(t, admin, `{"type": "regexp", "title": "Order number", "regexp_for_validation": "[A-Z]{2}-\\d{4}",
			"visible_in_portal": true, "editable_in_portal": true, "title_in_portal": "Your order number"}`)

		// Filing a request with a field the customer may not set files nothing.
		for _, bad := range []struct {
			id    int64
			value string
		}{{internal, `"just because"`}, {plan, `"plan_pro"`}, {999999, `"x"`}} {
			code, body := e.as(t, cleo, "POST", "/api/v2/requests", `{"request": {"comment": {"body": "Help"}, "custom_fields": [
				{"id": `+itoa(order)+`, "value": "AB-1234"}, {"id": `+itoa(bad.id)+`, "value": `+bad.value+`}]}}`)
			key := "custom_fields." + itoa(bad.id)
			if code != 422 || body["error"] != "RecordInvalid" || !slices.Equal(problemKeys(body), []string{key}) ||
				strings.Contains(must(jsonString(body))(t), "Escalation") {
				t.Errorf("request setting field %d: %d %v", bad.id, code, body)
			}
		}
		code, body := e.as(t, cleo, "POST", "/api/v2/requests", `{"request": {"comment": {"body": "Help"},
			"custom_fields": [{"id": `+itoa(order)+`, "value": "1234"}]}}`)
		if code != 422 || !strings.Contains(must(jsonString(body))(t), "Your order number") {
			t.Errorf("a bad value is named by the portal title: %d %v", code, body)
		}
		if n := must(db.Read().Count(ctx, "tickets"))(t); n != 0 {
			t.Fatalf("refused requests wrote %d tickets", n)
		}

		id := idOf(e.mustRequest(t, cleo, `{"comment": {"body": "Help"}, "custom_fields": [{"id": `+itoa(order)+`, "value": "AB-1234"}]}`))
		before := must(e.tickets.Get(ctx, id))(t)
		comments := len(must(e.tickets.Comments(ctx, id))(t))
		// An update with one field too many writes nothing: not the comment, not the
		// allowed field.
		code, body = e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"comment": {"body": "Also this"},
			"custom_fields": [{"id": `+itoa(order)+`, "value": "CD-5678"}, {"id": `+itoa(internal)+`, "value": "sneaky"}]}}`)
		if code != 422 || !slices.Equal(problemKeys(body), []string{"custom_fields." + itoa(internal)}) {
			t.Fatalf("update with an internal field: %d %v", code, body)
		}
		after := must(e.tickets.Get(ctx, id))(t)
		if !after.UpdatedAt.Equal(before.UpdatedAt) || !equalValues(after.CustomFields, map[int64]any{order: "AB-1234"}) ||
			len(must(e.tickets.Comments(ctx, id))(t)) != comments {
			t.Fatalf("a refused update wrote: %+v", after)
		}
		code, body = e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"custom_fields": [{"id": `+itoa(order)+`, "value": "CD-5678"}]}}`)
		if code != 200 || !equalValues(fieldValuesOf(t, obj(body, "request")), map[int64]any{order: "CD-5678"}) {
			t.Fatalf("update of an editable field: %d %v", code, body)
		}

		// Agents set any field, on the Tickets API as before.
		tk := obj(e.want(t, 200, agent, "PUT", "/api/v2/tickets/"+itoa(id), `{"ticket": {"custom_fields": [
			{"id": `+itoa(internal)+`, "value": "lead took it"}, {"id": `+itoa(plan)+`, "value": "plan_free"}]}}`), "ticket")
		if got := fieldValuesOf(t, tk); !equalValues(got, map[int64]any{order: "CD-5678", internal: "lead took it", plan: "plan_free"}) {
			t.Fatalf("agent's update: %v", got)
		}
	})
}

func TestRequestRequiredInPortal(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newSessionEnv(t, db)
		ctx := context.Background()
		admin, agent := e.newCaller(t, "Ada Admin", fd.RoleAdmin, ""), e.agentCaller()
		cleo := e.signIn(t, "Cleo Customer", fd.RoleEndUser, 0)
		course := e.mustField(t, admin, `{"type": "integer", "title": "Course", "title_in_portal": "Your course",
			"visible_in_portal": true, "editable_in_portal": true, "required_in_portal": true}`)
		lead := e.mustField(t, admin, `{"type": "text", "title": "Lead", "required": true}`)
		key := "custom_fields." + itoa(course)

		for _, fields := range []string{``, `, "custom_fields": [{"id": ` + itoa(course) + `, "value": null}]`,
			`, "custom_fields": [{"id": ` + itoa(course) + `, "value": " "}]`} {
			code, body := e.as(t, cleo, "POST", "/api/v2/requests", `{"request": {"comment": {"body": "Help"}`+fields+`}}`)
			if code != 422 || !slices.Equal(problemKeys(body), []string{key}) || !strings.Contains(must(jsonString(body))(t), "Your course is required") {
				t.Errorf("request without the required field (%s): %d %v", fields, code, body)
			}
		}
		if n := must(db.Read().Count(ctx, "tickets"))(t); n != 0 {
			t.Fatalf("refused requests wrote %d tickets", n)
		}
		id := idOf(e.mustRequest(t, cleo, `{"comment": {"body": "Help"}, "custom_fields": [{"id": `+itoa(course)+`, "value": 12}]}`))
		// Nor can the customer clear it afterwards.
		code, body := e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"custom_fields": [{"id": `+itoa(course)+`, "value": null}]}}`)
		if code != 422 || !slices.Equal(problemKeys(body), []string{key}) || must(e.tickets.Get(ctx, id))(t).CustomFields[course] != "12" {
			t.Fatalf("clearing the required field: %d %v", code, body)
		}

		// Agents are not held to it, on either API.
		e.mustCreate(t, `{"comment": {"body": "by phone"}, "requester_id": `+itoa(cleo.user.ID)+`}`)
		e.want(t, 201, agent, "POST", "/api/v2/requests", `{"request": {"comment": {"body": "my own"}}}`)

		// The agents' own required field still holds for agents who solve...
		path := "/api/v2/tickets/" + itoa(id)
		e.want(t, 200, agent, "PUT", path, `{"ticket": {"assignee_id": `+itoa(e.agent.ID)+`}}`)
		code, body = e.dirCall(t, agent, "PUT", path, `{"ticket": {"status": "solved"}}`)
		if code != 422 || !slices.Equal(problemKeys(body), []string{"custom_fields." + itoa(lead)}) {
			t.Fatalf("agent solves without the required field: %d %v", code, body)
		}
		// ...but not for the customer, who can neither see nor set it.
		code, body = e.as(t, cleo, "PUT", "/api/v2/requests/"+itoa(id), `{"request": {"solved": true}}`)
		if code != 200 || obj(body, "request")["status"] != "solved" {
			t.Fatalf("customer solves their request: %d %v", code, body)
		}
		other := e.mustCreate(t, `{"comment": {"body": "again"}, "assignee_id": `+itoa(e.agent.ID)+`}`)
		e.want(t, 200, agent, "PUT", "/api/v2/tickets/"+itoa(other), `{"ticket": {"status": "solved",
			"custom_fields": [{"id": `+itoa(lead)+`, "value": "Ann"}]}}`)
	})
}
