package api

func (a *API) exportRoutes() []route { return nil }
