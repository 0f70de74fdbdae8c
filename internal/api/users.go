package api

func (a *API) userRoutes() []route { return nil }
