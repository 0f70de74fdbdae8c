package api

func (a *API) docRoutes() []route { return nil }
