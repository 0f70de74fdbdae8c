// Package bus carries change events to in-process listeners (live UI updates, chat
// fan-out) after the change has committed.
package bus

import (
	"log/slog"
	"sync"

	fd "github.com/frontdesk/frontdesk"
)

// Bus fans events out to subscribers. A subscriber that falls behind misses events
// rather than slowing the writer; it can reload what it shows.
type Bus struct {
	mu   sync.RWMutex
	subs map[chan fd.Event]struct{}
	log  *slog.Logger
}

// New returns an empty bus; log (nil for none) hears of dropped events.
func New(log *slog.Logger) *Bus {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Bus{subs: map[chan fd.Event]struct{}{}, log: log}
}

// Publish hands ev to every subscriber without blocking.
func (b *Bus) Publish(ev fd.Event) {
	b.mu.RLock()
	defer b.mu.RUnlock()
	for ch := range b.subs {
		select {
		case ch <- ev:
		default:
			b.log.Warn("event dropped for a slow subscriber", "type", ev.Type, "ticket", ev.TicketID)
		}
	}
}

// Subscribe returns a channel of events with room for buffer of them, and the function
// that ends the subscription and closes the channel.
func (b *Bus) Subscribe(buffer int) (<-chan fd.Event, func()) {
	ch := make(chan fd.Event, buffer)
	b.mu.Lock()
	b.subs[ch] = struct{}{}
	b.mu.Unlock()
	var once sync.Once
	return ch, func() {
		once.Do(func() {
			b.mu.Lock()
			delete(b.subs, ch)
			b.mu.Unlock()
			close(ch)
		})
	}
}
