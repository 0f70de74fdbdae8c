package api

func (a *API) tokenRoutes() []route { return nil }
