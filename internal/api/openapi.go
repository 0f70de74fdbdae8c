package api

import (
	"encoding/json"
	"maps"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
)

// The OpenAPI document is built from the route table and the docs below, with the
// request and response schemas reflected from the very Go types the handlers decode
// and render, so it cannot drift from what is served; a test checks that every route
// is documented and every documented route exists.

// doc describes one route for the OpenAPI document.
type doc struct {
	Summary string
	Query   []string // query parameters, "name" or "name:integer"
	In      any      // request body (a value of the decoded type), nil for none
	Out     any      // 2xx response body, nil for none
	Status  int      // success status; default 200, 201 for POST, 204 for DELETE
}

// envelope is Zendesk's {"name": value} wrapping, for docs.
type envelope struct {
	name  string
	value any
}

// offsetList and cursorList are Zendesk's two list shapes, for docs.
type offsetList envelope
type cursorList envelope

// list is both: a listing paged by offset by default and by cursor on request.
type list envelope

var (
	openAPIOnce sync.Once
	openAPIDoc  []byte
)

// serveOpenAPI answers GET /api/v2/openapi.json; the document is public, like the
// reference it follows.
func (a *API) serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	openAPIOnce.Do(func() { openAPIDoc, _ = json.Marshal(a.OpenAPI()) })
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPIDoc)
}

// OpenAPI returns the OpenAPI 3.0 document of every route served.
func (a *API) OpenAPI() map[string]any {
	g := &schemaGen{schemas: map[string]any{}, types: map[string]reflect.Type{}}
	paths := map[string]map[string]any{}
	for _, rt := range a.routes() {
		method, path, _ := strings.Cut(rt.pattern, " ")
		d, ok := docs[rt.pattern]
		if !ok {
			continue // the test reports it
		}
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(method)] = g.operation(method, path, rt.who, d)
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "Frontdesk REST API v2",
			"version": "2",
			"description": "Zendesk-compatible ticketing API. Paths work with and without a .json suffix. " +
				"Errors: {\"error\": name, \"description\": text, \"details\": {field: [{description}]}}.",
		},
		"servers": []any{map[string]any{"url": "/"}},
		"security": []any{map[string]any{"basicAuth": []any{}}, map[string]any{"bearerAuth": []any{}},
			map[string]any{"sessionCookie": []any{}}},
		"paths": paths,
		"components": map[string]any{
			"schemas": g.schemas,
			"securitySchemes": map[string]any{
				"basicAuth":     map[string]any{"type": "http", "scheme": "basic", "description": "email/token:API_TOKEN"},
				"bearerAuth":    map[string]any{"type": "http", "scheme": "bearer"},
				"sessionCookie": map[string]any{"type": "apiKey", "in": "cookie", "name": "frontdesk_session"},
			},
			"responses": errorResponses(g),
		},
	}
}

var errorStatuses = map[string]string{"400": "Malformed JSON or parameters", "401": "Couldn't authenticate you",
	"403": "Not allowed for this user", "404": "Not found (also for records the caller may not see)",
	"409": "Conflict", "413": "Body over 10 MB", "422": "Record validation errors", "429": "Rate limited; see Retry-After"}

func errorResponses(g *schemaGen) map[string]any {
	out := map[string]any{}
	for code, desc := range errorStatuses {
		out["E"+code] = map[string]any{"description": desc,
			"content": map[string]any{"application/json": map[string]any{"schema": g.schema(reflect.TypeOf(errorBody{}))}}}
	}
	return out
}

func (g *schemaGen) operation(method, path string, who access, d doc) map[string]any {
	op := map[string]any{"summary": d.Summary, "operationId": operationID(method, path),
		"tags": []string{tagOf(path)}}
	switch who {
	case adminOnly:
		op["description"] = "Admins only."
	case staffOnly:
		op["description"] = "Agents and admins."
	case anyone:
		op["description"] = "Any signed-in user, end-users included."
	}
	var params []any
	for _, seg := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(seg, "{"); ok {
			name = strings.TrimSuffix(name, "}")
			typ := "integer"
			if !strings.HasSuffix(name, "id") || strings.HasPrefix(path, "/api/v2/job_statuses/") {
				typ = "string" // job ids are strings, as in Zendesk
			}
			params = append(params, map[string]any{"name": name, "in": "path", "required": true, "schema": map[string]any{"type": typ}})
		}
	}
	for _, q := range d.Query {
		name, typ, ok := strings.Cut(q, ":")
		if !ok {
			typ = "string"
		}
		params = append(params, map[string]any{"name": name, "in": "query", "schema": map[string]any{"type": typ}})
	}
	if _, ok := d.Out.(list); ok {
		for _, p := range []string{"page:integer", "per_page:integer", "page[size]:integer", "page[after]"} {
			name, typ, ok := strings.Cut(p, ":")
			if !ok {
				typ = "string"
			}
			params = append(params, map[string]any{"name": name, "in": "query", "schema": map[string]any{"type": typ}})
		}
	}
	if len(params) > 0 {
		op["parameters"] = params
	}
	if d.In != nil {
		op["requestBody"] = map[string]any{"required": true,
			"content": map[string]any{"application/json": map[string]any{"schema": g.body(d.In)}}}
	}
	status := d.Status
	if status == 0 {
		status = map[string]int{"POST": 201, "DELETE": 204}[method]
		if status == 0 {
			status = 200
		}
	}
	ok := map[string]any{"description": http.StatusText(status)}
	if d.Out != nil {
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": g.body(d.Out)}}
	}
	responses := map[string]any{strconv.Itoa(status): ok}
	for code := range errorStatuses {
		responses[code] = map[string]any{"$ref": "#/components/responses/E" + code}
	}
	op["responses"] = responses
	return op
}

// operationID is the method and path in camel case: getApiV2TicketsId.
func operationID(method, path string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(method))
	up := true
	for _, r := range strings.TrimPrefix(path, "/api/v2") {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// tagOf groups operations by the path's first segment.
func tagOf(path string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/api/v2/"), "/")
	return seg
}

// schemaGen reflects Go types into OpenAPI schemas; named structs become components.
type schemaGen struct {
	schemas map[string]any
	types   map[string]reflect.Type // which type holds each component name
}

func (g *schemaGen) body(v any) map[string]any {
	switch b := v.(type) {
	case envelope:
		return map[string]any{"type": "object", "properties": map[string]any{b.name: g.body(b.value)}}
	case offsetList:
		return g.listSchema(b.name, b.value, true, false)
	case cursorList:
		return g.listSchema(b.name, b.value, false, true)
	case list:
		return g.listSchema(b.name, b.value, true, true)
	case exportPage:
		props := map[string]any{b.name: map[string]any{"type": "array", "items": g.body(b.item)},
			"end_of_stream": map[string]any{"type": "boolean"}}
		str := map[string]any{"type": "string", "nullable": true}
		if b.cursor {
			for _, k := range []string{"after_url", "after_cursor", "before_url", "before_cursor"} {
				props[k] = str
			}
		} else {
			props["next_page"], props["count"], props["end_time"] = str, map[string]any{"type": "integer"}, map[string]any{"type": "integer"}
		}
		return map[string]any{"type": "object", "properties": props}
	}
	return g.schema(reflect.TypeOf(v))
}

func (g *schemaGen) listSchema(name string, item any, offset, cursor bool) map[string]any {
	props := map[string]any{name: map[string]any{"type": "array", "items": g.body(item)}}
	if offset {
		props["count"] = map[string]any{"type": "integer"}
		props["next_page"] = map[string]any{"type": "string", "nullable": true}
		props["previous_page"] = map[string]any{"type": "string", "nullable": true}
	}
	if cursor {
		props["meta"] = map[string]any{"type": "object", "properties": map[string]any{
			"has_more": map[string]any{"type": "boolean"}, "after_cursor": map[string]any{"type": "string", "nullable": true},
			"before_cursor": map[string]any{"type": "string", "nullable": true}}}
		props["links"] = map[string]any{"type": "object", "properties": map[string]any{
			"next": map[string]any{"type": "string", "nullable": true}, "prev": map[string]any{"type": "string", "nullable": true}}}
	}
	return map[string]any{"type": "object", "properties": props}
}

var (
	timeType = reflect.TypeOf(time.Time{})
	rawType  = reflect.TypeOf(json.RawMessage{})
)

// schema returns the schema of t; optional[T] and pointers are nullable T.
func (g *schemaGen) schema(t reflect.Type) map[string]any {
	if t == nil {
		return map[string]any{}
	}
	if t.Kind() == reflect.Pointer {
		s := g.schema(t.Elem())
		return nullable(s)
	}
	if t.Kind() == reflect.Struct && strings.HasPrefix(t.Name(), "optional[") {
		f, _ := t.FieldByName("V")
		return nullable(g.schema(f.Type))
	}
	switch {
	case t == timeType:
		return map[string]any{"type": "string", "format": "date-time"}
	case t == rawType:
		return map[string]any{}
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer"}
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Slice, reflect.Array:
		return map[string]any{"type": "array", "items": g.schema(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": g.schema(t.Elem())}
	case reflect.Struct:
		name := schemaName(t)
		if name == "" {
			return g.object(t)
		}
		for g.types[name] != nil && g.types[name] != t {
			name += "_" // two types, one name: keep both
		}
		if _, done := g.schemas[name]; !done {
			g.types[name] = t
			g.schemas[name] = map[string]any{} // a placeholder ends recursion
			g.schemas[name] = g.object(t)
		}
		return map[string]any{"$ref": "#/components/schemas/" + name}
	}
	return map[string]any{} // interfaces: any JSON value
}

func nullable(s map[string]any) map[string]any {
	if _, ref := s["$ref"]; ref {
		return map[string]any{"allOf": []any{s}, "nullable": true}
	}
	out := maps.Clone(s)
	out["nullable"] = true
	return out
}

// schemaName turns ticketJSON into Ticket, errorBody into ErrorBody.
func schemaName(t reflect.Type) string {
	n := t.Name()
	if n == "" {
		return ""
	}
	for _, suffix := range []string{"JSON", "In"} {
		if s, ok := strings.CutSuffix(n, suffix); ok && s != "" {
			n = s
			if suffix == "In" {
				n += "Input"
			}
			break
		}
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	props := map[string]any{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" {
			if sub, ok := g.object(derefType(f.Type))["properties"].(map[string]any); ok {
				maps.Copy(props, sub)
			}
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = g.schema(f.Type)
	}
	return map[string]any{"type": "object", "properties": props}
}

func derefType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}
