package frontdesk

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// FieldType is the kind of value a custom ticket field holds; names follow Zendesk.
type FieldType string

// The custom field types.
const (
	FieldText     FieldType = "text"
	FieldTextarea FieldType = "textarea"
	FieldInteger  FieldType = "integer"
	FieldDecimal  FieldType = "decimal"
	FieldCheckbox FieldType = "checkbox"
	FieldDate     FieldType = "date"
	FieldDropdown FieldType = "tagger"
	FieldRegexp   FieldType = "regexp"
)

// Valid reports whether t is a known field type.
func (t FieldType) Valid() bool {
	switch t {
	case FieldText, FieldTextarea, FieldInteger, FieldDecimal, FieldCheckbox, FieldDate, FieldDropdown, FieldRegexp:
		return true
	}
	return false
}

// FieldOption is one choice of a drop-down; Value is also the tag the ticket gets.
type FieldOption struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// TicketField is a custom field an admin defined for tickets.
type TicketField struct {
	ID    int64
	Type  FieldType
	Title string
	// Description explains the field to everyone who sees it, end-users included;
	// AgentDescription is for agents only.
	Description      string
	AgentDescription string
	Position         int
	Active           bool
	// Required means agents must fill the field before the ticket can be solved.
	Required bool
	// A field is agent-only unless an admin makes it visible in the portal: end-users
	// then see its value on their requests, under TitleInPortal (Title when empty).
	// EditableInPortal lets them set it, RequiredInPortal makes them set it when they
	// file a request; each needs the one before.
	VisibleInPortal  bool
	EditableInPortal bool
	RequiredInPortal bool
	TitleInPortal    string
	// Pattern is the regular expression a regexp field's value must match in full.
	Pattern string
	// Tag is added to the ticket while a checkbox field is checked.
	Tag       string
	Options   []FieldOption
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Check reports the problems of a field definition itself.
func (f *TicketField) Check() error {
	var p Problems
	if strings.TrimSpace(f.Title) == "" {
		p.Add("title", "can't be blank")
	}
	if !f.Type.Valid() {
		p.Add("type", "%q is not a field type", f.Type)
	}
	if f.EditableInPortal && !f.VisibleInPortal {
		p.Add("editable_in_portal", "a field end-users can edit must be visible_in_portal")
	}
	if f.RequiredInPortal && !f.EditableInPortal {
		p.Add("required_in_portal", "a field end-users must fill must be editable_in_portal")
	}
	if f.Type == FieldRegexp {
		if _, err := regexp.Compile(f.Pattern); err != nil || f.Pattern == "" {
			p.Add("regexp_for_validation", "is not a valid regular expression")
		}
	}
	if f.Type == FieldDropdown {
		if len(f.Options) == 0 {
			p.Add("custom_field_options", "a drop-down needs at least one option")
		}
		seen := map[string]bool{}
		for _, o := range f.Options {
			tag := NormalizeTags([]string{o.Value})
			if o.Name == "" || len(tag) != 1 || tag[0] != o.Value {
				p.Add("custom_field_options", "option %q needs a name and a tag-shaped value", o.Name)
			} else if seen[o.Value] {
				p.Add("custom_field_options", "value %q is used twice", o.Value)
			}
			seen[o.Value] = true
		}
	}
	return p.Err()
}

// PortalTitle is the field's name as end-users see it.
func (f *TicketField) PortalTitle() string {
	if strings.TrimSpace(f.TitleInPortal) == "" {
		return f.Title
	}
	return f.TitleInPortal
}

// VisibleToEndUsers reports whether end-users see this field's values on their
// requests: an active field an admin made visible in the portal.
func (f *TicketField) VisibleToEndUsers() bool { return f.Active && f.VisibleInPortal }

// EditableByEndUsers reports whether end-users may set this field on their requests.
func (f *TicketField) EditableByEndUsers() bool { return f.Active && f.EditableInPortal }

// Normalize checks a value for this field and returns its stored form: a string for
// every type but checkbox, which is a bool. A nil or empty value clears the field and
// returns nil. Numbers and dates get one canonical spelling so equal values compare equal.
func (f *TicketField) Normalize(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	if f.Type == FieldCheckbox {
		switch b := v.(type) {
		case bool:
			return b, nil
		case string:
			if parsed, err := strconv.ParseBool(b); err == nil {
				return parsed, nil
			}
		}
		return nil, fmt.Errorf("must be true or false")
	}
	s, err := scalarString(v)
	if err != nil {
		return nil, err
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	switch f.Type {
	case FieldInteger:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("must be a whole number")
		}
		return strconv.FormatInt(n, 10), nil
	case FieldDecimal:
		x, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
			return nil, fmt.Errorf("must be a decimal number")
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case FieldDate:
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return nil, fmt.Errorf("must be a date as YYYY-MM-DD")
		}
		return d.Format(time.DateOnly), nil
	case FieldDropdown:
		for _, o := range f.Options {
			if o.Value == s {
				return s, nil
			}
		}
		return nil, fmt.Errorf("%q is not one of the options", s)
	case FieldRegexp:
		re, err := regexp.Compile(`^(?:` + f.Pattern + `)$`)
		if err != nil || !re.MatchString(s) {
			return nil, fmt.Errorf("does not match the required format")
		}
	}
	return s, nil
}

// Tags returns the tags that a value of this field puts on a ticket.
func (f *TicketField) Tags(v any) []string {
	switch {
	case f.Type == FieldCheckbox && v == true && f.Tag != "":
		return []string{f.Tag}
	case f.Type == FieldDropdown && v != nil:
		return []string{fmt.Sprint(v)}
	}
	return nil
}

// scalarString accepts the scalar shapes a JSON decoder produces for a field value.
func scalarString(v any) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case int:
		return strconv.Itoa(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case fmt.Stringer: // json.Number
		return x.String(), nil
	}
	return "", fmt.Errorf("must be a single value")
}
