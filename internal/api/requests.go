package api

func (a *API) requestRoutes() []route { return nil }
