package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/store"
)

// customersPerOrg is how many customers each of the 20 organizations has.
const customersPerOrg = 10

// person is a demo customer as the corpus makes them, before they have an id.
type person struct {
	Name     string
	Email    string // first.last@the organization's domain, in ASCII
	Domain   string // the organization's domain
	Lang     string // the organization's language; also the locale
	Phone    string // "" or a phone identity
	Telegram string // "" or a Telegram identity (a user name)
}

// people returns the demo's 200 customers, the same on every call: ten per
// organization, named in the organization's language, with unique emails; every
// seventh has a phone identity and every fifth a Telegram one.
func people() []person {
	r := rand.New(rand.NewPCG(seed, 1))
	seen := map[string]bool{}
	var out []person
	for oi, org := range organizations() {
		firsts, lasts := firstNames(org.Lang), lastNames(org.Lang)
		for k := range customersPerOrg {
			i := oi*customersPerOrg + k
			var p person
			for p.Email == "" || seen[p.Email] {
				first, last := pick(r, firsts), pick(r, lasts)
				p = person{Name: first + " " + last, Domain: org.Domain, Lang: org.Lang,
					Email: ascii(first) + "." + ascii(last) + "@" + org.Domain}
			}
			seen[p.Email] = true
			if i%7 == 3 {
				p.Phone = fmt.Sprintf("+1555%07d", 100+i)
			}
			if i%5 == 2 {
				local, _, _ := strings.Cut(p.Email, "@")
				p.Telegram = strings.ReplaceAll(local, ".", "_") + fmt.Sprint(i)
			}
			out = append(out, p)
		}
	}
	return out
}

// ascii spells a Spanish or Russian name in lower-case ASCII letters, for an email.
func ascii(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r == '-':
			b.WriteRune(r)
		case r >= 'а' && r <= 'я' || r == 'ё':
			b.WriteString(cyrillicLatin(r))
		default:
			b.WriteString(latinBase(r))
		}
	}
	return b.String()
}

// latinBase drops the accent of a Spanish letter; other characters are dropped.
func latinBase(r rune) string {
	switch r {
	case 'á':
		return "a"
	case 'é':
		return "e"
	case 'í':
		return "i"
	case 'ó':
		return "o"
	case 'ú', 'ü':
		return "u"
	case 'ñ':
		return "n"
	}
	return ""
}

// cyrillicLatin transliterates one lower-case Russian letter.
func cyrillicLatin(r rune) string {
	if r == 'ё' {
		return "e"
	}
	// а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я
	table := []string{"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
		"r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"}
	return table[r-'а']
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// customer is a demo customer with its ids.
type customer struct {
	person
	ID    int64
	OrgID int64
}

// desk is the loaded demo as the ticket generators use it: ids by corpus name.
type desk struct {
	brands    map[string]*fd.Brand // by corpus key: "learning", "cloud"
	groups    map[string]int64     // by name
	members   map[string][]int64   // group name → the ids of its demo agents
	agents    []*fd.User           // in corpus order
	customers []customer
	telegram  []int // indexes of the customers with a Telegram identity
	fields    fieldIDs
}

// openDesk reads the demo's brands, groups, agents and customers back from the database.
func openDesk(ctx context.Context, db *store.DB) (*desk, error) {
	rd := db.Read()
	d := &desk{brands: map[string]*fd.Brand{}, members: map[string][]int64{}}
	brands, err := rd.Brands(ctx)
	if err != nil {
		return nil, err
	}
	for _, b := range brands {
		if b.Subdomain == "learning" || b.Subdomain == "cloud" {
			d.brands[b.Subdomain] = b
		}
	}
	if len(d.brands) != 2 {
		return nil, fd.Errorf(fd.NotFound, "the demo's brands are missing")
	}
	if d.groups, err = groupIDs(ctx, db); err != nil {
		return nil, err
	}
	for _, a := range agents() {
		u, err := rd.UserByIdentity(ctx, fd.IdentityEmail, a.Email)
		if err != nil {
			return nil, fmt.Errorf("demo agent %s: %w", a.Email, err)
		}
		d.agents = append(d.agents, u)
		for _, g := range a.Groups {
			d.members[g] = append(d.members[g], u.ID)
		}
	}
	for _, p := range people() {
		u, err := rd.UserByIdentity(ctx, fd.IdentityEmail, p.Email)
		if err != nil {
			return nil, fmt.Errorf("demo customer %s: %w", p.Email, err)
		}
		if p.Telegram != "" {
			d.telegram = append(d.telegram, len(d.customers))
		}
		d.customers = append(d.customers, customer{person: p, ID: u.ID, OrgID: u.OrganizationID})
	}
	return d, nil
}

// language is the language a customer writes a ticket in: their organization's, and
// one time in ten another of the three.
func language(r *rand.Rand, c *customer) string {
	if r.IntN(10) != 0 {
		return c.Lang
	}
	others := []string{"en", "es", "ru"}
	for i, l := range others {
		if l == c.Lang {
			others = append(others[:i], others[i+1:]...)
			break
		}
	}
	return pick(r, others)
}

// via is how a customer's message arrives on a channel, with the addressing the
// channel would record.
func via(channel string, c *customer, b *fd.Brand) fd.Via {
	v := fd.Via{Channel: channel}
	switch channel {
	case fd.ChannelEmail:
		v.Source.From = map[string]any{"address": c.Email, "name": c.Name}
		v.Source.To = map[string]any{"address": b.SupportAddress, "name": b.Name}
	case fd.ChannelTelegram:
		v.Source.From = map[string]any{"username": c.Telegram, "name": c.Name}
	case fd.ChannelWebForm:
		v.Source.From = map[string]any{"address": c.Email, "name": c.Name}
		v.Source.Rel = "portal"
	}
	return v
}
