package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	fd "github.com/frontdesk/frontdesk"
	"github.com/frontdesk/frontdesk/internal/ticket"
)

// loadTickets is how many tickets Load writes.
const loadTickets = 1000

// loadWindow is how far back before Now Load's tickets reach.
const loadWindow = 90 * 24 * time.Hour

// fieldIDs are the ids of the demo's custom ticket fields.
type fieldIDs struct {
	plan, order, course, refund, escalated int64
}

// createFields defines the demo's custom ticket fields: customers see their plan and
// refund, and give the order and course their request is about; escalation is the
// agents' own.
func createFields(ctx context.Context, svc *ticket.Service) (fieldIDs, error) {
	defs := []fd.TicketField{
		{Type: fd.FieldDropdown, Title: "Plan", Description: "The customer's subscription plan.", Options: []fd.FieldOption{
			{Name: "Free", Value: "plan_free"}, {Name: "Basic", Value: "plan_basic"},
			{Name: "Pro", Value: "plan_pro"}, {Name: "Enterprise", Value: "plan_enterprise"}},
			VisibleInPortal: true, TitleInPortal: "Your plan"},
		{Type: fd.FieldRegexp, Title: "Order number", Description: "As on the receipt, e.g. AB-123456.",
			Pattern: `[A-Z]{2}-\d{6}`, VisibleInPortal: true, EditableInPortal: true},
		{Type: fd.FieldInteger, Title: "Course ID", Description: "The course the request is about.",
			VisibleInPortal: true, EditableInPortal: true},
		{Type: fd.FieldDecimal, Title: "Refund amount", Description: "Amount to refund, in the order's currency.",
			VisibleInPortal: true},
		{Type: fd.FieldCheckbox, Title: "Escalated", Description: "Handed to the team lead.", Tag: "escalated",
			AgentDescription: "Set when a team lead takes the ticket over."},
	}
	ids := make([]int64, len(defs))
	for i, f := range defs {
		f.Position, f.Active = i+1, true
		created, err := svc.CreateField(ctx, f)
		if err != nil {
			return fieldIDs{}, fmt.Errorf("field %s: %w", f.Title, err)
		}
		ids[i] = created.ID
	}
	return fieldIDs{plan: ids[0], order: ids[1], course: ids[2], refund: ids[3], escalated: ids[4]}, nil
}

// values returns the custom fields a customer's ticket on this topic carries.
func (f fieldIDs) values(r *rand.Rand, tp *Topic) map[int64]any {
	v := map[int64]any{}
	if tp.Brand == "cloud" || tp.Group == "Billing" {
		v[f.plan] = pick(r, []string{"plan_free", "plan_basic", "plan_pro", "plan_enterprise"})
	}
	switch tp.Key {
	case "refund-request", "double-charge":
		v[f.refund] = fmt.Sprintf("%d.%02d", 9+r.IntN(290), r.IntN(100))
		fallthrough
	case "card-declined", "invoice-vat", "cancel-subscription":
		v[f.order] = fmt.Sprintf("%c%c-%06d", 'A'+r.IntN(26), 'A'+r.IntN(26), r.IntN(1000000))
	}
	if tp.Brand == "learning" && (tp.Group == "Support" || tp.Group == "Technical") {
		v[f.course] = fmt.Sprint(1000 + r.IntN(9000))
	}
	if len(v) == 0 {
		return nil
	}
	return v
}

// plan is one ticket's life, ready for the ticket service: its creation and the later
// changes, each at a later time than the one before.
type plan struct {
	create ticket.NewTicket
	steps  []ticket.Update
	// problem, for the problem ticket of an incident topic, is that topic's key.
	problem string
	// linkTo is the topic whose problem the first step links this incident to.
	linkTo string
}

// planTickets plans Load's tickets: first one problem ticket per incident topic, then
// the rest. Statuses come in fixed shares, shuffled.
func planTickets(d *desk, now time.Time) []*plan {
	r := rand.New(rand.NewPCG(seed, 2))
	statuses := statusMix(r)
	ts := topics()
	var plans []*plan
	for i := range ts {
		if ts[i].Type == string(fd.TypeIncident) {
			p := planTicket(r, d, &ts[i], statuses[len(plans)], now, true)
			p.problem = ts[i].Key
			plans = append(plans, p)
		}
	}
	for len(plans) < loadTickets {
		plans = append(plans, planTicket(r, d, &ts[r.IntN(len(ts))], statuses[len(plans)], now, false))
	}
	return plans
}

// statusMix returns Load's statuses in random order: 10 % new, 20 % open, 15 % pending,
// 5 % on hold, 30 % solved, 20 % closed.
func statusMix(r *rand.Rand) []fd.Status {
	shares := []struct {
		s       fd.Status
		percent int
	}{{fd.StatusNew, 10}, {fd.StatusOpen, 20}, {fd.StatusPending, 15}, {fd.StatusHold, 5},
		{fd.StatusSolved, 30}, {fd.StatusClosed, 20}}
	var out []fd.Status
	for _, sh := range shares {
		for range loadTickets * sh.percent / 100 {
			out = append(out, sh.s)
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// channelMix is how often each channel brings a ticket, in percent.
func channelMix() []struct {
	channel string
	percent int
} {
	return []struct {
		channel string
		percent int
	}{{fd.ChannelEmail, 35}, {fd.ChannelWebForm, 20}, {fd.ChannelChat, 14}, {fd.ChannelTelegram, 8},
		{fd.ChannelSlack, 7}, {fd.ChannelAPI, 7}, {fd.ChannelWeb, 9}}
}

// pickChannel picks a channel by channelMix.
func pickChannel(r *rand.Rand) string {
	n := r.IntN(100)
	for _, c := range channelMix() {
		if n < c.percent {
			return c.channel
		}
		n -= c.percent
	}
	return fd.ChannelEmail
}

// pickCustomer picks a requester who can write on the channel.
func pickCustomer(r *rand.Rand, d *desk, channel string) *customer {
	if channel == fd.ChannelTelegram && len(d.telegram) > 0 {
		return &d.customers[pick(r, d.telegram)]
	}
	return &d.customers[r.IntN(len(d.customers))]
}

// planTicket plans one ticket on a topic that ends in the given status. A problem
// ticket is filed by an agent at the start of the window, before its incidents.
func planTicket(r *rand.Rand, d *desk, tp *Topic, status fd.Status, now time.Time, problem bool) *plan {
	channel := pickChannel(r)
	if problem {
		channel = fd.ChannelWeb
	}
	c := pickCustomer(r, d, channel)
	lang := language(r, c)
	brand := d.brands[tp.Brand]
	in := ticket.NewTicket{
		Subject: pick(r, tp.Subjects[lang]), Comment: ticket.NewComment{Body: pick(r, tp.Bodies[lang])},
		RequesterID: c.ID, BrandID: brand.ID, GroupID: d.groups[tp.Group],
		Priority: fd.Priority(tp.Priority), Type: fd.TicketType(tp.Type), Tags: tp.Tags,
		CustomFields: d.fields.values(r, tp), Via: via(channel, c, brand),
	}
	if channel == fd.ChannelWeb {
		in.SubmitterID = pick(r, d.members[tp.Group]) // an agent files it for the customer
	}
	if problem {
		in.Type = fd.TypeProblem
	}
	l := &lifecycle{r: r, d: d, tp: tp, lang: lang, customer: c, via: in.Via, status: fd.StatusNew,
		assignee: pick(r, d.members[tp.Group])}
	l.script(status)
	// The last change lands at least a minute before now, the creation within the
	// status's age.
	in.At = now.Add(-loadWindow + time.Duration(r.Int64N(int64(6*time.Hour))))
	if !problem {
		room := maxAge(status) - l.offset - time.Minute
		in.At = now.Add(-time.Minute - l.offset - time.Duration(r.Int64N(int64(room))))
	}
	in.At = in.At.Truncate(time.Second)
	if in.Type == fd.TypeTask {
		in.DueAt = in.At.Add(time.Duration(48+r.IntN(10*24)) * time.Hour).Truncate(time.Hour)
	}
	for i := range l.steps {
		l.steps[i].At = in.At.Add(l.at[i])
	}
	p := &plan{create: in, steps: l.steps}
	if tp.Type == string(fd.TypeIncident) && !problem && len(p.steps) > 0 && r.IntN(10) < 7 {
		p.linkTo = tp.Key
	}
	return p
}

// maxAge bounds how old a ticket in a status is: new tickets are days old, unsolved ones
// weeks, solved and closed ones anything in the window.
func maxAge(s fd.Status) time.Duration {
	switch s {
	case fd.StatusNew:
		return 3 * 24 * time.Hour
	case fd.StatusOpen, fd.StatusPending, fd.StatusHold:
		return 30 * 24 * time.Hour
	}
	return loadWindow
}

// lifecycle builds the changes after a ticket's creation, with their offsets from it.
type lifecycle struct {
	r        *rand.Rand
	d        *desk
	tp       *Topic
	lang     string
	customer *customer
	via      fd.Via // the customer's channel
	assignee int64
	status   fd.Status
	assigned bool
	offset   time.Duration
	steps    []ticket.Update
	at       []time.Duration
}

// script adds the steps that take a new ticket to the final status.
func (l *lifecycle) script(final fd.Status) {
	switch final {
	case fd.StatusNew:
		return
	case fd.StatusOpen:
		if l.chance(50) {
			l.reply(fd.StatusPending)
			l.followUp()
		} else {
			l.note(fd.StatusOpen)
		}
	case fd.StatusPending:
		l.maybeNote()
		l.reply(fd.StatusPending)
	case fd.StatusHold:
		if l.chance(50) {
			l.reply(fd.StatusPending)
			l.followUp()
		}
		l.note(fd.StatusHold)
	case fd.StatusSolved, fd.StatusClosed:
		if l.chance(50) {
			l.reply(fd.StatusPending)
			l.followUp()
		}
		l.maybeNote()
		l.reply(fd.StatusSolved)
		if final == fd.StatusClosed {
			l.close()
		}
	}
}

// chance is true percent times in a hundred.
func (l *lifecycle) chance(percent int) bool { return l.r.IntN(100) < percent }

// wait returns a random duration between lo and hi minutes.
func (l *lifecycle) wait(lo, hi int) time.Duration {
	return time.Duration(lo+l.r.IntN(hi-lo+1)) * time.Minute
}

// add appends a change that happens after the previous one.
func (l *lifecycle) add(u ticket.Update, after time.Duration, next fd.Status) {
	if next != l.status {
		u.Status = &next
		l.status = next
	}
	l.offset += after
	l.steps = append(l.steps, u)
	l.at = append(l.at, l.offset)
}

// agentUpdate starts an agent's change; the first one assigns the ticket and, on
// urgent topics, sometimes escalates it.
func (l *lifecycle) agentUpdate(c ticket.NewComment) ticket.Update {
	u := ticket.Update{ActorID: l.assignee, Via: fd.Via{Channel: fd.ChannelWeb}, Comment: &c}
	if !l.assigned {
		l.assigned = true
		u.AssigneeID = &l.assignee
		if (l.tp.Priority == "urgent" || l.tp.Priority == "high") && l.chance(40) {
			u.CustomFields = map[int64]any{l.d.fields.escalated: true}
		}
	}
	return u
}

// reply adds a public agent reply that sets the status.
func (l *lifecycle) reply(next fd.Status) {
	first := !l.assigned
	u := l.agentUpdate(ticket.NewComment{Body: pick(l.r, l.tp.Replies[l.lang])})
	wait := l.wait(5, 8*60)
	if first {
		wait = l.wait(10, 14*60)
	}
	l.add(u, wait, next)
}

// note adds an internal note that sets the status.
func (l *lifecycle) note(next fd.Status) {
	u := l.agentUpdate(ticket.NewComment{Body: pick(l.r, l.tp.Notes), Private: true})
	l.add(u, l.wait(5, 4*60), next)
}

// maybeNote adds an internal note about a third of the time.
func (l *lifecycle) maybeNote() {
	if l.chance(35) {
		l.note(l.noteStatus())
	}
}

// noteStatus is the status a note leaves: a new ticket opens, others stay.
func (l *lifecycle) noteStatus() fd.Status {
	if l.status == fd.StatusNew {
		return fd.StatusOpen
	}
	return l.status
}

// followUp adds the customer's answer, through their channel; like a reply from a
// channel, it reopens a pending or solved ticket.
func (l *lifecycle) followUp() {
	u := ticket.Update{ActorID: l.customer.ID, Via: l.via,
		Comment: &ticket.NewComment{Body: pick(l.r, l.tp.FollowUps[l.lang])}}
	next := l.status
	if next == fd.StatusPending || next == fd.StatusSolved {
		next = fd.StatusOpen
	}
	l.add(u, l.wait(20, 30*60), next)
}

// close adds the automation that closes a solved ticket a few days later.
func (l *lifecycle) close() {
	u := ticket.Update{ActorID: l.assignee, Via: fd.Via{Channel: fd.ChannelRule}}
	l.add(u, l.wait(3*24*60, 5*24*60), fd.StatusClosed)
}

// runPlans writes the plans: the problem tickets first, then every other ticket's life
// concurrently, linking incidents to their problems.
func runPlans(ctx context.Context, o Options, plans []*plan) error {
	split := slices.IndexFunc(plans, func(p *plan) bool { return p.problem == "" })
	done := o.progress(len(plans), 1)
	problems := map[string]int64{}
	ids := make([]int64, split)
	err := parallel(ctx, loadWorkers, split, func(ctx context.Context, i int) error {
		var err error
		ids[i], err = runPlan(ctx, o.Tickets, plans[i], 0)
		return err
	}, done)
	if err != nil {
		return err
	}
	for i, p := range plans[:split] {
		problems[p.problem] = ids[i]
	}
	rest := plans[split:]
	return parallel(ctx, loadWorkers, len(rest), func(ctx context.Context, i int) error {
		_, err := runPlan(ctx, o.Tickets, rest[i], problems[rest[i].linkTo])
		return err
	}, done)
}

// runPlan creates a ticket and applies its later changes in order; the first change
// links the ticket to problemID when that is set.
func runPlan(ctx context.Context, svc *ticket.Service, p *plan, problemID int64) (int64, error) {
	t, err := svc.Create(ctx, p.create)
	if err != nil {
		return 0, fmt.Errorf("create %q: %w", p.create.Subject, err)
	}
	for i, u := range p.steps {
		u.TicketID = t.ID
		if i == 0 && problemID != 0 {
			u.ProblemID = &problemID
		}
		if _, err := svc.Update(ctx, u); err != nil {
			return 0, fmt.Errorf("ticket %d, change %d: %w", t.ID, i+1, err)
		}
	}
	return t.ID, nil
}
