package directory

import (
	"context"
	"slices"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// checkOrganization checks an organization's own fields and normalizes them: a name,
// well-formed lower-case domains, normalized tags.
func checkOrganization(o *fd.Organization) error {
	var p fd.Problems
	o.Name = strings.TrimSpace(o.Name)
	if o.Name == "" {
		p.Add("name", "can't be blank")
	}
	o.ExternalID = strings.TrimSpace(o.ExternalID)
	domains := make([]string, 0, len(o.DomainNames))
	for _, raw := range o.DomainNames {
		dom := strings.ToLower(strings.TrimSpace(raw))
		if dom == "" || strings.ContainsAny(dom, " @/") || !strings.Contains(dom, ".") {
			p.Add("domain_names", "%q is not a domain name", raw)
		}
		if !slices.Contains(domains, dom) {
			domains = append(domains, dom)
		}
	}
	o.DomainNames = domains
	o.Tags = fd.NormalizeTags(o.Tags)
	return p.Err()
}

// checkOrganizationRefs checks what an organization shares with others: its external id
// is its own (compared without regard to case, as Zendesk does), and its group exists.
func checkOrganizationRefs(ctx context.Context, tx *store.Tx, o *fd.Organization) error {
	if o.ExternalID != "" {
		same, err := tx.OrganizationsByExternalIDs(ctx, []string{o.ExternalID})
		if err != nil {
			return err
		}
		for _, other := range same {
			if other.ID != o.ID {
				return fd.Errorf(fd.Conflict, "organization %d already has external_id %q", other.ID, other.ExternalID)
			}
		}
	}
	if o.GroupID != 0 {
		ok, err := tx.Exists(ctx, "groups", o.GroupID)
		if err != nil {
			return err
		}
		if !ok {
			return fd.InvalidField("group_id", "group %d does not exist", o.GroupID)
		}
	}
	return nil
}

// UpdateOrganization changes an organization: change edits a copy of the stored one
// inside the write, and may refuse with an error; the result is checked like a new one.
func (d *Directory) UpdateOrganization(ctx context.Context, id int64, change func(*fd.Organization) error) (*fd.Organization, error) {
	var out *fd.Organization
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Organization(ctx, id)
		if err != nil {
			return err
		}
		next := *cur
		next.DomainNames, next.Tags = slices.Clone(cur.DomainNames), slices.Clone(cur.Tags)
		if err := change(&next); err != nil {
			return err
		}
		if err := checkOrganization(&next); err != nil {
			return err
		}
		if err := checkOrganizationRefs(ctx, tx, &next); err != nil {
			return err
		}
		next.ID, next.CreatedAt, next.UpdatedAt = cur.ID, cur.CreatedAt, d.now()
		if err := tx.UpdateOrganization(ctx, &next); err != nil {
			if fd.Is(err, fd.Conflict) && !strings.HasPrefix(err.Error(), "domain") {
				return fd.Errorf(fd.Conflict, "an organization named %q already exists", next.Name)
			}
			return err
		}
		out = &next
		return nil
	})
	return out, err
}

// DeleteOrganization deletes an organization as Zendesk does: its users stay and leave
// it, its domains stop claiming new users, and its tickets keep their organization_id as
// history. The record stays as a tombstone that no lookup finds, so the id is never
// reused and the name and external id are free again.
func (d *Directory) DeleteOrganization(ctx context.Context, id int64) error {
	return d.db.Write(ctx, func(tx *store.Tx) error {
		if _, err := tx.Organization(ctx, id); err != nil {
			return err
		}
		now := d.now()
		if err := tx.DetachOrganizationUsers(ctx, id, now); err != nil {
			return err
		}
		return tx.DeleteOrganization(ctx, id, now)
	})
}
