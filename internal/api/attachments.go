package api

func (a *API) attachmentRoutes() []route { return nil }
