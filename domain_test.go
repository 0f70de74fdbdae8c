package frontdesk

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func TestFieldNormalize(t *testing.T) {
	dropdown := &TicketField{Type: FieldDropdown, Options: []FieldOption{{Name: "Pro", Value: "plan_pro"}}}
	cases := []struct {
		field *TicketField
		in    any
		want  any
		err   string
	}{
		{&TicketField{Type: FieldText}, "  hello ", "hello", ""},
		{&TicketField{Type: FieldText}, "", nil, ""},
		{&TicketField{Type: FieldText}, []any{"a"}, nil, "single value"},
		{&TicketField{Type: FieldInteger}, float64(42), "42", ""},
		{&TicketField{Type: FieldInteger}, "007", "7", ""},
		{&TicketField{Type: FieldInteger}, "4.5", nil, "whole number"},
		{&TicketField{Type: FieldDecimal}, "3.50", "3.5", ""},
		{&TicketField{Type: FieldDecimal}, "NaN", nil, "decimal"},
		{&TicketField{Type: FieldCheckbox}, "true", true, ""},
		{&TicketField{Type: FieldCheckbox}, false, false, ""},
		{&TicketField{Type: FieldCheckbox}, "yes please", nil, "true or false"},
		{&TicketField{Type: FieldDate}, "2026-02-28", "2026-02-28", ""},
		{&TicketField{Type: FieldDate}, "2026-02-30", nil, "YYYY-MM-DD"},
		{dropdown, "plan_pro", "plan_pro", ""},
		{dropdown, "plan_free", nil, "not one of the options"},
		{&TicketField{Type: FieldRegexp, Pattern: `\d{3}`}, "123", "123", ""},
		{&TicketField{Type: FieldRegexp, Pattern: `\d{3}`}, "1234", nil, "format"}, // anchored
		{&TicketField{Type: FieldText}, nil, nil, ""},
	}
	for _, c := range cases {
		got, err := c.field.Normalize(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s %#v: err %v, want %q", c.field.Type, c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %#v: got %#v, %v; want %#v", c.field.Type, c.in, got, err, c.want)
		}
	}
}

func TestFieldCheck(t *testing.T) {
	bad := []TicketField{
		{Type: FieldText},
		{Type: "color", Title: "x"},
		{Type: FieldRegexp, Title: "x", Pattern: "(["},
		{Type: FieldDropdown, Title: "x"},
		{Type: FieldDropdown, Title: "x", Options: []FieldOption{{Name: "A", Value: "Has Space"}}},
		{Type: FieldDropdown, Title: "x", Options: []FieldOption{{Name: "A", Value: "a"}, {Name: "B", Value: "a"}}},
	}
	for _, f := range bad {
		if err := f.Check(); !Is(err, Invalid) {
			t.Errorf("%+v: %v, want invalid", f, err)
		}
	}
	good := TicketField{Type: FieldDropdown, Title: "Plan", Options: []FieldOption{{Name: "Pro", Value: "plan_pro"}}}
	if err := good.Check(); err != nil {
		t.Errorf("good field: %v", err)
	}
}

func TestFieldPortalFlags(t *testing.T) {
	cases := []struct {
		f    TicketField
		want string // the field of the one problem, "" for none
	}{
		{TicketField{VisibleInPortal: true}, ""},
		{TicketField{VisibleInPortal: true, EditableInPortal: true}, ""},
		{TicketField{VisibleInPortal: true, EditableInPortal: true, RequiredInPortal: true}, ""},
		{TicketField{EditableInPortal: true}, "editable_in_portal"},
		{TicketField{VisibleInPortal: true, RequiredInPortal: true}, "required_in_portal"},
	}
	for _, c := range cases {
		c.f.Type, c.f.Title = FieldText, "Order"
		err := c.f.Check()
		var e *Error
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%+v: %v", c.f, err)
		case c.want != "" && (!errors.As(err, &e) || len(e.Fields) != 1 || e.Fields[0].Field != c.want):
			t.Errorf("%+v: %v, want one problem of %s", c.f, err, c.want)
		}
	}
	f := TicketField{Title: "Order number", Active: true, VisibleInPortal: true, EditableInPortal: true}
	if f.PortalTitle() != "Order number" || !f.VisibleToEndUsers() || !f.EditableByEndUsers() {
		t.Errorf("visible field %+v", f)
	}
	f.TitleInPortal, f.Active = "Your order", false
	if f.PortalTitle() != "Your order" || f.VisibleToEndUsers() || f.EditableByEndUsers() {
		t.Errorf("inactive field %+v: end-users see it, or its portal title is wrong", f)
	}
}

func TestNormalizeTags(t *testing.T) {
	got := NormalizeTags([]string{" VIP ", "vip", "needs review", "", "b", "a"})
	if want := []string{"a", "b", "needs_review", "vip"}; !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestProblemsNameEveryField(t *testing.T) {
	var p Problems
	if p.Err() != nil {
		t.Fatal("no problems must be no error")
	}
	p.Add("subject", "can't be blank")
	p.Add("assignee_id", "user %d is not an agent", 7)
	err := p.Err()
	if !Is(err, Invalid) || !strings.Contains(err.Error(), "assignee_id user 7 is not an agent; subject can't be blank") {
		t.Fatalf("got %v", err)
	}
	if CodeOf(nil) != "" || CodeOf(ErrNotFound("ticket", 1)) != NotFound {
		t.Fatal("CodeOf")
	}
}
