package store

// SetSearchThresholds lowers the SQLite search strategies' thresholds so a test's few
// tickets take every path: rare and common text, a full and an exceeded rank window.
// It returns the function that restores them.
func SetSearchThresholds(sparse, window int) (restore func()) {
	s, w := ftsSparse, searchWindow
	ftsSparse, searchWindow = sparse, window
	return func() { ftsSparse, searchWindow = s, w }
}
