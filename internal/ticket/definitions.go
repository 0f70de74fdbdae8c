package ticket

import (
	"context"
	"fmt"
	"slices"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// BrandsChanged tells the service that brands changed (a new default, say), so the
// default brand new tickets get is read again.
func (s *Service) BrandsChanged() { s.defaultBrand.forget() }

// Field returns one custom field definition.
func (s *Service) Field(ctx context.Context, id int64) (*fd.TicketField, error) {
	return s.db.Read().TicketField(ctx, id)
}

// UpdateField changes a custom field definition: change edits a copy of the stored one
// inside the write, and the result is checked like a new field. A field's type can't
// change; drop-down options keep their ids (matched by id, else by value) and new ones
// get fresh ids. Tickets keep the values they hold; the new definition applies to the
// next change of each ticket.
func (s *Service) UpdateField(ctx context.Context, id int64, change func(*fd.TicketField) error) (*fd.TicketField, error) {
	now := s.now()
	var out *fd.TicketField
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		all, err := tx.TicketFields(ctx)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(all, func(f *fd.TicketField) bool { return f.ID == id })
		if i < 0 {
			return fd.ErrNotFound("ticket field", id)
		}
		cur := all[i]
		next := *cur
		next.Options = slices.Clone(cur.Options)
		if err := change(&next); err != nil {
			return err
		}
		if next.Type != cur.Type {
			return fd.InvalidField("type", "a field's type can't change (it is %s)", cur.Type)
		}
		next.ID, next.CreatedAt, next.UpdatedAt = cur.ID, cur.CreatedAt, now
		if err := next.Check(); err != nil {
			return err
		}
		if err := checkFieldTags(&next, slices.Delete(all, i, i+1)); err != nil {
			return err
		}
		if next.Options, err = numberOptions(ctx, tx, id, next.Options, cur.Options, now); err != nil {
			return err
		}
		if err := tx.UpdateTicketField(ctx, &next); err != nil {
			return err
		}
		out = &next
		return nil
	})
	s.fields.forget()
	return out, err
}

// DeleteField deletes a custom field definition. Tickets keep the values they hold
// under its id (their history and audits stay whole, and no ticket is rewritten), but
// the field is gone from every listing, and new values for it are refused. The record
// stays as a tombstone so the id is never given to another field, which would otherwise
// inherit the old values.
func (s *Service) DeleteField(ctx context.Context, id int64) error {
	err := s.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.TicketField(ctx, id); err != nil {
			return err
		}
		return tx.DeleteTicketField(ctx, id, s.now())
	})
	s.fields.forget()
	return err
}

// SaveFieldOption adds or changes one option of a drop-down field: the option with o's
// id, or else with o's value, is changed; otherwise o is added. It returns the option
// as stored and whether it is new.
func (s *Service) SaveFieldOption(ctx context.Context, fieldID int64, o fd.FieldOption) (*fd.FieldOption, bool, error) {
	created := false
	f, err := s.UpdateField(ctx, fieldID, func(f *fd.TicketField) error {
		if f.Type != fd.FieldDropdown {
			return fd.Errorf(fd.Invalid, "only drop-down fields have options; field %d is %s", fieldID, f.Type)
		}
		i := -1
		if o.ID != 0 {
			i = slices.IndexFunc(f.Options, func(x fd.FieldOption) bool { return x.ID == o.ID })
		}
		if i < 0 {
			i = slices.IndexFunc(f.Options, func(x fd.FieldOption) bool { return x.Value == o.Value })
		}
		if i < 0 {
			created = true
			f.Options = append(f.Options, fd.FieldOption{Name: o.Name, Value: o.Value})
			return nil
		}
		f.Options[i].Name, f.Options[i].Value = o.Name, o.Value
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	for _, x := range f.Options {
		if x.Value == o.Value {
			return &x, created, nil
		}
	}
	return nil, false, fd.Errorf(fd.Internal, "option %q of field %d was not stored", o.Value, fieldID)
}

// DeleteFieldOption removes one option of a drop-down field. Tickets keep a value that
// was this option until they next change it.
func (s *Service) DeleteFieldOption(ctx context.Context, fieldID, optionID int64) error {
	_, err := s.UpdateField(ctx, fieldID, func(f *fd.TicketField) error {
		i := slices.IndexFunc(f.Options, func(x fd.FieldOption) bool { return x.ID == optionID })
		if i < 0 {
			return fd.ErrNotFound("custom field option", optionID)
		}
		f.Options = slices.Delete(f.Options, i, i+1)
		return nil
	})
	return err
}

// checkFieldTags normalizes the tag a checkbox field sets and checks that no other field
// puts the same tags on tickets: Zendesk does not let fields share tags, and a tag must
// say which field's value it stands for.
func checkFieldTags(f *fd.TicketField, others []*fd.TicketField) error {
	if f.Type != fd.FieldCheckbox {
		f.Tag = ""
	} else if f.Tag != "" {
		tag := fd.NormalizeTags([]string{f.Tag})
		if len(tag) != 1 {
			return fd.InvalidField("tag", "%q is not a tag", f.Tag)
		}
		f.Tag = tag[0]
	}
	if f.Type != fd.FieldRegexp {
		f.Pattern = ""
	}
	if f.Type != fd.FieldDropdown {
		f.Options = nil
	}
	used := map[string]*fd.TicketField{}
	for _, o := range others {
		for _, tag := range fieldTags(o) {
			used[tag] = o
		}
	}
	var p fd.Problems
	for _, tag := range fieldTags(f) {
		if o := used[tag]; o != nil && o.ID != f.ID {
			field := "custom_field_options"
			if f.Type == fd.FieldCheckbox {
				field = "tag"
			}
			p.Add(field, "tag %q is already used by field %d (%s)", tag, o.ID, o.Title)
		}
	}
	return p.Err()
}

// fieldTags are the tags a field's values may put on a ticket.
func fieldTags(f *fd.TicketField) []string {
	if f.Type == fd.FieldCheckbox && f.Tag != "" {
		return []string{f.Tag}
	}
	var tags []string
	if f.Type == fd.FieldDropdown {
		for _, o := range f.Options {
			tags = append(tags, o.Value)
		}
	}
	return tags
}

// numberOptions gives a drop-down's options their ids: an option keeps the id of the
// previous option it matches (by id, else by value), and any other gets a new one.
func numberOptions(ctx context.Context, tx *store.Tx, fieldID int64, opts, prev []fd.FieldOption, now time.Time) ([]fd.FieldOption, error) {
	out := make([]fd.FieldOption, len(opts))
	taken := map[int64]bool{}
	for i, o := range opts {
		id := int64(0)
		for _, p := range prev {
			if !taken[p.ID] && p.ID != 0 && o.ID == p.ID {
				id = p.ID
			}
		}
		if id == 0 {
			for _, p := range prev {
				if !taken[p.ID] && p.ID != 0 && o.Value == p.Value {
					id = p.ID
				}
			}
		}
		if id == 0 {
			var err error
			if id, err = tx.NewFieldOptionID(ctx, fieldID, now); err != nil {
				return nil, fmt.Errorf("numbering option %q: %w", o.Value, err)
			}
		}
		taken[id] = true
		out[i] = fd.FieldOption{ID: id, Name: o.Name, Value: o.Value}
	}
	return out, nil
}
