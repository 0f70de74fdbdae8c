package api

func (a *API) searchRoutes() []route { return nil }
