package ticket

// SetCollectHook makes the file collector call f when it has found a file unreferenced
// and old, just before it moves it aside, so a test can upload in between.
func SetCollectHook(s *Service, f func(sum string)) { s.collectHook = f }
