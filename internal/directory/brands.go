package directory

import (
	"context"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// checkBrand checks a brand's fields and normalizes them.
func checkBrand(b *fd.Brand) error {
	var p fd.Problems
	b.Name = strings.TrimSpace(b.Name)
	if b.Name == "" {
		p.Add("name", "can't be blank")
	}
	b.Subdomain = strings.ToLower(strings.TrimSpace(b.Subdomain))
	if !dnsLabel(b.Subdomain) {
		p.Add("subdomain", "must be a single DNS label: letters, digits and hyphens")
	}
	b.HostMapping = strings.ToLower(strings.TrimSpace(b.HostMapping))
	if b.HostMapping != "" {
		for _, label := range strings.Split(b.HostMapping, ".") {
			if !dnsLabel(label) || !strings.Contains(b.HostMapping, ".") {
				p.Add("host_mapping", "%q is not a host name", b.HostMapping)
				break
			}
		}
	}
	if b.SupportAddress != "" {
		addr, err := NormalizeEmail(b.SupportAddress)
		if err != nil {
			p.Add("support_address", "%q is not a valid email address", b.SupportAddress)
		}
		b.SupportAddress = addr
	}
	if b.Default && !b.Active {
		p.Add("active", "the default brand must be active")
	}
	return p.Err()
}

func dnsLabel(s string) bool {
	if s == "" || len(s) > 63 || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// AddBrand creates a brand with the active and default flags it carries; the first
// brand is always the default, and a new default takes over from the old one.
func (d *Directory) AddBrand(ctx context.Context, b fd.Brand) (*fd.Brand, error) {
	out, _, err := d.addBrand(ctx, b, false)
	return out, err
}

// EnsureBrand creates b as the default brand when there is no brand at all, and
// returns the default brand and whether it made it. Callers that start together
// (several nodes on one PostgreSQL) make one brand between them.
func (d *Directory) EnsureBrand(ctx context.Context, b fd.Brand) (*fd.Brand, bool, error) {
	// Every start asks; only a brand-less database needs the writer and the lock.
	if brands, err := d.db.Read().Brands(ctx); err != nil || len(brands) > 0 {
		if err != nil {
			return nil, false, err
		}
		return brands[0], false, nil
	}
	return d.addBrand(ctx, b, true)
}

// addBrand creates b; onlyFirst leaves the brands as they are if there are any.
func (d *Directory) addBrand(ctx context.Context, b fd.Brand, onlyFirst bool) (*fd.Brand, bool, error) {
	b.CreatedAt, b.UpdatedAt = d.now(), d.now()
	created := false
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		if err := tx.LockBrands(ctx); err != nil {
			return err
		}
		brands, err := tx.Brands(ctx)
		switch {
		case err != nil:
			return err
		case len(brands) == 0:
			b.Default = true
		case onlyFirst:
			b = *brands[0]
			return nil
		}
		if err := checkBrand(&b); err != nil {
			return err
		}
		if err := tx.InsertBrand(ctx, &b); err != nil {
			return err
		}
		created = true
		if b.Default {
			return tx.ClearDefaultBrand(ctx, b.ID, b.UpdatedAt)
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return &b, created, nil
}

// UpdateBrand changes a brand: change edits a copy of the stored one inside the write.
// Making a brand the default takes the flag from the old default; the default brand
// can't give it up any other way, nor be deactivated.
func (d *Directory) UpdateBrand(ctx context.Context, id int64, change func(*fd.Brand) error) (*fd.Brand, error) {
	var out *fd.Brand
	err := d.db.Write(ctx, func(tx *store.Tx) error {
		cur, err := tx.Brand(ctx, id)
		if err != nil {
			return err
		}
		next := *cur
		if err := change(&next); err != nil {
			return err
		}
		if cur.Default && !next.Default {
			return fd.InvalidField("default", "make another brand the default instead")
		}
		if err := checkBrand(&next); err != nil {
			return err
		}
		next.ID, next.CreatedAt, next.UpdatedAt = cur.ID, cur.CreatedAt, d.now()
		if err := tx.UpdateBrand(ctx, &next); err != nil {
			return err
		}
		if next.Default && !cur.Default {
			if err := tx.ClearDefaultBrand(ctx, next.ID, next.UpdatedAt); err != nil {
				return err
			}
		}
		out = &next
		return nil
	})
	return out, err
}

// DeleteBrand deletes a brand that is not the default. Its tickets keep it; the record
// stays as a tombstone that no lookup finds, and its subdomain is free again.
func (d *Directory) DeleteBrand(ctx context.Context, id int64) error {
	return d.db.Write(ctx, func(tx *store.Tx) error {
		b, err := tx.Brand(ctx, id)
		if err != nil {
			return err
		}
		if b.Default {
			return fd.Errorf(fd.Invalid, "brand %d is the default brand and can't be deleted", id)
		}
		return tx.DeleteBrand(ctx, id, d.now())
	})
}
