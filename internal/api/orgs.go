package api

func (a *API) orgRoutes() []route { return nil }
