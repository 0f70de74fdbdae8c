package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// syntheticWorkers is how many creates Synthetic keeps in flight, so that the ticket
// service's group commit gets full batches.
const syntheticWorkers = 512

// syntheticWindow is how far back before Now Synthetic's tickets reach.
const syntheticWindow = 365 * 24 * time.Hour

// syntheticEvery is how many tickets pass between Progress reports.
const syntheticEvery = 1000

// Synthetic adds n tickets for benchmarks, made from the corpus and spread evenly over the
// 365 days before Now in the order they are made, as a live help desk makes them (ids
// rise with creation time): random topics, languages mostly those of the requesters'
// organizations, channels, groups, and statuses from new to solved, assigned to an agent
// of their group unless new. It reuses the demo's people, groups and brands, loading the
// demo first when its marker is missing. Each ticket is one create, many in flight at
// once; Progress hears every 1,000 tickets. The content depends only on Now and the
// number of tickets already there. When ctx ends Synthetic stops and returns
// its error; the tickets already written stay.
func Synthetic(ctx context.Context, o Options, n int) error {
	loaded, err := isLoaded(ctx, o.DB)
	if err != nil {
		return err
	}
	if !loaded {
		quiet := o
		quiet.Progress = nil
		if _, err := Load(ctx, quiet); err != nil {
			return err
		}
	}
	d, err := openDesk(ctx, o.DB)
	if err != nil {
		return err
	}
	// The tickets already there vary the content between calls, reproducibly.
	before, err := o.DB.Read().Count(ctx, "tickets")
	if err != nil {
		return err
	}
	g := &synth{d: d, topics: topics(), now: o.now(), n: n, salt: seed<<32 ^ uint64(before)}
	return parallel(ctx, syntheticWorkers, n, func(ctx context.Context, i int) error {
		in := g.ticket(i)
		if _, err := o.Tickets.Create(ctx, in); err != nil {
			return fmt.Errorf("demo: synthetic ticket %d: %w", i, err)
		}
		return nil
	}, o.progress(n, syntheticEvery))
}

// synth makes synthetic tickets.
type synth struct {
	d      *desk
	topics []Topic
	now    time.Time
	n      int    // tickets in the run: the i-th is made at i/n of the window
	salt   uint64 // seeds the tickets' random choices with the ticket index
}

// ticket returns the i-th synthetic ticket, decided by i alone so workers need not
// share a random source.
func (g *synth) ticket(i int) ticket.NewTicket {
	r := rand.New(rand.NewPCG(g.salt, uint64(i)))
	tp := &g.topics[r.IntN(len(g.topics))]
	channel := pickChannel(r)
	c := pickCustomer(r, g.d, channel)
	lang := language(r, c)
	status := fd.Statuses[r.IntN(fd.StatusSolved.Rank())]
	group := pick(r, groupNames())
	brand := g.d.brands[tp.Brand]
	in := ticket.NewTicket{
		Subject: pick(r, tp.Subjects[lang]), Comment: ticket.NewComment{Body: pick(r, tp.Bodies[lang])},
		RequesterID: c.ID, BrandID: brand.ID, GroupID: g.d.groups[group], Status: status,
		Priority: fd.Priority(tp.Priority), Type: fd.TicketType(tp.Type), Tags: tp.Tags,
		Via: via(channel, c, brand),
		At:  g.now.Add(-syntheticWindow + time.Duration((float64(i)+r.Float64())/float64(g.n)*float64(syntheticWindow))).Truncate(time.Second),
	}
	if status != fd.StatusNew {
		in.AssigneeID = pick(r, g.d.members[group])
	}
	return in
}
