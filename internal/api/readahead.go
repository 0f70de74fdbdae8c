package api

import (
	"context"
	"sync"
	"time"
)

// A consumer of an export works one page at a time: it asks for a page, decodes and
// loads it, and only then asks for the next (after_url, or next_page). Answering page by
// page, the server idles while the consumer works and the consumer waits while the
// server reads. So an export that answers a page short of the end of the stream starts
// reading the next one at once, and answers the consumer's request for it from that:
// reading and loading overlap.
//
// The export stays exact: a page read ahead is a page like any other, its horizon taken
// before its query (see export.go); it was only read a little before it was asked for,
// so it may stop short of what a page read at the request would hold, and the next page
// takes up from there. But a page read ahead that ends the stream is read again: a
// consumer told end_of_stream takes it that it has all there is up to a minute before it
// asked, not up to a minute before some earlier time. A page read ahead is answered for
// readAheadTTL at most, and only the page after one a consumer took is read ahead: an
// abandoned stream costs one page.

const (
	readAheadTTL = 10 * time.Second
	// readAheadMax bounds the pages read ahead and held at once, and so their memory.
	readAheadMax = 4
)

// readAhead holds the export pages read ahead, by their URL.
type readAhead struct {
	mu    sync.Mutex
	pages map[string]*aheadPage
}

// aheadPage is an export page's answer, read or being read.
type aheadPage struct {
	done chan struct{} // closed once read
	at   time.Time     // when its read began
	exportAnswer
	err error
}

// exportAnswer is the answer to an export page and the URL of the page after it, "" at
// the end of the stream.
type exportAnswer struct {
	body []byte
	next string
}

// take returns the page read ahead for url, waiting for it if it is still being read,
// or nil if there is none fit to answer with at now: none was read, or its read failed,
// is older than readAheadTTL, or ended the stream.
func (ra *readAhead) take(ctx context.Context, url string, now time.Time) *exportAnswer {
	ra.mu.Lock()
	p := ra.pages[url]
	delete(ra.pages, url)
	ra.mu.Unlock()
	if p == nil {
		return nil
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		return nil
	}
	if p.err != nil || now.Sub(p.at) > readAheadTTL || p.next == "" {
		return nil
	}
	return &p.exportAnswer
}

// start reads the page at url ahead with read, unless it is being read already or
// readAheadMax pages are held.
func (ra *readAhead) start(url string, now time.Time, read func(ctx context.Context) (exportAnswer, error)) {
	ra.mu.Lock()
	defer ra.mu.Unlock()
	if ra.pages == nil {
		ra.pages = map[string]*aheadPage{}
	}
	for u, p := range ra.pages {
		select {
		case <-p.done:
			if now.Sub(p.at) > readAheadTTL || p.err != nil {
				delete(ra.pages, u)
			}
		default:
		}
	}
	if ra.pages[url] != nil || len(ra.pages) >= readAheadMax {
		return
	}
	p := &aheadPage{done: make(chan struct{}), at: now}
	ra.pages[url] = p
	go func() {
		defer close(p.done)
		ctx, cancel := context.WithTimeout(context.Background(), readAheadTTL)
		defer cancel()
		p.exportAnswer, p.err = read(ctx)
	}()
}
