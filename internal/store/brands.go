package store

import (
	"context"
	"fmt"
	"time"

	fd "github.com/frontdesk/frontdesk"
)

// Brand returns one brand that is not deleted.
func (c *Conn) Brand(ctx context.Context, id int64) (*fd.Brand, error) {
	var b fd.Brand
	var created, updated int64
	err := c.queryRow(ctx, "SELECT "+brandColumns+" FROM brands WHERE id = ? AND deleted_at IS NULL", id).Scan(
		&b.ID, &b.Name, &b.Subdomain, &b.HostMapping, &b.SupportAddress, &b.Default, &b.Active, &created, &updated)
	if err != nil {
		if err = mapErr(err); fd.Is(err, fd.NotFound) {
			return nil, fd.ErrNotFound("brand", id)
		}
		return nil, err
	}
	b.CreatedAt, b.UpdatedAt = time.UnixMicro(created).UTC(), time.UnixMicro(updated).UTC()
	return &b, nil
}

// UpdateBrand stores every column of b.
func (c *Conn) UpdateBrand(ctx context.Context, b *fd.Brand) error {
	_, err := c.exec(ctx, `UPDATE brands SET name = ?, subdomain = ?, host_mapping = ?, support_address = ?,
		is_default = ?, active = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		b.Name, b.Subdomain, b.HostMapping, b.SupportAddress, b.Default, b.Active, b.UpdatedAt.UnixMicro(), b.ID)
	if fd.Is(err, fd.Conflict) {
		return fd.Errorf(fd.Conflict, "a brand with subdomain %q already exists", b.Subdomain)
	}
	return err
}

// LockBrands makes the transaction's brand writes take turns with other transactions
// on PostgreSQL (reads go on), so that two brands created at once can't both find no
// brand and both become the default. SQLite's write transactions take turns anyway.
func (tx *Tx) LockBrands(ctx context.Context) error {
	if !tx.pg {
		return nil
	}
	_, err := tx.exec(ctx, "LOCK TABLE brands IN SHARE ROW EXCLUSIVE MODE")
	return err
}

// ClearDefaultBrand makes no brand but keep the default.
func (c *Conn) ClearDefaultBrand(ctx context.Context, keep int64, at time.Time) error {
	_, err := c.exec(ctx, "UPDATE brands SET is_default = ?, updated_at = ? WHERE is_default = ? AND id <> ?", false, at.UnixMicro(), true, keep)
	return err
}

// DeleteBrand turns a brand into a tombstone: it leaves every listing and lookup, and
// its subdomain is free for another brand. Tickets keep pointing at it.
func (c *Conn) DeleteBrand(ctx context.Context, id int64, at time.Time) error {
	_, err := c.exec(ctx, `UPDATE brands SET subdomain = subdomain || CAST(? AS TEXT), host_mapping = '', is_default = ?,
		active = ?, deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
		fmt.Sprintf(".deleted-%d", id), false, false, at.UnixMicro(), at.UnixMicro(), id)
	return err
}
