package api

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestOpenAPICoversEveryRoute keeps the published document true: every registered route
// is documented, every documented route is registered, and the document served has them.
func TestOpenAPICoversEveryRoute(t *testing.T) {
	a := New(Options{})
	registered := map[string]bool{}
	for _, rt := range a.routes() {
		registered[rt.pattern] = true
		if _, ok := docs[rt.pattern]; !ok {
			t.Errorf("route %q is not documented in docs.go", rt.pattern)
		}
	}
	for pattern := range docs {
		if !registered[pattern] {
			t.Errorf("docs.go documents %q, which is not a route", pattern)
		}
	}

	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/api/v2/openapi.json", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET openapi.json: %d %s", rec.Code, rec.Body)
	}
	var doc struct {
		OpenAPI string                               `json:"openapi"`
		Paths   map[string]map[string]map[string]any `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %q", doc.OpenAPI)
	}
	// A third-party validator checks it against the OpenAPI 3 specification.
	loaded, err := openapi3.NewLoader().LoadFromData(rec.Body.Bytes())
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Fatalf("the document is not valid OpenAPI 3: %v", err)
	}
	ids := map[string]string{}
	for pattern := range registered {
		method, path, _ := strings.Cut(pattern, " ")
		op, ok := doc.Paths[path][strings.ToLower(method)]
		if !ok {
			t.Errorf("the served document lacks %s", pattern)
			continue
		}
		if op["summary"] == "" || op["responses"] == nil {
			t.Errorf("%s: no summary or responses", pattern)
		}
		id, _ := op["operationId"].(string)
		if prev, dup := ids[id]; dup {
			t.Errorf("operationId %q of %s repeats %s's", id, pattern, prev)
		}
		ids[id] = pattern
		// Every {param} of the path is declared.
		for _, seg := range strings.Split(path, "/") {
			if name, ok := strings.CutPrefix(seg, "{"); ok && !strings.Contains(mustJSON(t, op["parameters"]), `"name":"`+strings.TrimSuffix(name, "}")+`"`) {
				t.Errorf("%s: path parameter %s undeclared", pattern, seg)
			}
		}
	}
	// Every $ref resolves.
	var whole map[string]any
	json.Unmarshal(rec.Body.Bytes(), &whole)
	schemas := whole["components"].(map[string]any)["schemas"].(map[string]any)
	responses := whole["components"].(map[string]any)["responses"].(map[string]any)
	walk(whole, func(ref string) {
		switch {
		case strings.HasPrefix(ref, "#/components/schemas/"):
			if _, ok := schemas[strings.TrimPrefix(ref, "#/components/schemas/")]; !ok {
				t.Errorf("dangling $ref %s", ref)
			}
		case strings.HasPrefix(ref, "#/components/responses/"):
			if _, ok := responses[strings.TrimPrefix(ref, "#/components/responses/")]; !ok {
				t.Errorf("dangling $ref %s", ref)
			}
		default:
			t.Errorf("unexpected $ref %s", ref)
		}
	})
}

func walk(v any, ref func(string)) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if s, ok := e.(string); ok && k == "$ref" {
				ref(s)
			}
			walk(e, ref)
		}
	case []any:
		for _, e := range x {
			walk(e, ref)
		}
	}
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
